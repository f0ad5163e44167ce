import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/capabilities-not-dropped';
import { runRuleTests } from '../../rule-tester';

// Alpine and busybox run what they are told: nothing tells what the service needs back, and the title says so.
const add = 'Add `cap_drop: [ALL]` — check that `app` needs no capability back';
const append = 'Add `ALL` to `cap_drop` — check that `a` needs no capability back';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
          cap_drop: [ALL]
    `,
    {
      name: 'any case, block list',
      code: file`
        services:
          app:
            image: alpine:3.20
            cap_drop:
              - all
            cap_add:
              - NET_BIND_SERVICE
      `,
    },
    {
      name: 'privileged is reported by its own rule',
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: true
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: alpine:3.20
            cap_drop: ["\${DROP}"]
      `,
    },
    {
      name: 'dropped in the service it extends',
      code: file`
        services:
          base:
            image: alpine
            cap_drop: [ALL]
          app:
            extends: base
      `,
    },
    {
      name: 'dropped through a merge key',
      code: file`
        x-hardened: &hardened
          cap_drop: [ALL]
        services:
          app:
            <<: *hardened
            image: alpine
      `,
    },
    {
      name: 'extends another file: unknown until that file is read',
      code: file`
        services:
          app:
            extends:
              file: common.yaml
              service: base
      `,
    },
  ],
  invalid: [
    {
      name: 'postgres: what its entrypoint needs as root comes back in cap_add, from its profile',
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
                'Add `cap_drop: [ALL]` with `cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]` (from the `postgres` image profile)',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    cap_drop:
                      - ALL
                    cap_add:
                      - CHOWN
                      - DAC_OVERRIDE
                      - FOWNER
                      - SETGID
                      - SETUID
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'postgres run as its own user needs none back; a capability the service adds already stays',
      code: file`
        services:
          db:
            image: postgres:16-alpine
            user: "70:70"
            cap_add: [NET_ADMIN]
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` (from the `postgres` image profile)',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16-alpine
                    user: "70:70"
                    cap_drop: [ALL]
                    cap_add: [NET_ADMIN]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'root, with postgres missing capabilities in a cap_add list of its own: only the missing ones are added',
      code: file`
        services:
          db:
            image: postgres:16
            cap_add:
              - CHOWN
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title:
                'Add `cap_drop: [ALL]` with `cap_add: [DAC_OVERRIDE, FOWNER, SETGID, SETUID]` (from the `postgres` image profile)',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    cap_drop:
                      - ALL
                    cap_add:
                      - CHOWN
                      - DAC_OVERRIDE
                      - FOWNER
                      - SETGID
                      - SETUID
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a workspace Dockerfile whose entrypoint script chowns and steps down with gosu',
      code: file`
        services:
          app:
            build: ./app
      `,
      files: {
        'app/Dockerfile': file`
          FROM debian:12
          COPY entrypoint.sh /usr/local/bin/
          ENTRYPOINT ["entrypoint.sh"]
          CMD ["app"]
        `,
        'app/entrypoint.sh': file`
          #!/bin/sh
          chown -R app /data
          exec gosu app "$@"
        `,
      },
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title:
                'Add `cap_drop: [ALL]` with `cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]` (from `app/entrypoint.sh`)',
              safe: false,
              output: file`
                services:
                  app:
                    build: ./app
                    cap_drop:
                      - ALL
                    cap_add:
                      - CHOWN
                      - DAC_OVERRIDE
                      - FOWNER
                      - SETGID
                      - SETUID
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a workspace Dockerfile that ends as a non-root user and listens on port 80: NET_BIND_SERVICE',
      code: file`
        services:
          web:
            build: ./web
      `,
      files: {
        'web/Dockerfile': file`
          FROM node:22
          WORKDIR /app
          COPY . .
          USER node
          EXPOSE 80
          CMD ["node", "server.js"]
        `,
      },
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` with `cap_add: [NET_BIND_SERVICE]` (from `web/Dockerfile`)',
              safe: false,
              output: file`
                services:
                  web:
                    build: ./web
                    cap_drop:
                      - ALL
                    cap_add:
                      - NET_BIND_SERVICE
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a non-root user and an image without a profile: nothing needed back, because the user holds no capability',
      code: file`
        services:
          app:
            image: acme/app:1
            user: "1000:1000"
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` (from the user it runs as)',
              safe: false,
              output: file`
                services:
                  app:
                    image: acme/app:1
                    user: "1000:1000"
                    cap_drop:
                      - ALL
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'block lists in the file: a block list after image',
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
                    cap_drop:
                      - ALL
                    ports:
                      - "80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow lists in the file: a flow list',
      code: file`
        services:
          app:
            image: alpine:3.20
            ports: ["80:80"]
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
                    cap_drop: [ALL]
                    ports: ["80:80"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'before cap_add and the comment above it',
      code: file`
        services:
          app:
            image: alpine
            # binds port 80
            cap_add:
              - NET_BIND_SERVICE
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
                    image: alpine
                    cap_drop:
                      - ALL
                    # binds port 80
                    cap_add:
                      - NET_BIND_SERVICE
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'some dropped, block list: ALL appended',
      code: file`
        services:
          app:
            image: alpine
            cap_drop:
              - NET_RAW # no ping
      `,
      findings: [
        {
          messageId: 'partial',
          range: '4:5-4:13',
          fixes: [
            {
              title: append.replace('`a`', '`app`'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    cap_drop:
                      - NET_RAW # no ping
                      - ALL
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'some dropped, flow list, quoted',
      code: file`
        services:
          app:
            image: alpine
            cap_drop: ["net_raw"]
      `,
      findings: [
        {
          messageId: 'partial',
          range: '4:5-4:13',
          fixes: [
            {
              title: append.replace('`a`', '`app`'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    cap_drop: ["net_raw", "ALL"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: '4-space indentation, lists level with their key',
      code: file`
        services:
            app:
                image: alpine
                volumes:
                - ./a:/a
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:5-2:8',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:
                    app:
                        image: alpine
                        cap_drop:
                        - ALL
                        volumes:
                        - ./a:/a
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a flow mapping service',
      code: file`
        services:
          app: {image: alpine}
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
                  app: {image: alpine, cap_drop: [ALL]}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF, no line break at the end',
      code: 'services:\r\n  app:\r\n    image: alpine',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output: 'services:\r\n  app:\r\n    image: alpine\r\n    cap_drop:\r\n      - ALL',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor drops some: the service gets its own list, keeping them',
      code: file`
        x-base: &base
          cap_drop: [NET_RAW]
        services:
          a:
            <<: *base
            image: alpine
          b:
            <<: *base
            image: busybox
            cap_drop: [ALL]
      `,
      findings: [
        {
          messageId: 'partial',
          range: '5:9-5:14',
          fixes: [
            {
              title: append,
              safe: false,
              output: file`
                x-base: &base
                  cap_drop: [NET_RAW]
                services:
                  a:
                    <<: *base
                    image: alpine
                    cap_drop: [NET_RAW, ALL]
                  b:
                    <<: *base
                    image: busybox
                    cap_drop: [ALL]
              `,
            },
          ],
        },
      ],
    },
  ],
});
