import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/capabilities-not-dropped';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

const title =
  'Add `--cap-drop=ALL` to `runArgs` — tools that need a capability (`sudo`, `apt-get`, `ping`) stop working';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "runArgs": ["--cap-drop=ALL"] }
    `,
    {
      name: 'apart, lower case',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--cap-drop", "all"] }
      `,
    },
    {
      name: 'a compose-based dev container: the service drops them or not, in its compose file',
      code: file`
        { "dockerComposeFile": "../compose.yaml", "service": "dev" }
      `,
    },
  ],
  invalid: [
    {
      name: 'runArgs written for it',
      code: file`
        {
          // tools
          "image": "alpine:3.20"
        }
      `,
      findings: [
        {
          messageId: 'missing',
          range: '3:3-3:10',
          severity: 'info',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                {
                  // tools
                  "image": "alpine:3.20",
                  "runArgs": ["--cap-drop=ALL"]
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'appended after the last flag and its comment',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": [
            "--cap-drop", "NET_RAW" // no ping
          ],
        }
      `,
      findings: [
        {
          messageId: 'partial',
          range: '3:3-3:12',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": [
                    "--cap-drop", "NET_RAW", // no ping
                    "--cap-drop=ALL"
                  ],
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "CRLF: the new line is written with the file's line break",
      code: '{\r\n  "image": "alpine:3.20",\r\n  "runArgs": [\r\n    "--init"\r\n  ]\r\n}\r\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:10',
          fixes: [
            {
              title,
              safe: false,
              output:
                '{\r\n  "image": "alpine:3.20",\r\n  "runArgs": [\r\n    "--init",\r\n    "--cap-drop=ALL"\r\n  ]\r\n}\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a trailing comma becomes the separator',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": ["--init",],
        }
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:10',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": ["--init", "--cap-drop=ALL"],
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
