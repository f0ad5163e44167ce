import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/full-os-base';
import { runRuleTests } from '../../rule-tester';

const NODE = 'gcr.io/distroless/nodejs22-debian13:nonroot';

runRuleTests(rule, {
  valid: [
    file`
      FROM golang:1.23 AS build
      RUN CGO_ENABLED=0 go build -o /out/server .

      FROM gcr.io/distroless/static-debian13:nonroot
      COPY --from=build /out/server /server
      CMD ["/server"]
    `,
    {
      name: 'slim images',
      code: file`
        FROM python:3.12-slim
        COPY app.py /app/
        CMD ["python", "/app/app.py"]
      `,
    },
    {
      name: 'an image we do not know',
      code: file`
        FROM registry.example.com/team/base:1.4
        CMD ["/app"]
      `,
    },
    {
      name: 'scratch',
      code: file`
        FROM scratch
        COPY app /app
        CMD ["/app"]
      `,
    },
    {
      name: 'an image from an ARG without a value',
      code: file`
        ARG BASE
        FROM \${BASE}
        CMD ["/app"]
      `,
    },
    {
      name: 'only the final stage counts',
      code: file`
        FROM node:22 AS build
        RUN npm ci
        FROM gcr.io/distroless/nodejs22-debian12
        COPY --from=build /app /app
        CMD ["/app/server.js"]
      `,
    },
  ],
  invalid: [
    // The new final stage goes at the end of the file, where an unterminated here-document or a trailing continuation
    // would swallow it (issue 13, defect 11): no such fix there.
    {
      name: 'the file ends in an unterminated here-document: no new final stage',
      code: file`
        FROM debian:12
        WORKDIR /src
        COPY . .
        RUN g++ -O2 -o /usr/local/bin/app main.cpp
        CMD ["/usr/local/bin/app"]
        RUN <<EOF
        echo built
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'the file ends with the escape character: no new final stage',
      code: file`
        FROM debian:12
        WORKDIR /src
        COPY . .
        RUN g++ -O2 -o /usr/local/bin/app main.cpp
        CMD ["/usr/local/bin/app"]
        LABEL org.opencontainers.image.title=app \\
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'the runtime stage carries only what runs: no build ARG (a secret default), no build or trust ENV, no EXPOSE 22',
      code: file`
        FROM golang:latest
        ARG GITHUB_TOKEN=ghp_4f9c2e7a1b3d
        ENV DOCKER_CONTENT_TRUST=0 CGO_ENABLED=0 APP_MODE=api
        ENV API_TOKEN=x
        WORKDIR /src
        COPY . .
        RUN go build -o /usr/local/bin/orders .
        EXPOSE 8080 22
        CMD ["/usr/local/bin/orders"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:19',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output: file`
                FROM golang:latest AS build
                ARG GITHUB_TOKEN=ghp_4f9c2e7a1b3d
                ENV DOCKER_CONTENT_TRUST=0 CGO_ENABLED=0 APP_MODE=api
                ENV API_TOKEN=x
                WORKDIR /src
                COPY . .
                RUN go build -o /usr/local/bin/orders .
                EXPOSE 8080 22
                CMD ["/usr/local/bin/orders"]

                FROM gcr.io/distroless/static-debian13:nonroot
                ENV APP_MODE=api
                EXPOSE 8080
                WORKDIR /src
                COPY --from=build /usr/local/bin/orders /usr/local/bin/orders
                USER 65532:65532
                CMD ["/usr/local/bin/orders"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the JDK is read from a Maven tag (3.9-eclipse-temurin-21 is Java 21, not 3)',
      code: file`
        FROM maven:3.9-eclipse-temurin-21
        COPY target/app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:34',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java21-debian13:nonroot`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/java21-debian13:nonroot
                COPY target/app.jar /app.jar
                CMD ["/app.jar"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Java version distroless does not publish moves to the next one, and says so',
      code: file`
        FROM eclipse-temurin:11-jre
        COPY app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:28',
          fixes: [
            {
              title:
                'Run on `gcr.io/distroless/java17-debian13:nonroot` — distroless publishes Java 17, 21, 25; the build uses Java 11',
              safe: false,
              output: file`
                FROM gcr.io/distroless/java17-debian13:nonroot
                COPY app.jar /app.jar
                CMD ["/app.jar"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a C++ program built on a plain OS image needs libstdc++: the cc image',
      code: file`
        FROM debian:12
        WORKDIR /src
        COPY . .
        RUN g++ -O2 -o /usr/local/bin/app main.cpp
        CMD ["/usr/local/bin/app"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:15',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/cc-debian13:nonroot` in a new final stage',
              safe: false,
              output: file`
                FROM debian:12 AS build
                WORKDIR /src
                COPY . .
                RUN g++ -O2 -o /usr/local/bin/app main.cpp
                CMD ["/usr/local/bin/app"]

                FROM gcr.io/distroless/cc-debian13:nonroot
                WORKDIR /src
                COPY --from=build /usr/local/bin/app /usr/local/bin/app
                USER 65532:65532
                CMD ["/usr/local/bin/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Python 3.13 matches the distroless interpreter: no mismatch to state',
      code: file`
        FROM python:3.13
        WORKDIR /srv
        COPY main.py .
        CMD ["python", "main.py"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/python3-debian13:nonroot`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/python3-debian13:nonroot
                WORKDIR /srv
                COPY main.py .
                CMD ["main.py"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: "no RUN, exec-form CMD: the interpreter moves into the image's ENTRYPOINT",
      code: file`
        FROM node:22
        WORKDIR /app
        COPY . .
        CMD ["node", "server.js"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:13',
          fixes: [
            {
              title: `Run on \`${NODE}\``,
              safe: false,
              output: file`
                FROM ${NODE}
                WORKDIR /app
                COPY . .
                CMD ["server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a RUN: the stage becomes the build stage of a new distroless stage',
      code: file`
        FROM node:22
        WORKDIR /app
        COPY package*.json ./
        RUN npm ci --omit=dev
        COPY . .
        ENV NODE_ENV=production
        EXPOSE 3000
        USER node
        CMD node server.js
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:13',
          fixes: [
            {
              title: `Run on \`${NODE}\` in a new final stage`,
              safe: false,
              output: file`
                FROM node:22 AS build
                WORKDIR /app
                COPY package*.json ./
                RUN npm ci --omit=dev
                COPY . .
                ENV NODE_ENV=production
                EXPOSE 3000
                USER node
                CMD node server.js

                FROM ${NODE}
                ENV NODE_ENV=production
                EXPOSE 3000
                WORKDIR /app
                COPY --from=build /app /app
                USER 65532:65532
                CMD ["server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Go built without cgo runs on the static image, and only the binary is copied',
      code: file`
        FROM golang:1.23
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/server .
        CMD ["/out/server"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output: file`
                FROM golang:1.23 AS build
                WORKDIR /src
                COPY . .
                RUN CGO_ENABLED=0 go build -o /out/server .
                CMD ["/out/server"]

                FROM gcr.io/distroless/static-debian13:nonroot
                WORKDIR /src
                COPY --from=build /out/server /out/server
                USER 65532:65532
                CMD ["/out/server"]
              `,
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
              output: file`
                FROM golang:1.23 as builder
                WORKDIR /src
                COPY . .
                RUN go build -o server .
                COPY config.yaml /etc/server/config.yaml
                ENTRYPOINT ["./server"]
                CMD ["--port", "8080"]

                FROM gcr.io/distroless/base-debian13:nonroot
                WORKDIR /src
                COPY --from=builder /src/server /src/server
                COPY --from=builder /etc/server/config.yaml /etc/server/config.yaml
                USER 65532:65532
                ENTRYPOINT ["./server"]
                CMD ["--port", "8080"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a compiled program leaves its source tree behind, not its data',
      code: file`
        FROM golang:1.23
        COPY . /go/src/app
        COPY config.yaml /etc/app/config.yaml
        RUN cd /go/src/app && CGO_ENABLED=0 go build -o /usr/local/bin/app .
        CMD /usr/local/bin/app --serve
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:17',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/static-debian13:nonroot` in a new final stage',
              safe: false,
              output: file`
                FROM golang:1.23 AS build
                COPY . /go/src/app
                COPY config.yaml /etc/app/config.yaml
                RUN cd /go/src/app && CGO_ENABLED=0 go build -o /usr/local/bin/app .
                CMD /usr/local/bin/app --serve

                FROM gcr.io/distroless/static-debian13:nonroot
                COPY --from=build /usr/local/bin/app /usr/local/bin/app
                COPY --from=build /etc/app/config.yaml /etc/app/config.yaml
                USER 65532:65532
                CMD ["/usr/local/bin/app", "--serve"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Java with JVM options keeps java as its ENTRYPOINT',
      code: file`
        FROM eclipse-temurin:21-jre
        COPY app.jar /app.jar
        CMD ["java", "-Xmx512m", "-jar", "/app.jar"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:28',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java21-debian13:nonroot`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/java21-debian13:nonroot
                COPY app.jar /app.jar
                ENTRYPOINT ["java", "-Xmx512m", "-jar", "/app.jar"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'java -jar becomes the jar alone',
      code: file`
        FROM openjdk:17\r
        WORKDIR /app\r
        COPY target/app.jar app.jar\r
        CMD ["java", "-jar", "app.jar"]\r
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:16',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/java17-debian13:nonroot`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/java17-debian13:nonroot\r
                WORKDIR /app\r
                COPY target/app.jar app.jar\r
                CMD ["app.jar"]\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a multi-stage build whose final stage is on Alpine, ARG in FROM',
      code: file`
        ARG NODE=node:22-alpine
        FROM node:22 AS deps
        WORKDIR /app
        RUN npm ci

        FROM \${NODE}
        WORKDIR /app
        COPY --from=deps /app /app
        # start
        CMD ["node", "server.js"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '6:6-6:13',
          fixes: [
            {
              title: `Run on \`${NODE}\``,
              safe: false,
              output: file`
                ARG NODE=node:22-alpine
                FROM node:22 AS deps
                WORKDIR /app
                RUN npm ci

                FROM ${NODE}
                WORKDIR /app
                COPY --from=deps /app /app
                # start
                CMD ["server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Python: shell-form CMD and a RUN, the stage name is taken, the escape directive kept',
      code: file`
        # escape=\`
        FROM alpine:3.20 AS build
        RUN echo hi
        FROM python:3.12
        WORKDIR /srv
        COPY main.py .
        RUN python -m compileall .
        ENV A=1 \`
            B=2
        CMD python main.py
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '4:6-4:17',
          fixes: [
            {
              title:
                'Run on `gcr.io/distroless/python3-debian13:nonroot` in a new final stage — distroless runs Python 3.13, the build uses 3.12: packages compiled for it may not load',
              safe: false,
              output: file`
                # escape=\`
                FROM alpine:3.20 AS build
                RUN echo hi
                FROM python:3.12 AS app-build
                WORKDIR /srv
                COPY main.py .
                RUN python -m compileall .
                ENV A=1 \`
                    B=2
                CMD python main.py

                FROM gcr.io/distroless/python3-debian13:nonroot
                ENV A=1 \`
                    B=2
                WORKDIR /srv
                COPY --from=app-build /srv /srv
                USER 65532:65532
                CMD ["main.py"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'Rust binaries need libgcc and glibc: the cc image',
      code: file`
        FROM rust:1.80
        COPY --from=build /src/target/release/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:15',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/cc-debian13:nonroot`',
              safe: false,
              output: file`
                FROM gcr.io/distroless/cc-debian13:nonroot
                COPY --from=build /src/target/release/app /usr/local/bin/app
                ENTRYPOINT ["/usr/local/bin/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an odd Node.js major moves to the next LTS image',
      code: file`
        FROM node:23-bookworm
        WORKDIR /app
        COPY dist .
        CMD ["node", "main.js"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:22',
          fixes: [
            {
              title: 'Run on `gcr.io/distroless/nodejs24-debian13:nonroot` — distroless publishes Node.js 24, not 23',
              safe: false,
              output: file`
                FROM gcr.io/distroless/nodejs24-debian13:nonroot
                WORKDIR /app
                COPY dist .
                CMD ["main.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a heredoc RUN: the build moves into the build stage',
      code: file`
        FROM node:22-bookworm
        WORKDIR /app
        COPY . .
        RUN <<EOF
        npm ci
        npm run build
        EOF
        CMD ["node", "dist/main.js"]
      `,
      findings: [
        {
          messageId: 'fullOs',
          range: '1:6-1:22',
          fixes: [
            {
              title: `Run on \`${NODE}\` in a new final stage`,
              safe: false,
              output: file`
                FROM node:22-bookworm AS build
                WORKDIR /app
                COPY . .
                RUN <<EOF
                npm ci
                npm run build
                EOF
                CMD ["node", "dist/main.js"]

                FROM ${NODE}
                WORKDIR /app
                COPY --from=build /app /app
                USER 65532:65532
                CMD ["dist/main.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD steps would run in distroless child images: no fix',
      code: file`
        FROM node:22
        WORKDIR /app
        ONBUILD COPY . .
        CMD ["node", "server.js"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'OS packages installed for run time: no fix',
      code: file`
        FROM debian:12
        WORKDIR /app
        RUN apt-get update && apt-get install -y --no-install-recommends imagemagick
        COPY convert /app/convert
        CMD ["/app/convert"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:15', fixes: [] }],
    },
    {
      name: 'pip packages live outside WORKDIR: no fix',
      code: file`
        FROM python:3.12
        WORKDIR /app
        COPY . .
        RUN pip install --no-cache-dir -r requirements.txt
        CMD ["python", "app.py"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:17', fixes: [] }],
    },
    {
      name: 'npm start needs npm: no fix',
      code: file`
        FROM node:14.17.3-alpine3.14
        WORKDIR /usr/src/app
        COPY package.json package-lock.json ./
        RUN npm ci
        COPY ./server.js ./
        CMD ["npm","start"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:29', fixes: [] }],
    },
    {
      name: 'a HEALTHCHECK calls tools distroless lacks: no fix',
      code: file`
        FROM node:22
        WORKDIR /app
        COPY . .
        HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
        CMD ["node", "server.js"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'a user distroless does not have: no fix',
      code: file`
        FROM node:22
        WORKDIR /app
        COPY --chown=node:node . .
        USER node
        CMD ["node", "server.js"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
    {
      name: 'a final stage built on another stage: reported there, no fix',
      code: file`
        FROM ubuntu:24.04 AS base
        RUN apt-get update
        FROM base
        CMD ["/app"]
      `,
      findings: [{ messageId: 'fullOs', range: '3:6-3:10', fixes: [] }],
    },
    {
      name: 'no WORKDIR to copy the app from: no fix',
      code: file`
        FROM node:22
        COPY . /srv
        RUN cd /srv && npm ci
        CMD ["node", "/srv/server.js"]
      `,
      findings: [{ messageId: 'fullOs', range: '1:6-1:13', fixes: [] }],
    },
  ],
});
