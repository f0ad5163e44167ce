import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/tls-verification-disabled';
import { runRuleTests } from '../../rule-tester';

const removeK = 'Remove `-k`';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz
    `,
    {
      name: 'flags written inside a string',
      code: file`
        FROM debian:12
        RUN echo "use curl -k or wget --no-check-certificate"
      `,
    },
    {
      name: '-ok is -o k: an output file named k',
      code: file`
        FROM debian:12
        RUN curl -ok https://x
      `,
    },
    {
      name: 'verification turned on',
      code: file`
        FROM node:20
        ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1
        RUN npm config set strict-ssl true && git config --global http.sslVerify true
      `,
    },
    {
      name: 'a CA certificate instead',
      code: file`
        FROM debian:12
        RUN wget --ca-certificate=/etc/ssl/ca.pem https://x
      `,
    },
    {
      name: 'an ARG before FROM only reaches FROM',
      code: file`
        ARG NODE_TLS_REJECT_UNAUTHORIZED=0
        FROM node:20
        RUN npm ci
      `,
    },
    {
      name: 'a commented-out option in a continuation',
      code: file`
        FROM debian:12
        RUN curl -fsSL https://x \\
          # -k for self-signed servers
          -o /tmp/x
      `,
    },
    {
      name: 'the -k of another command',
      code: file`
        FROM debian:12
        RUN curl -fsSL -o /tmp/x https://x && ssh-keygen -k -f /tmp/krl
      `,
    },
  ],
  invalid: [
    {
      name: 'k in a cluster of short options',
      code: file`
        FROM debian:12
        RUN curl -fsSLk -o /tmp/app.tgz https://example.com/app.tgz
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:16',
          fixes: [
            {
              title: removeK,
              safe: false,
              output: file`
                FROM debian:12
                RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz
              `,
            },
          ],
        },
      ],
    },
    {
      code: file`
        FROM debian:12
        RUN curl -k https://x -o /tmp/x
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:12',
          fixes: [
            {
              title: removeK,
              safe: false,
              output: file`
                FROM debian:12
                RUN curl https://x -o /tmp/x
              `,
            },
          ],
        },
      ],
    },
    {
      name: '--insecure last on the line, CRLF',
      code: file`
        FROM debian:12\r
        RUN curl https://x --insecure\r
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:20-2:30',
          fixes: [
            {
              title: 'Remove `--insecure`',
              safe: false,
              output: file`
                FROM debian:12\r
                RUN curl https://x\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'before a line continuation',
      code: file`
        FROM debian:12
        RUN wget --no-check-certificate \\
            https://x/app.tgz
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:10-2:32',
          fixes: [
            {
              title: 'Remove `--no-check-certificate`',
              safe: false,
              output: file`
                FROM debian:12
                RUN wget \\
                    https://x/app.tgz
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'pip --trusted-host with its value',
      code: file`
        FROM python:3.12
        RUN pip install --trusted-host pypi.org flask==3.0.3
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:40',
          fixes: [
            {
              title: 'Remove `--trusted-host`',
              safe: false,
              output: file`
                FROM python:3.12
                RUN pip install flask==3.0.3
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'exec form',
      code: file`
        FROM python:3.12
        RUN ["pip", "install", "--trusted-host=pypi.org", "flask==3.0.3"]
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:49',
          fixes: [
            {
              title: 'Remove `--trusted-host`',
              safe: false,
              output: file`
                FROM python:3.12
                RUN ["pip", "install", "flask==3.0.3"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'npm config set: reported, no fix',
      code: file`
        FROM node:20
        RUN npm config set strict-ssl false
      `,
      findings: [{ messageId: 'setting', range: '2:5-2:36', fixes: [] }],
    },
    {
      name: 'git config: reported, no fix',
      code: file`
        FROM debian:12
        RUN git config --global http.sslVerify false
      `,
      findings: [{ messageId: 'setting', range: '2:5-2:45', fixes: [] }],
    },
    {
      name: 'git -c with its value',
      code: file`
        FROM debian:12
        RUN git -c http.sslVerify=false clone https://x
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:9-2:32',
          fixes: [
            {
              title: 'Remove `-c`',
              safe: false,
              output: file`
                FROM debian:12
                RUN git clone https://x
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'one pair of several in ENV',
      code: file`
        FROM debian:12
        ENV A=1 GIT_SSL_NO_VERIFY=true B=2
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:31',
          fixes: [
            {
              title: 'Remove `GIT_SSL_NO_VERIFY`',
              safe: false,
              output: file`
                FROM debian:12
                ENV A=1 B=2
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the only pair of an ENV',
      code: file`
        FROM node:20
        ENV NODE_TLS_REJECT_UNAUTHORIZED=0
        RUN npm ci
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:35',
          fixes: [
            {
              title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`',
              safe: false,
              output: file`
                FROM node:20
                RUN npm ci
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ENV in its legacy NAME value form',
      code: file`
        FROM python:3.12
        ENV PYTHONHTTPSVERIFY 0
        RUN pip install --no-cache-dir flask==3.0.3
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:24',
          fixes: [
            {
              title: 'Remove `PYTHONHTTPSVERIFY`',
              safe: false,
              output: file`
                FROM python:3.12
                RUN pip install --no-cache-dir flask==3.0.3
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ARG default: the fix keeps the declaration',
      code: file`
        FROM node:20
        ARG NODE_TLS_REJECT_UNAUTHORIZED=0
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:35',
          fixes: [
            {
              title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`',
              safe: false,
              output: file`
                FROM node:20
                ARG NODE_TLS_REJECT_UNAUTHORIZED
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a command assignment with a quoted value',
      code: file`
        FROM node:20
        RUN NODE_TLS_REJECT_UNAUTHORIZED="0" npm install
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:37',
          fixes: [
            {
              title: 'Remove `NODE_TLS_REJECT_UNAUTHORIZED`',
              safe: false,
              output: file`
                FROM node:20
                RUN npm install
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'export goes with its &&',
      code: file`
        FROM debian:12
        RUN export GIT_SSL_NO_VERIFY=1 && git clone https://x
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:12-2:31',
          fixes: [
            {
              title: 'Remove `GIT_SSL_NO_VERIFY`',
              safe: false,
              output: file`
                FROM debian:12
                RUN git clone https://x
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'env wrapper',
      code: file`
        FROM debian:12
        RUN env GIT_SSL_NO_VERIFY=1 git clone https://x
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:28',
          fixes: [
            {
              title: 'Remove `GIT_SSL_NO_VERIFY`',
              safe: false,
              output: file`
                FROM debian:12
                RUN env git clone https://x
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'apk --allow-untrusted (signatures)',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache --allow-untrusted curl
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:41',
          fixes: [
            {
              title: 'Remove `--allow-untrusted`',
              safe: false,
              output: file`
                FROM alpine:3.20
                RUN apk add --no-cache curl
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'apk --allow-untrusted installing local .apk files built earlier: reported, but removing it breaks the install',
      code: file`
        FROM alpine:3.20 AS build
        RUN abuild -r
        FROM alpine:3.20
        COPY --from=build /home/builder/packages/ /tmp/pkgs/
        RUN apk add --no-cache --allow-untrusted /tmp/pkgs/x86_64/app-1.0-r0.apk
      `,
      findings: [{ messageId: 'option', range: '5:24-5:41', fixes: [] }],
    },
    {
      name: 'apt-get -o Acquire::https::Verify-Peer=false',
      code: file`
        FROM debian:12
        RUN apt-get -o Acquire::https::Verify-Peer=false update
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:13-2:49',
          fixes: [
            {
              title: 'Remove `-o`',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'dnf --nogpgcheck in a heredoc script',
      code: file`
        FROM fedora:40
        RUN <<EOF
        dnf install -y --nogpgcheck httpd-2.4.62
        EOF
      `,
      findings: [
        {
          messageId: 'option',
          range: '3:16-3:28',
          fixes: [
            {
              title: 'Remove `--nogpgcheck`',
              safe: false,
              output: file`
                FROM fedora:40
                RUN <<EOF
                dnf install -y httpd-2.4.62
                EOF
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
        ONBUILD RUN wget --no-check-certificate https://x
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:18-2:40',
          fixes: [
            {
              title: 'Remove `--no-check-certificate`',
              safe: false,
              output: file`
                FROM debian:12
                ONBUILD RUN wget https://x
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
        RUN sh -c 'curl -k https://x'
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:19',
          fixes: [
            {
              title: removeK,
              safe: false,
              output: file`
                FROM debian:12
                RUN sh -c 'curl https://x'
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the escape directive makes ` the line continuation',
      code: file`
        # escape=\`
        FROM debian:12
        RUN curl -k \`
            https://x
      `,
      findings: [
        {
          messageId: 'option',
          range: '3:10-3:12',
          fixes: [
            {
              title: removeK,
              safe: false,
              output: file`
                # escape=\`
                FROM debian:12
                RUN curl \`
                    https://x
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'pip config set and yarn config set: reported, no fix',
      code: file`
        FROM node:20
        RUN pip config set global.trusted-host pypi.org && yarn config set strict-ssl false -g
      `,
      findings: [
        { messageId: 'setting', range: '2:5-2:48', fixes: [] },
        { messageId: 'setting', range: '2:52-2:84', fixes: [] },
      ],
    },
    {
      name: 'apt-get --allow-unauthenticated among other options',
      code: file`
        FROM debian:12
        RUN apt-get install -y --allow-unauthenticated --no-install-recommends curl=7.88.1-10
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:47',
          fixes: [
            {
              title: 'Remove `--allow-unauthenticated`',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get install -y --no-install-recommends curl=7.88.1-10
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'git ignores the value of GIT_SSL_NO_VERIFY: 0 turns verification off too',
      code: file`
        FROM debian:12
        ARG NPM_CONFIG_STRICT_SSL=false
        ENV GIT_SSL_NO_VERIFY=0
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:32',
          fixes: [
            {
              title: 'Remove `NPM_CONFIG_STRICT_SSL`',
              safe: false,
              output: file`
                FROM debian:12
                ARG NPM_CONFIG_STRICT_SSL
                ENV GIT_SSL_NO_VERIFY=0
              `,
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
              output: file`
                FROM debian:12
                ARG NPM_CONFIG_STRICT_SSL=false
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'yum-config-manager --setopt=sslverify=false',
      code: file`
        FROM centos:7
        RUN yum-config-manager --setopt=sslverify=false --save
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:24-2:48',
          fixes: [
            {
              title: 'Remove `--setopt`',
              safe: false,
              output: file`
                FROM centos:7
                RUN yum-config-manager --save
              `,
            },
          ],
        },
      ],
    },
  ],
});
