import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/no-new-privileges';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "securityOpt": ["no-new-privileges"] }
    `,
    {
      name: 'in runArgs',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--security-opt=no-new-privileges:true"] }
      `,
    },
  ],
  invalid: [
    {
      name: 'an empty runArgs gets it (the finding is at the declaration: no security-opt is written)',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": []
        }
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:10',
          severity: 'info',
          fixes: [
            {
              title:
                'Add `--security-opt=no-new-privileges` to `runArgs` — `sudo` and other setuid programs stop working',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": ["--security-opt=no-new-privileges"]
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'turned off: no fix turns it on behind the author',
      code: file`
        { "image": "alpine:3.20", "securityOpt": ["no-new-privileges:false"] }
      `,
      findings: [{ messageId: 'disabled', range: '1:43-1:68', fixes: [] }],
    },
  ],
});
