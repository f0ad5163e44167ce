// The kernel-level rules over runArgs flags (--sysctl, --device-cgroup-rule, --oom-kill-disable,
// --security-opt systempaths=unconfined): detection only, none has a dev container fix.
import { file } from '../../../shared/src/rule';
import unsafeSysctl from '../../../shared/src/rules/container/unsafe-sysctl';
import allDevices from '../../../shared/src/rules/container/all-devices-allowed';
import oomKill from '../../../shared/src/rules/container/oom-kill-disabled';
import systempaths from '../../../shared/src/rules/container/systempaths-unconfined';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(unsafeSysctl), {
  valid: [
    file`
      { "image": "alpine:3.20", "runArgs": ["--sysctl", "net.ipv4.ip_unprivileged_port_start=1024"] }
    `,
  ],
  invalid: [
    {
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--sysctl", "kernel.core_pattern=|/tmp/x"] }
      `,
      findings: [{ messageId: 'hostKernel', range: '1:39-1:80' }],
    },
  ],
});

runRuleTests(forDevcontainer(allDevices), {
  valid: [
    file`
      { "image": "alpine:3.20", "runArgs": ["--device-cgroup-rule=c 189:* rmw"] }
    `,
  ],
  invalid: [
    {
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--device-cgroup-rule", "a *:* rwm"] }
      `,
      findings: [{ messageId: 'everyDevice', range: '1:39-1:74' }],
    },
  ],
});

runRuleTests(forDevcontainer(oomKill), {
  valid: [
    file`
      { "image": "alpine:3.20", "runArgs": ["--oom-kill-disable=false"] }
    `,
  ],
  invalid: [
    {
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--oom-kill-disable"] }
      `,
      findings: [{ messageId: 'unlimited', range: '1:39-1:59' }],
    },
    {
      name: 'a memory limit (-m) bounds it: still reported, as limited',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--oom-kill-disable", "-m", "4g"] }
      `,
      findings: [{ messageId: 'limited', range: '1:39-1:59' }],
    },
  ],
});

runRuleTests(forDevcontainer(systempaths), {
  valid: [
    file`
      { "image": "alpine:3.20", "securityOpt": ["label=type:container_t"] }
    `,
  ],
  invalid: [
    {
      code: file`
        { "image": "alpine:3.20", "securityOpt": ["systempaths=unconfined"] }
      `,
      findings: [{ messageId: 'unconfined', range: '1:43-1:67' }],
    },
  ],
});
