import { defineProfile, type Source } from '../profile';

/**
 * The image's repository (the official image moved from docker-library/redis to redis/docker-library-redis). Its
 * snapshot here (master, October 2024) holds the 6.2 to 7.4 Dockerfiles and entrypoints under `<version>/<variant>/`.
 */
const REPO = 'redis/docker-library-redis';
const COMMIT = 'e5650da99bb377b2ed4f9f1ef993ff24729b1c16';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/**
 * Redis 8 images are built from `debian/` and `alpine/` on release branches newer than the snapshot, so they are cited
 * as the GitHub pages of the files at the commits read (an entrypoint from the 8.x line, the 8.6.4 Dockerfiles).
 */
const V8_ENTRYPOINT_COMMIT = '0d55be9aa67b917c2a45cadabf07518f356443b0';
const V8_DOCKERFILE_COMMIT = '0076c90a8028d29b25313f7272fa2d1245c3be76';
const v8 = (commit: string, path: string, excerpt: string): Source => ({
  url: `https://github.com/${REPO}/blob/${commit}/${path}`,
  excerpt,
});
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'redis/content.md', excerpt });
const OFFICIAL = 'docker-library/official-images';
const OFFICIAL_COMMIT = '37079fb336f572a88700cf32e5e1f6be54a04e8f';
/** util-linux: what `setpriv --bounding-set` needs. */
const UTIL_LINUX = 'util-linux/util-linux';
const UTIL_LINUX_COMMIT = '39465c780eed56034ed1440068a2722fc3331343';

const entrypoint7 = (excerpt: string): Source => at('7.4/debian/docker-entrypoint.sh', excerpt);
const runAsCaveat =
  "the data directory must be writable by that user: a new named volume is (the image makes /data redis's), a bind-mounted folder must be chowned to it";

/**
 * Up to 7.x the entrypoint, as root, chowns what in /data is not redis's and re-executes itself through gosu; with
 * `--user` it skips both. Under the `umask 0077` it sets, redis creates its append-only directory (`appendonlydir`,
 * mkdir 0755) as 0700, so the root `find` that walks /data on the next start needs DAC_OVERRIDE to search it, and the
 * script (`set -e`) stops when find fails.
 *
 * From 8.0 the entrypoint steps down with setpriv instead: only when the bounding set holds setuid and setgid (else it
 * runs redis-server as root), after fixing owner and mode of what in /data redis cannot read or write (failures are
 * warnings), and it empties the bounding set (`--bounding-set=-all`), which setpriv cannot do without SETPCAP.
 * The 8.6.4 Dockerfiles have no `VOLUME /data` (the 7.x ones do), so /data is state the service must mount.
 */
