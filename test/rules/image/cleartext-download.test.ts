import rule from '../../../shared/src/rules/image/cleartext-download';
import { runRuleTests } from '../../rule-tester';

const https = 'Download over `https://` (assumes the server serves the same file over HTTPS)';
const SHA256 = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz\n',
    { name: 'a URL only echoed', code: 'FROM debian:12\nRUN echo "see http://example.com/x"\n' },
    {
      name: 'a checksum checked later in the same RUN',
      code: `FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz http://example.com/x.tgz \\\n && echo "${SHA256}  /tmp/x.tgz" | sha256sum -c -\n`,
    },
    {
      name: 'a digest compared in a test',
      code: `FROM debian:12\nRUN wget -O /tmp/x.tgz http://example.com/x.tgz && [ "$(sha512sum /tmp/x.tgz | cut -d' ' -f1)" = "$SHA" ]\n`,
    },
    {
      name: 'a signature checked',
      code: 'FROM debian:12\nRUN wget http://example.com/x.tgz http://example.com/x.tgz.asc && gpg --batch --verify x.tgz.asc x.tgz\n',
    },
    {
      name: 'checked in a later RUN that names the file',
      code: 'FROM debian:12\nRUN wget http://example.com/dist/x-1.2.tgz\nRUN sha256sum -c x-1.2.tgz.sha256\n',
    },
    {
      name: 'ADD with a sha256 checksum',
      code: `FROM alpine:3.20\nADD --checksum=sha256:${SHA256} http://example.com/x.tgz /tmp/\n`,
    },
    {
      name: 'ADD, then a later RUN checks the file it wrote',
      code: 'FROM alpine:3.20\nADD http://example.com/x-1.2.tgz /tmp/x.tgz\nRUN echo "$SHA  /tmp/x.tgz" | sha512sum -c -\n',
    },
    {
      name: 'a URL from ENV, checked as docker-library/redis does',
      code: 'FROM debian:12\nENV REDIS_DOWNLOAD_URL http://download.redis.io/releases/redis-7.2.5.tar.gz\nRUN set -eux; \\\n\twget -O redis.tar.gz "$REDIS_DOWNLOAD_URL"; \\\n\techo "$REDIS_DOWNLOAD_SHA *redis.tar.gz" | sha256sum -c -\n',
    },
    {
      name: 'gem with a trust policy checks signatures',
      code: 'FROM ruby:3.3\nRUN gem install rake:13.2.1 -P HighSecurity --source http://gems.internal/\n',
    },
    { name: 'localhost', code: 'FROM debian:12\nRUN curl -fsS http://localhost:8080/health\n' },
    { name: 'loopback address', code: 'FROM debian:12\nRUN wget -qO- http://127.0.0.1/x\n' },
    {
      name: 'apt repositories are signed',
      code: 'FROM debian:12\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list && apt-get update\n',
    },
    {
      name: 'apk repository over http',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing x\n',
    },
    { name: 'a URL from an unknown variable', code: 'FROM debian:12\nRUN curl -fsSLO "$URL"\n' },
    { name: 'curl --proto-default https', code: 'FROM debian:12\nRUN curl --proto-default https -O example.com/x\n' },
    {
      name: 'pip with a hash fragment',
      code: `FROM python:3.12\nRUN pip install http://example.com/x-1.0.tar.gz#sha256=${SHA256}\n`,
    },
    {
      name: 'pip --require-hashes',
      code: 'FROM python:3.12\nRUN pip install --require-hashes -i http://pypi.internal/simple -r req.txt\n',
    },
    {
      name: 'npm ci checks the lockfile integrity',
      code: 'FROM node:20\nRUN npm ci --registry http://npm.internal/\n',
    },
    {
      name: 'git clone then a pinned commit',
      code: 'FROM debian:12\nRUN git clone git://example.com/x.git && cd x && git checkout 0123456789abcdef0123456789abcdef01234567\n',
    },
    {
      name: 'a file operand of curl -o is not a host',
      code: 'FROM debian:12\nRUN curl -o x.tar.gz https://example.com/x\n',
    },
  ],
  invalid: [
    {
      name: 'curl over http',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz http://example.com/x.tgz\n',
      findings: [
        {
          messageId: 'download',
          range: '2:28-2:52',
          fixes: [
            {
              title: https,
              safe: false,
              output: 'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz\n',
            },
          ],
        },
      ],
    },
    {
      name: 'wget over ftp has no fix',
      code: 'FROM debian:12\nRUN wget ftp://ftp.example.org/pub/x.tgz\n',
      findings: [{ messageId: 'download', range: '2:10-2:41', fixes: [] }],
    },
    {
      name: 'a URL from an ARG default, quoted, gets no fix where the variable is used',
      code: 'FROM debian:12\nARG MIRROR=http://mirror.example.org\nRUN curl -fsSL "$MIRROR/x.tgz" | tar -xz\n',
      findings: [{ messageId: 'download', range: '3:16-3:31', fixes: [] }],
    },
    {
      name: 'a checksum in another stage does not count',
      code: 'FROM debian:12 AS a\nRUN wget http://example.com/x.tgz\nFROM debian:12\nRUN sha256sum -c x.tgz.sha256\n',
      findings: [
        {
          messageId: 'download',
          range: '2:10-2:34',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM debian:12 AS a\nRUN wget https://example.com/x.tgz\nFROM debian:12\nRUN sha256sum -c x.tgz.sha256\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a check before the download does not count',
      code: 'FROM debian:12\nRUN sha256sum -c a.sha256 && curl -O http://example.com/x\n',
      findings: [
        {
          messageId: 'download',
          range: '2:38-2:58',
          fixes: [
            {
              title: https,
              safe: false,
              output: 'FROM debian:12\nRUN sha256sum -c a.sha256 && curl -O https://example.com/x\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a digest computed of another file does not verify the download',
      code: 'FROM debian:12\nRUN wget -O r.tgz http://example.com/r.tgz && make && h="$(sha256sum /usr/bin/r | cut -c1-64)"\n',
      findings: [
        {
          messageId: 'download',
          range: '2:19-2:43',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM debian:12\nRUN wget -O r.tgz https://example.com/r.tgz && make && h="$(sha256sum /usr/bin/r | cut -c1-64)"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a URL from ENV without a check is reported at its use, without a fix',
      code: 'FROM debian:12\nENV REDIS_DOWNLOAD_URL http://download.redis.io/releases/redis-7.2.5.tar.gz\nRUN wget -O redis.tar.gz "$REDIS_DOWNLOAD_URL"\n',
      findings: [{ messageId: 'download', range: '3:26-3:47', fixes: [] }],
    },
    {
      name: 'gem --source and gem sources --add over http',
      code: 'FROM ruby:3.3\nRUN gem sources --add http://gems.internal/ && gem install rake:13.2.1 -s http://gems.internal/\n',
      findings: [
        {
          messageId: 'index',
          range: '2:23-2:44',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM ruby:3.3\nRUN gem sources --add https://gems.internal/ && gem install rake:13.2.1 -s http://gems.internal/\n',
            },
          ],
        },
        {
          messageId: 'index',
          range: '2:72-2:96',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM ruby:3.3\nRUN gem sources --add http://gems.internal/ && gem install rake:13.2.1 -s https://gems.internal/\n',
            },
          ],
        },
      ],
    },
    {
      name: 'curl --url=',
      code: 'FROM debian:12\nRUN curl -fsS --url=http://example.com/x -o /x\n',
      findings: [
        {
          messageId: 'download',
          range: '2:15-2:41',
          fixes: [
            { title: https, safe: false, output: 'FROM debian:12\nRUN curl -fsS --url=https://example.com/x -o /x\n' },
          ],
        },
      ],
    },
    {
      name: 'a URL without a scheme',
      code: 'FROM debian:12\nRUN curl -fsSL get.example.com | sh\n',
      findings: [{ messageId: 'noScheme', range: '2:16-2:31', fixes: [] }],
    },
    {
      name: 'ADD over http without a checksum, in an ONBUILD trigger',
      code: 'FROM alpine:3.20\nONBUILD ADD http://example.com/x.tgz /tmp/\n',
      findings: [
        {
          messageId: 'download',
          range: '2:13-2:37',
          fixes: [
            { title: https, safe: false, output: 'FROM alpine:3.20\nONBUILD ADD https://example.com/x.tgz /tmp/\n' },
          ],
        },
      ],
    },
    {
      name: 'pip index over http with --trusted-host',
      code: 'FROM python:3.12\nRUN pip install --index-url http://pypi.internal/simple --trusted-host pypi.internal app\n',
      findings: [
        {
          messageId: 'index',
          range: '2:17-2:56',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM python:3.12\nRUN pip install --index-url https://pypi.internal/simple --trusted-host pypi.internal app\n',
            },
          ],
        },
      ],
    },
    {
      name: 'pip -i and --extra-index-url=',
      code: 'FROM python:3.12\nRUN pip3 install -i http://a.internal/simple --extra-index-url=http://b.internal/simple app\n',
      findings: [
        {
          messageId: 'index',
          range: '2:18-2:45',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM python:3.12\nRUN pip3 install -i https://a.internal/simple --extra-index-url=http://b.internal/simple app\n',
            },
          ],
        },
        {
          messageId: 'index',
          range: '2:46-2:88',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM python:3.12\nRUN pip3 install -i http://a.internal/simple --extra-index-url=https://b.internal/simple app\n',
            },
          ],
        },
      ],
    },
    {
      name: 'pip install of a package URL over http, even with a later checksum',
      code: 'FROM python:3.12\nRUN pip install http://example.com/x-1.0.tar.gz && sha256sum -c s\n',
      findings: [
        {
          messageId: 'download',
          range: '2:17-2:48',
          fixes: [
            {
              title: https,
              safe: false,
              output: 'FROM python:3.12\nRUN pip install https://example.com/x-1.0.tar.gz && sha256sum -c s\n',
            },
          ],
        },
      ],
    },
    {
      name: 'npm --registry and npm config set registry',
      code: 'FROM node:20\nRUN npm config set registry http://npm.internal/ && npm install --registry=http://npm.internal/ x@1\n',
      findings: [
        {
          messageId: 'index',
          range: '2:29-2:49',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM node:20\nRUN npm config set registry https://npm.internal/ && npm install --registry=http://npm.internal/ x@1\n',
            },
          ],
        },
        {
          messageId: 'index',
          range: '2:65-2:96',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM node:20\nRUN npm config set registry http://npm.internal/ && npm install --registry=https://npm.internal/ x@1\n',
            },
          ],
        },
      ],
    },
    {
      name: 'yarn --registry with a separate value',
      code: 'FROM node:20\nRUN yarn add x --registry http://npm.internal\n',
      findings: [
        {
          messageId: 'index',
          range: '2:16-2:46',
          fixes: [
            { title: https, safe: false, output: 'FROM node:20\nRUN yarn add x --registry https://npm.internal\n' },
          ],
        },
      ],
    },
    {
      name: 'ENV NPM_CONFIG_REGISTRY and PIP_INDEX_URL',
      code: 'FROM node:20\nENV NPM_CONFIG_REGISTRY=http://npm.internal/ PIP_INDEX_URL=https://pypi.org/simple\n',
      findings: [
        {
          messageId: 'setting',
          range: '2:5-2:45',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM node:20\nENV NPM_CONFIG_REGISTRY=https://npm.internal/ PIP_INDEX_URL=https://pypi.org/simple\n',
            },
          ],
        },
      ],
    },
    {
      name: 'git clone over git:// and http://',
      code: 'FROM debian:12\nRUN git clone --depth 1 git://example.com/x.git && git clone http://example.com/y.git\n',
      findings: [
        { messageId: 'git', range: '2:25-2:48', fixes: [] },
        {
          messageId: 'git',
          range: '2:62-2:86',
          fixes: [
            {
              title: https,
              safe: false,
              output:
                'FROM debian:12\nRUN git clone --depth 1 git://example.com/x.git && git clone https://example.com/y.git\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a checkout of a branch does not pin the clone',
      code: 'FROM debian:12\nRUN git clone git://example.com/x.git && git -C x checkout main\n',
      findings: [{ messageId: 'git', range: '2:15-2:38', fixes: [] }],
    },
  ],
});
