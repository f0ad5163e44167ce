import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/mac-disabled';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "securityOpt": ["no-new-privileges"] }
    `,
  ],
  invalid: [
    {
      name: 'securityOpt and runArgs',
      code: file`
        {
          "image": "alpine:3.20",
          "securityOpt": ["apparmor=unconfined"],
          "runArgs": ["--security-opt", "label=disable"]
        }
      `,
      findings: [
        { messageId: 'apparmor', range: '3:19-3:40' },
        { messageId: 'selinuxDisabled', range: '4:15-4:48' },
      ],
    },
    {
      name: 'docker-outside-of-docker sets label=disable',
      code: file`
        {
          "image": "alpine:3.20",
          "features": { "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {} }
        }
      `,
      findings: [{ messageId: 'selinuxDisabled', range: '3:17-3:76' }],
    },
  ],
});
