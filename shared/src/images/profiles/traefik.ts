import { defineProfile, type Source } from '../profile';

const REPO = 'traefik/traefik-library-image';
const COMMIT = '697393828fd83340553fe3edd13e961a9c3b971a';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** Traefik itself: its default entry point and its documentation. */
const TRAEFIK = 'traefik/traefik';
const TRAEFIK_COMMIT = 'fd5a576df2e8aeb0bfc8a96b6ef6e60a61f7ec0a';
const traefik = (path: string, excerpt: string): Source => ({ repo: TRAEFIK, commit: TRAEFIK_COMMIT, path, excerpt });

/**
 * The official image (alpine; v2.11 and v3.x alike) runs `traefik` as root: no USER, and its entrypoint only decides
 * whether the command is a traefik subcommand before `exec "$@"`. Nothing is written by default (ACME storage, access
 * logs and plugins go where a configuration says), so no path is listed; no non-root user is documented, so there is
 * no `runAs`, and nothing says it must be root either. Windows tags are not modelled.
 */
export default defineProfile({
  id: 'traefik',
  title: 'Traefik Proxy (Docker official image)',
  role: 'service',
  repositories: ['traefik'],
  documentation: 'https://hub.docker.com/_/traefik',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('v3.7/alpine/Dockerfile', 'ENTRYPOINT ["/entrypoint.sh"]') },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'NET_BIND_SERVICE',
        why: 'without an entry point of its own configuration, traefik listens on :80 (and the usual web and websecure entry points are :80 and :443), below 1024',
        source: traefik(
          'pkg/config/static/static_config.go',
          `if !c.hasUserDefinedEntrypoint() {
		ep := &EntryPoint{Address: ":80"}`,
        ),
      },
    ],
    asRunAsUser: [],
  },
  paths: [],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'the `web` entry point (HTTP): a reverse proxy is there to be reached from other hosts',
      source: traefik(
        'docs/content/setup/docker.md',
        '- Expose **web** (HTTP :80) and **websecure** (HTTPS :443) entrypoints',
      ),
    },
    {
      port: 443,
      protocol: 'tcp',
      why: 'the `websecure` entry point (HTTPS)',
      source: traefik(
        'docs/content/setup/docker.md',
        '- Expose **web** (HTTP :80) and **websecure** (HTTPS :443) entrypoints',
      ),
    },
  ],
});
