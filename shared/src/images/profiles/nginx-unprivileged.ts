import { defineProfile, type Source } from '../profile';

const REPO = 'nginxinc/docker-nginx-unprivileged';
const COMMIT = '8ead5cede31b9dc5a976d1b44bb1987226b48677';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('mainline/debian/Dockerfile', excerpt);

/**
 * The official nginx image rebuilt to run as `nginx` (uid 101, the `UID` build argument): its Dockerfile deletes the
 * `user` directive, moves the pid file and the temp paths to /tmp and the listen port to 8080, and gives
 * /var/cache/nginx and /etc/nginx to that user. The alpine variants do the same (alpine-slim's Dockerfile, which
 * alpine builds on, ends with `USER $UID` too). The entrypoint is the official image's: its scripts that edit
 * /etc/nginx skip when they cannot write.
 */
export default defineProfile({
  id: 'nginx-unprivileged',
  title: 'nginx unprivileged (NGINX, Inc. image)',
  role: 'service',
  repositories: [
    'nginxinc/nginx-unprivileged',
    'ghcr.io/nginxinc/nginx-unprivileged',
    'ghcr.io/nginx/nginx-unprivileged',
    'public.ecr.aws/nginx/nginx-unprivileged',
    'quay.io/nginx/nginx-unprivileged',
  ],
  documentation: 'https://hub.docker.com/r/nginxinc/nginx-unprivileged',
  user: {
    image: { name: 'nginx', uid: 101, gid: 101, source: dockerfile('USER $UID') },
    runAs: {
      user: '101:101',
      name: 'nginx',
      source: dockerfile(`ARG UID=101
ARG GID=101`),
    },
    accounts: [
      {
        name: 'nginx',
        uid: 101,
        gid: 101,
        source: dockerfile(
          '&& useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid $UID nginx || true',
        ),
      },
    ],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "nginx's pid file and its temp directories (client_temp, proxy_temp, fastcgi_temp, uwsgi_temp, scgi_temp)",
      source: dockerfile(`&& sed -i 's,/var/run/nginx.pid,/tmp/nginx.pid,' /etc/nginx/nginx.conf \\
    && sed -i "/^http {/a \\    proxy_temp_path /tmp/proxy_temp;\\n    client_body_temp_path /tmp/client_temp;`),
    },
    {
      path: '/var/cache/nginx',
      kind: 'runtime',
      why: 'the cache directory, which the image gives to the nginx user for the caches a configuration keeps there',
      source: dockerfile(`# nginx user must own the cache and etc directory to write cache and tweak the nginx config
    && chown -R $UID:0 /var/cache/nginx`),
    },
  ],
  publicPorts: [
    {
      port: 8080,
      protocol: 'tcp',
      why: 'HTTP (the default server listens on 8080 instead of 80): serving other hosts is what a web server is for',
      source: at('README.md', 'The default NGINX listen port is now `8080` instead of `80`'),
    },
  ],
});
