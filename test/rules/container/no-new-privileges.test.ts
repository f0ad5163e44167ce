import rule from '../../../shared/src/rules/container/no-new-privileges';
import { runRuleTests } from '../../rule-tester';

// Alpine runs what it is told: the title says what the fix assumes of the service.
const add =
  'Add `no-new-privileges:true` to `security_opt` — check that `app` runs no setuid program such as su or sudo';
const turnOn = 'Set `no-new-privileges` to true';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n',
    {
      name: 'bare, with =',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: [no-new-privileges, "seccomp=./p.json"]\n  b:\n    image: alpine\n    security_opt: ["no-new-privileges=true"]\n',
    },
    {
      name: 'an unknown item may be it',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["${SECURITY_OPT}"]\n',
    },
    {
      name: 'set in the service it extends',
      code: 'services:\n  base:\n    image: alpine\n    security_opt: [no-new-privileges:true]\n  app:\n    extends: base\n',
    },
  ],
  invalid: [
    {
      name: 'postgres steps down with gosu, which is not a setuid program: the fix rests on its profile',
      code: 'services:\n  db:\n    image: postgres:16\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title: 'Add `no-new-privileges:true` to `security_opt` (from the `postgres` image profile)',
              safe: false,
              output: 'services:\n  db:\n    image: postgres:16\n    security_opt:\n      - no-new-privileges:true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a non-root program given a file capability by the build: no-new-privileges would take it away, so no fix',
      code: 'services:\n  web:\n    build: .\n',
      files: {
        Dockerfile:
          'FROM debian:12\nRUN useradd web && setcap cap_net_bind_service=+ep /usr/local/bin/web\nUSER web\nCMD ["/usr/local/bin/web"]\n',
      },
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [] }],
    },
    {
      name: "no security_opt: added as a list after the image, in the file's block style",
      code: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "80:80"\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n    ports:\n      - "80:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'other options: appended to the list, reported at its key',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - "apparmor:docker-default" # keep\n    user: app\n',
      findings: [
        {
          messageId: 'missing',
          range: '4:5-4:17',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    security_opt:\n      - "apparmor:docker-default" # keep\n      - "no-new-privileges:true"\n    user: app\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow list',
      code: 'services:\n  app: {image: alpine, security_opt: [label=disable]}\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:24-2:36',
          fixes: [
            {
              title: add,
              safe: false,
              output: 'services:\n  app: {image: alpine, security_opt: [label=disable, no-new-privileges:true]}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'turned off: turned on in place, keeping = and quotes',
      code: "services:\n  app:\n    image: alpine\n    security_opt:\n      - 'no-new-privileges=false'\n",
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:34',
          fixes: [
            {
              title: turnOn,
              safe: false,
              output: "services:\n  app:\n    image: alpine\n    security_opt:\n      - 'no-new-privileges=true'\n",
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor gives other options: the service gets its own list, keeping them',
      code: 'x-sec: &sec\n  security_opt: [apparmor:docker-default]\nservices:\n  a:\n    <<: *sec\n    image: alpine\n  b:\n    <<: *sec\n    image: alpine\n    security_opt: [no-new-privileges]\n',
      findings: [
        {
          messageId: 'missing',
          range: '5:9-5:13',
          fixes: [
            {
              title: add.replace('`app`', '`a`'),
              safe: false,
              output:
                'x-sec: &sec\n  security_opt: [apparmor:docker-default]\nservices:\n  a:\n    <<: *sec\n    image: alpine\n    security_opt: [apparmor:docker-default, no-new-privileges:true]\n  b:\n    <<: *sec\n    image: alpine\n    security_opt: [no-new-privileges]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  app:\r\n    image: alpine\r\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\r\n  app:\r\n    image: alpine\r\n    security_opt:\r\n      - no-new-privileges:true\r\n',
            },
          ],
        },
      ],
    },
  ],
});
