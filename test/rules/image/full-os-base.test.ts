import rule from '../../../shared/src/rules/image/full-os-base';
import { runRuleTests } from '../../rule-tester';

const NODE = 'gcr.io/distroless/nodejs22-debian13:nonroot';

runRuleTests(rule, {
  valid: [
    'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /out/server .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/server /server\nCMD ["/server"]\n',
    { name: 'slim images', code: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n' },
    { name: 'an image we do not know', code: 'FROM registry.example.com/team/base:1.4\nCMD ["/app"]\n' },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n' },
    { name: 'an image from an ARG without a value', code: 'ARG BASE\nFROM ${BASE}\nCMD ["/app"]\n' },
    {
      name: 'only the final stage counts',
      code: 'FROM node:22 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12\nCOPY --from=build /app /app\nCMD ["/app/server.js"]\n',
    },
  ],
  invalid: [
    // The new final stage goes at the end of the file, where an unterminated here-document or a trailing continuation
    // would swallow it (issue 13, defect 11): no such fix there.
    {
      name: 'the file ends in an unterminated here-document: no new final stage',
      code: 'FROM debian:12\nWORKDIR /src\nCOPY . .\nRUN g++ -O2 -o /usr/local/bin/app main.cpp\nCMD ["/usr/local/bin/app"]\nRUN <<EOF\necho built\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'the file ends with the escape character: no new final stage',
      code: 'FROM debian:12\nWORKDIR /src\nCOPY . .\nRUN g++ -O2 -o /usr/local/bin/app main.cpp\nCMD ["/usr/local/bin/app"]\nLABEL org.opencontainers.image.title=app \\\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'the runtime stage carries only what runs: no build ARG (a secret default), no build or trust ENV, no EXPOSE 22',
      code: 'FROM golang:latest\nARG GITHUB_TOKEN=ghp_4f9c2e7a1b3d\nENV DOCKER_CONTENT_TRUST=0 CGO_ENABLED=0 APP_MODE=api\nENV API_TOKEN=x\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/orders .\nEXPOSE 8080 22\nCMD ["/usr/local/bin/orders"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:19',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output:
                'FROM golang:latest AS build\nARG GITHUB_TOKEN=ghp_4f9c2e7a1b3d\nENV DOCKER_CONTENT_TRUST=0 CGO_ENABLED=0 APP_MODE=api\nENV API_TOKEN=x\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/orders .\nEXPOSE 8080 22\nCMD ["/usr/local/bin/orders"]\n\nFROM gcr.io/distroless/static-debian13:nonroot\nENV APP_MODE=api\nEXPOSE 8080\nWORKDIR /src\nCOPY --from=build /usr/local/bin/orders /usr/local/bin/orders\nUSER 65532:65532\nCMD ["/usr/local/bin/orders"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the JDK is read from a Maven tag (3.9-eclipse-temurin-21 is Java 21, not 3)',
      code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:34',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java21-debian13:nonroot`',
              safe: false,
              output:
                'FROM gcr.io/distroless/java21-debian13:nonroot\nCOPY target/app.jar /app.jar\nCMD ["/app.jar"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a Java version distroless does not publish moves to the next one, and says so',
      code: 'FROM eclipse-temurin:11-jre\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:28',
          fixes: [
            {
              title:
                'Run on `gcr.io/distroless/java17-debian13:nonroot` — distroless publishes Java 17, 21, 25; the build uses Java 11',
              safe: false,
              output: 'FROM gcr.io/distroless/java17-debian13:nonroot\nCOPY app.jar /app.jar\nCMD ["/app.jar"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a C++ program built on a plain OS image needs libstdc++: the cc image',
      code: 'FROM debian:12\nWORKDIR /src\nCOPY . .\nRUN g++ -O2 -o /usr/local/bin/app main.cpp\nCMD ["/usr/local/bin/app"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:15',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/cc-debian13:nonroot` in a new final stage',
              safe: false,
              output:
                'FROM debian:12 AS build\nWORKDIR /src\nCOPY . .\nRUN g++ -O2 -o /usr/local/bin/app main.cpp\nCMD ["/usr/local/bin/app"]\n\nFROM gcr.io/distroless/cc-debian13:nonroot\nWORKDIR /src\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nUSER 65532:65532\nCMD ["/usr/local/bin/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Python 3.13 matches the distroless interpreter: no mismatch to state',
      code: 'FROM python:3.13\nWORKDIR /srv\nCOPY main.py .\nCMD ["python", "main.py"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/python3-debian13:nonroot`',
              safe: false,
              output:
                'FROM gcr.io/distroless/python3-debian13:nonroot\nWORKDIR /srv\nCOPY main.py .\nCMD ["main.py"]\n',
            },
          ],
        },
      ],
    },
    {
      name: "no RUN, exec-form CMD: the interpreter moves into the image's ENTRYPOINT",
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:13',
          fixes: [
            {
              title: `Run on \`${NODE}\``,
              safe: false,
              output: `FROM ${NODE}\nWORKDIR /app\nCOPY . .\nCMD ["server.js"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a RUN: the stage becomes the build stage of a new distroless stage',
      code: 'FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nENV NODE_ENV=production\nEXPOSE 3000\nUSER node\nCMD node server.js\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:13',
          fixes: [
            {
              title: `Run on \`${NODE}\` in a new final stage`,
              safe: false,
              output: `FROM node:22 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nENV NODE_ENV=production\nEXPOSE 3000\nUSER node\nCMD node server.js\n\nFROM ${NODE}\nENV NODE_ENV=production\nEXPOSE 3000\nWORKDIR /app\nCOPY --from=build /app /app\nUSER 65532:65532\nCMD ["server.js"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Go built without cgo runs on the static image, and only the binary is copied',
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server .\nCMD ["/out/server"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output:
                'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server .\nCMD ["/out/server"]\n\nFROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /src\nCOPY --from=build /out/server /out/server\nUSER 65532:65532\nCMD ["/out/server"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Go with cgo (the default) needs libc: the base image',
      code: 'FROM golang:1.23 as builder\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\nCOPY config.yaml /etc/server/config.yaml\nENTRYPOINT ["./server"]\nCMD ["--port", "8080"]',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/base-debian13:nonroot` in a new final stage',
              safe: false,
              output:
                'FROM golang:1.23 as builder\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\nCOPY config.yaml /etc/server/config.yaml\nENTRYPOINT ["./server"]\nCMD ["--port", "8080"]\n\nFROM gcr.io/distroless/base-debian13:nonroot\nWORKDIR /src\nCOPY --from=builder /src/server /src/server\nCOPY --from=builder /etc/server/config.yaml /etc/server/config.yaml\nUSER 65532:65532\nENTRYPOINT ["./server"]\nCMD ["--port", "8080"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a compiled program leaves its source tree behind, not its data',
      code: 'FROM golang:1.23\nCOPY . /go/src/app\nCOPY config.yaml /etc/app/config.yaml\nRUN cd /go/src/app && CGO_ENABLED=0 go build -o /usr/local/bin/app .\nCMD /usr/local/bin/app --serve\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output:
                'FROM golang:1.23 AS build\nCOPY . /go/src/app\nCOPY config.yaml /etc/app/config.yaml\nRUN cd /go/src/app && CGO_ENABLED=0 go build -o /usr/local/bin/app .\nCMD /usr/local/bin/app --serve\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nCOPY --from=build /etc/app/config.yaml /etc/app/config.yaml\nUSER 65532:65532\nCMD ["/usr/local/bin/app", "--serve"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Java with JVM options keeps java as its ENTRYPOINT',
      code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD ["java", "-Xmx512m", "-jar", "/app.jar"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:28',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java21-debian13:nonroot`',
              safe: false,
              output:
                'FROM gcr.io/distroless/java21-debian13:nonroot\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-Xmx512m", "-jar", "/app.jar"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'java -jar becomes the jar alone',
      code: 'FROM openjdk:17\r\nWORKDIR /app\r\nCOPY target/app.jar app.jar\r\nCMD ["java", "-jar", "app.jar"]\r\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:16',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java17-debian13:nonroot`',
              safe: false,
              output:
                'FROM gcr.io/distroless/java17-debian13:nonroot\r\nWORKDIR /app\r\nCOPY target/app.jar app.jar\r\nCMD ["app.jar"]\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a multi-stage build whose final stage is on Alpine, ARG in FROM',
      code: 'ARG NODE=node:22-alpine\nFROM node:22 AS deps\nWORKDIR /app\nRUN npm ci\n\nFROM ${NODE}\nWORKDIR /app\nCOPY --from=deps /app /app\n# start\nCMD ["node", "server.js"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '6:6-6:13',
          fixes: [
            {
              title: `Run on \`${NODE}\``,
              safe: false,
              output: `ARG NODE=node:22-alpine\nFROM node:22 AS deps\nWORKDIR /app\nRUN npm ci\n\nFROM ${NODE}\nWORKDIR /app\nCOPY --from=deps /app /app\n# start\nCMD ["server.js"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'Python: shell-form CMD and a RUN, the stage name is taken, the escape directive kept',
      code: '# escape=`\nFROM alpine:3.20 AS build\nRUN echo hi\nFROM python:3.12\nWORKDIR /srv\nCOPY main.py .\nRUN python -m compileall .\nENV A=1 `\n    B=2\nCMD python main.py\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '4:6-4:17',
          fixes: [
            {
              title:
                'Run on `gcr.io/distroless/python3-debian13:nonroot` in a new final stage — distroless runs Python 3.13, the build uses 3.12: packages compiled for it may not load',
              safe: false,
              output:
                '# escape=`\nFROM alpine:3.20 AS build\nRUN echo hi\nFROM python:3.12 AS app-build\nWORKDIR /srv\nCOPY main.py .\nRUN python -m compileall .\nENV A=1 `\n    B=2\nCMD python main.py\n\nFROM gcr.io/distroless/python3-debian13:nonroot\nENV A=1 `\n    B=2\nWORKDIR /srv\nCOPY --from=app-build /srv /srv\nUSER 65532:65532\nCMD ["main.py"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Rust binaries need libgcc and glibc: the cc image',
      code: 'FROM rust:1.80\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:15',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/cc-debian13:nonroot`',
              safe: false,
              output:
                'FROM gcr.io/distroless/cc-debian13:nonroot\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an odd Node.js major moves to the next LTS image',
      code: 'FROM node:23-bookworm\nWORKDIR /app\nCOPY dist .\nCMD ["node", "main.js"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:22',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/nodejs24-debian13:nonroot` — distroless publishes Node.js 24, not 23',
              safe: false,
              output: 'FROM gcr.io/distroless/nodejs24-debian13:nonroot\nWORKDIR /app\nCOPY dist .\nCMD ["main.js"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a heredoc RUN: the build moves into the build stage',
      code: 'FROM node:22-bookworm\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\nnpm run build\nEOF\nCMD ["node", "dist/main.js"]\n',
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:22',
          fixes: [
            {
              title: `Run on \`${NODE}\` in a new final stage`,
              safe: false,
              output: `FROM node:22-bookworm AS build\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\nnpm run build\nEOF\nCMD ["node", "dist/main.js"]\n\nFROM ${NODE}\nWORKDIR /app\nCOPY --from=build /app /app\nUSER 65532:65532\nCMD ["dist/main.js"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD steps would run in distroless child images: no fix',
      code: 'FROM node:22\nWORKDIR /app\nONBUILD COPY . .\nCMD ["node", "server.js"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'OS packages installed for run time: no fix',
      code: 'FROM debian:12\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends imagemagick\nCOPY convert /app/convert\nCMD ["/app/convert"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'pip packages live outside WORKDIR: no fix',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:17', fixes: [] }],
    },
    {
      name: 'npm start needs npm: no fix',
      code: 'FROM node:14.17.3-alpine3.14\nWORKDIR /usr/src/app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY ./server.js ./\nCMD ["npm","start"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:29', fixes: [] }],
    },
    {
      name: 'a HEALTHCHECK calls tools distroless lacks: no fix',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'a user distroless does not have: no fix',
      code: 'FROM node:22\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'a final stage built on another stage: reported there, no fix',
      code: 'FROM ubuntu:24.04 AS base\nRUN apt-get update\nFROM base\nCMD ["/app"]\n',
      findings: [{ messageId: 'fullOs', range: '3:6-3:10', fixes: [] }],
    },
    {
      name: 'no WORKDIR to copy the app from: no fix',
      code: 'FROM node:22\nCOPY . /srv\nRUN cd /srv && npm ci\nCMD ["node", "/srv/server.js"]\n',
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
  ],
});
