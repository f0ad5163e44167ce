import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../shared/src/rules/container/root-user';
import { findingsOf, runRuleTests } from '../../rule-tester';

// Images without a profile (or with no account to use): a numeric user, and the title says what it assumes.
const fix = (service = 'app') => `Run as user \`65532:65532\` — check that \`${service}\` can run as any user`;
// A Dockerfile built on node: the account the node image creates (the Dockerfile fix for the same image picks it too).
const nodeFix = 'Run as user `node` (the `node` image has the account `node`)';
const nodeRoot = { 'app/Dockerfile': 'FROM node:22\nWORKDIR /app\nCMD ["node", "server.js"]\n' };

runRuleTests(rule, {
  valid: [
    {
      name: 'an image whose profile says it steps down (postgres, with gosu)',
      code: 'services:\n  db:\n    image: postgres:16\n',
    },
    {
      name: 'a Dockerfile that builds on postgres and keeps its entrypoint',
      code: 'services:\n  db:\n    build: ./db\n',
      files: { 'db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    },
    {
      name: 'a Dockerfile whose copied entrypoint script steps down with su-exec',
      code: 'services:\n  app:\n    build: ./app\n',
      files: {
        'app/Dockerfile': 'FROM alpine:3.20\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n',
        'app/start.sh': '#!/bin/sh\nexec su-exec nobody /app "$@"\n',
      },
    },
    'services:\n  app:\n    image: alpine:3.20\n    user: "1000:1000"\n',
    {
      name: 'an image-only service: its default user is in image metadata Bulkhead does not read',
      code: 'services:\n  app:\n    image: postgres:16\n',
    },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: alpine:3.20\n    user: ${APP_UID}\n' },
    { name: 'root group, non-root user', code: 'services:\n  app:\n    image: alpine:3.20\n    user: "1000:0"\n' },
    {
      name: 'a Dockerfile that switches to a user',
      code: 'services:\n  app:\n    build: ./app\n',
      files: { 'app/Dockerfile': 'FROM node:22\nUSER node\n' },
    },
    { name: 'a Dockerfile not in the workspace', code: 'services:\n  app:\n    build: ./app\n' },
    {
      name: 'a base image that runs as non-root',
      code: 'services:\n  app:\n    build: .\n',
      files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    },
    {
      name: 'a private base image, which may set its own USER',
      code: 'services:\n  app:\n    build: .\n',
      files: { Dockerfile: 'FROM registry.example.com/team/base:1\nCOPY app /app\n' },
    },
    {
      name: 'a remote build context',
      code: 'services:\n  app:\n    build: https://github.com/acme/app.git#main\n',
      files: { Dockerfile: 'FROM node:22\n' },
    },
    {
      name: 'user set, so the Dockerfile is not asked',
      code: 'services:\n  app:\n    build: ./app\n    user: node\n',
      files: nodeRoot,
    },
    {
      name: 'an inline Dockerfile that switches to a user wins over a Dockerfile in the context',
      code: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM node:22\n        USER node\n',
      files: { Dockerfile: 'FROM node:22\n' },
    },
    {
      name: 'the build target stage is non-root even if the final one is not',
      code: 'services:\n  app:\n    build:\n      context: .\n      target: Runtime\n',
      files: { Dockerfile: 'FROM node:22 AS runtime\nUSER node\nFROM runtime AS debug\nUSER root\n' },
    },
  ],
  invalid: [
    {
      name: 'user: root on postgres: the user its profile documents, with the caveat',
      code: 'services:\n  db:\n    image: postgres:16-alpine\n    user: root\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:15',
          fixes: [
            {
              title:
                'Run as user `70:70` (the `postgres` image profile runs it as `postgres`) — the data directory must belong to that user: a new named volume does, a bind-mounted folder must be chowned to it',
              safe: false,
              output: 'services:\n  db:\n    image: postgres:16-alpine\n    user: "70:70"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a Dockerfile that replaces postgres’s entrypoint: its step-down no longer applies',
      code: 'services:\n  db:\n    build: .\n',
      files: { Dockerfile: 'FROM postgres:16\nENTRYPOINT ["postgres"]\n' },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:5',
          severity: 'warning',
          related: ['Dockerfile@1:1-1:17'],
          fixes: [
            {
              title: 'Run as user `postgres` (the `postgres` image has the account `postgres`)',
              safe: false,
              output: 'services:\n  db:\n    build: .\n    user: postgres\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a Dockerfile that starts supervisord: it must start as root, so no user fix',
      code: 'services:\n  app:\n    build: .\n',
      files: {
        Dockerfile:
          'FROM debian:12\nRUN apt-get update && apt-get install -y supervisor\nCMD ["/usr/bin/supervisord", "-n"]\n',
      },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          severity: 'warning',
          related: ['Dockerfile@1:1-1:15'],
          fixes: [],
        },
      ],
    },
    {
      code: 'services:\n  app:\n    image: alpine:3.20\n    user: root # needs port 80\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:15',
          fixes: [
            {
              title: fix(),
              safe: false,
              output: 'services:\n  app:\n    image: alpine:3.20\n    user: "65532:65532" # needs port 80\n',
            },
          ],
        },
      ],
    },
    {
      name: 'uid 0 with a group, single quotes kept',
      code: "services:\n  app:\n    image: alpine:3.20\n    user: '0:1000'\n",
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:19',
          fixes: [
            {
              title: fix(),
              safe: false,
              output: "services:\n  app:\n    image: alpine:3.20\n    user: '65532:65532'\n",
            },
          ],
        },
      ],
    },
    {
      name: 'root from a shared anchor: overridden in the service',
      code: 'x-base: &base\n  user: root\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n    user: "1000"\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '5:9-5:14',
          related: ['@2:3-2:13'],
          fixes: [
            {
              title: fix('a'),
              safe: false,
              output:
                'x-base: &base\n  user: root\nservices:\n  a:\n    <<: *base\n    image: alpine\n    user: "65532:65532"\n  b:\n    <<: *base\n    image: busybox\n    user: "1000"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an inline Dockerfile with no USER: the inline text related, a Dockerfile in the context not read',
      code: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12\n        COPY . /app\n',
      files: { Dockerfile: 'FROM python:3.12\nUSER app\n' },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          severity: 'warning',
          related: ['@5:26-8:1'],
          fixes: [
            {
              title: fix(),
              safe: false,
              output:
                'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12\n        COPY . /app\n    user: "65532:65532"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a built image with no USER: reported at the service, the Dockerfile related',
      code: 'services:\n  app:\n    build: ./app\n    ports:\n      - "3000:3000"\n',
      files: nodeRoot,
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          severity: 'warning',
          related: ['app/Dockerfile@1:1-1:13'],
          fixes: [
            {
              title: nodeFix,
              safe: false,
              output: 'services:\n  app:\n    build: ./app\n    user: node\n    ports:\n      - "3000:3000"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'context and dockerfile, a USER root at the end, in a subfolder project',
      path: 'deploy/compose.yaml',
      code: 'services:\n  app:\n    image: acme/app:1\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile.prod\n',
      files: {
        'src/docker/Dockerfile.prod': 'FROM python:3.12-slim\nRUN useradd app\nUSER app\nCOPY . /app\nUSER root\n',
      },
      findings: [
        {
          messageId: 'imageRootUser',
          range: '2:3-2:6',
          related: ['src/docker/Dockerfile.prod@5:1-5:10'],
          fixes: [
            {
              title: fix(),
              safe: false,
              output:
                'services:\n  app:\n    image: acme/app:1\n    user: "65532:65532"\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile.prod\n',
            },
          ],
        },
      ],
    },
    {
      name: "the build comes from a service in another file: its context is read from that file's folder",
      code: 'services:\n  app:\n    extends:\n      file: common/services.yaml\n      service: node\n',
      files: { 'common/services.yaml': 'services:\n  node:\n    build: ../app\n', ...nodeRoot },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          related: ['app/Dockerfile@1:1-1:13'],
          fixes: [
            {
              title: nodeFix,
              safe: false,
              output:
                'services:\n  app:\n    extends:\n      file: common/services.yaml\n      service: node\n    user: node\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a flow-mapping service',
      code: 'services:\n  app: {image: alpine, user: "0"}\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '2:24-2:33',
          fixes: [{ title: fix(), safe: false, output: 'services:\n  app: {image: alpine, user: "65532:65532"}\n' }],
        },
      ],
    },
  ],
});

describe('container/root-user placeholder', () => {
  it('marks the user it writes, so editors select it for the user to change', () => {
    const cases = [
      { code: 'services:\n  app:\n    image: alpine:3.20\n    user: root\n', user: '65532:65532' },
      { code: 'services:\n  app:\n    build: ./app\n', user: 'node' },
    ];
    for (const { code, user } of cases) {
      const [fix] = findingsOf(rule, code, undefined, nodeRoot).fixes[0];
      const [placeholder] = fix.placeholders ?? [];
      assert.ok(placeholder, `a placeholder in:\n${code}`);
      assert.equal(fix.edits[placeholder.edit].newText.slice(placeholder.start, placeholder.end), user);
    }
  });
});
