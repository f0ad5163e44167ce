import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/sensitive-host-mount';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      {
        "image": "alpine:3.20",
        "mounts": ["source=\${localWorkspaceFolder}/.cache,target=/cache,type=bind"]
      }
    `,
  ],
  invalid: [
    {
      name: "the user's home through the Dev Container CLI's variable",
      code: file`
        {
          "image": "alpine:3.20",
          "mounts": ["source=\${localEnv:HOME}/.ssh,target=/home/vscode/.ssh,type=bind"]
        }
      `,
      findings: [{ messageId: 'writable', range: '3:14-3:79' }],
    },
    {
      name: 'the host root, as an object and as -v',
      code: file`
        {
          "image": "alpine:3.20",
          "mounts": [{ "source": "/etc", "target": "/host-etc", "type": "bind" }],
          "runArgs": ["-v/:/host:ro"]
        }
      `,
      findings: [
        { messageId: 'writable', range: '3:14-3:73' },
        { messageId: 'readOnly', range: '4:15-4:29' },
      ],
    },
  ],
});
