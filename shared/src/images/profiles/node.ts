import { defineProfile, type Source } from '../profile';

const REPO = 'nodejs/docker-node';
const COMMIT = 'f27d936f7d7ccdeec25cd2de33584c1a841f561d';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/** The Dockerfiles end with ENTRYPOINT and CMD and set no USER: containers start as root. */
const NO_USER = `COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]

CMD [ "node" ]`;

export default defineProfile({
  id: 'node',
  title: 'Node.js (Docker official image)',
  role: 'base',
  repositories: ['node'],
  documentation: 'https://hub.docker.com/_/node',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('26/trixie/Dockerfile', NO_USER) },
    accounts: [
      {
        name: 'node',
        uid: 1000,
        gid: 1000,
        source: at(
          '26/trixie/Dockerfile',
          `RUN groupadd --gid 1000 node \\
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node`,
        ),
      },
    ],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create node (uid and gid 1000) with addgroup and adduser.',
      user: {
        image: { name: 'root', uid: 0, gid: 0, source: at('26/alpine3.24/Dockerfile', NO_USER) },
        accounts: [
          {
            name: 'node',
            uid: 1000,
            gid: 1000,
            source: at(
              '26/alpine3.24/Dockerfile',
              `RUN addgroup -g 1000 node \\
    && adduser -u 1000 -G node -s /bin/sh -D node`,
            ),
          },
        ],
      },
    },
  ],
});
