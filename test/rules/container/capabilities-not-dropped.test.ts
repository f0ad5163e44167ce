import rule from '../../../shared/src/rules/container/capabilities-not-dropped';
import { runRuleTests } from '../../rule-tester';

// Alpine and busybox run what they are told: nothing tells what the service needs back, and the title says so.
const add = 'Add `cap_drop: [ALL]` — check that `app` needs no capability back';
const append = 'Add `ALL` to `cap_drop` — check that `a` needs no capability back';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n',
    {
      name: 'any case, block list',
      code: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - all\n    cap_add:\n      - NET_BIND_SERVICE\n',
    },
    {
      name: 'privileged is reported by its own rule',
      code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
    },
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: ["${DROP}"]\n',
    },
    {
      name: 'dropped in the service it extends',
      code: 'services:\n  base:\n    image: alpine\n    cap_drop: [ALL]\n  app:\n    extends: base\n',
    },
    {
      name: 'dropped through a merge key',
      code: 'x-hardened: &hardened\n  cap_drop: [ALL]\nservices:\n  app:\n    <<: *hardened\n    image: alpine\n',
    },
    {
      name: 'extends another file: unknown until that file is read',
      code: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n',
    },
  ],
  invalid: [
    {
      name: 'postgres: what its entrypoint needs as root comes back in cap_add, from its profile',
      code: 'services:\n  db:\n    image: postgres:16\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title:
                'Add `cap_drop: [ALL]` with `cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]` (from the `postgres` image profile)',
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - DAC_OVERRIDE\n      - FOWNER\n      - SETGID\n      - SETUID\n',
            },
          ],
        },
      ],
    },
    {
      name: 'postgres run as its own user needs none back; a capability the service adds already stays',
      code: 'services:\n  db:\n    image: postgres:16-alpine\n    user: "70:70"\n    cap_add: [NET_ADMIN]\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` (from the `postgres` image profile)',
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16-alpine\n    user: "70:70"\n    cap_drop: [ALL]\n    cap_add: [NET_ADMIN]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'root, with postgres missing capabilities in a cap_add list of its own: only the missing ones are added',
      code: 'services:\n  db:\n    image: postgres:16\n    cap_add:\n      - CHOWN\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:5',
          fixes: [
            {
              title:
                'Add `cap_drop: [ALL]` with `cap_add: [DAC_OVERRIDE, FOWNER, SETGID, SETUID]` (from the `postgres` image profile)',
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - DAC_OVERRIDE\n      - FOWNER\n      - SETGID\n      - SETUID\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a workspace Dockerfile whose entrypoint script chowns and steps down with gosu',
      code: 'services:\n  app:\n    build: ./app\n',
      files: {
        'app/Dockerfile':
          'FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\nCMD ["app"]\n',
        'app/entrypoint.sh': '#!/bin/sh\nchown -R app /data\nexec gosu app "$@"\n',
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
              output:
                'services:\n  app:\n    build: ./app\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - DAC_OVERRIDE\n      - FOWNER\n      - SETGID\n      - SETUID\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a workspace Dockerfile that ends as a non-root user and listens on port 80: NET_BIND_SERVICE',
      code: 'services:\n  web:\n    build: ./web\n',
      files: {
        'web/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 80\nCMD ["node", "server.js"]\n',
      },
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` with `cap_add: [NET_BIND_SERVICE]` (from `web/Dockerfile`)',
              safe: false,
              output:
                'services:\n  web:\n    build: ./web\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a non-root user and an image without a profile: nothing needed back, because the user holds no capability',
      code: 'services:\n  app:\n    image: acme/app:1\n    user: "1000:1000"\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cap_drop: [ALL]` (from the user it runs as)',
              safe: false,
              output: 'services:\n  app:\n    image: acme/app:1\n    user: "1000:1000"\n    cap_drop:\n      - ALL\n',
            },
          ],
        },
      ],
    },
    {
      name: 'block lists in the file: a block list after image',
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
                'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n    ports:\n      - "80:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow lists in the file: a flow list',
      code: 'services:\n  app:\n    image: alpine:3.20\n    ports: ["80:80"]\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    ports: ["80:80"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'before cap_add and the comment above it',
      code: 'services:\n  app:\n    image: alpine\n    # binds port 80\n    cap_add:\n      - NET_BIND_SERVICE\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    cap_drop:\n      - ALL\n    # binds port 80\n    cap_add:\n      - NET_BIND_SERVICE\n',
            },
          ],
        },
      ],
    },
    {
      name: 'some dropped, block list: ALL appended',
      code: 'services:\n  app:\n    image: alpine\n    cap_drop:\n      - NET_RAW # no ping\n',
      findings: [
        {
          messageId: 'partial',
          range: '4:5-4:13',
          fixes: [
            {
              title: append.replace('`a`', '`app`'),
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    cap_drop:\n      - NET_RAW # no ping\n      - ALL\n',
            },
          ],
        },
      ],
    },
    {
      name: 'some dropped, flow list, quoted',
      code: 'services:\n  app:\n    image: alpine\n    cap_drop: ["net_raw"]\n',
      findings: [
        {
          messageId: 'partial',
          range: '4:5-4:13',
          fixes: [
            {
              title: append.replace('`a`', '`app`'),
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    cap_drop: ["net_raw", "ALL"]\n',
            },
          ],
        },
      ],
    },
    {
      name: '4-space indentation, lists level with their key',
      code: 'services:\n    app:\n        image: alpine\n        volumes:\n        - ./a:/a\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:5-2:8',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n    app:\n        image: alpine\n        cap_drop:\n        - ALL\n        volumes:\n        - ./a:/a\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a flow mapping service',
      code: 'services:\n  app: {image: alpine}\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [{ title: add, safe: false, output: 'services:\n  app: {image: alpine, cap_drop: [ALL]}\n' }],
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
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n    cap_drop: [ALL]\n',
      findings: [
        {
          messageId: 'partial',
          range: '5:9-5:14',
          fixes: [
            {
              title: append,
              safe: false,
              output:
                'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: alpine\n    cap_drop: [NET_RAW, ALL]\n  b:\n    <<: *base\n    image: busybox\n    cap_drop: [ALL]\n',
            },
          ],
        },
      ],
    },
  ],
});
