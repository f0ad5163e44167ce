import rule from '../../../shared/src/rules/image/insecure-build-step';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nRUN ./build.sh\n',
    { name: 'the sandbox, said explicitly', code: 'FROM alpine:3.20\nRUN --security=sandbox ./build.sh\n' },
    {
      name: 'no network, the default network',
      code: 'FROM alpine:3.20\nRUN --network=none make\nRUN --network=default make install\n',
    },
    { name: 'a variable is not read as host', code: 'FROM alpine:3.20\nARG NET\nRUN --network=$NET make\n' },
    { name: 'host in the command, not a flag', code: 'FROM alpine:3.20\nRUN echo --network=host\n' },
    { name: 'another instruction', code: 'FROM alpine:3.20\nCOPY --chown=1000 --network=host a /a\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN --security=insecure ./build.sh\n',
      findings: [
        {
          messageId: 'insecure',
          range: '2:5-2:24',
          fixes: [{ title: 'Remove `--security=insecure`', safe: false, output: 'FROM alpine:3.20\nRUN ./build.sh\n' }],
        },
      ],
    },
    {
      name: 'both, with a mount between, in a build stage',
      code: 'FROM golang:1.23 AS build\nRUN --network=host --mount=type=cache,target=/root/.cache  --security=INSECURE go build\nFROM scratch\n',
      findings: [
        {
          messageId: 'hostNetwork',
          range: '2:5-2:19',
          fixes: [
            {
              title: 'Remove `--network=host`',
              safe: false,
              output:
                'FROM golang:1.23 AS build\nRUN --mount=type=cache,target=/root/.cache  --security=INSECURE go build\nFROM scratch\n',
            },
          ],
        },
        {
          messageId: 'insecure',
          range: '2:60-2:79',
          fixes: [
            {
              title: 'Remove `--security=INSECURE`',
              safe: false,
              output:
                'FROM golang:1.23 AS build\nRUN --network=host --mount=type=cache,target=/root/.cache  go build\nFROM scratch\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a continuation after the flag, CRLF',
      code: 'FROM alpine:3.20\r\nRUN --network=host \\\r\n    apk add curl\r\n',
      findings: [
        {
          messageId: 'hostNetwork',
          range: '2:5-2:19',
          fixes: [
            {
              title: 'Remove `--network=host`',
              safe: false,
              output: 'FROM alpine:3.20\r\nRUN \\\r\n    apk add curl\r\n',
            },
          ],
        },
      ],
    },
  ],
});
