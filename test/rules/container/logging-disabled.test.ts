import rule from '../../../shared/src/rules/container/logging-disabled';
import { runRuleTests } from '../../rule-tester';

const local = 'Log with the `local` driver (rotated files, `docker logs`)';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n',
    {
      name: 'a driver that keeps logs',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: syslog\n',
    },
    {
      name: 'logging options only',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      options:\n        max-size: 10m\n',
    },
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: ${LOG_DRIVER}\n',
    },
    {
      name: 'not a driver name Docker knows (it refuses to start)',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: None\n',
    },
    {
      name: 'a none at another key',
      code: 'services:\n  app:\n    image: nginx:1.27\n    network_mode: none\n    logging:\n      options:\n        driver: none\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: none\n',
      findings: [
        {
          messageId: 'none',
          range: '5:7-5:19',
          fixes: [
            {
              title: local,
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: local\n',
            },
          ],
        },
      ],
    },
    {
      name: 'quoted, with options, in a flow mapping',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging: {driver: "none", options: {}}\n',
      findings: [
        {
          messageId: 'none',
          range: '4:15-4:29',
          fixes: [
            {
              title: local,
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    logging: {driver: "local", options: {}}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a variable whose default is none: reported, the variable kept',
      code: 'services:\n  app:\n    image: nginx:1.27\n    logging:\n      driver: ${LOG_DRIVER:-none}\n',
      findings: [{ messageId: 'none', range: '5:7-5:34', fixes: [] }],
    },
    {
      name: 'an anchor shared by two services: reported where each merges it, no fix for shared text',
      code: 'x-quiet: &quiet\n  logging:\n    driver: none\nservices:\n  a:\n    <<: *quiet\n    image: nginx:1.27\n  b:\n    <<: *quiet\n    image: redis:7\n',
      findings: [
        { messageId: 'none', range: '6:9-6:15', fixes: [], related: ['@3:5-3:17'] },
        { messageId: 'none', range: '9:9-9:15', fixes: [], related: ['@3:5-3:17'] },
      ],
    },
    {
      name: 'inherited through extends: reported at the extends, fixed in the base',
      code: 'services:\n  base:\n    image: nginx:1.27\n    logging:\n      driver: none\n  app:\n    extends: base\n',
      findings: [
        {
          messageId: 'none',
          range: '5:7-5:19',
          fixes: [
            {
              title: local,
              safe: false,
              output:
                'services:\n  base:\n    image: nginx:1.27\n    logging:\n      driver: local\n  app:\n    extends: base\n',
            },
          ],
        },
        { messageId: 'none', range: '7:14-7:18', fixes: [] },
      ],
    },
  ],
});
