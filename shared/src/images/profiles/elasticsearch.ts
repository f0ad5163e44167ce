import { defineProfile, type Source } from '../profile';

/**
 * The Docker Hub `elasticsearch` official image is built from elastic/dockerfiles (`Directory: elasticsearch`, one
 * branch per minor: docker-library/official-images `library/elasticsearch`), the same Dockerfile that builds
 * docker.elastic.co/elasticsearch/elasticsearch. Read at the heads of the 9.2 branch (USER 1000:0, no privileged
 * step in the entrypoint; 8.19, Ubuntu-based, has the same USER) and of 7.17 (no USER: the entrypoint starts as root
 * and drops to 1000:0 with `chroot --userspec`).
 */
const REPO = 'elastic/dockerfiles';
const COMMIT_9 = '0bbe2f0a64566b01dd591cd9f8188eda17c40bab';
const COMMIT_7 = '28b876f2aaba7bc27d76a1acd55cbc8ada9b5dea';
const at = (commit: string, path: string, excerpt: string): Source => ({ repo: REPO, commit, path, excerpt });
const dockerfile9 = (excerpt: string): Source => at(COMMIT_9, 'elasticsearch/Dockerfile', excerpt);
const entrypoint7 = (excerpt: string): Source => at(COMMIT_7, 'elasticsearch/bin/docker-entrypoint.sh', excerpt);
/**
 * elastic/elasticsearch is too large for a snapshot here: its Docker installation page was read from the stored index
 * at the commit named; `verify-profiles` lists the repository as not checked.
 */
const docs = (excerpt: string): Source => ({
  repo: 'elastic/elasticsearch',
  commit: '37fd9d5dc639030c55b25f783385bb321c4680d4',
  path: 'docs/reference/setup/install/docker.asciidoc',
  excerpt,
});
const WRITE_ACCESS =
  docs(`In addition, this user must have write access to the <<path-settings,config, data and log dirs>>
({es} needs write access to the \`config\` directory so that it can generate a keystore).`);

const runAs = {
  user: '1000:0',
  name: 'elasticsearch',
  caveat:
    'another uid works if it is in group 0 (group_add: ["0"]) or the config, data and logs directories are mounted writable for it; a bind-mounted data folder must be writable by gid 0 (chgrp 0, chmod g+rwx)',
  source: docs('By default, {es} runs inside the container as user `elasticsearch` using\nuid:gid `1000:0`.'),
};

/**
 * From 8.0 the image runs as elasticsearch (1000) in group root (0), and the entrypoint only sets up the keystore and
 * execs bin/elasticsearch: no capability. Elasticsearch writes its data, its logs (the GC log, even with console
 * logging), the config directory (the keystore; from 8.0 the security auto-configuration writes certs/ and
 * elasticsearch.yml on the first start) and a private directory below /tmp. The image declares no VOLUME.
 *
 * Left out: a minimum memory (the docs ask Docker Desktop's VM for 4 GiB and show `-Xms1g -Xmx1g` as an example, not a
 * container minimum); port 9200 (REST API, usually reached by Kibana and apps on the same network) and 9300 (transport
 * between nodes) are not listed as public. Up to 7.x, TAKE_FILE_OWNERSHIP makes the entrypoint chown data and logs
 * (CHOWN), an opt-in not listed.
 */
export default defineProfile({
  id: 'elasticsearch',
  title: 'Elasticsearch (official image)',
  role: 'service',
  repositories: ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch'],
  documentation: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/docker.html',
  user: {
    image: { name: 'elasticsearch', uid: 1000, gid: 0, source: dockerfile9('CMD ["eswrapper"]\n\nUSER 1000:0') },
    runAs,
    accounts: [
      {
        name: 'elasticsearch',
        uid: 1000,
        gid: 1000,
        source: dockerfile9('adduser -u 1000 -g 1000 -G 0 -d /usr/share/elasticsearch elasticsearch'),
      },
    ],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/usr/share/elasticsearch/data',
      kind: 'state',
      why: 'the indices and cluster state (path.data); the image declares no VOLUME, mount one',
      source: dockerfile9('chown elasticsearch bin config config/jvm.options.d data logs plugins'),
    },
    {
      path: '/usr/share/elasticsearch/config',
      kind: 'state',
      why: "Elasticsearch writes its keystore there (and, from 8.0, the certificates and TLS settings of the security auto-configuration at the first start); it holds the image's config files, so use a named volume (Docker copies them into a new one) or bind-mount a complete config",
      source: WRITE_ACCESS,
    },
    {
      path: '/usr/share/elasticsearch/logs',
      kind: 'runtime',
      why: 'the log directory (path.logs): the JVM writes its GC log there even when the server logs to the console',
      source: WRITE_ACCESS,
    },
    {
      path: '/tmp',
      kind: 'runtime',
      why: 'the startup script creates the private temporary directory (ES_TMPDIR) below it',
      source: {
        url: 'https://www.elastic.co/guide/en/elasticsearch/reference/7.8/es-tmpdir.html',
        excerpt:
          'By default, Elasticsearch uses a private temporary directory that the startup script creates immediately below the system temporary directory.',
      },
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { majorTo: 7 },
      note: 'Up to 7.x the image starts as root and the entrypoint drops to 1000:0 with chroot --userspec.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at(
            COMMIT_7,
            'elasticsearch/Dockerfile',
            'ENTRYPOINT ["/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"]\n# Dummy overridable parameter parsed by entrypoint\nCMD ["eswrapper"]\n\n####',
          ),
        },
        stepsDown: {
          to: { name: 'elasticsearch', uid: 1000, gid: 0 },
          tool: 'chroot --userspec',
          source: entrypoint7(`if [[ "$(id -u)" == "0" ]]; then
    # If running as root, drop to specified UID and run command
    exec chroot --userspec=1000:0 / "\${@}"`),
        },
        runAs: {
          ...runAs,
          source: entrypoint7(`# Either we are running in Openshift with random uid and are a member of the root group
    # or with a custom --user
    exec "\${@}"`),
        },
        accounts: [
          {
            name: 'elasticsearch',
            uid: 1000,
            gid: 1000,
            source: at(
              COMMIT_7,
              'elasticsearch/Dockerfile',
              'adduser --uid 1000 --gid 1000 --home /usr/share/elasticsearch elasticsearch && \\\n    adduser elasticsearch root',
            ),
          },
        ],
      },
      capabilities: {
        asImageUser: [
          {
            capability: 'SETGID',
            why: 'chroot --userspec switches to group 0 and sets the supplementary groups',
            source: entrypoint7('exec chroot --userspec=1000:0 / "${@}"'),
          },
          {
            capability: 'SETUID',
            why: 'chroot --userspec switches to uid 1000',
            source: entrypoint7('exec chroot --userspec=1000:0 / "${@}"'),
          },
          {
            capability: 'SYS_CHROOT',
            why: 'the entrypoint steps down with chroot(1), which calls chroot(2) (to /)',
            source: entrypoint7('exec chroot --userspec=1000:0 / "${@}"'),
          },
        ],
        asRunAsUser: [],
      },
    },
  ],
});
