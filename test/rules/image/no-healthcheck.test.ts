// The build-stage case is adapted from Checkmarx/kics (Apache-2.0) at bfe8ba0fe716ba75c57a843123e8cb17aed2f082,
// assets/queries/dockerfile/healthcheck_instruction_missing/test/positive2.dockerfile.
import rule from '../../../shared/src/rules/image/no-healthcheck';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1\nCMD ["node", "app.js"]\n',
    {
      name: 'exec form with options',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD ["/healthcheck"]\n',
    },
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM node:22\nHEALTHCHECK NONE\nCMD ["node", "app.js"]\n' },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM node:22 AS base\nHEALTHCHECK CMD ["node", "check.js"]\nFROM base\nCMD ["node", "app.js"]\n',
    },
    {
      name: 'scratch data image',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/tool .\nFROM scratch\nCOPY --from=build /out/tool /tool\n',
    },
    {
      name: 'only the final stage counts',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "health"]\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'lower-case keyword, CRLF',
      code: 'from alpine:3.20\r\nhealthcheck CMD wget -q -O- http://localhost/ || exit 1\r\n',
    },
    {
      name: 'a WebAssembly module',
      code: 'FROM scratch\nCOPY --from=build /src/service.wasm /service.wasm\nENTRYPOINT ["service.wasm"]\n',
    },
    { name: 'no FROM at all', code: '# nothing here\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      findings: [{ messageId: 'missing', range: '1:1-1:13' }],
    },
    {
      name: 'a health check in a build stage does not reach the final image',
      code: 'FROM golang:1.23 AS builder\nHEALTHCHECK CMD ["true"]\nRUN go build -o /app .\n\nFROM alpine:latest  \nCOPY --from=builder /app ./\nCMD ["./app"]\n',
      findings: [{ messageId: 'missing', range: '5:1-5:19' }],
    },
    {
      name: 'a scratch image that runs something',
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      findings: [{ messageId: 'missing', range: '1:1-1:13' }],
    },
    {
      name: 'a scratch stage running what an earlier stage set',
      code: 'FROM scratch AS base\nCMD ["/app"]\nFROM base AS final\nCOPY app /app\n',
      findings: [{ messageId: 'missing', range: '3:1-3:19' }],
    },
    {
      name: 'ONBUILD HEALTHCHECK is for child images',
      code: 'ARG BASE=python:3.12\nFROM ${BASE}\nONBUILD HEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["python"]\n',
      findings: [{ messageId: 'missing', range: '2:1-2:13' }],
    },
    {
      name: 'a heredoc that mentions HEALTHCHECK, CRLF and a backtick escape',
      code: '# escape=`\r\nFROM debian:12\r\nRUN <<EOF\r\necho HEALTHCHECK CMD true\r\nEOF\r\nCMD ["bash"]\r\n',
      findings: [{ messageId: 'missing', range: '2:1-2:15' }],
    },
    {
      name: 'a commented-out HEALTHCHECK',
      code: 'FROM debian:12\n# HEALTHCHECK CMD curl -f http://localhost/\nCMD ["bash"]\n',
      findings: [{ messageId: 'missing', range: '1:1-1:15' }],
    },
  ],
});
