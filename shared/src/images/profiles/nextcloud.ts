import { defineProfile, type Source } from '../profile';

const REPO = 'nextcloud/docker';
const COMMIT = '4de1eed65a44c61ecce601ef1d27abd2059b52e6';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** The entrypoint is the same file in every variant directory (apache, fpm, fpm-alpine). */
const entrypoint = (excerpt: string): Source => at('34/apache/entrypoint.sh', excerpt);
const readme = (excerpt: string): Source => at('README.md', excerpt);
/** The php image the variants are built on (php:8.5-apache-trixie, php:8.5-fpm-trixie, php:8.5-fpm-alpine3.24). */
const PHP = 'docker-library/php';
const PHP_COMMIT = '445bf414f1d5866f7aef715f1203eae043710070';
const php = (path: string, excerpt: string): Source => ({ repo: PHP, commit: PHP_COMMIT, path, excerpt });
/** Apache httpd itself, branch 2.4.x (mod_unixd, the manual). */
const APACHE = 'apache/httpd';
const APACHE_COMMIT = 'f45abec1bd20396cea777a411bd5975abefad279';
const apache = (path: string, excerpt: string): Source => ({ repo: APACHE, commit: APACHE_COMMIT, path, excerpt });
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';

/** Debian's www-data (base-passwd), which the Debian-based php images hand /var/www/html. */
const DEBIAN_PASSWD: Source = {
  repo: 'pexip/os-base-passwd',
  commit: '136721f0bf4463b8f3d7a6e7c0e4d6b92e8347e5',
  path: 'passwd.master',
  excerpt: 'www-data:*:33:33:www-data:/var/www:/usr/sbin/nologin',
};
const ALPINE_WWW_DATA = php(
  '8.5/alpine3.24/fpm/Dockerfile',
  `# ensure www-data user exists
RUN set -eux; \\
	adduser -u 82 -D -S -G www-data www-data
# 82 is the standard uid/gid for "www-data" in Alpine`,
);

const RUN_AS = readme(
  'When changing the default user, the image will no longer assume it has root privileges and will run all processes under the specified uid. To accomplish this, use the `--user` / `user` option in your container environment.',
);
const RUN_AS_CAVEAT =
  'the volume at /var/www/html must belong to that user (a new named volume does: the image gives it to www-data)';

const RSYNC_CHOWN = {
  capability: 'CHOWN',
  why: 'on a first start or an upgrade, the entrypoint, as root, rsyncs the Nextcloud release into /var/www/html with `--chown www-data:www-data`',
  source: entrypoint(`if [ "$(id -u)" = 0 ]; then
                rsync_options="-rlDog --chown $user:$group"`),
};
const RSYNC_DAC = {
  capability: 'DAC_OVERRIDE',
  why: "on an upgrade, the entrypoint, as root, rsyncs (and deletes) files in /var/www/html, whose directories are www-data's from the previous install",
  source: entrypoint(
    'rsync $rsync_options --delete --exclude-from=/upgrade.exclude /usr/src/nextcloud/ /var/www/html/',
  ),
};
const SU_SETGID = {
  capability: 'SETGID',
  why: 'the entrypoint, as root, runs occ (install, upgrade, hooks) as www-data with `su -p`',
  source: entrypoint(`run_as() {
    if [ "$(id -u)" = 0 ]; then
        su -p "$user" -s /bin/sh -c "$1"`),
};
const SU_SETUID = { ...SU_SETGID, capability: 'SETUID' };

const TMP = {
  path: '/tmp',
  kind: 'runtime' as const,
  why: "PHP's temp directory (uploads in progress, sessions when no Redis is set); the entrypoint also writes its list of enabled apps there on an upgrade",
  source: entrypoint('get_enabled_apps > /tmp/list_before'),
};
const HTML = {
  path: '/var/www/html',
  kind: 'state' as const,
  why: "the Nextcloud installation, its config, apps and (by default) the users' files, synced from /usr/src/nextcloud by the entrypoint",
  imageVolume: true,
  source: at('34/apache/Dockerfile', 'VOLUME /var/www/html'),
};

/**
 * The containers start as root. The entrypoint rsyncs /usr/src/nextcloud into /var/www/html (chowning to www-data
 * when root), runs occ as www-data through `su -p`, and ends with `exec "$@"`: the Apache parent (apache variant) or
 * the php-fpm master (fpm variants) stays root and only its children run as www-data (Apache's `User`, php-fpm's pool
 * user). So there is no `stepsDown` (the service does not leave root), as in the httpd profile. The README documents
 * `user:`: run as another uid, the entrypoint skips the chown and runs everything as that uid.
 *
 * Left out: with REDIS_HOST set, the entrypoint writes /usr/local/etc/php/conf.d/redis-session.ini, and with
 * APACHE_DISABLE_REWRITE_IP it runs `a2disconf remoteip`; both write the image's configuration, which a read-only root
 * refuses, and a tmpfs there would hide the image's own ini and conf files. No profile field says "read-only only
 * without these variables", so this is a note, not `readOnlyUnsupported`.
 */
