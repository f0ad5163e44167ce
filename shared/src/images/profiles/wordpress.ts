import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/wordpress';
const COMMIT = 'bf223d1c2087b0b2c3b86eefa830fe4bbc2bce07';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** The default variant (php8.3, apache); the entrypoint is the same file in the apache, fpm and fpm-alpine directories. */
const APACHE_DIR = 'latest/php8.3/apache';
const entrypoint = (excerpt: string): Source => at(`${APACHE_DIR}/docker-entrypoint.sh`, excerpt);
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'wordpress/content.md', excerpt });
const phpDocs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'php/content.md', excerpt });
/** The php image the variants are built on (php:8.3-apache, php:8.3-fpm, php:8.3-fpm-alpine, php:8.3-alpine). */
const PHP = 'docker-library/php';
const PHP_COMMIT = '445bf414f1d5866f7aef715f1203eae043710070';
const php = (path: string, excerpt: string): Source => ({ repo: PHP, commit: PHP_COMMIT, path, excerpt });
const APACHE = 'apache/httpd';
const APACHE_COMMIT = 'f45abec1bd20396cea777a411bd5975abefad279';
const apache = (path: string, excerpt: string): Source => ({ repo: APACHE, commit: APACHE_COMMIT, path, excerpt });

const DEBIAN_PASSWD: Source = {
  repo: 'pexip/os-base-passwd',
  commit: '136721f0bf4463b8f3d7a6e7c0e4d6b92e8347e5',
  path: 'passwd.master',
  excerpt: 'www-data:*:33:33:www-data:/var/www:/usr/sbin/nologin',
};
const ALPINE_WWW_DATA = (variant: string): Source =>
  php(
    `8.3/alpine3.24/${variant}/Dockerfile`,
    `# ensure www-data user exists
RUN set -eux; \\
	adduser -u 82 -D -S -G www-data www-data
# 82 is the standard uid/gid for "www-data" in Alpine`,
  );

const CAVEAT =
  'the volume at /var/www/html must be writable by that user (a new named volume is: the image gives it to www-data)';
const FPM_RUN_AS = phpDocs(
  "For running the FPM variants as an arbitrary user, the `--user` flag to `docker run` should be used (which can accept both a username/group in the container's `/etc/passwd` file like `--user daemon` or a specific UID/GID like `--user 1000:1000`).",
);

const CHOWN = {
  capability: 'CHOWN',
  why: 'on the first start, the entrypoint, as root, chowns an empty root-owned /var/www/html and extracts WordPress there with `--owner www-data --group www-data`',
  source: entrypoint(`if [ "$uid" = '0' ] && [ "$(stat -c '%u:%g' .)" = '0:0' ]; then
			chown "$user:$group" .
		fi`),
};
const FOWNER = {
  capability: 'FOWNER',
  why: "on the first start, tar (as root) sets the times and mode of /var/www/html, which is www-data's",
  source: entrypoint(
    `# avoid "tar: .: Cannot utime: Operation not permitted" and "tar: .: Cannot change mode to rwxr-xr-x: Operation not permitted"`,
  ),
};
const DAC_OVERRIDE = {
  capability: 'DAC_OVERRIDE',
  why: "with WORDPRESS_* variables set, the entrypoint, as root, writes wp-config.php into /var/www/html, which is www-data's with mode rwxr-xr-x once WordPress is copied",
  source: entrypoint(`' "$wpConfigDocker" > wp-config.php
				if [ "$uid" = '0' ]; then
					# attempt to ensure that wp-config.php is owned by the run user`),
};

const HTML = (dir: string) => ({
  path: '/var/www/html',
  kind: 'state' as const,
  why: 'the WordPress installation (copied from /usr/src/wordpress on the first start), wp-config.php, themes, plugins and uploads',
  imageVolume: true,
  source: at(`${dir}/Dockerfile`, 'VOLUME /var/www/html'),
});
const READ_ONLY_PATHS = docs(
  'Run the result read-only, providing writeable storage for `/tmp`, `/run`, and (optionally) `wp-content/uploads`:',
);
const TMP = {
  path: '/tmp',
  kind: 'runtime' as const,
  why: "PHP's temp directory (uploads in progress, sessions); the image documentation gives it a tmpfs for a read-only run",
  source: READ_ONLY_PATHS,
};
const RUN = {
  path: '/run',
  kind: 'runtime' as const,
  why: "Apache's run and lock directories (/var/run/apache2, /var/lock/apache2, links into /run); the image documentation gives /run a tmpfs for a read-only run",
  source: READ_ONLY_PATHS,
};

/**
 * The apache and fpm containers start as root. The entrypoint copies /usr/src/wordpress into /var/www/html on the first
 * start (chowning to www-data when root), writes wp-config.php from the WORDPRESS_* variables, and ends with
 * `exec "$@"`: the Apache parent or the php-fpm master stays root and only its children run as www-data. So there is
 * no `stepsDown`, as in the httpd profile. The docs send `user:` to the php image's "Running as an arbitrary user"
 * section, and the entrypoint handles a non-root uid (no chown, `--no-overwrite-dir`). The `cli` variants are WP-CLI,
 * built on php:alpine with `USER www-data` (82).
 */
