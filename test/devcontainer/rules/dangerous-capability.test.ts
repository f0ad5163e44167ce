import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/dangerous-capability';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "capAdd": ["NET_BIND_SERVICE"] }
    `,
    {
      name: 'dropping is not adding',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--cap-drop", "SYS_ADMIN"] }
      `,
    },
  ],
  invalid: [
    {
      name: 'capAdd, a comment inside the list kept',
      code: file`
        {
          "image": "alpine:3.20",
          "capAdd": ["SYS_ADMIN", /* tracing */ "SYS_PTRACE"]
        }
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '3:14-3:25',
          fixes: [
            {
              title: 'Remove `SYS_ADMIN` from `capAdd`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "capAdd": [/* tracing */ "SYS_PTRACE"]
                }
              `,
            },
          ],
        },
        {
          messageId: 'SYS_PTRACE',
          range: '3:41-3:53',
          fixes: [
            {
              title: 'Remove `SYS_PTRACE` from `capAdd`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "capAdd": ["SYS_ADMIN"]
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the only one, on its own line: the list is left empty',
      code: file`
        {
          "image": "alpine:3.20",
          "capAdd": [
            "CAP_SYS_ADMIN"
          ]
        }
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '4:5-4:20',
          fixes: [
            {
              title: 'Remove `SYS_ADMIN` from `capAdd`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "capAdd": []
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'runArgs in both spellings',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": [
            "--cap-add", "SYS_ADMIN",
            "--cap-add=SYS_MODULE" // kernel modules
          ]
        }
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '4:5-4:29',
          fixes: [
            {
              title: 'Remove `SYS_ADMIN` from `runArgs`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": [
                    "--cap-add=SYS_MODULE" // kernel modules
                  ]
                }
              `,
            },
          ],
        },
        {
          messageId: 'SYS_MODULE',
          range: '5:5-5:27',
          fixes: [
            {
              title: 'Remove `SYS_MODULE` from `runArgs`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": [
                    "--cap-add", "SYS_ADMIN"
                  ]
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
