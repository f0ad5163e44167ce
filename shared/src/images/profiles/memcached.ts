import { defineProfile, type Source } from '../profile';

/** The image: Dockerfiles and entrypoint (memcached 1.6.45, Debian trixie and Alpine 3.24). */
const REPO = 'docker-library/memcached';
const COMMIT = '53ac0ecb0bf88b471a0110f8996ce791baf1a667';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/**
 * The image runs as `memcache` (11211:11211) from the start (`USER memcache` after the ENTRYPOINT); the entrypoint
 * only prepends `memcached` when the first argument is an option and then `exec "$@"`: no step-down, no capability.
 * memcached keeps its cache in memory and the image declares no VOLUME and writes no file by default, so a read-only
 * root needs no path. Port 11211 is exposed for the application servers of the same deployment, not for other hosts.
 */
export default defineProfile({
  id: 'memcached',
  title: 'Memcached (Docker official image)',
  role: 'service',
  repositories: ['memcached'],
  documentation: 'https://hub.docker.com/_/memcached',
  user: {
    image: { name: 'memcache', uid: 11211, gid: 11211, source: at('1/debian/Dockerfile', 'USER memcache') },
    runAs: {
      user: '11211:11211',
      name: 'memcache',
      source: at(
        '1/debian/Dockerfile',
        `groupadd --system --gid 11211 memcache; \\
	useradd --system --gid memcache --uid 11211 memcache`,
      ),
    },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create memcache with the same uid and gid 11211 (addgroup/adduser).',
      user: {
        image: { name: 'memcache', uid: 11211, gid: 11211, source: at('1/alpine/Dockerfile', 'USER memcache') },
        runAs: {
          user: '11211:11211',
          name: 'memcache',
          source: at(
            '1/alpine/Dockerfile',
            `addgroup -g 11211 memcache; \\
	adduser -D -u 11211 -G memcache memcache`,
          ),
        },
      },
    },
  ],
});
