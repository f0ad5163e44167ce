import { defineProfile, type Source } from '../profile';

/** The image: Dockerfiles and entrypoint scripts (mainline 1.27.4). */
const IMAGE_REPO = 'nginxinc/docker-nginx';
const IMAGE_COMMIT = 'b430becb8f0f6b8d69e68cc73a82ea2873c38639';
const image = (path: string, excerpt: string): Source => ({ repo: IMAGE_REPO, commit: IMAGE_COMMIT, path, excerpt });
/** The nginx.org packages the image installs: their nginx.conf, default.conf and configure arguments. */
const PKG_REPO = 'nginx/pkg-oss';
const PKG_COMMIT = 'e6727633b9dd48a3208c42b9827abbdcd771560a';
const pkg = (path: string, excerpt: string): Source => ({ repo: PKG_REPO, commit: PKG_COMMIT, path, excerpt });
/** nginx itself. */
const NGINX_REPO = 'nginx/nginx';
const NGINX_COMMIT = '3f6f7824d4e2eb1ac37dec76683d525ac0ff521c';
const source = (path: string, excerpt: string): Source => ({ repo: NGINX_REPO, commit: NGINX_COMMIT, path, excerpt });
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'nginx/content.md', excerpt });

const UNPRIVILEGED_REPO = 'nginxinc/docker-nginx-unprivileged';
const UNPRIVILEGED_COMMIT = '8ead5cede31b9dc5a976d1b44bb1987226b48677';

/**
 * The master process stays root (no gosu or su-exec: the entrypoint ends with `exec "$@"`); only the workers run as
 * `nginx` (101:101), by the `user nginx;` directive. So there is no `stepsDown` (the service does not leave root), and
 * no `runAs`: the stock configuration writes /var/run and /var/cache/nginx, which only root may, and the docs say
 * another uid needs a modified nginx.conf. The entrypoint scripts that edit /etc/nginx (10-listen-on-ipv6-by-default.sh,
 * 30-tune-worker-processes.sh) check that they can write first and skip under a read-only root; 20-envsubst-on-templates.sh
 * renders /etc/nginx/templates into /etc/nginx/conf.d only when that is writable. A tmpfs there would hide the image's
 * default.conf, so it is not a runtime path: a service that uses templates mounts conf.d itself.
 */
export default defineProfile({
  id: 'nginx',
  title: 'nginx (Docker official image)',
  role: 'service',
  repositories: ['nginx'],
  documentation: 'https://hub.docker.com/_/nginx',
  user: {
    image: {
      name: 'root',
      uid: 0,
      gid: 0,
      source: image('mainline/debian/Dockerfile', 'ENTRYPOINT ["/docker-entrypoint.sh"]'),
    },
    needsRoot: {
      why: 'the master process stays root and runs only its workers as `nginx`; the default configuration writes its pid file under /var/run and its temp directories under /var/cache/nginx, and another uid needs an nginx.conf that moves them (pid and *_temp_path under /tmp)',
      source: docs(
        'It is possible to run the image as a less privileged arbitrary UID/GID. This, however, requires modification of %%IMAGE%% configuration to use directories writeable by that specific UID/GID pair',
      ),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the master, as root, creates the temp directories under /var/cache/nginx and chowns them to the worker user',
        source: source(
          'src/core/ngx_file.c',
          `if (fi.st_uid != user) {
            if (chown((const char *) path[i]->name.data, user, -1) == -1) {`,
        ),
      },
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the default server listens on port 80, below 1024',
        source: pkg(
          'debian/debian/nginx.default.conf',
          `server {
    listen       80;`,
        ),
      },
      {
        capability: 'SETGID',
        why: 'the master switches each worker to the group of the `user nginx;` directive (setgid, initgroups)',
        source: source('src/os/unix/ngx_process_cycle.c', 'if (setgid(ccf->group) == -1) {'),
      },
      {
        capability: 'SETUID',
        why: 'the master switches each worker to the `nginx` user of the `user nginx;` directive',
        source: source('src/os/unix/ngx_process_cycle.c', 'if (setuid(ccf->user) == -1) {'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/var/cache/nginx',
      kind: 'runtime',
      why: 'the temp directories of request bodies and proxied, FastCGI, uWSGI and SCGI responses (client_temp, proxy_temp, …)',
      source: pkg(
        'debian/Makefile',
        `--http-client-body-temp-path=/var/cache/nginx/client_temp \\
	--http-proxy-temp-path=/var/cache/nginx/proxy_temp \\`,
      ),
    },
    {
      path: '/var/run',
      kind: 'runtime',
      why: 'the master writes its pid file there (the packages name /run/nginx.pid, and /var/run links to /run on Debian and Alpine)',
      source: docs('The default %%IMAGE%% configuration requires write access to `/var/cache/nginx` and `/var/run`.'),
    },
  ],
  nonRootVariant: {
    image: 'nginxinc/nginx-unprivileged',
    user: '101:101',
    note: 'the same nginx with no `user` directive, listening on 8080, its pid file and temp paths under /tmp',
    source: {
      repo: UNPRIVILEGED_REPO,
      commit: UNPRIVILEGED_COMMIT,
      path: 'README.md',
      excerpt:
        'This repo contains a series of Dockerfiles to create an NGINX Docker image that runs NGINX as a non root, unprivileged user.',
    },
  },
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP: serving other hosts is what a web server is for',
      source: image('mainline/debian/Dockerfile', 'EXPOSE 80'),
    },
    {
      port: 443,
      protocol: 'tcp',
      why: "HTTPS, when a server is configured with `listen 443 ssl` (as nginx's sample configuration shows)",
      source: source(
        'conf/nginx.conf',
        `# HTTPS server
    #
    #server {
    #    listen       443 ssl;`,
      ),
    },
  ],
});
