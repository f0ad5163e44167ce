import rule from '../../../shared/src/rules/container/cpu-unlimited';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n    cpus: 0.5\n',
    {
      name: 'deploy limits, a quoted number',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "1.5"\n',
    },
    { name: 'a CPU quota caps CPU time too', code: 'services:\n  app:\n    image: nginx:1.27\n    cpu_quota: 50000\n' },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: nginx:1.27\n    cpus: ${CPUS}\n' },
  ],
  invalid: [
    {
      name: 'before the memory limit',
      code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 1g\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cpus: 1.0`',
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    cpus: 1.0\n    mem_limit: 1g\n',
            },
          ],
        },
      ],
    },
    {
      name: 'cpu_shares is a weight, not a limit: the limit goes after it',
      code: 'services:\n  app:\n    image: nginx:1.27\n    cpu_shares: 512\n    command: ["nginx"]\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cpus: 1.0`',
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    cpu_shares: 512\n    cpus: 1.0\n    command: ["nginx"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'deploy limits holding memory only: cpus goes before it',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `deploy.resources.limits.cpus: 1.0`',
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: 1.0\n          memory: 1G\n',
            },
          ],
        },
      ],
    },
    {
      name: 'cpus: 0 is no limit',
      code: 'services:\n  app:\n    image: nginx:1.27\n    cpus: 0\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:12',
          fixes: [
            {
              title: 'Set `cpus` to `1.0`',
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    cpus: 1.0\n',
            },
          ],
        },
      ],
    },
    {
      name: 'cpu_quota: -1 is no limit: one CPU of quota instead',
      code: 'services:\n  app:\n    image: nginx:1.27\n    cpu_quota: -1\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:18',
          fixes: [
            {
              title: 'Set `cpu_quota` to `100000`',
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    cpu_quota: 100000\n',
            },
          ],
        },
      ],
    },
  ],
});
