import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/host-namespace';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "runArgs": ["--network=bridge", "--ipc", "private"] }
    `,
    {
      name: 'a value that is the next flag is no value',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--init", "--pid"] }
      `,
    },
  ],
  invalid: [
    {
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": ["--net=host", "--pid", "host", "--ipc=host", "--userns", "host"]
        }
      `,
      findings: [
        { messageId: 'network', range: '3:15-3:27' },
        { messageId: 'pid', range: '3:29-3:44' },
        { messageId: 'ipc', range: '3:46-3:58' },
        { messageId: 'userns', range: '3:60-3:78' },
      ],
    },
  ],
});
