// Cases named after KICS samples are adapted from Checkmarx/kics (Apache-2.0) at bfe8ba0fe716ba75c57a843123e8cb17aed2f082,
// assets/queries/dockerfile/{missing_user_instruction,last_user_is_root}/test/.
import rule from '../../../shared/src/rules/image/root-user';
import { runRuleTests } from '../../rule-tester';

const CREATE_DEBIAN = 'RUN useradd --system --uid 10001 --no-create-home app';
const CREATE_ALPINE = 'RUN addgroup -S app && adduser -S -G app app';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN useradd --system app\nUSER app\nCMD ["bash"]\n',
    {
      name: 'distroless nonroot',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nCMD ["/app"]\n',
    },
    { name: 'Chainguard', code: 'FROM cgr.dev/chainguard/node:latest\nCOPY . /app\nCMD ["/app/server.js"]\n' },
    {
      name: 'USER inherited from the stage it builds on',
      code: 'FROM node:22 AS base\nUSER node\nFROM base\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'root for the build, then a user (KICS last_user_is_root negative)',
      code: 'FROM alpine:2.6\nUSER root\nRUN npm install\nUSER guest\n',
    },
    { name: 'a non-root uid in the root group', code: 'FROM debian:12\nUSER 1000:0\n' },
    {
      name: 'scratch image that runs nothing',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/tool .\nFROM scratch\nCOPY --from=build /out/tool /tool\n',
    },
    { name: 'base image from an ARG without a value', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCMD ["/app"]\n' },
    {
      name: 'an unknown base that may set its USER, and nothing that needs root',
      code: 'ARG BASE_IMAGE=quay.io/jupyter/base-notebook\nFROM $BASE_IMAGE\nRUN pip install --no-cache-dir flake8\n',
    },
    { name: 'Windows containers', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' },
    { name: 'ONBUILD USER root is for child images', code: 'FROM debian:12\nUSER app\nONBUILD USER root\n' },
    {
      name: 'a WebAssembly module has no Linux user',
      code: 'FROM scratch\nENTRYPOINT [ "kafka.wasm" ]\nCOPY --link --from=build /kafka.wasm /kafka.wasm\n',
    },
    {
      name: 'the wasi/wasm platform',
      code: 'FROM --platform=wasi/wasm scratch\nCOPY app.wasm /app.wasm\nCMD ["/app"]\n',
    },
    { name: 'a Bitnami image', code: 'FROM bitnami/redis:7.4\nCOPY redis.conf /opt/bitnami/redis/etc/\n' },
  ],
  invalid: [
    // A line appended after an unterminated here-document or a trailing continuation would be part of it (defect 11 of
    // issue 13): no fix there; where the instruction is closed, the fix goes after it.
    {
      name: 'the final stage ends in an unterminated here-document: no fix',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\n',
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'the last line ends with the escape character: no fix',
      code: 'FROM debian:12\nRUN apt-get update && \\\n',
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'a trailing continuation followed by blank and comment lines: no fix',
      code: 'FROM debian:12\nRUN apt-get update \\\n\n# later\n',
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'a trailing continuation with the escape directive: no fix',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update `\n',
      findings: [{ messageId: 'noUser', range: '2:1-2:15', fixes: [] }],
    },
    {
      name: 'a closed here-document ends the stage: the fix goes after its delimiter',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n${CREATE_DEBIAN}\nUSER app\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a last `USER root` with a trailing continuation is replaced in place',
      code: 'FROM debian:12\nUSER root \\\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12\n${CREATE_DEBIAN}\nUSER app \\\n`,
            },
          ],
        },
      ],
    },
    {
      name: "a user created in a stage the final one does not build on is not the final stage's",
      code: 'FROM debian:12 AS tools\nRUN useradd tools\nFROM debian:12\nCMD ["bash"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '3:1-3:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12 AS tools\nRUN useradd tools\nFROM debian:12\n${CREATE_DEBIAN}\nUSER app\nCMD ["bash"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Debian without USER',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["curl", "--version"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n${CREATE_DEBIAN}\nUSER app\nCMD ["curl", "--version"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Alpine, multi-stage, a RUN after CMD, trailing blanks (after KICS missing_user_instruction positive2)',
      code: 'FROM golang:1.16 AS builder\nRUN CGO_ENABLED=0 go build -o app .\n\nFROM alpine:latest  \nRUN apk --no-cache add ca-certificates\nCOPY --from=builder /go/app ./\nCMD ["./app"] \nRUN mkdir /data\n',
      findings: [
        {
          messageId: 'noUser',
          range: '4:1-4:19',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM golang:1.16 AS builder\nRUN CGO_ENABLED=0 go build -o app .\n\nFROM alpine:latest  \nRUN apk --no-cache add ca-certificates\nCOPY --from=builder /go/app ./\nCMD ["./app"] \nRUN mkdir /data\n${CREATE_ALPINE}\nUSER app\n`,
            },
          ],
        },
      ],
    },
    {
      name: "last USER root, replaced by the image's own user",
      code: 'FROM node:22\nUSER root\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [{ title: 'Switch to user `node`', safe: false, output: 'FROM node:22\nUSER node\n' }],
        },
      ],
    },
    {
      name: 'last USER root with no RUN after it, on Debian',
      code: 'FROM debian:12\nRUN apt-get update\nUSER root:root\nCMD ["bash"]\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '3:6-3:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12\nRUN apt-get update\n${CREATE_DEBIAN}\nUSER app\nCMD ["bash"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'USER 0 followed by RUNs that need it: the new USER goes after them',
      code: 'FROM python:3.12\nRUN useradd --create-home worker\nUSER 0\nRUN pip install --no-cache-dir flask==3.0.0\nEXPOSE 5000\nCMD ["python", "app.py"]\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '3:6-3:7',
          fixes: [
            {
              title: 'Switch to user `worker`',
              safe: false,
              output:
                'FROM python:3.12\nRUN useradd --create-home worker\nUSER 0\nRUN pip install --no-cache-dir flask==3.0.0\nEXPOSE 5000\nUSER worker\nCMD ["python", "app.py"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a created user never switched to (KICS missing_user_instruction positive)',
      code: 'FROM python:2.7\nRUN pip install Flask==0.11.1\nRUN useradd -ms /bin/bash patrick\nCOPY --chown=patrick:patrick app /app\nWORKDIR /app\nCMD ["python", "app.py"]\n',
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:16',
          fixes: [
            {
              title: 'Switch to user `patrick`',
              safe: false,
              output:
                'FROM python:2.7\nRUN pip install Flask==0.11.1\nRUN useradd -ms /bin/bash patrick\nCOPY --chown=patrick:patrick app /app\nWORKDIR /app\nUSER patrick\nCMD ["python", "app.py"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'busybox adduser in a chain, comments above ENTRYPOINT',
      code: 'FROM alpine:3.20\nRUN addgroup -S web && adduser -S -D -h /srv -G web web\n\n# start the server\n# on port 8080\nENTRYPOINT ["/srv/app"]\n',
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:17',
          fixes: [
            {
              title: 'Switch to user `web`',
              safe: false,
              output:
                'FROM alpine:3.20\nRUN addgroup -S web && adduser -S -D -h /srv -G web web\n\nUSER web\n# start the server\n# on port 8080\nENTRYPOINT ["/srv/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a heredoc that creates the user',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\nuseradd -r svc\nEOF\nCMD ["/usr/local/bin/svc"]\n',
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Switch to user `svc`',
              safe: false,
              output: 'FROM debian:12\nRUN <<EOF\nset -e\nuseradd -r svc\nEOF\nUSER svc\nCMD ["/usr/local/bin/svc"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'scratch that runs a program',
      code: 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nCMD ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      // 22.04: no account to switch to (ubuntu 23.04 and later have `ubuntu`), so the fix creates one.
      name: 'CRLF and a backtick escape',
      code: '# escape=`\r\nFROM ubuntu:22.04\r\nRUN apt-get update `\r\n && apt-get install -y curl\r\n# start\r\nCMD ["bash"]\r\n',
      findings: [
        {
          messageId: 'noUser',
          range: '2:1-2:18',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `# escape=\`\r\nFROM ubuntu:22.04\r\nRUN apt-get update \`\r\n && apt-get install -y curl\r\n${CREATE_DEBIAN}\r\nUSER app\r\n# start\r\nCMD ["bash"]\r\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'ARG default in FROM, no RUN in the stage',
      code: 'ARG BASE=node:20\nFROM ${BASE}\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]',
      findings: [
        {
          messageId: 'noUser',
          range: '2:1-2:13',
          fixes: [
            {
              title: 'Switch to user `node`',
              safe: false,
              output:
                'ARG BASE=node:20\nFROM ${BASE}\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nUSER node\nCMD ["node", "server.js"]',
            },
          ],
        },
      ],
    },
    {
      name: 'USER root in the stage the final one builds on',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nCMD ["bash"]\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: `FROM debian:12 AS base\nUSER root\nFROM base\n${CREATE_DEBIAN}\nUSER app\nCMD ["bash"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'an entrypoint that steps down with gosu',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
      findings: [{ messageId: 'stepsDown', range: '1:1-1:15', severity: 'info', fixes: [] }],
    },
    {
      name: 'an unknown base, with a RUN only root can run',
      code: 'FROM registry.example.com/team/base:1.2\nRUN apt-get install -y curl\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:40',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: 'FROM registry.example.com/team/base:1.2\nRUN apt-get install -y curl\nUSER 65532:65532\n',
            },
          ],
        },
      ],
    },
    {
      name: 'distroless without the nonroot tag',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:39',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD RUN is not a step of this image',
      code: 'FROM node:22\nONBUILD RUN npm ci\nCMD ["node", "server.js"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `node`',
              safe: false,
              output: 'FROM node:22\nONBUILD RUN npm ci\nUSER node\nCMD ["node", "server.js"]\n',
            },
          ],
        },
      ],
    },
    {
      // Found by the fuzzer (test/fixtures/fuzz/605a4b120470.dockerfile): USER added after it was heredoc body.
      name: 'a heredoc never closed swallows any line added after it: no fix',
      code: 'FROM node:22\nRUN <<EOF\nnpm ci\n',
      findings: [{ messageId: 'noUser', range: '1:1-1:13', fixes: [] }],
    },
    {
      // Found by the fuzzer (test/fixtures/fuzz/6f6b9610466a.dockerfile): the escape continued FROM onto the USER added.
      name: 'an escape at the very end of the file continues its last line: no fix',
      code: 'FROM node:22 \\',
      findings: [{ messageId: 'noUser', range: '1:1-1:13', fixes: [] }],
    },
    {
      // Found by the fuzzer (test/fixtures/fuzz/771bd1fd90b6.dockerfile): a comment line does not end a continuation.
      name: 'an escape followed only by a comment still continues the last line: no fix',
      code: 'FROM node:22 \\\n# a comment\n',
      findings: [{ messageId: 'noUser', range: '1:1-1:13', fixes: [] }],
    },
    {
      name: '.NET 8 images have an app user',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:41',
          fixes: [
            {
              title: 'Switch to user `$APP_UID`',
              safe: false,
              output:
                'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nUSER $APP_UID\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a user created on scratch cannot exist there',
      code: 'FROM scratch\nRUN useradd -ms /bin/bash patrick\nCMD ["python", "app.py"]\n',
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: 'FROM scratch\nRUN useradd -ms /bin/bash patrick\nUSER 65532:65532\nCMD ["python", "app.py"]\n',
            },
          ],
        },
      ],
    },
  ],
});
