import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/host-namespace';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
    `,
    {
      name: 'sharing with another service',
      code: file`
        services:
          app:
            image: alpine
          side:
            image: alpine
            network_mode: "service:app"
            pid: service:app
            ipc: shareable
      `,
    },
    {
      name: 'no network, a bridge',
      code: file`
        services:
          a:
            image: alpine
            network_mode: none
          b:
            image: alpine
            network_mode: bridge
      `,
    },
    {
      name: 'an unset variable',
      code: file`
        services:
          a:
            image: alpine
            network_mode: \${NET_MODE}
      `,
    },
    {
      name: 'cgroup_parent is not a namespace',
      code: file`
        services:
          a:
            image: alpine
            cgroup_parent: nat-docker
            cgroup: private
      `,
    },
  ],
  invalid: [
    {
      name: 'every namespace, in compose order',
      code: file`
        services:
          a:
            image: alpine
            cgroup: host
            userns_mode: host
            uts: host
            ipc: host
            pid: "host"
            network_mode: host
      `,
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
      code: file`
        x-host: &host
          pid: host
        services:
          a:
            <<: *host
            image: alpine
            network_mode: \${NET:-host}
      `,
      findings: [
        { messageId: 'network', range: '7:5-7:31' },
        { messageId: 'pid', range: '5:9-5:14' },
      ],
    },
  ],
});
