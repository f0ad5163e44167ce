import rule from '../../../shared/src/rules/container/writable-root-fs';
import { runRuleTests } from '../../rule-tester';

const both = 'Set `read_only: true` and mount a tmpfs at `/tmp`';
const only = 'Set `read_only: true`';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n    read_only: true\n',
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: nginx:1.27\n    read_only: ${READ_ONLY}\n' },
    { name: 'a variable whose default is true', code: 'services:\n  app:\n    image: nginx:1.27\n    read_only: ${READ_ONLY:-true}\n' },
    { name: 'set in the service it extends', code: 'services:\n  base:\n    image: nginx\n    read_only: true\n  app:\n    extends: base\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: both, safe: false, output: 'services:\n  app:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n    ports:\n      - "80:80"\n' }] }],
    },
    {
      name: 'a tmpfs already there',
      code: 'services:\n  app:\n    build: .\n    tmpfs: /run\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: only, safe: false, output: 'services:\n  app:\n    build: .\n    read_only: true\n    tmpfs: /run\n' }] }],
    },
    {
      name: 'read_only: false is turned on in place, the tmpfs goes after it',
      code: 'services:\n  app:\n    image: nginx\n    read_only: false # TODO\n    ports: ["80:80"]\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:21',
          fixes: [{ title: both, safe: false, output: 'services:\n  app:\n    image: nginx\n    read_only: true # TODO\n    tmpfs: [/tmp]\n    ports: ["80:80"]\n' }],
        },
      ],
    },
    {
      name: 'a flow mapping service, /tmp already a volume',
      code: 'services:\n  app: {image: nginx, volumes: ["tmp:/tmp"]}\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: only, safe: false, output: 'services:\n  app: {image: nginx, volumes: ["tmp:/tmp"], read_only: true}\n' }] }],
    },
    {
      name: 'a shared anchor says false: overridden in each service',
      code: 'x-base: &base\n  read_only: false\nservices:\n  a:\n    <<: *base\n    image: nginx\n    tmpfs: [/tmp]\n  b:\n    <<: *base\n    image: redis\n    read_only: true\n',
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:14',
          fixes: [{ title: only, safe: false, output: 'x-base: &base\n  read_only: false\nservices:\n  a:\n    <<: *base\n    image: nginx\n    read_only: true\n    tmpfs: [/tmp]\n  b:\n    <<: *base\n    image: redis\n    read_only: true\n' }],
        },
      ],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  app:\r\n    image: nginx\r\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: both, safe: false, output: 'services:\r\n  app:\r\n    image: nginx\r\n    read_only: true\r\n    tmpfs:\r\n      - /tmp\r\n' }] }],
    },
  ],
});
