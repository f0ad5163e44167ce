import { defineProfile, type Source } from '../profile';

const REPO = 'valkey-io/valkey-container';
const COMMIT = 'ae6141ea5d62c775b8bdb9be7396b951da435673';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const entrypoint = (excerpt: string): Source => at('8.0/debian/docker-entrypoint.sh', excerpt);
const runAsCaveat =
  "the data directory must be writable by that user: a new named volume is (the image makes /data valkey's), a bind-mounted folder must be chowned to it";

/**
 * The entrypoint (the same for 7.2, 8.0 and unstable; later lines keep it) chowns, as root, what in /data is not
 * valkey's and re-executes itself through setpriv (uid, gid and supplementary groups only: it leaves the bounding set
 * alone, so no SETPCAP); with `--user` it skips both. Under the `umask 0077` it sets, the append-only directory valkey
 * creates in /data is 0700, so the root `find` of the next start needs DAC_OVERRIDE to search it (the script runs
 * with `set -e`).
 */
export default defineProfile({
  id: 'valkey',
  title: 'Valkey (official Valkey image)',
  role: 'service',
  repositories: ['valkey/valkey'],
  documentation: 'https://hub.docker.com/r/valkey/valkey',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('8.0/debian/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'valkey', uid: 999, gid: 999 },
      tool: 'setpriv',
      source: entrypoint(`if [ "$1" = 'valkey-server' -a "$(id -u)" = '0' ]; then
	find . \\! -user valkey -exec chown valkey '{}' +
	exec setpriv --reuid=valkey --regid=valkey --clear-groups -- "$0" "$@"`),
    },
    runAs: {
      user: '999:999',
      name: 'valkey',
      caveat: runAsCaveat,
      source: entrypoint(`# allow the container to be started with \`--user\`
if [ "$1" = 'valkey-server' -a "$(id -u)" = '0' ]; then`),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to valkey the files of /data that valkey does not own',
        source: entrypoint(`find . \\! -user valkey -exec chown valkey '{}' +`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint's find, as root, searches /data, where valkey (under the umask 0077 the entrypoint sets) makes its append-only directory 0700; without it find fails and the script stops",
        source: entrypoint(`if [ "$um" = '0022' ]; then
	umask 0077
fi`),
      },
      {
        capability: 'SETGID',
        why: 'setpriv switches to the valkey group and clears the supplementary groups',
        source: entrypoint('exec setpriv --reuid=valkey --regid=valkey --clear-groups -- "$0" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'setpriv switches to the valkey user',
        source: entrypoint('exec setpriv --reuid=valkey --regid=valkey --clear-groups -- "$0" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/data',
      kind: 'state',
      why: 'the working directory, where valkey-server writes its RDB snapshot and append-only files',
      imageVolume: true,
      source: at(
        '8.0/debian/Dockerfile',
        `RUN mkdir /data && chown valkey:valkey /data
VOLUME /data
WORKDIR /data`,
      ),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create valkey with uid 999 and gid 1000 (Alpine already has a gid 999).',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('8.0/alpine/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'valkey', uid: 999, gid: 1000 },
          tool: 'setpriv',
          source: at(
            '8.0/alpine/docker-entrypoint.sh',
            'exec setpriv --reuid=valkey --regid=valkey --clear-groups -- "$0" "$@"',
          ),
        },
        runAs: {
          user: '999:1000',
          name: 'valkey',
          caveat: runAsCaveat,
          source: at(
            '8.0/alpine/Dockerfile',
            `addgroup -S -g 1000 valkey; \\
	adduser -S -G valkey -u 999 valkey`,
          ),
        },
      },
    },
  ],
});
