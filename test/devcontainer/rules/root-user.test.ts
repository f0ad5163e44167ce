import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/root-user';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

const ALPINE_NO_USER = 'FROM alpine:3.20\nRUN apk add --no-cache git\n';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      { "image": "alpine:3.20", "remoteUser": "vscode" }
    `,
    {
      name: 'remoteUser is who runs the workspace: it wins over containerUser',
      code: file`
        { "image": "alpine:3.20", "containerUser": "root", "remoteUser": "vscode" }
      `,
    },
    {
      name: 'the Dockerfile it builds (relative to the devcontainer.json) ends as a user',
      code: file`
        { "build": { "dockerfile": "../Dockerfile.dev", "context": ".." } }
      `,
      files: { 'Dockerfile.dev': 'FROM alpine:3.20\nUSER 1000\n' },
    },
    {
      name: 'a Dockerfile that cannot be read tells nothing',
      code: file`
        { "build": { "dockerfile": "Dockerfile.missing" } }
      `,
      files: { '.devcontainer/Dockerfile': ALPINE_NO_USER },
    },
  ],
  invalid: [
    {
      name: 'remoteUser root on a devcontainers image: its own user',
      code: file`
        {
          "image": "mcr.microsoft.com/devcontainers/typescript-node:20",
          "remoteUser": "root" // for apt
        }
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '3:3-3:23',
          fixes: [
            {
              title:
                'Set `remoteUser` to `node` (`mcr.microsoft.com/devcontainers/typescript-node` creates it, devcontainers/images@bed3eb2)',
              safe: false,
              output: file`
                {
                  "image": "mcr.microsoft.com/devcontainers/typescript-node:20",
                  "remoteUser": "node" // for apt
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'runArgs --user 0, an image profile names the account',
      code: file`
        {
          "image": "node:20-bookworm",
          "runArgs": ["-u", "0"]
        }
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '3:15-3:24',
          fixes: [
            {
              title: 'Set `remoteUser` to `node` (the `node` image creates it)',
              safe: false,
              output: file`
                {
                  "image": "node:20-bookworm",
                  "runArgs": ["-u", "0"],
                  "remoteUser": "node"
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no user, an image that runs as root: the fix says what it assumes',
      code: file`
        {
          "name": "tools",
          "image": "alpine:3.20"
        }
      `,
      findings: [
        {
          messageId: 'profileRoot',
          range: '2:3-2:9',
          severity: 'warning',
          fixes: [
            {
              title: 'Set `remoteUser` to `vscode` — the image must have a `vscode` user',
              safe: false,
              output: file`
                {
                  "name": "tools",
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
      name: 'the Dockerfile it builds sets no USER: read relative to the devcontainer.json',
      code: file`
        {
          "build": { "dockerfile": "Dockerfile", "context": ".." }
        }
      `,
      files: { '.devcontainer/Dockerfile': ALPINE_NO_USER },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:10',
          related: ['.devcontainer/Dockerfile@1:1-1:17'],
          fixes: [
            {
              title: 'Set `remoteUser` to `vscode` — the image must have a `vscode` user',
              safe: false,
              output: file`
                {
                  "build": { "dockerfile": "Dockerfile", "context": ".." },
                  "remoteUser": "vscode"
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
