import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/golang';
const COMMIT = '7c8c182bfc19ee3169d0596ae63917d2c7166f94';

/** The final stage ends with WORKDIR and sets no USER (nor creates an account): containers run as root. */
const root = (path: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: {
    repo: REPO,
    commit: COMMIT,
    path,
    excerpt: `COPY --from=build --link /target/ /
RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"
WORKDIR $GOPATH`,
  } satisfies Source,
});

export default defineProfile({
  id: 'golang',
  title: 'Go (Docker official image)',
  role: 'base',
  repositories: ['golang'],
  documentation: 'https://hub.docker.com/_/golang',
  user: { image: root('1.27/trixie/Dockerfile') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'bookworm' },
      note: 'Bookworm variants are built the same way on buildpack-deps:bookworm-scm (no USER).',
      user: { image: root('1.27/bookworm/Dockerfile') },
    },
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants are built the same way on alpine (no USER).',
      user: { image: root('1.27/alpine3.24/Dockerfile') },
    },
  ],
});