export default defineProfile({
  id: 'redis',
  title: 'Redis (Docker official image)',
  role: 'service',
  repositories: ['redis'],
  documentation: 'https://hub.docker.com/_/redis',
  latest: {
    major: 8,
    source: {
      repo: OFFICIAL,
      commit: OFFICIAL_COMMIT,
      path: 'library/redis',
      excerpt: 'Tags: 8.10.1, 8.10, 8, 8.10.1-trixie, 8.10-trixie, 8-trixie, latest, trixie',
    },
  },
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('7.4/debian/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'redis', uid: 999, gid: 999 },
      tool: 'gosu',
      source: entrypoint7(`if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	find . \\! -user redis -exec chown redis '{}' +
	exec gosu redis "$0" "$@"`),
    },
    runAs: {
      user: '999:999',
      name: 'redis',
      caveat: runAsCaveat,
      source: entrypoint7(`# allow the container to be started with \`--user\`
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then`),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to redis the files of /data that redis does not own',
        source: entrypoint7(`find . \\! -user redis -exec chown redis '{}' +`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint's find, as root, searches /data, where redis (under the umask 0077 the entrypoint sets) makes its append-only directory 0700; without it find fails and the script stops",
        source: entrypoint7(`if [ "$um" = '0022' ]; then
	umask 0077
fi`),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the redis group',
        source: entrypoint7('exec gosu redis "$0" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the redis user',
        source: entrypoint7('exec gosu redis "$0" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/data',
      kind: 'state',
      why: 'the working directory, where redis-server writes its RDB snapshot and append-only files',
      imageVolume: true,
      source: at(
        '7.4/debian/Dockerfile',
        `RUN mkdir /data && chown redis:redis /data
VOLUME /data
WORKDIR /data`,
      ),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create redis with uid 999 and gid 1000 (Alpine already has a gid 999).',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('7.4/alpine/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'redis', uid: 999, gid: 1000 },
          tool: 'gosu',
          source: at('7.4/alpine/docker-entrypoint.sh', 'exec gosu redis "$0" "$@"'),
        },
        runAs: {
          user: '999:1000',
          name: 'redis',
          caveat: runAsCaveat,
          source: at(
            '7.4/alpine/Dockerfile',
            `addgroup -S -g 1000 redis; \\
	adduser -S -G redis -u 999 redis`,
          ),
        },
      },
    },
    {
      when: { majorFrom: 8 },
      note: 'From Redis 8 the entrypoint steps down with setpriv, empties the capability bounding set, fixes owner and mode of unreadable files, and the Dockerfile declares no VOLUME.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: v8(V8_DOCKERFILE_COMMIT, 'debian/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'redis', uid: 999, gid: 999 },
          tool: 'setpriv',
          source: v8(
            V8_ENTRYPOINT_COMMIT,
            'debian/docker-entrypoint.sh',
            'SETPRIV="/usr/bin/setpriv --reuid redis --regid redis --clear-groups"',
          ),
        },
        runAs: {
          user: '999:999',
          name: 'redis',
          caveat: runAsCaveat,
          source: docs(
            'By default, the Redis Docker image drops privileges by switching to the redis user and removing unnecessary capabilities. This step is skipped if Docker is run with the `--user` option',
          ),
        },
      },
      capabilities: {
        asImageUser: [
          {
            capability: 'CHOWN',
            why: 'the entrypoint, as root, chowns to redis the files of /data (and the config file) that redis cannot read or write',
            source: docs(
              'Redis will attempt to correct the ownership and permissions of the data and configuration (since 8.0.2) directories and files if they are not set correctly.',
            ),
          },
          {
            capability: 'FOWNER',
            why: 'the entrypoint, as root, then chmods those files, which redis owns (u+rw, directories u+rwx)',
            source: v8(V8_ENTRYPOINT_COMMIT, 'debian/docker-entrypoint.sh', `err=$(chmod "u+$new_mode" "$file" 2>&1)`),
          },
          {
            capability: 'SETGID',
            why: 'setpriv switches to the redis group and clears the supplementary groups; without SETUID and SETGID in the bounding set the entrypoint runs redis-server as root',
            source: v8(
              V8_ENTRYPOINT_COMMIT,
              'debian/docker-entrypoint.sh',
              `if [ "$IS_REDIS_SERVER" ] && [ -z "$SKIP_DROP_PRIVS" ] && [ "$(id -u)" = '0' ] && has_cap setuid && has_cap setgid; then`,
            ),
          },
          {
            capability: 'SETPCAP',
            why: 'the entrypoint\'s setpriv empties the capability bounding set (--bounding-set=-all), which setpriv cannot do without CAP_SETPCAP: it exits with "apply bounding set"',
            source: {
              repo: UTIL_LINUX,
              commit: UTIL_LINUX_COMMIT,
              path: 'sys-utils/setpriv.c',
              excerpt: `errno = EPERM;	/* capng doesn't set errno if we're missing CAP_SETPCAP */
		if (capng_apply(CAPNG_SELECT_BOUNDS) != 0)
			err(SETPRIV_EXIT_PRIVERR, _("apply bounding set"));`,
            },
          },
          {
            capability: 'SETUID',
            why: 'setpriv switches to the redis user',
            source: docs(
              'By default, the Redis Docker image drops privileges by switching to the redis user and removing unnecessary capabilities.',
            ),
          },
        ],
        asRunAsUser: [],
      },
      paths: [
        {
          path: '/data',
          kind: 'state',
          why: 'the working directory, where redis-server writes its RDB snapshot and append-only files (no VOLUME: mount one)',
          source: v8(
            V8_DOCKERFILE_COMMIT,
            'debian/Dockerfile',
            `RUN mkdir /data && chown redis:redis /data
WORKDIR /data`,
          ),
        },
      ],
    },
    {
      when: { tag: 'alpine', majorFrom: 8 },
      note: 'Alpine Redis 8 variants run setpriv from /bin as redis, uid 999 and gid 1000.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: v8(V8_DOCKERFILE_COMMIT, 'alpine/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'redis', uid: 999, gid: 1000 },
          tool: 'setpriv',
          source: v8(
            V8_ENTRYPOINT_COMMIT,
            'alpine/docker-entrypoint.sh',
            'SETPRIV="/bin/setpriv --reuid redis --regid redis --clear-groups"',
          ),
        },
        runAs: {
          user: '999:1000',
          name: 'redis',
          caveat: runAsCaveat,
          source: v8(
            V8_DOCKERFILE_COMMIT,
            'alpine/Dockerfile',
            `addgroup -S -g 1000 redis; \\
	adduser -S -G redis -u 999 redis`,
          ),
        },
      },
    },
  ],
});