export default defineProfile({
  id: 'wordpress',
  title: 'WordPress (Docker official image)',
  role: 'service',
  repositories: ['wordpress'],
  documentation: 'https://hub.docker.com/_/wordpress',
  user: {
    image: {
      name: 'root',
      uid: 0,
      gid: 0,
      source: at(`${APACHE_DIR}/Dockerfile`, 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["apache2-foreground"]'),
    },
    runAs: {
      user: '33:33',
      name: 'www-data',
      caveat: `${CAVEAT}; Apache then binds port 80 as non-root, which needs net.ipv4.ip_unprivileged_port_start=0 (Docker's default outside host networking) or an Apache configuration on a port above 1024`,
      source: phpDocs(
        'you can add `--sysctl net.ipv4.ip_unprivileged_port_start=0` (which [will be the default in a future version of Docker](https://github.com/moby/moby/pull/41030)) and then `--user` should work as it does for FPM.',
      ),
    },
    accounts: [{ name: 'www-data', uid: 33, gid: 33, source: DEBIAN_PASSWD }],
  },
  capabilities: {
    asImageUser: [
      CHOWN,
      DAC_OVERRIDE,
      FOWNER,
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the Apache parent process, as root, binds port 80',
        source: apache(
          'docs/manual/invoking.xml',
          'it is necessary to have root privileges in order to start apache, so that it can bind to this privileged port.',
        ),
      },
      {
        capability: 'SETGID',
        why: 'mod_unixd switches each Apache child to `Group www-data`',
        source: apache('modules/arch/unix/mod_unixd.c', 'if (setgid(ap_unixd_config.group_id) == -1) {'),
      },
      {
        capability: 'SETUID',
        why: 'mod_unixd switches each Apache child to `User www-data`',
        source: apache('modules/arch/unix/mod_unixd.c', 'setuid(ap_unixd_config.user_id) == -1)) {'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [TMP, RUN, HTML(APACHE_DIR)],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP: the apache variants serve WordPress themselves (usually behind a TLS reverse proxy)',
      source: php('8.3/trixie/apache/Dockerfile', 'EXPOSE 80'),
    },
  ],
  variants: [
    {
      when: { tag: 'fpm' },
      note: 'The fpm variants run php-fpm on port 9000 for a separate web server (nothing to publish): its master stays root and runs its workers as www-data.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('latest/php8.3/fpm/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["php-fpm"]'),
        },
        runAs: { user: '33:33', name: 'www-data', caveat: CAVEAT, source: FPM_RUN_AS },
        accounts: [{ name: 'www-data', uid: 33, gid: 33, source: DEBIAN_PASSWD }],
      },
      capabilities: {
        asImageUser: [
          CHOWN,
          DAC_OVERRIDE,
          FOWNER,
          {
            capability: 'SETGID',
            why: 'the php-fpm master switches its workers to the pool group www-data',
            source: php(
              '8.3/trixie/fpm/Dockerfile',
              `--with-fpm-user=www-data \\
		--with-fpm-group=www-data \\`,
            ),
          },
          {
            capability: 'SETUID',
            why: 'the php-fpm master switches its workers to the pool user www-data',
            source: php(
              '8.3/trixie/fpm/Dockerfile',
              `--with-fpm-user=www-data \\
		--with-fpm-group=www-data \\`,
            ),
          },
        ],
        asRunAsUser: [],
      },
      paths: [TMP, RUN, HTML('latest/php8.3/fpm')],
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
          source: at('latest/php8.3/fpm-alpine/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["php-fpm"]'),
        },
        runAs: { user: '82:82', name: 'www-data', caveat: CAVEAT, source: FPM_RUN_AS },
        accounts: [{ name: 'www-data', uid: 82, gid: 82, source: ALPINE_WWW_DATA('fpm') }],
      },
    },
    {
      when: { tag: '^cli' },
      note: 'The cli variants are WP-CLI (`wp`), Alpine-based, running as www-data (82:82); they serve nothing and need no capability.',
      user: {
        image: {
          name: 'www-data',
          uid: 82,
          gid: 82,
          source: at('cli/php8.3/alpine/Dockerfile', 'USER www-data\nCMD ["wp", "shell"]'),
        },
        runAs: {
          user: '82:82',
          name: 'www-data',
          caveat:
            'against the volume of a Debian-based WordPress container, whose files are 33:33, the docs suggest `user: 33:33` instead',
          source: docs("they're based on Alpine, and have a default `USER` of Alpine's `www-data`, whose UID is `82`"),
        },
        accounts: [{ name: 'www-data', uid: 82, gid: 82, source: ALPINE_WWW_DATA('cli') }],
      },
      capabilities: { asImageUser: [], asRunAsUser: [] },
      paths: [HTML('cli/php8.3/alpine')],
      publicPorts: [],
    },
  ],
});
