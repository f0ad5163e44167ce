import rule from '../../../shared/src/rules/container/writable-root-fs';
import { runRuleTests } from '../../rule-tester';

// acme/web has no profile: /tmp gets a tmpfs, and the title says what the fix assumes.
const both = (service = 'app') =>
  `Set \`read_only: true\` with a tmpfs at \`/tmp\` — check that \`${service}\` writes nowhere else`;
const only = (service = 'app') => `Set \`read_only: true\` — check that \`${service}\` writes nowhere else`;

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n    read_only: true\n',
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  app:\n    image: nginx:1.27\n    read_only: ${READ_ONLY}\n',
    },
    {
      name: 'a variable whose default is true',
      code: 'services:\n  app:\n    image: nginx:1.27\n    read_only: ${READ_ONLY:-true}\n',
    },
    {
      name: 'set in the service it extends',
      code: 'services:\n  base:\n    image: nginx\n    read_only: true\n  app:\n    extends: base\n',
    },
  ],
  invalid: [
    {
      name: 'postgres: a tmpfs for its socket folder and /tmp; its data folder is an image VOLUME, so it stays writable',
      code: 'services:\n  db:\n    image: postgres:16\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title:
                'Set `read_only: true` with a tmpfs at `/var/run/postgresql`, `/tmp` (from the `postgres` image profile)',
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    read_only: true\n    tmpfs:\n      - /var/run/postgresql\n      - /tmp\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an image whose profile says it cannot run read-only: information, with the reason, and no fix',
      code: 'services:\n  agent:\n    image: zabbix/zabbix-agent2:alpine-7.0-latest\n',
      findings: [{ messageId: 'unsupported', range: '2:3-2:8', severity: 'info', fixes: [] }],
    },
    {
      name: 'a workspace Dockerfile: its VOLUME stays writable; a folder it chowns to its user is named in the title',
      code: 'services:\n  app:\n    build: .\n    tmpfs: [/tmp]\n',
      files: {
        Dockerfile:
          'FROM debian:12\nRUN useradd app && mkdir -p /srv/uploads && chown app /srv/uploads\nVOLUME /data\nUSER app\nCMD ["/app"]\n',
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
              output: 'services:\n  app:\n    build: .\n    read_only: true\n    tmpfs: [/tmp]\n',
            },
          ],
        },
      ],
    },
    {
      code: 'services:\n  app:\n    image: acme/web:1\n    ports:\n      - "80:80"\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output:
                'services:\n  app:\n    image: acme/web:1\n    read_only: true\n    tmpfs:\n      - /tmp\n    ports:\n      - "80:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a tmpfs already there',
      code: 'services:\n  app:\n    build: .\n    tmpfs: /run\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output: 'services:\n  app:\n    build: .\n    read_only: true\n    tmpfs: [/run, /tmp]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'read_only: false is turned on in place, the tmpfs goes after it',
      code: 'services:\n  app:\n    image: acme/web:1\n    read_only: false # TODO\n    ports: ["80:80"]\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:21',
          fixes: [
            {
              title: both(),
              safe: false,
              output:
                'services:\n  app:\n    image: acme/web:1\n    read_only: true # TODO\n    tmpfs: [/tmp]\n    ports: ["80:80"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a flow mapping service, /tmp already a volume',
      code: 'services:\n  app: {image: acme/web:1, volumes: ["tmp:/tmp"]}\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: only(),
              safe: false,
              output: 'services:\n  app: {image: acme/web:1, volumes: ["tmp:/tmp"], read_only: true}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor says false: overridden in each service',
      code: 'x-base: &base\n  read_only: false\nservices:\n  a:\n    <<: *base\n    image: acme/web:1\n    tmpfs: [/tmp]\n  b:\n    <<: *base\n    image: redis\n    read_only: true\n',
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:14',
          fixes: [
            {
              title: only('a'),
              safe: false,
              output:
                'x-base: &base\n  read_only: false\nservices:\n  a:\n    <<: *base\n    image: acme/web:1\n    read_only: true\n    tmpfs: [/tmp]\n  b:\n    <<: *base\n    image: redis\n    read_only: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  app:\r\n    image: acme/web:1\r\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: both(),
              safe: false,
              output:
                'services:\r\n  app:\r\n    image: acme/web:1\r\n    read_only: true\r\n    tmpfs:\r\n      - /tmp\r\n',
            },
          ],
        },
      ],
    },
  ],
});
