import { defineProfile, type Source } from '../profile';

const REPO = 'MariaDB/mariadb-docker';
const COMMIT = '1b6429ba3544e134715c15f8c56cc6f665f827c9';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const entrypoint = (excerpt: string): Source => at('12.3/docker-entrypoint.sh', excerpt);
const runAsCaveat =
  "the data directory must be writable by that user: a new named volume is (the image makes /var/lib/mysql mysql's), a bind-mounted folder must be chowned to it";

/**
 * The Ubuntu-based images (every tag but `-ubi`) start as root: the entrypoint chowns what in the data directory is
 * not mysql's (and the socket's directory), then re-executes itself through gosu; started as another user it skips
 * both. mariadbd creates each database's directory 0700 (mysys `my_umask_dir`), so the root `find` over the data
 * directory on a later start needs DAC_OVERRIDE to search them (the script runs with `set -eo pipefail`). The
 * Ubuntu `useradd -r` gives mysql no fixed uid; the UBI Dockerfile pins 999:999 "for compatibility with the ubuntu
 * image". /run/mysqld is 1777 so that any uid can write the socket and lock files.
 *
 * The UBI images (`-ubi`, `-ubi9`, `-ubi10`) set `USER mysql`: no step-down and no capability, socket under
 * /run/mariadb.
 */
export default defineProfile({
  id: 'mariadb',
  title: 'MariaDB (Docker official image)',
  role: 'service',
  repositories: ['mariadb'],
  documentation: 'https://hub.docker.com/_/mariadb',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('12.3/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'mysql', uid: 999, gid: 999 },
      tool: 'gosu',
      source: entrypoint(`# If container is started as root user, restart as dedicated mysql user
		if [ "$(id -u)" = "0" ]; then
			mysql_note "Switching to dedicated user 'mysql'"
			exec gosu mysql "\${BASH_SOURCE[0]}" "$@"`),
    },
    runAs: {
      user: '999:999',
      name: 'mysql',
      caveat: runAsCaveat,
      source: at(
        '12.3/Dockerfile',
        '# ensure that /run/mysqld (used for socket and lock files) is writable regardless of the UID our mysqld instance ends up having at runtime',
      ),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to mysql the files of the data directory (and the socket directory) that mysql does not own',
        source: entrypoint(`find "$DATADIR" \\! -user mysql \\( -exec chown mysql: '{}' + -o -true \\)`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint's find, as root, searches the data directory, whose database directories mariadbd creates 0700 for mysql; without it find fails and the script (set -eo pipefail) stops",
        source: entrypoint(`find "$DATADIR" \\! -user mysql \\( -exec chown mysql: '{}' + -o -true \\)`),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the mysql group',
        source: entrypoint('exec gosu mysql "${BASH_SOURCE[0]}" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the mysql user',
        source: entrypoint('exec gosu mysql "${BASH_SOURCE[0]}" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/run/mysqld',
      kind: 'runtime',
      why: 'mariadbd writes its Unix socket and lock files there',
      source: at(
        '12.3/Dockerfile',
        `mkdir -p /var/lib/mysql /run/mysqld; \\
	chown -R mysql:mysql /var/lib/mysql /run/mysqld;`,
      ),
    },
    {
      path: '/var/lib/mysql',
      kind: 'state',
      why: 'the database files (datadir)',
      imageVolume: true,
      source: at('12.3/Dockerfile', 'VOLUME /var/lib/mysql'),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: '(^|-)ubi' },
      note: 'UBI variants run as mysql (999:999) from the start (USER mysql) and put the socket in /run/mariadb.',
      user: {
        image: { name: 'mysql', uid: 999, gid: 999, source: at('12.3-ubi/Dockerfile', 'USER mysql') },
        runAs: {
          user: '999:999',
          name: 'mysql',
          caveat: runAsCaveat,
          source: at(
            '12.3-ubi/Dockerfile',
            `# user 999/ group 999, that we want to use for compatibility with the ubuntu image.
RUN microdnf install -y shadow-utils && \\
	groupadd --gid 999 -r mysql && \\
	useradd -r -g mysql mysql --home-dir /var/lib/mysql --uid 999`,
          ),
        },
      },
      capabilities: { asImageUser: [], asRunAsUser: [] },
      paths: [
        {
          path: '/run/mariadb',
          kind: 'runtime',
          why: 'mariadbd writes its Unix socket (socket=/run/mariadb/mariadb.sock) and lock files there',
          source: at('12.3-ubi/docker.cnf', 'socket=/run/mariadb/mariadb.sock'),
        },
        {
          path: '/var/lib/mysql',
          kind: 'state',
          why: 'the database files (datadir)',
          imageVolume: true,
          source: at('12.3-ubi/Dockerfile', 'VOLUME /var/lib/mysql'),
        },
      ],
    },
  ],
});
