import { defineProfile, type Source } from '../profile';

/** The image: Dockerfiles, entrypoints and default configuration (4.0 to 4.3, Ubuntu 24.04 and Alpine 3.23). */
const REPO = 'docker-library/rabbitmq';
const COMMIT = '9193c1de6d32046e0c1132841a7a4995b0dc32e0';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'rabbitmq/content.md', excerpt });

const runAsCaveat =
  'the data directory must be writable by that user (a new named volume is: the image makes /var/lib/rabbitmq mode 1777; a bind-mounted folder must be), and an existing .erlang.cookie there must be readable by it (mode 0600)';
const entrypointStepDown = (tool: string): string => `# allow the container to be started with \`--user\`
if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = '0' ]; then
	if [ "$1" = 'rabbitmq-server' ]; then
		find /var/lib/rabbitmq \\! -user rabbitmq -exec chown rabbitmq '{}' +
	fi

	exec ${tool} rabbitmq "$BASH_SOURCE" "$@"`;

/**
 * The entrypoint starts as root: for `rabbitmq-server` it chowns to rabbitmq what in /var/lib/rabbitmq is not
 * rabbitmq's, then re-executes itself through gosu (Ubuntu, 999:999) or su-exec (Alpine, 100:101); started with
 * `--user` it skips both. Everything the broker writes goes to /var/lib/rabbitmq, its HOME and a VOLUME: the mnesia /
 * database directory and the Erlang cookie the node generates on first start ($HOME/.erlang.cookie; /root/.erlang.cookie
 * links to it). The image's 10-defaults.conf sends logs to the console (`log.console = true`), and RabbitMQ (3.9+)
 * logs to a file only when no output is configured, so /var/log/rabbitmq is not written; /etc/rabbitmq is only read.
 *
 * The management tags (`-management`) add the rabbitmq_management plugin at build time and EXPOSE 15671/15672: nothing
 * here differs, so they resolve through the same facts (and `-management-alpine` through the Alpine variant).
 * No DAC_OVERRIDE is listed: nothing read shows that RabbitMQ makes directories in /var/lib/rabbitmq that root's find
 * could not search.
 */
export default defineProfile({
  id: 'rabbitmq',
  title: 'RabbitMQ (Docker official image)',
  role: 'service',
  repositories: ['rabbitmq'],
  documentation: 'https://hub.docker.com/_/rabbitmq',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('4.3/ubuntu/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'rabbitmq', uid: 999, gid: 999 },
      tool: 'gosu',
      source: at('4.3/ubuntu/docker-entrypoint.sh', entrypointStepDown('gosu')),
    },
    runAs: {
      user: '999:999',
      name: 'rabbitmq',
      caveat: runAsCaveat,
      source: at(
        '4.3/ubuntu/Dockerfile',
        `# set home so that any \`--user\` knows where to put the erlang cookie
ENV HOME=$RABBITMQ_DATA_DIR`,
      ),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to rabbitmq the files of /var/lib/rabbitmq that rabbitmq does not own',
        source: at(
          '4.3/ubuntu/docker-entrypoint.sh',
          `find /var/lib/rabbitmq \\! -user rabbitmq -exec chown rabbitmq '{}' +`,
        ),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the rabbitmq group',
        source: at('4.3/ubuntu/docker-entrypoint.sh', 'exec gosu rabbitmq "$BASH_SOURCE" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the rabbitmq user',
        source: at('4.3/ubuntu/docker-entrypoint.sh', 'exec gosu rabbitmq "$BASH_SOURCE" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/var/lib/rabbitmq',
      kind: 'state',
      why: "the node's data directory and HOME: its database (mnesia/<node name>) and the Erlang cookie it generates (.erlang.cookie)",
      imageVolume: true,
      source: at(
        '4.3/ubuntu/Dockerfile',
        `# Hint that the data (a.k.a. home dir) dir should be separate volume
VOLUME $RABBITMQ_DATA_DIR`,
      ),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create rabbitmq with uid 100 and gid 101 and step down with su-exec.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('4.3/alpine/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'rabbitmq', uid: 100, gid: 101 },
          tool: 'su-exec',
          source: at('4.3/alpine/docker-entrypoint.sh', entrypointStepDown('su-exec')),
        },
        runAs: {
          user: '100:101',
          name: 'rabbitmq',
          caveat: runAsCaveat,
          source: at(
            '4.3/alpine/Dockerfile',
            `addgroup -g 101 -S rabbitmq; \\
	adduser -u 100 -S -h "$RABBITMQ_DATA_DIR" -G rabbitmq rabbitmq;`,
          ),
        },
      },
      capabilities: {
        asImageUser: [
          {
            capability: 'CHOWN',
            why: 'the entrypoint, as root, chowns to rabbitmq the files of /var/lib/rabbitmq that rabbitmq does not own',
            source: at(
              '4.3/alpine/docker-entrypoint.sh',
              `find /var/lib/rabbitmq \\! -user rabbitmq -exec chown rabbitmq '{}' +`,
            ),
          },
          {
            capability: 'SETGID',
            why: 'su-exec switches to the rabbitmq group',
            source: at('4.3/alpine/docker-entrypoint.sh', 'exec su-exec rabbitmq "$BASH_SOURCE" "$@"'),
          },
          {
            capability: 'SETUID',
            why: 'su-exec switches to the rabbitmq user',
            source: at('4.3/alpine/docker-entrypoint.sh', 'exec su-exec rabbitmq "$BASH_SOURCE" "$@"'),
          },
        ],
        asRunAsUser: [],
      },
      paths: [
        {
          path: '/var/lib/rabbitmq',
          kind: 'state',
          why: "the node's data directory and HOME: its database (mnesia/<node name>) and the Erlang cookie it generates (.erlang.cookie)",
          imageVolume: true,
          source: docs('This image makes all of `/var/lib/rabbitmq` a volume by default.'),
        },
      ],
    },
  ],
});
