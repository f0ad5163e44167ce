import rule from '../../../shared/src/rules/image/tls-verification-disabled';
import { runRuleTests } from '../../rule-tester';

const removeK = 'Remove `-k`';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz\n',
    {
      name: 'flags written inside a string',
      code: 'FROM debian:12\nRUN echo "use curl -k or wget --no-check-certificate"\n',
    },
    { name: '-ok is -o k: an output file named k', code: 'FROM debian:12\nRUN curl -ok https://x\n' },
    {
      name: 'verification turned on',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1\nRUN npm config set strict-ssl true && git config --global http.sslVerify true\n',
    },
    { name: 'a CA certificate instead', code: 'FROM debian:12\nRUN wget --ca-certificate=/etc/ssl/ca.pem https://x\n' },
    {
      name: 'an ARG before FROM only reaches FROM',
      code: 'ARG NODE_TLS_REJECT_UNAUTHORIZED=0\nFROM node:20\nRUN npm ci\n',
    },
    {
      name: 'a commented-out option in a continuation',
      code: 'FROM debian:12\nRUN curl -fsSL https://x \\\n  # -k for self-signed servers\n  -o /tmp/x\n',
    },
    {
      name: 'the -k of another command',
      code: 'FROM debian:12\nRUN curl -fsSL -o /tmp/x https://x && ssh-keygen -k -f /tmp/krl\n',
    },
  ],
  invalid: [
    {
      name: 'k in a cluster of short options',
      code: 'FROM debian:12\nRUN curl -fsSLk -o /tmp/app.tgz https://example.com/app.tgz\n',
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:16',
          fixes: [
            {
              title: removeK,
              safe: false,
              output: 'FROM debian:12\nRUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz\n',
            },
          ],
        },
      ],
    },
    {
      code: 'FROM debian:12\nRUN curl -k https://x -o /tmp/x\n',
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:12',
          fixes: [{ title: removeK, safe: false, output: 'FROM debian:12\nRUN curl https://x -o /tmp/x\n' }],
        },
      ],
    },
    {
      name: '--insecure last on the line, CRLF',
      code: 'FROM debian:12\r\nRUN curl https://x --insecure\r\n',
      findings: [
        {
          messageId: 'option',
          range: '2:20-2:30',
          fixes: [{ title: 'Remove `--insecure`', safe: false, output: 'FROM debian:12\r\nRUN curl https://x\r\n' }],
        },
      ],
    },
    {
      name: 'before a line continuation',
      code: 'FROM debian:12\nRUN wget --no-check-certificate \\\n    https://x/app.tgz\n',
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:32',
          fixes: [
            {
              title: 'Remove `--no-check-certificate`',
              safe: false,
              output: 'FROM debian:12\nRUN wget \\\n    https://x/app.tgz\n',
            },
          ],
        },
      ],
    },
    {
      name: 'pip --trusted-host with its value',
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.org flask==3.0.3\n',
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:40',
          fixes: [
            {
              title: 'Remove `--trusted-host`',
              safe: false,
              output: 'FROM python:3.12\nRUN pip install flask==3.0.3\n',
            },
          ],
        },
      ],
    },
    {
      name: 'exec form',
      code: 'FROM python:3.12\nRUN ["pip", "install", "--trusted-host=pypi.org", "flask==3.0.3"]\n',
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:49',
          fixes: [
            {
              title: 'Remove `--trusted-host`',
              safe: false,
              output: 'FROM python:3.12\nRUN ["pip", "install", "flask==3.0.3"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'npm config set: reported, no fix',
      code: 'FROM node:20\nRUN npm config set strict-ssl false\n',
      findings: [{ messageId: 'setting', range: '2:5-2:36', fixes: [] }],
    },
    {
      name: 'git config: reported, no fix',
      code: 'FROM debian:12\nRUN git config --global http.sslVerify false\n',
      findings: [{ messageId: 'setting', range: '2:5-2:45', fixes: [] }],
    },
    {
      name: 'git -c with its value',
      code: 'FROM debian:12\nRUN git -c http.sslVerify=false clone https://x\n',
      findings: [
        {
          messageId: 'option',
          range: '2:9-2:32',
          fixes: [{ title: 'Remove `-c`', safe: false, output: 'FROM debian:12\nRUN git clone https://x\n' }],
        },
      ],
    },
    {
      name: 'one pair of several in ENV',
      code: 'FROM debian:12\nENV A=1 GIT_SSL_NO_VERIFY=true B=2\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:31',
          fixes: [{ title: 'Remove `GIT_SSL_NO_VERIFY`', safe: false, output: 'FROM debian:12\nENV A=1 B=2\n' }],
        },
      ],
    },
    {
      name: 'the only pair of an ENV',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm ci\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:35',
          fixes: [
            { title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`', safe: false, output: 'FROM node:20\nRUN npm ci\n' },
          ],
        },
      ],
    },
    {
      name: 'ENV in its legacy NAME value form',
      code: 'FROM python:3.12\nENV PYTHONHTTPSVERIFY 0\nRUN pip install --no-cache-dir flask==3.0.3\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:24',
          fixes: [
            {
              title: 'Remove `PYTHONHTTPSVERIFY`',
              safe: false,
              output: 'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ARG default: the fix keeps the declaration',
      code: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED=0\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:35',
          fixes: [
            {
              title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`',
              safe: false,
              output: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a command assignment with a quoted value',
      code: 'FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED="0" npm install\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:37',
          fixes: [
            { title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`', safe: false, output: 'FROM node:20\nRUN npm install\n' },
          ],
        },
      ],
    },
    {
      name: 'export goes with its &&',
      code: 'FROM debian:12\nRUN export GIT_SSL_NO_VERIFY=1 && git clone https://x\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:12-2:31',
          fixes: [
            { title: 'Remove `GIT_SSL_NO_VERIFY`', safe: false, output: 'FROM debian:12\nRUN git clone https://x\n' },
          ],
        },
      ],
    },
    {
      name: 'env wrapper',
      code: 'FROM debian:12\nRUN env GIT_SSL_NO_VERIFY=1 git clone https://x\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:28',
          fixes: [
            {
              title: 'Remove `GIT_SSL_NO_VERIFY`',
              safe: false,
              output: 'FROM debian:12\nRUN env git clone https://x\n',
            },
          ],
        },
      ],
    },
    {
      name: 'apk --allow-untrusted (signatures)',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted curl\n',
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:41',
          fixes: [
            {
              title: 'Remove `--allow-untrusted`',
              safe: false,
              output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
            },
          ],
        },
      ],
    },
    {
      name: 'apk --allow-untrusted installing local .apk files built earlier: reported, but removing it breaks the install',
      code: 'FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\nCOPY --from=build /home/builder/packages/ /tmp/pkgs/\nRUN apk add --no-cache --allow-untrusted /tmp/pkgs/x86_64/app-1.0-r0.apk\n',
      findings: [{ messageId: 'option', range: '5:24-5:41', fixes: [] }],
    },
    {
      name: 'apt-get -o Acquire::https::Verify-Peer=false',
      code: 'FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n',
      findings: [
        {
          messageId: 'option',
          range: '2:13-2:49',
          fixes: [{ title: 'Remove `-o`', safe: false, output: 'FROM debian:12\nRUN apt-get update\n' }],
        },
      ],
    },
    {
      name: 'dnf --nogpgcheck in a heredoc script',
      code: 'FROM fedora:40\nRUN <<EOF\ndnf install -y --nogpgcheck httpd-2.4.62\nEOF\n',
      findings: [
        {
          messageId: 'option',
          range: '3:16-3:28',
          fixes: [
            {
              title: 'Remove `--nogpgcheck`',
              safe: false,
              output: 'FROM fedora:40\nRUN <<EOF\ndnf install -y httpd-2.4.62\nEOF\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN wget --no-check-certificate https://x\n',
      findings: [
        {
          messageId: 'option',
          range: '2:18-2:40',
          fixes: [
            {
              title: 'Remove `--no-check-certificate`',
              safe: false,
              output: 'FROM debian:12\nONBUILD RUN wget https://x\n',
            },
          ],
        },
      ],
    },
    {
      name: 'inside sh -c',
      code: "FROM debian:12\nRUN sh -c 'curl -k https://x'\n",
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:19',
          fixes: [{ title: removeK, safe: false, output: "FROM debian:12\nRUN sh -c 'curl https://x'\n" }],
        },
      ],
    },
    {
      name: 'the escape directive makes ` the line continuation',
      code: '# escape=`\nFROM debian:12\nRUN curl -k `\n    https://x\n',
      findings: [
        {
          messageId: 'option',
          range: '3:10-3:12',
          fixes: [{ title: removeK, safe: false, output: '# escape=`\nFROM debian:12\nRUN curl `\n    https://x\n' }],
        },
      ],
    },
    {
      name: 'pip config set and yarn config set: reported, no fix',
      code: 'FROM node:20\nRUN pip config set global.trusted-host pypi.org && yarn config set strict-ssl false -g\n',
      findings: [
        { messageId: 'setting', range: '2:5-2:48', fixes: [] },
        { messageId: 'setting', range: '2:52-2:84', fixes: [] },
      ],
    },
    {
      name: 'apt-get --allow-unauthenticated among other options',
      code: 'FROM debian:12\nRUN apt-get install -y --allow-unauthenticated --no-install-recommends curl=7.88.1-10\n',
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:47',
          fixes: [
            {
              title: 'Remove `--allow-unauthenticated`',
              safe: false,
              output: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n',
            },
          ],
        },
      ],
    },
    {
      name: 'git ignores the value of GIT_SSL_NO_VERIFY: 0 turns verification off too',
      code: 'FROM debian:12\nARG NPM_CONFIG_STRICT_SSL=false\nENV GIT_SSL_NO_VERIFY=0\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:32',
          fixes: [
            {
              title: 'Remove `NPM_CONFIG_STRICT_SSL`',
              safe: false,
              output: 'FROM debian:12\nARG NPM_CONFIG_STRICT_SSL\nENV GIT_SSL_NO_VERIFY=0\n',
            },
          ],
        },
        {
          messageId: 'variable',
          range: '3:5-3:24',
          fixes: [
            {
              title: 'Remove `GIT_SSL_NO_VERIFY`',
              safe: false,
              output: 'FROM debian:12\nARG NPM_CONFIG_STRICT_SSL=false\n',
            },
          ],
        },
      ],
    },
    {
      name: 'yum-config-manager --setopt=sslverify=false',
      code: 'FROM centos:7\nRUN yum-config-manager --setopt=sslverify=false --save\n',
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:48',
          fixes: [
            { title: 'Remove `--setopt`', safe: false, output: 'FROM centos:7\nRUN yum-config-manager --save\n' },
          ],
        },
      ],
    },
  ],
});
