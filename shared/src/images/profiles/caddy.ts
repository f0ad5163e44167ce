import { defineProfile, type Source, type UserFacts } from '../profile';

const REPO = 'caddyserver/caddy-docker';
const COMMIT = '62d1326421cc6d6245f5178d3c277b0e69fb8fb6';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('2.11/alpine/Dockerfile', excerpt);
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'caddy/content.md', excerpt });

const SETCAP = 'setcap cap_net_bind_service=+ep /usr/bin/caddy; \\';
const imageUser: UserFacts['image'] = {
  name: 'root',
  uid: 0,
  gid: 0,
  source: dockerfile('CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]'),
};

/**
 * No entrypoint: `caddy run` as root (no USER). The binary carries the file capability `cap_net_bind_service=+ep`:
 * a file capability with the effective bit that the bounding set cannot grant makes execve fail (capabilities(7),
 * "capability-dumb binaries"), so after `cap_drop: [ALL]` caddy does not start at all unless NET_BIND_SERVICE is
 * added back, as root or not. The image has no VOLUME (removed in 2022); /data and /config are where the docs mount
 * volumes. Since 2.10/2.11 rebuilt in February 2026 ("Allow the image to be run as any arbitrary UID/GID", #441) the
 * Dockerfile makes /config/caddy and /data/caddy mode 1777 so that any uid can run it. Windows tags are not modelled.
 */
export default defineProfile({
  id: 'caddy',
  title: 'Caddy (Docker official image)',
  role: 'service',
  repositories: ['caddy'],
  documentation: 'https://hub.docker.com/_/caddy',
  user: {
    image: imageUser,
    runAs: {
      user: '65532:65532',
      caveat:
        'any uid works, as /data/caddy and /config/caddy are writable by all: a new named volume keeps that, but certificates an earlier root run left in /data must be chowned to it; under no-new-privileges the binary gets no NET_BIND_SERVICE from its file capability, so ports 80 and 443 bind only where the runtime allows unprivileged low ports (Docker 20.10+ does, host networking does not)',
      source: dockerfile('chmod 1777 /config/caddy /data/caddy; \\'),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the caddy binary carries the file capability cap_net_bind_service=+ep, so it cannot even be executed unless the capability is in the bounding set (and it binds ports 80 and 443)',
        source: dockerfile(SETCAP),
      },
    ],
    asRunAsUser: [
      {
        capability: 'NET_BIND_SERVICE',
        why: 'the caddy binary carries the file capability cap_net_bind_service=+ep, so it cannot even be executed unless the capability is in the bounding set; it is what lets a non-root caddy bind ports 80 and 443',
        source: dockerfile(SETCAP),
      },
    ],
  },
  paths: [
    {
      path: '/data',
      kind: 'state',
      why: "Caddy's data directory ($XDG_DATA_HOME): TLS certificates, private keys, OCSP staples, which must persist",
      source: dockerfile('ENV XDG_DATA_HOME=/data'),
    },
    {
      path: '/config',
      kind: 'state',
      why: "Caddy's configuration directory ($XDG_CONFIG_HOME): the last configuration it autosaves (not needed across restarts, but the docs mount a volume)",
      source: dockerfile('ENV XDG_CONFIG_HOME=/config'),
    },
  ],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP, and the ACME HTTP challenge of automatic HTTPS',
      source: docs(
        'The key here is that Caddy is able to listen to ports `80` and `443`, both required for the ACME HTTP challenge.',
      ),
    },
    {
      port: 443,
      protocol: 'tcp',
      why: 'HTTPS (automatic TLS)',
      source: docs(
        'The key here is that Caddy is able to listen to ports `80` and `443`, both required for the ACME HTTP challenge.',
      ),
    },
    {
      port: 443,
      protocol: 'udp',
      why: 'HTTP/3 (QUIC), enabled by default',
      source: docs('Caddy ships with HTTP/3 support enabled by default.'),
    },
  ],
  variants: [
    {
      // 2.0–2.10 and the 2.11.0 betas: built before the commit that made /data/caddy and /config/caddy world-writable.
      when: { tag: '^2\\.(\\d|10)(?!\\d)|^2\\.11\\.0-beta' },
      note: 'Images before 2.11.1 were built without a world-writable /data/caddy and /config/caddy, so no non-root user is known to work.',
      user: { image: imageUser },
    },
  ],
});
