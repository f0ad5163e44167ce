import { defineProfile, type Source } from '../profile';

/**
 * grafana/grafana is too large for a snapshot on this machine (over 3 GB), so these excerpts were read from the stored
 * index of its files, each at the commit named: the Dockerfile (Grafana 12, Alpine 3.21 base) and the Docker
 * installation page of the docs (packaging/docker/run.sh was read at 07754534fbafa7e7e18e7272e552c166f1afae28).
 * `verify-profiles` lists the repository as not checked.
 */
const REPO = 'grafana/grafana';
const DOCKERFILE_COMMIT = '78515af65f036f536c4ab2e6fdb5484552f99f1f';
const dockerfile = (excerpt: string): Source => ({
  repo: REPO,
  commit: DOCKERFILE_COMMIT,
  path: 'Dockerfile',
  excerpt,
});
const DOCS_COMMIT = '76116f08fb16b4bc6ddd6bdf0809046029c09227';
const docs = (excerpt: string): Source => ({
  repo: REPO,
  commit: DOCS_COMMIT,
  path: 'docs/sources/setup-grafana/installation/docker/index.md',
  excerpt,
});

/**
 * The image runs as grafana (472) in group root (0), set by `USER "$GF_UID"`; run.sh needs no privilege (it warns when
 * the data path is not writable and execs `grafana server`), so no capability is needed. The Dockerfile makes the
 * data, logs, plugins and provisioning folders mode 777, for any uid. The same Dockerfile builds the Ubuntu variants
 * (`-ubuntu` tags) with the same uid and gid.
 *
 * Left out: with GF_AWS_PROFILES, run.sh writes /usr/share/grafana/.aws/credentials, which a read-only root refuses
 * (a tmpfs at /usr/share/grafana/.aws would do); the docs name no other path Grafana writes outside /var/lib/grafana,
 * and it logs to the console (`cfg:default.log.mode="console"`).
 */
export default defineProfile({
  id: 'grafana',
  title: 'Grafana (official image)',
  role: 'service',
  repositories: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
  documentation: 'https://grafana.com/docs/grafana/latest/setup-grafana/installation/docker/',
  user: {
    image: { name: 'grafana', uid: 472, gid: 0, source: dockerfile('USER "$GF_UID"\nENTRYPOINT [ "/run.sh" ]') },
    runAs: {
      user: '472:0',
      name: 'grafana',
      caveat:
        'another uid works too, as long as it can write /var/lib/grafana (a bind-mounted folder must be writable by it)',
      source: docs(
        'If you plan to use directories on your host for the database or configuration when running Grafana in Docker, you must start the container with a user with permission to access and write to the directory you map.',
      ),
    },
    accounts: [{ name: 'grafana', uid: 472, gid: 0, source: dockerfile('ARG GF_UID="472"\nARG GF_GID="0"') }],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/var/lib/grafana',
      kind: 'state',
      why: "Grafana's data path (GF_PATHS_DATA): the SQLite database of dashboards, users and settings, and the plugins",
      source: docs(
        'By default, Grafana uses an embedded SQLite version 3 database to store configuration, users, dashboards, and other data. When you run Docker images as containers, changes to these Grafana data are written to the filesystem within the container',
      ),
    },
  ],
  publicPorts: [
    {
      port: 3000,
      protocol: 'tcp',
      why: 'the web interface, which users reach from their own machines, directly or through a reverse proxy',
      source: dockerfile('EXPOSE 3000'),
    },
  ],
});
