import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/unpinned-base';
import { runRuleTests } from '../../rule-tester';

const DIGEST = 'sha256:4be65b406f7402b5c4fd5df7173d2fd7ea3fdaa74d9c43b6ebd896197a45c448';

runRuleTests(rule, {
  valid: [
    `FROM node:22.11.0-bookworm-slim@${DIGEST}\n`,
    { name: 'digest without a tag', code: `FROM python@${DIGEST} AS name\n` },
    {
      name: 'scratch',
      code: file`
        FROM scratch
        COPY app /app
      `,
    },
    {
      name: 'a reference to an earlier stage',
      code: file`
      FROM golang:1.23@${DIGEST} AS build
      FROM build
    `,
    },
    {
      name: 'an earlier stage named in another case',
      code: file`
        FROM golang:1.23@${DIGEST} AS Build
        FROM build AS final
      `,
    },
    {
      name: 'an ARG without a default',
      code: file`
        ARG BASE
        FROM \${BASE}
      `,
    },
    {
      name: 'an ARG declared after the first FROM is not in scope for FROM',
      code: file`
        FROM alpine:3.20@${DIGEST}
        ARG IMAGE=alpine
        FROM $IMAGE
      `,
    },
    {
      name: 'a pinned default through ARG',
      code: file`
      ARG BASE=node:22@${DIGEST}
      FROM \${BASE}
    `,
    },
    {
      name: 'a sha512 digest',
      code: `FROM alpine@sha512:${'ab'.repeat(64)}\n`,
    },
  ],
  invalid: [
    {
      code: file`
        FROM node
        CMD ["node", "server.js"]
      `,
      findings: [{ messageId: 'untagged', range: '1:6-1:10' }],
    },
    {
      name: 'latest, with a platform flag and a stage name',
      code: 'FROM --platform=linux/amd64 debian:latest as name\n',
      findings: [{ messageId: 'latest', range: '1:29-1:42' }],
    },
    {
      name: 'tag only is information',
      code: 'FROM debian:12\n',
      findings: [{ messageId: 'tagOnly', range: '1:6-1:15', severity: 'info' }],
    },
    {
      name: 'ARG default substituted, every stage checked',
      code: file`
        ARG BASE=node
        ARG TAG=latest
        FROM \${BASE} AS build
        RUN npm ci
        FROM alpine:\${TAG}
        COPY --from=build /app /app
      `,
      findings: [
        { messageId: 'untagged', range: '3:6-3:13' },
        { messageId: 'latest', range: '5:6-5:19' },
      ],
    },
    {
      name: 'a registry with a port is not a tag',
      code: 'FROM localhost:5000/team/app\n',
      findings: [{ messageId: 'untagged', range: '1:6-1:29' }],
    },
    {
      name: 'a stage name used before it is defined is an image',
      code: file`
        FROM construction AS final
        FROM ubuntu:22.04@${DIGEST} AS construction
      `,
      findings: [{ messageId: 'untagged', range: '1:6-1:18' }],
    },
    {
      name: 'CRLF line endings and the escape directive',
      code: file`
        # escape=\`\r
        FROM mcr.microsoft.com/windows/servercore:ltsc2022\r
        RUN echo \`\r
          ok\r
      `,
      findings: [{ messageId: 'tagOnly', range: '2:6-2:51', severity: 'info' }],
    },
    {
      name: 'FROM in comments, heredocs and ONBUILD is not a base image',
      code: file`
        # FROM debian
        FROM alpine
        RUN <<EOF
        echo FROM ubuntu
        EOF
        ONBUILD RUN echo FROM fedora
      `,
      findings: [{ messageId: 'untagged', range: '2:6-2:12' }],
    },
    {
      name: 'tags that move like latest',
      code: 'FROM alpine:edge AS a\nFROM nginx:stable\nFROM ghcr.io/acme/app:main\nFROM node:NIGHTLY\n',
      findings: [
        { messageId: 'floating', range: '1:6-1:17' },
        { messageId: 'floating', range: '2:6-2:18' },
        { messageId: 'floating', range: '3:6-3:27' },
        { messageId: 'floating', range: '4:6-4:18' },
      ],
    },
    {
      name: 'a tag that only starts like a floating one is a version',
      code: 'FROM alpine:edge-20240101\n',
      findings: [{ messageId: 'tagOnly', range: '1:6-1:26', severity: 'info' }],
    },
    {
      name: 'a digest of the wrong length or algorithm pins nothing',
      code: 'FROM node:22@sha256:abc123\nFROM debian@md5:d41d8cd98f00b204e9800998ecf8427e\nFROM alpine@sha256:4be65b406f7402b5c4fd5df7173d2fd7ea3fdaa74d9c43b6ebd896197a45c448ff\n',
      findings: [
        { messageId: 'malformedDigest', range: '1:6-1:27' },
        { messageId: 'malformedDigest', range: '2:6-2:49' },
        { messageId: 'malformedDigest', range: '3:6-3:86' },
      ],
    },
    {
      name: 'default value syntax',
      code: 'FROM ${BASE:-redis}\n',
      findings: [{ messageId: 'untagged', range: '1:6-1:20' }],
    },
  ],
});