export default defineProfile({
  id: 'nextcloud',
  title: 'Nextcloud (Docker official image)',
  role: 'service',
  repositories: ['nextcloud'],
  documentation: 'https://hub.docker.com/_/nextcloud',
  user: {
    image: {
      name: 'root',
      uid: 0,
      gid: 0,
      source: at('34/apache/Dockerfile', 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["apache2-foreground"]'),
    },
    runAs: {
      user: '33:33',
      name: 'www-data',
      caveat: `${RUN_AS_CAVEAT}; the apache variant then binds port 80 as non-root, which needs net.ipv4.ip_unprivileged_port_start=0 (Docker's default outside host networking) or an Apache configuration on a port above 1024`,
      source: RUN_AS,
    },
    accounts: [{ name: 'www-data', uid: 33, gid: 33, source: DEBIAN_PASSWD }],
  },
  capabilities: {
    asImageUser: [
      RSYNC_CHOWN,
      RSYNC_DAC,
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the Apache parent process, as root, binds port 80',
        source: apache(
          'docs/manual/invoking.xml',
          'it is necessary to have root privileges in order to start apache, so that it can bind to this privileged port.',
        ),
      },
      {
        ...SU_SETGID,
        why: 'the entrypoint, as root, runs occ as www-data with `su -p`, and mod_unixd switches each Apache child to `Group www-data`',
        source: apache('modules/arch/unix/mod_unixd.c', 'if (setgid(ap_unixd_config.group_id) == -1) {'),
      },
      {
        ...SU_SETUID,
        why: 'the entrypoint, as root, runs occ as www-data with `su -p`, and mod_unixd switches each Apache child to `User www-data`',
        source: apache('modules/arch/unix/mod_unixd.c', 'setuid(ap_unixd_config.user_id) == -1)) {'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/var/run/apache2',
      kind: 'runtime',
      why: "Apache's run directory (APACHE_RUN_DIR): its pid file, which apache2-foreground removes at every start",
      source: php(
        '8.5/trixie/apache/apache2-foreground',
        `# Apache gets grumpy about PID files pre-existing
: "\${APACHE_RUN_DIR:=/var/run/apache2}"
: "\${APACHE_PID_FILE:=$APACHE_RUN_DIR/apache2.pid}"
rm -f "$APACHE_PID_FILE"`,
      ),
    },
    {
      path: '/var/lock',
      kind: 'runtime',
      why: "Apache's lock directory (APACHE_LOCK_DIR, under /var/lock, a link to /run/lock): its mutex files; apache2-foreground recreates the directory in an empty /var/lock",
      source: php(
        '8.5/trixie/apache/apache2-foreground',
        `# create missing directories
# (especially APACHE_RUN_DIR, APACHE_LOCK_DIR, and APACHE_LOG_DIR)
for e in "\${!APACHE_@}"; do
	if [[ "$e" == *_DIR ]] && [[ "\${!e}" == /* ]]; then
		# handle "/var/lock" being a symlink to "/run/lock", but "/run/lock" not existing beforehand, so "/var/lock/something" fails to mkdir`,
      ),
    },
    TMP,
    HTML,
  ],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP: the apache image serves Nextcloud itself (usually behind a TLS reverse proxy)',
      source: {
        repo: DOCS,
        commit: DOCS_COMMIT,
        path: 'nextcloud/content.md',
        excerpt: 'The apache image contains a webserver and exposes port 80.',
      },
    },
  ],
  variants: [
    {
      when: { tag: 'fpm' },
      note: 'The fpm variants run php-fpm on port 9000 for a separate web server (no Apache, nothing to publish): its master stays root and runs its workers as www-data.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('34/fpm/Dockerfile', 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["php-fpm"]'),
        },
        runAs: { user: '33:33', name: 'www-data', caveat: RUN_AS_CAVEAT, source: RUN_AS },
        accounts: [{ name: 'www-data', uid: 33, gid: 33, source: DEBIAN_PASSWD }],
      },
      capabilities: {
        asImageUser: [
          RSYNC_CHOWN,
          RSYNC_DAC,
          {
            ...SU_SETGID,
            why: 'the entrypoint, as root, runs occ as www-data with `su -p`, and the php-fpm master switches its workers to the pool group www-data',
          },
          {
            ...SU_SETUID,
            why: 'the entrypoint, as root, runs occ as www-data with `su -p`, and the php-fpm master switches its workers to the pool user www-data',
            source: php(
              '8.5/trixie/fpm/Dockerfile',
              `--with-fpm-user=www-data \\
		--with-fpm-group=www-data \\`,
            ),
          },
        ],
        asRunAsUser: [],
      },
      paths: [TMP, { ...HTML, source: at('34/fpm/Dockerfile', 'VOLUME /var/www/html') }],
      publicPorts: [],
    },
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants (fpm-alpine) create www-data with uid and gid 82.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('34/fpm-alpine/Dockerfile', 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["php-fpm"]'),
        },
        runAs: { user: '82:82', name: 'www-data', caveat: RUN_AS_CAVEAT, source: RUN_AS },
        accounts: [{ name: 'www-data', uid: 82, gid: 82, source: ALPINE_WWW_DATA }],
      },
    },
  ],
});
