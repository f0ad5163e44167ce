import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/ruby';
const COMMIT = 'd55e25ae709885250a4e9718c27a09f1e963ca79';

/** The Dockerfiles end with CMD and set no USER (nor create an account): containers run as root. */
const root = (path: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: {
    repo: REPO,
    commit: COMMIT,
    path,
    excerpt: `# adjust permissions of GEM_HOME for running "gem install" as an arbitrary user
	chmod 1777 "$GEM_HOME"

CMD [ "irb" ]`,
  } satisfies Source,
});

export default defineProfile({
  id: 'ruby',
  title: 'Ruby (Docker official image)',
  role: 'base',
  repositories: ['ruby'],
  documentation: 'https://hub.docker.com/_/ruby',
  user: { image: root('4.0/trixie/Dockerfile') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'slim' },
      note: 'Slim variants are built on debian:*-slim; they too set no USER and create no account.',
      user: { image: root('4.0/slim-trixie/Dockerfile') },
    },
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants are built on alpine; they too set no USER and create no account.',
      user: { image: root('4.0/alpine3.23/Dockerfile') },
    },
  ],
});
