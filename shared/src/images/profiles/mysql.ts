import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/mysql';
const COMMIT = '7f30fdb0738041fc5125e8218e393e0a891243e9';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('9.7/Dockerfile.oracle', excerpt);
const entrypoint = (excerpt: string): Source => at('9.7/docker-entrypoint.sh', excerpt);
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';

/**
 * Every current tag (8.4, 9.7, innovation; `-oracle`/`-oraclelinux9` name the same images) is built on Oracle Linux 9
 * from one template: the repository has no Debian variant any more. The entrypoint, as root, creates the data,
 * socket, pid, log, keyring and secure-file-priv directories, chowns what in them is not mysql's, then re-executes
 * itself through gosu; started as another user it skips the chown. mysqld creates its database directories 0750
 * (mysys `my_umask_dir`) for mysql, so the root `find` over the data directory on a later start needs DAC_OVERRIDE to
 * search them (the script runs with `set -eo pipefail`). /var/lib/mysql and /var/run/mysqld are 1777 so that any uid
 * can use them.
 */
export default defineProfile({
  id: 'mysql',
  title: 'MySQL (Docker official image)',
  role: 'service',
  repositories: ['mysql'],
  documentation: 'https://hub.docker.com/_/mysql',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: dockerfile('ENTRYPOINT ["docker-entrypoint.sh"]') },
    stepsDown: {
      to: { name: 'mysql', uid: 999, gid: 999 },
      tool: 'gosu',
      source: entrypoint(`# If container is started as root user, restart as dedicated mysql user
		if [ "$(id -u)" = "0" ]; then
			mysql_note "Switching to dedicated user 'mysql'"
			exec gosu mysql "$BASH_SOURCE" "$@"`),
    },
    runAs: {
      user: '999:999',
      name: 'mysql',
      caveat:
        "the data directory must be writable by that user: a new named volume is (the image makes /var/lib/mysql mysql's and 1777), a bind-mounted folder must be chowned to it; any other non-root uid works the same way",
      source: {
        repo: DOCS,
        commit: DOCS_COMMIT,
        path: 'mysql/content.md',
        excerpt:
          'it is possible to invoke this image with `--user` set to any value (other than `root`/`0`) in order to achieve the desired access/configuration',
      },
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns to mysql the files of the data, socket and log directories that mysql does not own',
        source: entrypoint(`find "\${!dirs[@]}" \\! -user mysql -exec chown --no-dereference mysql '{}' +`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint's find, as root, searches the data directory, whose database directories mysqld creates 0750 for mysql; without it find fails and the script (set -eo pipefail) stops",
        source: entrypoint(`find "\${!dirs[@]}" \\! -user mysql -exec chown --no-dereference mysql '{}' +`),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the mysql group',
        source: entrypoint('exec gosu mysql "$BASH_SOURCE" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the mysql user',
        source: entrypoint('exec gosu mysql "$BASH_SOURCE" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/var/run/mysqld',
      kind: 'runtime',
      why: 'mysqld writes its Unix socket (socket=/var/run/mysqld/mysqld.sock) and lock files there',
      source: dockerfile(
        '# ensure that /var/run/mysqld (used for socket and lock files) is writable regardless of the UID our mysqld instance ends up having at runtime',
      ),
    },
    {
      path: '/var/lib/mysql',
      kind: 'state',
      why: 'the database files (datadir)',
      imageVolume: true,
      source: dockerfile('VOLUME /var/lib/mysql'),
    },
  ],
  publicPorts: [],
});
