import rule from '../../../shared/src/rules/container/pids-unlimited';
import { runRuleTests } from '../../rule-tester';

const add = 'Add `pids_limit: 256`';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n    pids_limit: 100\n',
    {
      name: 'deploy limits',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 100\n',
    },
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  app:\n    image: nginx:1.27\n    pids_limit: ${PIDS}\n',
    },
  ],
  invalid: [
    {
      name: 'after the memory limit',
      code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 1g\n    environment:\n      A: b\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 1g\n    pids_limit: 256\n    environment:\n      A: b\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a deploy section: still pids_limit, which every Compose reads',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    pids_limit: 256\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
            },
          ],
        },
      ],
    },
    {
      name: '-1 is no limit',
      code: 'services:\n  app:\n    image: nginx:1.27\n    pids_limit: -1 # unlimited\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:19',
          fixes: [
            {
              title: 'Set `pids_limit` to `256`',
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    pids_limit: 256 # unlimited\n',
            },
          ],
        },
      ],
    },
    {
      name: '0 is no limit either, also under deploy',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 0\n',
      findings: [
        {
          messageId: 'disabled',
          range: '7:11-7:18',
          fixes: [
            {
              title: 'Set `deploy.resources.limits.pids` to `256`',
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 256\n',
            },
          ],
        },
      ],
    },
  ],
});
