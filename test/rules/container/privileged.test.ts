import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/privileged';
import { runRuleTests } from '../../rule-tester';

const remove = 'Remove `privileged: true`';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
    `,
    {
      name: 'explicitly off',
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: false
      `,
    },
    {
      name: 'an unset variable is unknown, not true',
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: \${PRIVILEGED}
      `,
    },
    {
      name: 'a quoted false',
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: "false"
      `,
    },
    {
      name: 'a variable whose default is false',
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: \${PRIVILEGED:-false}
      `,
    },
    {
      name: 'privileged build only is not a privileged container',
      code: file`
        services:
          app:
            build:
              context: .
              privileged: true
      `,
    },
  ],
  invalid: [
    {
      code: file`
        services:
          app:
            image: alpine:3.20
            privileged: true
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '4:5-4:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'comments around the key: the comment above stays, the one on the line goes with it',
      code: file`
        services:
          app:
            image: alpine
            # docker-in-docker
            privileged: true # for now
            ports:
              - "80:80"
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '5:5-5:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    # docker-in-docker
                    ports:
                      - "80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow mapping, last key',
      code: file`
        services:
          app: {image: alpine, privileged: true}
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '2:24-2:40',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app: {image: alpine}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow mapping, first key',
      code: file`
        services:
          app: { privileged: true, image: alpine }
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '2:10-2:26',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app: { image: alpine }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF line endings and 4-space indentation',
      code: file`
        services:\r
            app:\r
                privileged: true\r
                image: alpine\r
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '3:9-3:25',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:\r
                    app:\r
                        image: alpine\r
              `,
            },
          ],
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
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the only key: the service stays a mapping',
      code: file`
        services:
          app:
            privileged: true
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '3:5-3:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  app:
                    {}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an anchor shared by two services: reported where each merges it, overridden in each service',
      code: file`
        x-base: &base
          privileged: true
        services:
          a:
            <<: *base
            image: alpine
          b:
            <<: *base
            image: busybox
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Set `privileged: false` for service `a`',
              safe: false,
              output: file`
                x-base: &base
                  privileged: true
                services:
                  a:
                    <<: *base
                    privileged: false
                    image: alpine
                  b:
                    <<: *base
                    image: busybox
              `,
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
              output: file`
                x-base: &base
                  privileged: true
                services:
                  a:
                    <<: *base
                    image: alpine
                  b:
                    <<: *base
                    privileged: false
                    image: busybox
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an anchor only one service uses: removed where it is written',
      code: file`
        x-base: &base
          privileged: true
          restart: always
        services:
          a:
            <<: *base
            image: alpine
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '6:9-6:14',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                x-base: &base
                  restart: always
                services:
                  a:
                    <<: *base
                    image: alpine
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the service key overrides its own merged anchor',
      code: file`
        x-base: &base
          privileged: false
        services:
          a:
            <<: *base
            privileged: true
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '6:5-6:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                x-base: &base
                  privileged: false
                services:
                  a:
                    <<: *base
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'extends: the base is fixed where written, the extending service gets an override',
      code: file`
        services:
          base:
            image: alpine
            privileged: true
          app:
            extends: base
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '4:5-4:21',
          fixes: [
            {
              title: remove,
              safe: false,
              output: file`
                services:
                  base:
                    image: alpine
                  app:
                    extends: base
              `,
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
              output: file`
                services:
                  base:
                    image: alpine
                    privileged: true
                  app:
                    extends: base
                    privileged: false
              `,
            },
          ],
        },
      ],
    },
  ],
});
