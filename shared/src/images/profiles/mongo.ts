import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/mongo';
const COMMIT = '2c69a57b939afb99266e8f97258adb178e9559e0';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('8.0/Dockerfile', excerpt);
const entrypoint = (excerpt: string): Source => at('8.0/docker-entrypoint.sh', excerpt);

/**
 * The Linux images (7.0 on jammy, 8.x on noble; one template) start as root: for `mongod` the entrypoint chowns what
 * in /data/configdb and /data/db is not mongodb's, chowns its stdout and stderr (errors ignored), then re-executes
 * itself through gosu; started as another user it skips both. It writes its parsed configuration (and, on first
 * initialisation, the temporary server's pid file) under $TMPDIR, /tmp by default. The Windows tags
 * (windowsservercore, nanoserver) are Windows containers these Linux facts do not describe.
 */
export default defineProfile({
  id: 'mongo',
  title: 'MongoDB (Docker official image)',
  role: 'service',
  repositories: ['mongo'],
  documentation: 'https://hub.docker.com/_/mongo',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: dockerfile('ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'mongodb', uid: 999, gid: 999 },
      tool: 'gosu',
      source: entrypoint('exec gosu mongodb "$BASH_SOURCE" "$@"'),
    },
    runAs: {
      user: '999:999',
      name: 'mongodb',
      caveat:
        "/data/db and /data/configdb must be writable by that user: new named volumes are (the image makes them mongodb's), bind-mounted folders must be chowned to it",
      source: entrypoint(`# allow the container to be started with \`--user\`
# all mongo* commands should be dropped to the correct user
if [[ "$originalArgOne" == mongo* ]] && [ "$(id -u)" = '0' ]; then`),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to mongodb the files of /data/configdb and /data/db that mongodb does not own',
        source: entrypoint(`find -L /data/configdb /data/db \\! -user mongodb -exec chown mongodb '{}' +`),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the mongodb group',
        source: entrypoint('exec gosu mongodb "$BASH_SOURCE" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the mongodb user',
        source: entrypoint('exec gosu mongodb "$BASH_SOURCE" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "the entrypoint writes its parsed copy of the configuration there ($TMPDIR), and the first start's temporary server its pid file",
      source: entrypoint(`: "\${TMPDIR:=/tmp}"
jsonConfigFile="$TMPDIR/docker-entrypoint-config.json"
tempConfigFile="$TMPDIR/docker-entrypoint-temp-config.json"`),
    },
    {
      path: '/data/db',
      kind: 'state',
      why: 'the database files (dbPath)',
      imageVolume: true,
      source: dockerfile('VOLUME /data/db /data/configdb'),
    },
    {
      path: '/data/configdb',
      kind: 'state',
      why: 'the data of a config server (--configsvr)',
      imageVolume: true,
      source: dockerfile('VOLUME /data/db /data/configdb'),
    },
  ],
  publicPorts: [],
});
