import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/httpd';
const COMMIT = '9b63b37c9be3b42d16b924ebb40af3cc40793119';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** Apache httpd itself, branch 2.4.x. */
const APACHE = 'apache/httpd';
const APACHE_COMMIT = 'f45abec1bd20396cea777a411bd5975abefad279';
const apache = (path: string, excerpt: string): Source => ({ repo: APACHE, commit: APACHE_COMMIT, path, excerpt });
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';

/**
 * The parent httpd process stays root (httpd-foreground ends with `exec httpd -DFOREGROUND`, no gosu); mod_unixd
 * switches only the children to `User`/`Group`, which the Dockerfile sets to www-data (uid 33 on Debian, 82 on Alpine).
 * So there is no `stepsDown` and no `runAs`. The same facts hold for the Debian and Alpine variants.
 */
export default defineProfile({
  id: 'httpd',
  title: 'Apache HTTP Server (Docker official image)',
  role: 'service',
  repositories: ['httpd'],
  documentation: 'https://hub.docker.com/_/httpd',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('2.4/Dockerfile', 'CMD ["httpd-foreground"]') },
    needsRoot: {
      why: 'the default configuration listens on port 80, and the parent process stays root while its children run as www-data',
      source: apache(
        'docs/manual/invoking.xml',
        `specified in the configuration file is default of 80 (or any other
    port below 1024), then it is necessary to have root privileges in
    order to start apache, so that it can bind to this privileged
    port.`,
      ),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the parent process, as root, binds port 80',
        source: apache(
          'docs/manual/invoking.xml',
          'it is necessary to have root privileges in order to start apache, so that it can bind to this privileged port.',
        ),
      },
      {
        capability: 'SETGID',
        why: 'mod_unixd switches each child to `Group www-data` (setgid, initgroups)',
        source: apache('modules/arch/unix/mod_unixd.c', 'if (setgid(ap_unixd_config.group_id) == -1) {'),
      },
      {
        capability: 'SETUID',
        why: 'mod_unixd switches each child to `User www-data`',
        source: apache('modules/arch/unix/mod_unixd.c', 'setuid(ap_unixd_config.user_id) == -1)) {'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/usr/local/apache2/logs',
      kind: 'runtime',
      why: 'httpd writes its pid file there (logs/httpd.pid under the ServerRoot), the default runtime directory; the image sends the logs themselves to stdout and stderr',
      source: at(
        '2.4/httpd-foreground',
        `# Apache gets grumpy about PID files pre-existing
rm -f /usr/local/apache2/logs/httpd.pid`,
      ),
    },
  ],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP: serving other hosts is what a web server is for',
      source: at('2.4/Dockerfile', 'EXPOSE 80'),
    },
    {
      port: 443,
      protocol: 'tcp',
      why: 'HTTPS, once conf/extra/httpd-ssl.conf is included',
      source: {
        repo: DOCS,
        commit: DOCS_COMMIT,
        path: 'httpd/content.md',
        excerpt:
          'The `conf/extra/httpd-ssl.conf` configuration file will use the certificate files previously added and tell the daemon to also listen on port 443.',
      },
    },
  ],
});
