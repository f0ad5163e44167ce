import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/no-new-privileges';
import { runRuleTests } from '../../rule-tester';

// Alpine runs what it is told: the title says what the fix assumes of the service.
const add =
  'Add `no-new-privileges:true` to `security_opt` — check that `app` runs no setuid program such as su or sudo';
const turnOn = 'Set `no-new-privileges` to true';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
          security_opt:
            - no-new-privileges:true
    `,
    {
      name: 'bare, with =',
      code: file`
        services:
          app:
            image: alpine
            security_opt: [no-new-privileges, "seccomp=./p.json"]
          b:
            image: alpine
            security_opt: ["no-new-privileges=true"]
      `,
    },
    {
      name: 'an unknown item may be it',
      code: file`
        services:
          app:
            image: alpine
            security_opt: ["\${SECURITY_OPT}"]
      `,
    },
    {
      name: 'set in the service it extends',
      code: file`
        services:
          base:
            image: alpine
            security_opt: [no-new-privileges:true]
          app:
            extends: base
      `,
    },
  ],
  invalid: [
    {
      name: 'postgres steps down with gosu, which is not a setuid program: the fix rests on its profile',
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
              title: 'Add `no-new-privileges:true` to `security_opt` (from the `postgres` image profile)',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    security_opt:
                      - no-new-privileges:true
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a non-root program given a file capability by the build: no-new-privileges would take it away, so no fix',
      code: file`
        services:
          web:
            build: .
      `,
      files: {
        Dockerfile: file`
          FROM debian:12
          RUN useradd web && setcap cap_net_bind_service=+ep /usr/local/bin/web
          USER web
          CMD ["/usr/local/bin/web"]
        `,
      },
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [] }],
    },
    {
      name: "no security_opt: added as a list after the image, in the file's block style",
      code: file`
        services:
          app:
            image: alpine:3.20
            ports:
              - "80:80"
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine:3.20
                    security_opt:
                      - no-new-privileges:true
                    ports:
                      - "80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'other options: appended to the list, reported at its key',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - "apparmor:docker-default" # keep
            user: app
      `,
      findings: [
        {
          messageId: 'missing',
          range: '4:5-4:17',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    security_opt:
                      - "apparmor:docker-default" # keep
                      - "no-new-privileges:true"
                    user: app
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow list',
      code: file`
        services:
          app: {image: alpine, security_opt: [label=disable]}
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:24-2:36',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:
                  app: {image: alpine, security_opt: [label=disable, no-new-privileges:true]}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'turned off: turned on in place, keeping = and quotes',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - 'no-new-privileges=false'
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:34',
          fixes: [
            {
              title: turnOn,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    security_opt:
                      - 'no-new-privileges=true'
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor gives other options: the service gets its own list, keeping them',
      code: file`
        x-sec: &sec
          security_opt: [apparmor:docker-default]
        services:
          a:
            <<: *sec
            image: alpine
          b:
            <<: *sec
            image: alpine
            security_opt: [no-new-privileges]
      `,
      findings: [
        {
          messageId: 'missing',
          range: '5:9-5:13',
          fixes: [
            {
              title: add.replace('`app`', '`a`'),
              safe: false,
              output: file`
                x-sec: &sec
                  security_opt: [apparmor:docker-default]
                services:
                  a:
                    <<: *sec
                    image: alpine
                    security_opt: [apparmor:docker-default, no-new-privileges:true]
                  b:
                    <<: *sec
                    image: alpine
                    security_opt: [no-new-privileges]
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
            image: alpine\r
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:\r
                  app:\r
                    image: alpine\r
                    security_opt:\r
                      - no-new-privileges:true\r
              `,
            },
          ],
        },
      ],
    },
  ],
});
