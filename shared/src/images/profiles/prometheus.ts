import { defineProfile, type Source } from '../profile';

const REPO = 'prometheus/prometheus';
const COMMIT = 'd15adb9ad7e5d9fbde3a9a8f30200593a5a14d86';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('Dockerfile', excerpt);
const distroless = (excerpt: string): Source => at('Dockerfile.distroless', excerpt);
/**
 * The default image is built FROM quay.io/prometheus/busybox (prometheus/busybox: `FROM busybox:glibc`), whose
 * /etc/passwd is buildroot's skeleton (docker-library/busybox fetches it from buildroot 2026.05.1).
 */
const BUILDROOT_PASSWD: Source = {
  repo: 'buildroot/buildroot',
  commit: 'cb857ba4c87a93e5265a9e4a3f32071abf39e14a',
  path: 'system/skeleton/etc/passwd',
  excerpt: 'nobody:x:65534:65534:nobody:/home:/bin/false',
};

const CHOWN_DATA = dockerfile('RUN chown -R nobody:nobody /etc/prometheus /prometheus && chmod g+w /prometheus');

/**
 * The image runs /bin/prometheus directly as nobody (65534:65534): no entrypoint script, no capability. It writes only
 * its TSDB under /prometheus (the image VOLUME). Port 9090 (UI and HTTP API, no authentication by default) is not
 * listed as public: it is usually reached by Grafana and other services of the same network, not published to other
 * hosts. The `-distroless` tags (from 3.10) run as nonroot (65532:65532) and declare no VOLUME.
 */
export default defineProfile({
  id: 'prometheus',
  title: 'Prometheus (official image)',
  role: 'service',
  repositories: ['prom/prometheus', 'quay.io/prometheus/prometheus'],
  documentation: 'https://prometheus.io/docs/prometheus/latest/installation/',
  user: {
    image: { name: 'nobody', uid: 65534, gid: 65534, source: dockerfile('USER       nobody') },
    runAs: {
      user: '65534:65534',
      name: 'nobody',
      caveat:
        'the data directory must belong to that user: a new named volume does (the image gives /prometheus to nobody), a bind-mounted folder must be chowned to it',
      source: CHOWN_DATA,
    },
    accounts: [{ name: 'nobody', uid: 65534, gid: 65534, source: BUILDROOT_PASSWD }],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/prometheus',
      kind: 'state',
      why: 'the TSDB (--storage.tsdb.path): the metrics blocks, the write-ahead log and the active query log',
      imageVolume: true,
      source: dockerfile('VOLUME     [ "/prometheus" ]'),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'distroless' },
      note: 'The distroless variants run as nonroot (65532:65532) and declare no VOLUME for /prometheus.',
      user: {
        image: {
          name: 'nonroot',
          uid: 65532,
          gid: 65532,
          source: distroless('# Base image sets USER to 65532:65532 (nonroot user).'),
        },
        runAs: {
          user: '65532:65532',
          name: 'nonroot',
          caveat: 'a named volume used by the busybox image before must be chowned to 65532:65532 first',
          source: at(
            'CHANGELOG.md',
            'uses UID/GID 65532 (nonroot) instead of nobody, and removes the\nVOLUME declaration.',
          ),
        },
      },
      paths: [
        {
          path: '/prometheus',
          kind: 'state',
          why: 'the TSDB (--storage.tsdb.path): the metrics blocks, the write-ahead log and the active query log',
          source: distroless(`CMD        [ "--config.file=/etc/prometheus/prometheus.yml", \\
             "--storage.tsdb.path=/prometheus" ]`),
        },
      ],
    },
  ],
});
