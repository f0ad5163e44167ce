import rule from '../../../shared/src/rules/container/all-devices-allowed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'one class of devices',
      code: 'services:\n  app:\n    image: alpine\n    device_cgroup_rules:\n      - "c 189:* rmw"\n      - b 8:0 r\n',
    },
    {
      name: 'mknod alone opens nothing',
      code: 'services:\n  app:\n    image: alpine\n    device_cgroup_rules: ["a *:* m"]\n',
    },
    {
      name: 'an unset variable, and text Docker refuses',
      code: 'services:\n  app:\n    image: alpine\n    device_cgroup_rules: ["${DEVICE_RULE}", "a"]\n',
    },
  ],
  invalid: [
    {
      name: 'every device, every block device, every character device',
      code: 'services:\n  app:\n    image: alpine\n    device_cgroup_rules:\n      - "a *:* rwm"\n      - b *:* mrw\n      - "c *:* rwm"\n',
      findings: [
        { messageId: 'everyDevice', range: '5:9-5:20' },
        { messageId: 'everyBlockDevice', range: '6:9-6:18' },
        { messageId: 'everyCharDevice', range: '7:9-7:20', severity: 'warning' },
      ],
    },
    {
      name: 'without mknod too (runc lets every container create nodes); a minor does not narrow a wildcard major',
      code: 'services:\n  app:\n    image: alpine\n    device_cgroup_rules: ["b *:* rw", "a *:0 rwm"]\n',
      findings: [
        { messageId: 'everyBlockDevice', range: '4:27-4:37' },
        { messageId: 'everyDevice', range: '4:39-4:50' },
      ],
    },
    {
      name: 'from a service it extends',
      code: 'services:\n  base:\n    image: alpine\n    device_cgroup_rules:\n      - "a *:* rwm"\n  app:\n    extends: base\n',
      findings: [
        { messageId: 'everyDevice', range: '5:9-5:20' },
        { messageId: 'everyDevice', range: '7:14-7:18', related: ['@5:9-5:20'] },
      ],
    },
  ],
});
