import { defineProfile, type Source } from '../profile';

const REPO = 'alpinelinux/docker-alpine';
/** The newest release branch in the snapshot read (v3.20); every release branch's Dockerfile has the same three lines. */
const RELEASE_COMMIT = '7d63673353bd39d92ba42f6effcc199aeebd45ee';
/** The edge branch. */
const EDGE_COMMIT = '446ba06f99cf635657b51b1a5a0e81a9b8073929';

export default defineProfile({
  id: 'alpine',
  title: 'Alpine Linux (Docker official image)',
  role: 'base',
  repositories: ['alpine'],
  documentation: 'https://hub.docker.com/_/alpine',
  user: {
    image: {
      name: 'root',
      uid: 0,
      gid: 0,
      source: {
        repo: REPO,
        commit: RELEASE_COMMIT,
        path: 'x86_64/Dockerfile',
        excerpt: `FROM scratch
ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /
CMD ["/bin/sh"]`,
      } satisfies Source,
    },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: '^edge$|^\\d{8}$' },
      note: 'Edge tags are snapshots of the development branch, built the same way (no USER).',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: {
            repo: REPO,
            commit: EDGE_COMMIT,
            path: 'x86_64/Dockerfile',
            excerpt: `FROM scratch
ADD alpine-minirootfs-20240923-x86_64.tar.gz /
CMD ["/bin/sh"]`,
          },
        },
      },
    },
  ],
});
