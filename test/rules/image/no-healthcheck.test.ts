// The build-stage case is adapted from Checkmarx/kics (Apache-2.0) at bfe8ba0fe716ba75c57a843123e8cb17aed2f082,
// assets/queries/dockerfile/healthcheck_instruction_missing/test/positive2.dockerfile.
import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/no-healthcheck';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM node:22
      HEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1
      CMD ["node", "app.js"]
    `,
    {
      name: 'exec form with options',
      code: file`
        FROM nginx:1.27
        HEALTHCHECK --interval=30s --timeout=3s CMD ["/healthcheck"]
      `,
    },
    {
      name: 'HEALTHCHECK NONE is a decision',
      code: file`
        FROM node:22
        HEALTHCHECK NONE
        CMD ["node", "app.js"]
      `,
    },
    {
      name: 'inherited from the stage it builds on',
      code: file`
        FROM node:22 AS base
        HEALTHCHECK CMD ["node", "check.js"]
        FROM base
        CMD ["node", "app.js"]
      `,
    },
    {
      name: 'scratch data image',
      code: file`
        FROM golang:1.23 AS build
        RUN go build -o /out/tool .
        FROM scratch
        COPY --from=build /out/tool /tool
      `,
    },
    {
      name: 'only the final stage counts',
      code: file`
        FROM golang:1.23 AS build
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        HEALTHCHECK CMD ["/app", "health"]
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'lower-case keyword, CRLF',
      code: file`
        from alpine:3.20\r
        healthcheck CMD wget -q -O- http://localhost/ || exit 1\r
      `,
    },
    {
      name: 'a WebAssembly module',
      code: file`
        FROM scratch
        COPY --from=build /src/service.wasm /service.wasm
        ENTRYPOINT ["service.wasm"]
      `,
    },
    { name: 'no FROM at all', code: '# nothing here\n' },
  ],
  invalid: [
    {
      code: file`
        FROM node:22
        COPY . /app
        CMD ["node", "/app/server.js"]
      `,
      findings: [{ messageId: 'missing', range: '1:1-1:13' }],
    },
    {
      name: 'a health check in a build stage does not reach the final image',
      code: file`
        FROM golang:1.23 AS builder
        HEALTHCHECK CMD ["true"]
        RUN go build -o /app .

        FROM alpine:latest${'  '}
        COPY --from=builder /app ./
        CMD ["./app"]
      `,
      findings: [{ messageId: 'missing', range: '5:1-5:19' }],
    },
    {
      name: 'a scratch image that runs something',
      code: file`
        FROM scratch
        COPY app /app
        ENTRYPOINT ["/app"]
      `,
      findings: [{ messageId: 'missing', range: '1:1-1:13' }],
    },
    {
      name: 'a scratch stage running what an earlier stage set',
      code: file`
        FROM scratch AS base
        CMD ["/app"]
        FROM base AS final
        COPY app /app
      `,
      findings: [{ messageId: 'missing', range: '3:1-3:19' }],
    },
    {
      name: 'ONBUILD HEALTHCHECK is for child images',
      code: file`
        ARG BASE=python:3.12
        FROM \${BASE}
        ONBUILD HEALTHCHECK CMD ["python", "-c", "1"]
        CMD ["python"]
      `,
      findings: [{ messageId: 'missing', range: '2:1-2:13' }],
    },
    {
      name: 'a heredoc that mentions HEALTHCHECK, CRLF and a backtick escape',
      code: file`
        # escape=\`\r
        FROM debian:12\r
        RUN <<EOF\r
        echo HEALTHCHECK CMD true\r
        EOF\r
        CMD ["bash"]\r
      `,
      findings: [{ messageId: 'missing', range: '2:1-2:15' }],
    },
    {
      name: 'a commented-out HEALTHCHECK',
      code: file`
        FROM debian:12
        # HEALTHCHECK CMD curl -f http://localhost/
        CMD ["bash"]
      `,
      findings: [{ messageId: 'missing', range: '1:1-1:15' }],
    },
  ],
});
