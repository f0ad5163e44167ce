import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/joined-namespace';
import { runRuleTests } from '../../rule-tester';

const app = file`
  services:
    app:
      image: nginx:1.27
`;

runRuleTests(rule, {
  valid: [
    `${app}  debug:\n    image: busybox:1.36\n`,
    {
      name: 'host modes are host-namespace findings',
      code: `${app}  debug:\n    image: busybox:1.36\n    pid: host\n    network_mode: host\n`,
    },
    {
      name: 'its own namespaces, said explicitly',
      code: `${app}  debug:\n    image: busybox:1.36\n    ipc: private\n    network_mode: bridge\n`,
    },
    { name: 'an unset variable is unknown', code: `${app}  debug:\n    image: busybox:1.36\n    pid: \${PID_MODE}\n` },
    { name: 'uts and cgroup cannot join a service', code: `${app}  debug:\n    image: busybox:1.36\n    uts: host\n` },
  ],
  invalid: [
    {
      code: `${app}  debug:\n    image: busybox:1.36\n    pid: "service:app"\n`,
      findings: [{ messageId: 'pid', range: '6:5-6:23', severity: 'warning' }],
    },
    {
      name: 'network and ipc joined to a container by name',
      code: `${app}  vpn-client:\n    image: busybox:1.36\n    network_mode: "container:gluetun"\n    ipc: container:app_1\n`,
      findings: [
        { messageId: 'ipc', range: '7:5-7:25' },
        { messageId: 'network', range: '6:5-6:38' },
      ],
    },
    {
      name: 'inherited through extends: reported at the extends of each',
      code: `${app}  base:\n    image: busybox:1.36\n    network_mode: service:app\n  worker:\n    extends: base\n`,
      findings: [
        { messageId: 'network', range: '6:5-6:30' },
        { messageId: 'network', range: '8:14-8:18' },
      ],
    },
  ],
});
