import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/logging-disabled';
import { runRuleTests } from '../../rule-tester';

const local = 'Log with the `local` driver (rotated files, `docker logs`)';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: nginx:1.27
    `,
    {
      name: 'a driver that keeps logs',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              driver: syslog
      `,
    },
    {
      name: 'logging options only',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              options:
                max-size: 10m
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              driver: \${LOG_DRIVER}
      `,
    },
    {
      name: 'not a driver name Docker knows (it refuses to start)',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              driver: None
      `,
    },
    {
      name: 'a none at another key',
      code: file`
        services:
          app:
            image: nginx:1.27
            network_mode: none
            logging:
              options:
                driver: none
      `,
    },
  ],
  invalid: [
    {
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              driver: none
      `,
      findings: [
        {
          messageId: 'none',
          range: '5:7-5:19',
          fixes: [
            {
              title: local,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    logging:
                      driver: local
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'quoted, with options, in a flow mapping',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging: {driver: "none", options: {}}
      `,
      findings: [
        {
          messageId: 'none',
          range: '4:15-4:29',
          fixes: [
            {
              title: local,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    logging: {driver: "local", options: {}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a variable whose default is none: reported, the variable kept',
      code: file`
        services:
          app:
            image: nginx:1.27
            logging:
              driver: \${LOG_DRIVER:-none}
      `,
      findings: [{ messageId: 'none', range: '5:7-5:34', fixes: [] }],
    },
    {
      name: 'an anchor shared by two services: reported where each merges it, no fix for shared text',
      code: file`
        x-quiet: &quiet
          logging:
            driver: none
        services:
          a:
            <<: *quiet
            image: nginx:1.27
          b:
            <<: *quiet
            image: redis:7
      `,
      findings: [
        { messageId: 'none', range: '6:9-6:15', fixes: [], related: ['@3:5-3:17'] },
        { messageId: 'none', range: '9:9-9:15', fixes: [], related: ['@3:5-3:17'] },
      ],
    },
    {
      name: 'inherited through extends: reported at the extends, fixed in the base',
      code: file`
        services:
          base:
            image: nginx:1.27
            logging:
              driver: none
          app:
            extends: base
      `,
      findings: [
        {
          messageId: 'none',
          range: '5:7-5:19',
          fixes: [
            {
              title: local,
              safe: false,
              output: file`
                services:
                  base:
                    image: nginx:1.27
                    logging:
                      driver: local
                  app:
                    extends: base
              `,
            },
          ],
        },
        { messageId: 'none', range: '7:14-7:18', fixes: [] },
      ],
    },
  ],
});
