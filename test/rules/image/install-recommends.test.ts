import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/install-recommends';
import { runRuleTests } from '../../rule-tester';

const title = 'Add `--no-install-recommends`';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN apt-get update && apt-get install -y --no-install-recommends curl
    `,
    {
      name: 'the flag after the packages',
      code: file`
        FROM debian:12
        RUN apt-get install -y curl --no-install-recommends
      `,
    },
    {
      name: 'the flag before install',
      code: file`
        FROM debian:12
        RUN apt-get --no-install-recommends install -y curl
      `,
    },
    {
      name: 'the apt option',
      code: file`
        FROM debian:12
        RUN apt-get install -y -o APT::Install-Recommends=false curl
      `,
    },
    {
      name: 'a command written inside a string',
      code: file`
        FROM debian:12
        RUN echo "apt-get install -y curl"
      `,
    },
    {
      name: 'a simulated install installs nothing',
      code: file`
        FROM debian:12
        RUN if apt-get install -s curl > /dev/null 2>&1; then echo ok; fi
      `,
    },
    {
      name: 'apt configured earlier in the stage',
      code: file`
        FROM debian:12
        RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/00-no-recommends
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'other package managers',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache curl && pip install flask==3.0.3
      `,
    },
    {
      name: 'apt-get without install',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get upgrade -y
      `,
    },
  ],
  invalid: [
    {
      name: 'a later https download needs ca-certificates, which apt installed only as a recommendation: the title says so',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y curl
        RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title:
                'Add `--no-install-recommends` — name `ca-certificates` in the install: a later step downloads over https',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update && apt-get install --no-install-recommends -y curl
                RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ca-certificates named in the install: nothing to add',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y curl ca-certificates && curl -fsSL https://example.com/x -o /x
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && curl -fsSL https://example.com/x -o /x
              `,
            },
          ],
        },
      ],
    },
    {
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y curl
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update && apt-get install --no-install-recommends -y curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'apt install',
      code: file`
        FROM ubuntu:24.04
        RUN apt install -y curl
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:16',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM ubuntu:24.04
                RUN apt install --no-install-recommends -y curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'options before install',
      code: file`
        FROM debian:12
        RUN apt-get -y install curl
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:23',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get -y install --no-install-recommends curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'exec form',
      code: file`
        FROM debian:12
        RUN ["apt-get", "install", "-y", "curl"]
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:6-2:26',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'inside sh -c',
      code: file`
        FROM debian:12
        RUN sh -c "apt-get install -y curl"
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:12-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN sh -c "apt-get install --no-install-recommends -y curl"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'on a continuation line, CRLF',
      code: file`
        FROM debian:12\r
        RUN apt-get update \\\r
         && apt-get install -y \\\r
            curl\r
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '3:5-3:20',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12\r
                RUN apt-get update \\\r
                 && apt-get install --no-install-recommends -y \\\r
                    curl\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'through sudo',
      code: file`
        FROM debian:12
        RUN sudo apt-get install -y curl
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:10-2:25',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN sudo apt-get install --no-install-recommends -y curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: file`
        FROM debian:12
        ONBUILD RUN apt-get install -y curl
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:13-2:28',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                ONBUILD RUN apt-get install --no-install-recommends -y curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'heredoc script',
      code: file`
        FROM debian:12
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '4:1-4:16',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN <<EOF
                apt-get update
                apt-get install --no-install-recommends -y curl
                EOF
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'two installs, each fixed on its own',
      code: file`
        FROM debian:12
        RUN apt-get install -y curl && apt-get install -y git
      `,
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:20',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get install --no-install-recommends -y curl && apt-get install -y git
              `,
            },
          ],
        },
        {
          messageId: 'recommends',
          range: '2:32-2:47',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get install -y curl && apt-get install --no-install-recommends -y git
              `,
            },
          ],
        },
      ],
    },
  ],
});
