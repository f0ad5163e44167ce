import { defineProfile, type Source } from '../profile';

const REPO = 'paperless-ngx/paperless-ngx';
const COMMIT = 'b0e0e8a35373a5d9d588a507cb63c79e50a23403';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('Dockerfile', excerpt);
const s6rc = (service: string, excerpt: string): Source =>
  at(`docker/rootfs/etc/s6-overlay/s6-rc.d/${service}/run`, excerpt);
/** s6-overlay at the version the Dockerfile installs (ARG S6_OVERLAY_VERSION=3.2.2.0). */
const S6 = 'just-containers/s6-overlay';
const S6_COMMIT = 'de115a73187436817aa2640e92e5d0281e1e0236';
const s6 = (path: string, excerpt: string): Source => ({ repo: S6, commit: S6_COMMIT, path, excerpt });
const S6_LIBEXEC = 'layout/rootfs-overlay/package/admin/s6-overlay-@VERSION@/libexec';

const volume = (path: string, why: string) => ({
  path,
  kind: 'state' as const,
  why,
  imageVolume: true,
  source: dockerfile(`VOLUME ["/usr/src/paperless/data", \\
        "/usr/src/paperless/media", \\
        "/usr/src/paperless/consume", \\
        "/usr/src/paperless/export"]`),
});

/**
 * The container starts as root in s6-overlay's /init (no USER). Its init oneshots chown the data, media, consume and
 * export folders to paperless (remapped first to USERMAP_UID/USERMAP_GID with usermod/groupmod, when set), and every
 * service (granian, celery worker and beat, the consumer, flower) runs through `s6-setuidgid paperless`. The docs
 * support `user:` with any uid:gid ("rootless"): each script then skips the remapping and the chown, and the Dockerfile
 * makes /run 1777 and drops the setuid bit of s6-overlay-suexec for it.
 *
 * Read-only root: s6-overlay writes its whole init (s6-linux-init's basedir, the compiled s6-rc database) under /run
 * and executes it from there, so /run needs a tmpfs mounted `exec`, and Docker mounts a `tmpfs:` entry noexec unless
 * told otherwise. A plain `tmpfs: /run` (what a read-only fix writes) stops the container at boot, hence
 * `readOnlyUnsupported`; by hand, `read_only: true` works with `tmpfs: ["/run:exec", /tmp]` (and no
 * PAPERLESS_OCR_LANGUAGES, which apt-installs packages, nor USERMAP_UID/GID, which rewrite /etc/passwd).
 *
 * Left out: KILL (s6-supervise, as root, signals services that run as paperless when the container stops), which no
 * upstream text states.
 */
export default defineProfile({
  id: 'paperless-ngx',
  title: 'Paperless-ngx (official image)',
  role: 'service',
  repositories: ['ghcr.io/paperless-ngx/paperless-ngx', 'paperlessngx/paperless-ngx'],
  documentation: 'https://docs.paperless-ngx.com/setup/#docker',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: dockerfile('ENTRYPOINT ["/init"]') },
    stepsDown: {
      to: { name: 'paperless', uid: 1000, gid: 1000 },
      tool: 's6-setuidgid',
      source: s6rc(
        'svc-webserver',
        'exec s6-setuidgid paperless granian --interface asginl --ws --loop uvloop "paperless.asgi:application"',
      ),
    },
    runAs: {
      user: '1000:1000',
      name: 'paperless',
      caveat:
        'the data, media, consume and export folders must be writable by that user (new named volumes are: the image gives them to paperless); not with USERMAP_UID/USERMAP_GID, nor with PAPERLESS_OCR_LANGUAGES (installing languages needs root)',
      source: at(
        'docs/setup.md',
        'If you want to run Paperless as a rootless container, set `user:` in `docker-compose.yml` to the UID and GID of your host user (use `id -u` and `id -g` to find these values). The container process starts directly as that user with no internal privilege remapping. Any UID and GID is supported:',
      ),
    },
    accounts: [
      {
        name: 'paperless',
        uid: 1000,
        gid: 1000,
        source: dockerfile(`&& addgroup --gid 1000 paperless \\
    && useradd --uid 1000 --gid paperless --home-dir /usr/src/paperless paperless \\`),
      },
    ],
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the init-folders oneshot, as root, chowns whatever in data, media, consume and export is not paperless:paperless',
        source: s6rc(
          'init-folders',
          `# Then fix permissions on all directories
	for dir in "\${main_dirs[@]}"; do
		find "\${dir}" -not \\( -user paperless -and -group paperless \\) -exec chown --changes paperless:paperless {} +`,
        ),
      },
      {
        capability: 'SETGID',
        why: 'every service and the migration, index and superuser oneshots switch to the paperless group with s6-setuidgid',
        source: s6rc(
          'svc-worker',
          'exec s6-setuidgid paperless /usr/local/bin/celery --app paperless worker --loglevel INFO --without-mingle --without-gossip',
        ),
      },
      {
        capability: 'SETUID',
        why: 'every service and the migration, index and superuser oneshots switch to the paperless user with s6-setuidgid',
        source: s6rc(
          'svc-worker',
          'exec s6-setuidgid paperless /usr/local/bin/celery --app paperless worker --loglevel INFO --without-mingle --without-gossip',
        ),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/run',
      kind: 'runtime',
      why: "s6-overlay's init, services and container environment (/run/s6, /run/service), rebuilt at every start; it must be mounted exec",
      source: s6(
        'README.md',
        `Note that s6-overlay assumes that:
- \`/run\` exists and is writable. If it is not, it will attempt to mount a tmpfs there.`,
      ),
    },
    {
      path: '/tmp',
      kind: 'runtime',
      why: 'the scratch directory where documents are worked on while consumed (PAPERLESS_SCRATCH_DIR, /tmp/paperless by default)',
      source: s6rc('init-folders', 'declare -r tmp_dir="${PAPERLESS_SCRATCH_DIR:=/tmp/paperless}"'),
    },
    volume(
      '/usr/src/paperless/data',
      'the data directory: the SQLite database when no other is set, the search index, the classifier model',
    ),
    volume('/usr/src/paperless/media', 'the documents: originals, archived versions and thumbnails'),
    volume('/usr/src/paperless/consume', 'the consumption directory the consumer watches for new documents'),
    volume('/usr/src/paperless/export', 'the target of the document exporter (backups)'),
  ],
  publicPorts: [
    {
      port: 8000,
      protocol: 'tcp',
      why: 'the web interface and API (granian), which users reach from their own machines, directly or through a reverse proxy',
      source: dockerfile('EXPOSE 8000'),
    },
  ],
  readOnlyUnsupported: {
    why: 's6-overlay builds its init under /run and executes it from there, so /run needs a tmpfs mounted with `exec`, while Docker mounts a plain `tmpfs: /run` noexec; a read-only root works only with `tmpfs: ["/run:exec", /tmp]` written by hand',
    source: s6(
      `${S6_LIBEXEC}/preinit`,
      `your container manager pre-mounts run with \\
the incorrect noexec option, which s6-overlay cannot work with; expect /init \\
to crash soon.`,
    ),
  },
});
