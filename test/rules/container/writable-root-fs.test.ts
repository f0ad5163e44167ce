import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/writable-root-fs';
import { runRuleTests } from '../../rule-tester';

// acme/web has no profile: /tmp gets a tmpfs, and the title says what the fix assumes.
const both = (service = 'app') =>
  `Set \`read_only: true\` with a tmpfs at \`/tmp\` — check that \`${service}\` writes nowhere else`;
const only = (service = 'app') => `Set \`read_only: true\` — check that \`${service}\` writes nowhere else`;

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: nginx:1.27
          read_only: true
    `,
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            read_only: \${READ_ONLY}
      `,
    },
    {
      name: 'a variable whose default is true',
      code: file`
        services:
          app:
            image: nginx:1.27
            read_only: \${READ_ONLY:-true}
      `,
    },
    {
      name: 'set in the service it extends',
      code: file`
        services:
          base:
            image: nginx
            read_only: true
          app:
            extends: base
      `,
    },
  ],
  invalid: [
    {
      name: 'postgres: a tmpfs for its socket folder and /tmp; its data folder is an image VOLUME, so it stays writable',
      code: file`
        services:
          db:
            image: postgres:16
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title:
                'Set `read_only: true` with a tmpfs at `/var/run/postgresql`, `/tmp` (from the `postgres` image profile)',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    read_only: true
                    tmpfs:
                      - /var/run/postgresql
                      - /tmp
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an image whose profile says it cannot run read-only: information, with the reason, and no fix',
      code: file`
        services:
          agent:
            image: zabbix/zabbix-agent2:alpine-7.0-latest
      `,
      findings: [{ messageId: 'unsupported', range: '2:3-2:8', severity: 'info', fixes: [] }],
    },
    {
      name: 'a workspace Dockerfile: its VOLUME stays writable; a folder it chowns to its user is named in the title',
      code: file`
        services:
          app:
            build: .
            tmpfs: [/tmp]
      `,
      files: {
        Dockerfile: file`
          FROM debian:12
          RUN useradd app && mkdir -p /srv/uploads && chown app /srv/uploads
          VOLUME /data
          USER app
          CMD ["/app"]
        `,
      },
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title:
                'Set `read_only: true` (from `Dockerfile`) — `/srv/uploads` is made writable by the Dockerfile: give it a tmpfs or a volume',
              safe: false,
              output: file`
                services:
                  app:
                    build: .
                    read_only: true
                    tmpfs: [/tmp]
              `,
            },
          ],
        },
      ],
    },
    {
      code: file`
        services:
          app:
            image: acme/web:1
            ports:
              - "80:80"
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output: file`
                services:
                  app:
                    image: acme/web:1
                    read_only: true
                    tmpfs:
                      - /tmp
                    ports:
                      - "80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a tmpfs already there',
      code: file`
        services:
          app:
            build: .
            tmpfs: /run
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output: file`
                services:
                  app:
                    build: .
                    read_only: true
                    tmpfs: [/run, /tmp]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'read_only: false is turned on in place, the tmpfs goes after it',
      code: file`
        services:
          app:
            image: acme/web:1
            read_only: false # TODO
            ports: ["80:80"]
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:21',
          fixes: [
            {
              title: both(),
              safe: false,
              output: file`
                services:
                  app:
                    image: acme/web:1
                    read_only: true # TODO
                    tmpfs: [/tmp]
                    ports: ["80:80"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a flow mapping service, /tmp already a volume',
      code: file`
        services:
          app: {image: acme/web:1, volumes: ["tmp:/tmp"]}
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: only(),
              safe: false,
              output: file`
                services:
                  app: {image: acme/web:1, volumes: ["tmp:/tmp"], read_only: true}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor says false: overridden in each service',
      code: file`
        x-base: &base
          read_only: false
        services:
          a:
            <<: *base
            image: acme/web:1
            tmpfs: [/tmp]
          b:
            <<: *base
            image: redis
            read_only: true
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:14',
          fixes: [
            {
              title: only('a'),
              safe: false,
              output: file`
                x-base: &base
                  read_only: false
                services:
                  a:
                    <<: *base
                    image: acme/web:1
                    read_only: true
                    tmpfs: [/tmp]
                  b:
                    <<: *base
                    image: redis
                    read_only: true
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF',
      code: file`
        services:\r
          app:\r
            image: acme/web:1\r
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output: file`
                services:\r
                  app:\r
                    image: acme/web:1\r
                    read_only: true\r
                    tmpfs:\r
                      - /tmp\r
              `,
            },
          ],
        },
      ],
    },
  ],
});
