import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/php';
const COMMIT = '445bf414f1d5866f7aef715f1203eae043710070';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/** The Dockerfiles end with ENTRYPOINT and CMD and set no USER: containers start as root. */
const NO_USER = `ENTRYPOINT ["docker-php-entrypoint"]
CMD ["php", "-a"]`;

/**
 * The Debian variants do not create www-data: it comes with Debian (base-passwd's passwd.master, uid and gid 33), and
 * the Dockerfile hands it the document root (`chown www-data:www-data /var/www/html`). Debian's base-passwd is cited
 * from Pexip's repackaging of the bookworm package (base-passwd 3.6.1), a git copy of the Debian source.
 */
const DEBIAN_PASSWD: Source = {
  repo: 'pexip/os-base-passwd',
  commit: '136721f0bf4463b8f3d7a6e7c0e4d6b92e8347e5',
  path: 'passwd.master',
  excerpt: 'www-data:*:33:33:www-data:/var/www:/usr/sbin/nologin',
};

export default defineProfile({
  id: 'php',
  title: 'PHP (Docker official image)',
  role: 'base',
  repositories: ['php'],
  documentation: 'https://hub.docker.com/_/php',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('8.5/trixie/cli/Dockerfile', NO_USER) },
    accounts: [{ name: 'www-data', uid: 33, gid: 33, source: DEBIAN_PASSWD }],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create www-data with uid and gid 82.',
      user: {
        image: { name: 'root', uid: 0, gid: 0, source: at('8.5/alpine3.24/cli/Dockerfile', NO_USER) },
        accounts: [
          {
            name: 'www-data',
            uid: 82,
            gid: 82,
            source: at(
              '8.5/alpine3.24/cli/Dockerfile',
              `# ensure www-data user exists
RUN set -eux; \\
	adduser -u 82 -D -S -G www-data www-data
# 82 is the standard uid/gid for "www-data" in Alpine`,
            ),
          },
        ],
      },
    },
  ],
});
