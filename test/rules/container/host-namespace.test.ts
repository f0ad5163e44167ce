import rule from '../../../shared/src/rules/container/host-namespace';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'sharing with another service',
      code: 'services:\n  app:\n    image: alpine\n  side:\n    image: alpine\n    network_mode: "service:app"\n    pid: service:app\n    ipc: shareable\n',
    },
    {
      name: 'no network, a bridge',
      code: 'services:\n  a:\n    image: alpine\n    network_mode: none\n  b:\n    image: alpine\n    network_mode: bridge\n',
    },
    { name: 'an unset variable', code: 'services:\n  a:\n    image: alpine\n    network_mode: ${NET_MODE}\n' },
    {
      name: 'cgroup_parent is not a namespace',
      code: 'services:\n  a:\n    image: alpine\n    cgroup_parent: nat-docker\n    cgroup: private\n',
    },
  ],
  invalid: [
    {
      name: 'every namespace, in compose order',
      code: 'services:\n  a:\n    image: alpine\n    cgroup: host\n    userns_mode: host\n    uts: host\n    ipc: host\n    pid: "host"\n    network_mode: host\n',
      findings: [
        { messageId: 'network', range: '9:5-9:23' },
        { messageId: 'pid', range: '8:5-8:16' },
        { messageId: 'ipc', range: '7:5-7:14' },
        { messageId: 'uts', range: '6:5-6:14', severity: 'warning' },
        { messageId: 'userns', range: '5:5-5:22' },
        { messageId: 'cgroup', range: '4:5-4:17' },
      ],
    },
    {
      name: 'through a variable default and from an anchor',
      code: 'x-host: &host\n  pid: host\nservices:\n  a:\n    <<: *host\n    image: alpine\n    network_mode: ${NET:-host}\n',
      findings: [
        { messageId: 'network', range: '7:5-7:31' },
        { messageId: 'pid', range: '5:9-5:14' },
      ],
    },
  ],
});
