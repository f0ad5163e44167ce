import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/insecure-build-step';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM alpine:3.20
      RUN ./build.sh
    `,
    {
      name: 'the sandbox, said explicitly',
      code: file`
        FROM alpine:3.20
        RUN --security=sandbox ./build.sh
      `,
    },
    {
      name: 'no network, the default network',
      code: file`
        FROM alpine:3.20
        RUN --network=none make
        RUN --network=default make install
      `,
    },
    {
      name: 'a variable is not read as host',
      code: file`
        FROM alpine:3.20
        ARG NET
        RUN --network=$NET make
      `,
    },
    {
      name: 'host in the command, not a flag',
      code: file`
        FROM alpine:3.20
        RUN echo --network=host
      `,
    },
    {
      name: 'another instruction',
      code: file`
        FROM alpine:3.20
        COPY --chown=1000 --network=host a /a
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM alpine:3.20
        RUN --security=insecure ./build.sh
      `,
      findings: [
        {
          messageId: 'insecure',
          range: '2:5-2:24',
          fixes: [
            {
              title: 'Remove `--security=insecure`',
              safe: false,
              output: file`
                FROM alpine:3.20
                RUN ./build.sh
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'both, with a mount between, in a build stage',
      code: file`
        FROM golang:1.23 AS build
        RUN --network=host --mount=type=cache,target=/root/.cache  --security=INSECURE go build
        FROM scratch
      `,
      findings: [
        {
          messageId: 'hostNetwork',
          range: '2:5-2:19',
          fixes: [
            {
              title: 'Remove `--network=host`',
              safe: false,
              output: file`
                FROM golang:1.23 AS build
                RUN --mount=type=cache,target=/root/.cache  --security=INSECURE go build
                FROM scratch
              `,
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
              output: file`
                FROM golang:1.23 AS build
                RUN --network=host --mount=type=cache,target=/root/.cache  go build
                FROM scratch
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a continuation after the flag, CRLF',
      code: file`
        FROM alpine:3.20\r
        RUN --network=host \\\r
            apk add curl\r
      `,
      findings: [
        {
          messageId: 'hostNetwork',
          range: '2:5-2:19',
          fixes: [
            {
              title: 'Remove `--network=host`',
              safe: false,
              output: file`
                FROM alpine:3.20\r
                RUN \\\r
                    apk add curl\r
              `,
            },
          ],
        },
      ],
    },
  ],
});
