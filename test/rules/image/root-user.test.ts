// Cases named after KICS samples are adapted from Checkmarx/kics (Apache-2.0) at bfe8ba0fe716ba75c57a843123e8cb17aed2f082,
// assets/queries/dockerfile/{missing_user_instruction,last_user_is_root}/test/.
import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/root-user';
import { runRuleTests } from '../../rule-tester';

const CREATE_DEBIAN = 'RUN useradd --system --uid 10001 --no-create-home app';
const CREATE_ALPINE = 'RUN addgroup -S app && adduser -S -G app app';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN useradd --system app
      USER app
      CMD ["bash"]
    `,
    {
      name: 'distroless nonroot',
      code: file`
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY app /app
        CMD ["/app"]
      `,
    },
    {
      name: 'Chainguard',
      code: file`
        FROM cgr.dev/chainguard/node:latest
        COPY . /app
        CMD ["/app/server.js"]
      `,
    },
    {
      name: 'USER inherited from the stage it builds on',
      code: file`
        FROM node:22 AS base
        USER node
        FROM base
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'root for the build, then a user (KICS last_user_is_root negative)',
      code: file`
        FROM alpine:2.6
        USER root
        RUN npm install
        USER guest
      `,
    },
    {
      name: 'a non-root uid in the root group',
      code: file`
        FROM debian:12
        USER 1000:0
      `,
    },
    {
      name: 'scratch image that runs nothing',
      code: file`
        FROM golang:1.23 AS build
        RUN go build -o /out/tool .
        FROM scratch
        COPY --from=build /out/tool /tool
      `,
    },
    {
      name: 'base image from an ARG without a value',
      code: file`
        ARG BASE_IMAGE
        FROM \${BASE_IMAGE}
        CMD ["/app"]
      `,
    },
    {
      name: 'an unknown base that may set its USER, and nothing that needs root',
      code: file`
        ARG BASE_IMAGE=quay.io/jupyter/base-notebook
        FROM $BASE_IMAGE
        RUN pip install --no-cache-dir flake8
      `,
    },
    {
      name: 'Windows containers',
      code: file`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        CMD ["cmd"]
      `,
    },
    {
      name: 'ONBUILD USER root is for child images',
      code: file`
        FROM debian:12
        USER app
        ONBUILD USER root
      `,
    },
    {
      name: 'a WebAssembly module has no Linux user',
      code: file`
        FROM scratch
        ENTRYPOINT [ "kafka.wasm" ]
        COPY --link --from=build /kafka.wasm /kafka.wasm
      `,
    },
    {
      name: 'the wasi/wasm platform',
      code: file`
        FROM --platform=wasi/wasm scratch
        COPY app.wasm /app.wasm
        CMD ["/app"]
      `,
    },
    {
      name: 'a Bitnami image',
      code: file`
        FROM bitnami/redis:7.4
        COPY redis.conf /opt/bitnami/redis/etc/
      `,
    },
  ],
  invalid: [
    // A line appended after an unterminated here-document or a trailing continuation would be part of it (defect 11 of
    // issue 13): no fix there; where the instruction is closed, the fix goes after it.
    {
      name: 'the final stage ends in an unterminated here-document: no fix',
      code: file`
        FROM debian:12
        RUN <<EOF
        apt-get update
      `,
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'the last line ends with the escape character: no fix',
      code: file`
        FROM debian:12
        RUN apt-get update && \\
      `,
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'a trailing continuation followed by blank and comment lines: no fix',
      code: file`
        FROM debian:12
        RUN apt-get update \\

        # later
      `,
      findings: [{ messageId: 'noUser', range: '1:1-1:15', fixes: [] }],
    },
    {
      name: 'a trailing continuation with the escape directive: no fix',
      code: file`
        # escape=\`
        FROM debian:12
        RUN apt-get update \`
      `,
      findings: [{ messageId: 'noUser', range: '2:1-2:15', fixes: [] }],
    },
    {
      name: 'a closed here-document ends the stage: the fix goes after its delimiter',
      code: file`
        FROM debian:12
        RUN <<EOF
        apt-get update
        EOF
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12
                RUN <<EOF
                apt-get update
                EOF
                ${CREATE_DEBIAN}
                USER app
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a last `USER root` with a trailing continuation is replaced in place',
      code: file`
        FROM debian:12
        USER root \\
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12
                ${CREATE_DEBIAN}
                USER app \\
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a user created in a stage the final one does not build on is not the final stage's",
      code: file`
        FROM debian:12 AS tools
        RUN useradd tools
        FROM debian:12
        CMD ["bash"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '3:1-3:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12 AS tools
                RUN useradd tools
                FROM debian:12
                ${CREATE_DEBIAN}
                USER app
                CMD ["bash"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Debian without USER',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        CMD ["curl", "--version"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update && apt-get install -y --no-install-recommends curl
                ${CREATE_DEBIAN}
                USER app
                CMD ["curl", "--version"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Alpine, multi-stage, a RUN after CMD, trailing blanks (after KICS missing_user_instruction positive2)',
      code: file`
        FROM golang:1.16 AS builder
        RUN CGO_ENABLED=0 go build -o app .

        FROM alpine:latest${'  '}
        RUN apk --no-cache add ca-certificates
        COPY --from=builder /go/app ./
        CMD ["./app"]${' '}
        RUN mkdir /data
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '4:1-4:19',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM golang:1.16 AS builder
                RUN CGO_ENABLED=0 go build -o app .

                FROM alpine:latest${'  '}
                RUN apk --no-cache add ca-certificates
                COPY --from=builder /go/app ./
                CMD ["./app"]${' '}
                RUN mkdir /data
                ${CREATE_ALPINE}
                USER app
              `,
            },
          ],
        },
      ],
    },
    {
      name: "last USER root, replaced by the image's own user",
      code: file`
        FROM node:22
        USER root
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [
            {
              title: 'Switch to user `node`',
              safe: false,
              output: file`
                FROM node:22
                USER node
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'last USER root with no RUN after it, on Debian',
      code: file`
        FROM debian:12
        RUN apt-get update
        USER root:root
        CMD ["bash"]
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '3:6-3:15',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update
                ${CREATE_DEBIAN}
                USER app
                CMD ["bash"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'USER 0 followed by RUNs that need it: the new USER goes after them',
      code: file`
        FROM python:3.12
        RUN useradd --create-home worker
        USER 0
        RUN pip install --no-cache-dir flask==3.0.0
        EXPOSE 5000
        CMD ["python", "app.py"]
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '3:6-3:7',
          fixes: [
            {
              title: 'Switch to user `worker`',
              safe: false,
              output: file`
                FROM python:3.12
                RUN useradd --create-home worker
                USER 0
                RUN pip install --no-cache-dir flask==3.0.0
                EXPOSE 5000
                USER worker
                CMD ["python", "app.py"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a created user never switched to (KICS missing_user_instruction positive)',
      code: file`
        FROM python:2.7
        RUN pip install Flask==0.11.1
        RUN useradd -ms /bin/bash patrick
        COPY --chown=patrick:patrick app /app
        WORKDIR /app
        CMD ["python", "app.py"]
      `,
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:16',
          fixes: [
            {
              title: 'Switch to user `patrick`',
              safe: false,
              output: file`
                FROM python:2.7
                RUN pip install Flask==0.11.1
                RUN useradd -ms /bin/bash patrick
                COPY --chown=patrick:patrick app /app
                WORKDIR /app
                USER patrick
                CMD ["python", "app.py"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'busybox adduser in a chain, comments above ENTRYPOINT',
      code: file`
        FROM alpine:3.20
        RUN addgroup -S web && adduser -S -D -h /srv -G web web

        # start the server
        # on port 8080
        ENTRYPOINT ["/srv/app"]
      `,
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:17',
          fixes: [
            {
              title: 'Switch to user `web`',
              safe: false,
              output: file`
                FROM alpine:3.20
                RUN addgroup -S web && adduser -S -D -h /srv -G web web

                USER web
                # start the server
                # on port 8080
                ENTRYPOINT ["/srv/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a heredoc that creates the user',
      code: file`
        FROM debian:12
        RUN <<EOF
        set -e
        useradd -r svc
        EOF
        CMD ["/usr/local/bin/svc"]
      `,
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:15',
          fixes: [
            {
              title: 'Switch to user `svc`',
              safe: false,
              output: file`
                FROM debian:12
                RUN <<EOF
                set -e
                useradd -r svc
                EOF
                USER svc
                CMD ["/usr/local/bin/svc"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'scratch that runs a program',
      code: file`
        FROM scratch
        COPY app /app
        CMD ["/app"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: file`
                FROM scratch
                COPY app /app
                USER 65532:65532
                CMD ["/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      // 22.04: no account to switch to (ubuntu 23.04 and later have `ubuntu`), so the fix creates one.
      name: 'CRLF and a backtick escape',
      code: file`
        # escape=\`\r
        FROM ubuntu:22.04\r
        RUN apt-get update \`\r
         && apt-get install -y curl\r
        # start\r
        CMD ["bash"]\r
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '2:1-2:18',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                # escape=\`\r
                FROM ubuntu:22.04\r
                RUN apt-get update \`\r
                 && apt-get install -y curl\r
                ${CREATE_DEBIAN}\r
                USER app\r
                # start\r
                CMD ["bash"]\r
              `,
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
      code: file`
        FROM debian:12 AS base
        USER root
        FROM base
        CMD ["bash"]
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '2:6-2:10',
          fixes: [
            {
              title: 'Create user `app` and switch to it',
              safe: false,
              output: file`
                FROM debian:12 AS base
                USER root
                FROM base
                ${CREATE_DEBIAN}
                USER app
                CMD ["bash"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an entrypoint that steps down with gosu',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y gosu
        COPY entrypoint.sh /
        ENTRYPOINT ["/entrypoint.sh"]
      `,
      findings: [{ messageId: 'stepsDown', range: '1:1-1:15', severity: 'info', fixes: [] }],
    },
    {
      name: 'an unknown base, with a RUN only root can run',
      code: file`
        FROM registry.example.com/team/base:1.2
        RUN apt-get install -y curl
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:40',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: file`
                FROM registry.example.com/team/base:1.2
                RUN apt-get install -y curl
                USER 65532:65532
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'distroless without the nonroot tag',
      code: file`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        ENTRYPOINT ["/app"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:39',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/static-debian12
                COPY app /app
                USER 65532:65532
                ENTRYPOINT ["/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD RUN is not a step of this image',
      code: file`
        FROM node:22
        ONBUILD RUN npm ci
        CMD ["node", "server.js"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `node`',
              safe: false,
              output: file`
                FROM node:22
                ONBUILD RUN npm ci
                USER node
                CMD ["node", "server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      // Found by the fuzzer (test/fixtures/fuzz/605a4b120470.dockerfile): USER added after it was heredoc body.
      name: 'a heredoc never closed swallows any line added after it: no fix',
      code: file`
        FROM node:22
        RUN <<EOF
        npm ci
      `,
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
      code: file`
        FROM node:22 \\
        # a comment
      `,
      findings: [{ messageId: 'noUser', range: '1:1-1:13', fixes: [] }],
    },
    {
      name: '.NET 8 images have an app user',
      code: file`
        FROM mcr.microsoft.com/dotnet/aspnet:8.0
        COPY out /app
        ENTRYPOINT ["dotnet", "/app/app.dll"]
      `,
      findings: [
        {
          messageId: 'noUser',
          range: '1:1-1:41',
          fixes: [
            {
              title: 'Switch to user `$APP_UID`',
              safe: false,
              output: file`
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                COPY out /app
                USER $APP_UID
                ENTRYPOINT ["dotnet", "/app/app.dll"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a user created on scratch cannot exist there',
      code: file`
        FROM scratch
        RUN useradd -ms /bin/bash patrick
        CMD ["python", "app.py"]
      `,
      findings: [
        {
          messageId: 'createdNotUsed',
          range: '1:1-1:13',
          fixes: [
            {
              title: 'Switch to user `65532:65532`',
              safe: false,
              output: file`
                FROM scratch
                RUN useradd -ms /bin/bash patrick
                USER 65532:65532
                CMD ["python", "app.py"]
              `,
            },
          ],
        },
      ],
    },
  ],
});
