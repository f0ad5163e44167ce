import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/postgres';
const COMMIT = '6edb0a8c4def40c371514b34aef9037ec82d9110';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';

const entrypoint = (excerpt: string): Source => at('17/bookworm/docker-entrypoint.sh', excerpt);

export default defineProfile({
  id: 'postgres',
  title: 'PostgreSQL (Docker official image)',
  role: 'service',
  repositories: ['postgres'],
  documentation: 'https://hub.docker.com/_/postgres',
  latest: { major: 18, source: at('versions.json', '"major": 18') },
  user: {
    image: {
      name: 'root',
      uid: 0,
      gid: 0,
      source: at('17/bookworm/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
    },
    stepsDown: {
      to: { name: 'postgres', uid: 999, gid: 999 },
      tool: 'gosu',
      source: entrypoint(`if [ "$(id -u)" = '0' ]; then
			# then restart script as postgres user
			exec gosu postgres "$BASH_SOURCE" "$@"`),
    },
    runAs: {
      user: '999:999',
      name: 'postgres',
      caveat:
        'the data directory must belong to that user: a new named volume does, a bind-mounted folder must be chowned to it',
      source: {
        repo: DOCS,
        commit: DOCS_COMMIT,
        path: 'postgres/content.md',
        excerpt:
          "The main caveat to note is that `postgres` doesn't care what UID it runs as (as long as the owner of `PGDATA` matches)",
      },
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: 'the entrypoint, as root, chowns files of $PGDATA that postgres does not own',
        source: entrypoint(`find "$PGDATA" \\! -user postgres -exec chown postgres '{}' +`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint, as root, searches $PGDATA, which is postgres's with mode 0700 after the first start",
        source: entrypoint('chmod 00700 "$PGDATA" || :'),
      },
      {
        capability: 'FOWNER',
        why: 'the entrypoint, as root, chmods $PGDATA, which postgres owns',
        source: entrypoint('chmod 00700 "$PGDATA" || :'),
      },
      {
        capability: 'SETGID',
        why: 'gosu switches to the postgres group',
        source: entrypoint('exec gosu postgres "$BASH_SOURCE" "$@"'),
      },
      {
        capability: 'SETUID',
        why: 'gosu switches to the postgres user',
        source: entrypoint('exec gosu postgres "$BASH_SOURCE" "$@"'),
      },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/var/run/postgresql',
      kind: 'runtime',
      why: 'the server writes its Unix socket and lock file there',
      source: at(
        '17/bookworm/Dockerfile',
        'RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql',
      ),
    },
    {
      path: '/var/lib/postgresql/data',
      kind: 'state',
      why: 'the database files ($PGDATA)',
      imageVolume: true,
      source: at('17/bookworm/Dockerfile', 'VOLUME /var/lib/postgresql/data'),
    },
  ],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants create postgres with uid and gid 70.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at('17/alpine3.23/Dockerfile', 'ENTRYPOINT ["docker-entrypoint.sh"]'),
        },
        stepsDown: {
          to: { name: 'postgres', uid: 70, gid: 70 },
          tool: 'gosu',
          source: at('17/alpine3.23/docker-entrypoint.sh', 'exec gosu postgres "$BASH_SOURCE" "$@"'),
        },
        runAs: {
          user: '70:70',
          name: 'postgres',
          caveat:
            'the data directory must belong to that user: a new named volume does, a bind-mounted folder must be chowned to it',
          source: at(
            '17/alpine3.23/Dockerfile',
            'adduser -u 70 -S -D -G postgres -H -h /var/lib/postgresql -s /bin/sh postgres',
          ),
        },
      },
    },
    {
      when: { majorFrom: 18 },
      note: 'From PostgreSQL 18, PGDATA is /var/lib/postgresql/18/docker and the image VOLUME is /var/lib/postgresql.',
      paths: [
        {
          path: '/var/run/postgresql',
          kind: 'runtime',
          why: 'the server writes its Unix socket and lock file there',
          source: at(
            '18/bookworm/Dockerfile',
            'RUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql',
          ),
        },
        {
          path: '/var/lib/postgresql',
          kind: 'state',
          why: 'the database files ($PGDATA is /var/lib/postgresql/18/docker)',
          imageVolume: true,
          source: at('18/bookworm/Dockerfile', 'VOLUME /var/lib/postgresql'),
        },
      ],
    },
  ],
});
