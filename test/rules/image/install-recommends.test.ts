import rule from '../../../shared/src/rules/image/install-recommends';
import { runRuleTests } from '../../rule-tester';

const title = 'Add `--no-install-recommends`';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    {
      name: 'the flag after the packages',
      code: 'FROM debian:12\nRUN apt-get install -y curl --no-install-recommends\n',
    },
    { name: 'the flag before install', code: 'FROM debian:12\nRUN apt-get --no-install-recommends install -y curl\n' },
    { name: 'the apt option', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n' },
    { name: 'a command written inside a string', code: 'FROM debian:12\nRUN echo "apt-get install -y curl"\n' },
    {
      name: 'a simulated install installs nothing',
      code: 'FROM debian:12\nRUN if apt-get install -s curl > /dev/null 2>&1; then echo ok; fi\n',
    },
    {
      name: 'apt configured earlier in the stage',
      code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/00-no-recommends\nRUN apt-get install -y curl\n',
    },
    {
      name: 'other package managers',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl && pip install flask==3.0.3\n',
    },
    { name: 'apt-get without install', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n' },
  ],
  invalid: [
    {
      name: 'a later https download needs ca-certificates, which apt installed only as a recommendation: the title says so',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title:
                'Add `--no-install-recommends` — name `ca-certificates` in the install: a later step downloads over https',
              safe: false,
              output:
                'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\nRUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ca-certificates named in the install: nothing to add',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates && curl -fsSL https://example.com/x -o /x\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title,
              safe: false,
              output:
                'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && curl -fsSL https://example.com/x -o /x\n',
            },
          ],
        },
      ],
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:23-2:38',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
            },
          ],
        },
      ],
    },
    {
      name: 'apt install',
      code: 'FROM ubuntu:24.04\nRUN apt install -y curl\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:16',
          fixes: [
            { title, safe: false, output: 'FROM ubuntu:24.04\nRUN apt install --no-install-recommends -y curl\n' },
          ],
        },
      ],
    },
    {
      name: 'options before install',
      code: 'FROM debian:12\nRUN apt-get -y install curl\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:23',
          fixes: [
            { title, safe: false, output: 'FROM debian:12\nRUN apt-get -y install --no-install-recommends curl\n' },
          ],
        },
      ],
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:6-2:26',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'inside sh -c',
      code: 'FROM debian:12\nRUN sh -c "apt-get install -y curl"\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:12-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nRUN sh -c "apt-get install --no-install-recommends -y curl"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'on a continuation line, CRLF',
      code: 'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y \\\r\n    curl\r\n',
      findings: [
        {
          messageId: 'recommends',
          range: '3:5-3:20',
          fixes: [
            {
              title,
              safe: false,
              output:
                'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install --no-install-recommends -y \\\r\n    curl\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'through sudo',
      code: 'FROM debian:12\nRUN sudo apt-get install -y curl\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:10-2:25',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nRUN sudo apt-get install --no-install-recommends -y curl\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:13-2:28',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y curl\n',
            },
          ],
        },
      ],
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      findings: [
        {
          messageId: 'recommends',
          range: '4:1-4:16',
          fixes: [
            {
              title,
              safe: false,
              output:
                'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n',
            },
          ],
        },
      ],
    },
    {
      name: 'two installs, each fixed on its own',
      code: 'FROM debian:12\nRUN apt-get install -y curl && apt-get install -y git\n',
      findings: [
        {
          messageId: 'recommends',
          range: '2:5-2:20',
          fixes: [
            {
              title,
              safe: false,
              output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl && apt-get install -y git\n',
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
              output: 'FROM debian:12\nRUN apt-get install -y curl && apt-get install --no-install-recommends -y git\n',
            },
          ],
        },
      ],
    },
  ],
});
