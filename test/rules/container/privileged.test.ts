import rule from '../../../shared/src/rules/container/privileged';
import { runRuleTests } from '../../rule-tester';

const remove = 'Remove `privileged: true`';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    { name: 'explicitly off', code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: false\n' },
    {
      name: 'an unset variable is unknown, not true',
      code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: ${PRIVILEGED}\n',
    },
    { name: 'a quoted false', code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: "false"\n' },
    {
      name: 'a variable whose default is false',
      code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: ${PRIVILEGED:-false}\n',
    },
    {
      name: 'privileged build only is not a privileged container',
      code: 'services:\n  app:\n    build:\n      context: .\n      privileged: true\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
      findings: [
        {
          messageId: 'privileged',
          range: '4:5-4:21',
          fixes: [{ title: remove, safe: false, output: 'services:\n  app:\n    image: alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'comments around the key: the comment above stays, the one on the line goes with it',
      code: 'services:\n  app:\n    image: alpine\n    # docker-in-docker\n    privileged: true # for now\n    ports:\n      - "80:80"\n',
      findings: [
        {
          messageId: 'privileged',
          range: '5:5-5:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    # docker-in-docker\n    ports:\n      - "80:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow mapping, last key',
      code: 'services:\n  app: {image: alpine, privileged: true}\n',
      findings: [
        {
          messageId: 'privileged',
          range: '2:24-2:40',
          fixes: [{ title: remove, safe: false, output: 'services:\n  app: {image: alpine}\n' }],
        },
      ],
    },
    {
      name: 'flow mapping, first key',
      code: 'services:\n  app: { privileged: true, image: alpine }\n',
      findings: [
        {
          messageId: 'privileged',
          range: '2:10-2:26',
          fixes: [{ title: remove, safe: false, output: 'services:\n  app: { image: alpine }\n' }],
        },
      ],
    },
    {
      name: 'CRLF line endings and 4-space indentation',
      code: 'services:\r\n    app:\r\n        privileged: true\r\n        image: alpine\r\n',
      findings: [
        {
          messageId: 'privileged',
          range: '3:9-3:25',
          fixes: [{ title: remove, safe: false, output: 'services:\r\n    app:\r\n        image: alpine\r\n' }],
        },
      ],
    },
    {
      name: 'quoted string true, last line without a line break',
      code: 'services:\n  app:\n    image: alpine\n    privileged: "true"',
      findings: [
        {
          messageId: 'privileged',
          range: '4:5-4:23',
          fixes: [{ title: remove, safe: false, output: 'services:\n  app:\n    image: alpine\n' }],
        },
      ],
    },
    {
      name: 'the only key: the service stays a mapping',
      code: 'services:\n  app:\n    privileged: true\n',
      findings: [
        {
          messageId: 'privileged',
          range: '3:5-3:21',
          fixes: [{ title: remove, safe: false, output: 'services:\n  app:\n    {}\n' }],
        },
      ],
    },
    {
      name: 'an anchor shared by two services: reported where each merges it, overridden in each service',
      code: 'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n',
      findings: [
        {
          messageId: 'privileged',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Set `privileged: false` for service `a`',
              safe: false,
              output:
                'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    privileged: false\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n',
            },
          ],
        },
        {
          messageId: 'privileged',
          range: '8:9-8:14',
          fixes: [
            {
              title: 'Set `privileged: false` for service `b`',
              safe: false,
              output:
                'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    privileged: false\n    image: busybox\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an anchor only one service uses: removed where it is written',
      code: 'x-base: &base\n  privileged: true\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: alpine\n',
      findings: [
        {
          messageId: 'privileged',
          range: '6:9-6:14',
          fixes: [
            {
              title: remove,
              safe: false,
              output: 'x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: alpine\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the service key overrides its own merged anchor',
      code: 'x-base: &base\n  privileged: false\nservices:\n  a:\n    <<: *base\n    privileged: true\n',
      findings: [
        {
          messageId: 'privileged',
          range: '6:5-6:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: 'x-base: &base\n  privileged: false\nservices:\n  a:\n    <<: *base\n',
            },
          ],
        },
      ],
    },
    {
      name: 'extends: the base is fixed where written, the extending service gets an override',
      code: 'services:\n  base:\n    image: alpine\n    privileged: true\n  app:\n    extends: base\n',
      findings: [
        {
          messageId: 'privileged',
          range: '4:5-4:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: 'services:\n  base:\n    image: alpine\n  app:\n    extends: base\n',
            },
          ],
        },
        {
          messageId: 'privileged',
          range: '6:14-6:18',
          fixes: [
            {
              title: 'Set `privileged: false` for service `app`',
              safe: false,
              output:
                'services:\n  base:\n    image: alpine\n    privileged: true\n  app:\n    extends: base\n    privileged: false\n',
            },
          ],
        },
      ],
    },
  ],
});
