import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/privileged';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      {
        "image": "alpine:3.20",
        "privileged": false
      }
    `,
    {
      name: 'a word with a space reaches docker as one unknown flag',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--privileged true"] }
      `,
    },
    {
      name: '--privileged=false',
      code: file`
        { "image": "alpine:3.20", "runArgs": ["--privileged=false"] }
      `,
    },
    {
      name: 'another feature',
      code: file`
        { "image": "alpine:3.20", "features": { "ghcr.io/devcontainers/features/node:1": {} } }
      `,
    },
    {
      name: 'a compose-based dev container is checked in its compose file',
      code: file`
        { "dockerComposeFile": "compose.yaml", "service": "app" }
      `,
    },
  ],
  invalid: [
    {
      name: 'the property, its comment kept on the lines around',
      code: file`
        {
          // Docker in the dev container
          "image": "alpine:3.20",
          "privileged": true, // for dockerd
          "remoteUser": "vscode"
        }
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '4:3-4:21',
          fixes: [
            {
              title: 'Remove `"privileged": true`',
              safe: false,
              output: file`
                {
                  // Docker in the dev container
                  "image": "alpine:3.20",
                  "remoteUser": "vscode"
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the last property: the comma before it goes too',
      code: file`
        {
          "image": "alpine:3.20",
          "privileged": true
        }
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '3:3-3:21',
          fixes: [
            {
              title: 'Remove `"privileged": true`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20"
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'on one line',
      code: file`
        {"image": "alpine:3.20", "privileged": true}
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '1:26-1:44',
          fixes: [{ title: 'Remove `"privileged": true`', safe: false, output: '{"image": "alpine:3.20"}\n' }],
        },
      ],
    },
    {
      name: 'CRLF line breaks kept',
      code: '{\r\n  "image": "alpine:3.20",\r\n  "privileged": true,\r\n  "init": true\r\n}\r\n',
      findings: [
        {
          messageId: 'privileged',
          range: '3:3-3:21',
          fixes: [
            {
              title: 'Remove `"privileged": true`',
              safe: false,
              output: '{\r\n  "image": "alpine:3.20",\r\n  "init": true\r\n}\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'in runArgs',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": [
            "--init",
            "--privileged", // dockerd
            "--network=bridge"
          ]
        }
      `,
      findings: [
        {
          messageId: 'privileged',
          range: '5:5-5:19',
          fixes: [
            {
              title: 'Remove `--privileged` from `runArgs`',
              safe: false,
              output: file`
                {
                  "image": "alpine:3.20",
                  "runArgs": [
                    "--init",
                    "--network=bridge"
                  ]
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the docker-in-docker feature runs the container privileged: reported at its key, nothing to remove',
      code: file`
        {
          "image": "mcr.microsoft.com/devcontainers/base:ubuntu",
          "features": {
            "ghcr.io/devcontainers/features/docker-in-docker:2": { "moby": true }
          }
        }
      `,
      findings: [{ messageId: 'privileged', range: '4:5-4:56', fixes: [] }],
    },
  ],
});
