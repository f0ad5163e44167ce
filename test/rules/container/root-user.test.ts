import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../shared/src/rules/container/root-user';
import { findingsOf, runRuleTests } from '../../rule-tester';

const fix = 'Run as user `65532:65532`';
const nodeRoot = { 'app/Dockerfile': 'FROM node:22\nWORKDIR /app\nCMD ["node", "server.js"]\n' };

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    user: "1000:1000"\n',
    { name: 'an image-only service: its default user is in image metadata Bulkhead does not read', code: 'services:\n  app:\n    image: postgres:16\n' },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: alpine:3.20\n    user: ${APP_UID}\n' },
    { name: 'root group, non-root user', code: 'services:\n  app:\n    image: alpine:3.20\n    user: "1000:0"\n' },
    { name: 'a Dockerfile that switches to a user', code: 'services:\n  app:\n    build: ./app\n', files: { 'app/Dockerfile': 'FROM node:22\nUSER node\n' } },
    { name: 'a Dockerfile not in the workspace', code: 'services:\n  app:\n    build: ./app\n' },
    { name: 'a base image that runs as non-root', code: 'services:\n  app:\n    build: .\n', files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' } },
    { name: 'a private base image, which may set its own USER', code: 'services:\n  app:\n    build: .\n', files: { Dockerfile: 'FROM registry.example.com/team/base:1\nCOPY app /app\n' } },
    { name: 'a remote build context', code: 'services:\n  app:\n    build: https://github.com/acme/app.git#main\n', files: { Dockerfile: 'FROM node:22\n' } },
    { name: 'user set, so the Dockerfile is not asked', code: 'services:\n  app:\n    build: ./app\n    user: node\n', files: nodeRoot },
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
      code: 'services:\n  app:\n    image: alpine:3.20\n    user: root # needs port 80\n',
      findings: [{ messageId: 'rootUser', range: '4:5-4:15', fixes: [{ title: fix, safe: false, output: 'services:\n  app:\n    image: alpine:3.20\n    user: "65532:65532" # needs port 80\n' }] }],
    },
    {
      name: 'uid 0 with a group, single quotes kept',
      code: "services:\n  app:\n    image: alpine:3.20\n    user: '0:1000'\n",
      findings: [{ messageId: 'rootUser', range: '4:5-4:19', fixes: [{ title: fix, safe: false, output: "services:\n  app:\n    image: alpine:3.20\n    user: '65532:65532'\n" }] }],
    },
    {
      name: 'root from a shared anchor: overridden in the service',
      code: 'x-base: &base\n  user: root\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n    user: "1000"\n',
      findings: [
        {
          messageId: 'rootUser',
          range: '5:9-5:14',
          related: ['@2:3-2:13'],
          fixes: [{ title: fix, safe: false, output: 'x-base: &base\n  user: root\nservices:\n  a:\n    <<: *base\n    image: alpine\n    user: "65532:65532"\n  b:\n    <<: *base\n    image: busybox\n    user: "1000"\n' }],
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
          fixes: [{ title: fix, safe: false, output: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12\n        COPY . /app\n    user: "65532:65532"\n' }],
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
          fixes: [{ title: fix, safe: false, output: 'services:\n  app:\n    build: ./app\n    user: "65532:65532"\n    ports:\n      - "3000:3000"\n' }],
        },
      ],
    },
    {
      name: 'context and dockerfile, a USER root at the end, in a subfolder project',
      path: 'deploy/compose.yaml',
      code: 'services:\n  app:\n    image: acme/app:1\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile.prod\n',
      files: { 'src/docker/Dockerfile.prod': 'FROM python:3.12-slim\nRUN useradd app\nUSER app\nCOPY . /app\nUSER root\n' },
      findings: [
        {
          messageId: 'imageRootUser',
          range: '2:3-2:6',
          related: ['src/docker/Dockerfile.prod@5:1-5:10'],
          fixes: [{ title: fix, safe: false, output: 'services:\n  app:\n    image: acme/app:1\n    user: "65532:65532"\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile.prod\n' }],
        },
      ],
    },
    {
      name: 'the build comes from a service in another file: its context is read from that file\'s folder',
      code: 'services:\n  app:\n    extends:\n      file: common/services.yaml\n      service: node\n',
      files: { 'common/services.yaml': 'services:\n  node:\n    build: ../app\n', ...nodeRoot },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          related: ['app/Dockerfile@1:1-1:13'],
          fixes: [{ title: fix, safe: false, output: 'services:\n  app:\n    extends:\n      file: common/services.yaml\n      service: node\n    user: "65532:65532"\n' }],
        },
      ],
    },
    {
      name: 'a flow-mapping service',
      code: 'services:\n  app: {image: alpine, user: "0"}\n',
      findings: [{ messageId: 'rootUser', range: '2:24-2:33', fixes: [{ title: fix, safe: false, output: 'services:\n  app: {image: alpine, user: "65532:65532"}\n' }] }],
    },
  ],
});

describe('container/root-user placeholder', () => {
  it('marks the user it writes, so editors select it for the user to change', () => {
    for (const code of ['services:\n  app:\n    image: alpine:3.20\n    user: root\n', 'services:\n  app:\n    build: ./app\n']) {
      const [fix] = findingsOf(rule, code, undefined, nodeRoot).fixes[0];
      const [placeholder] = fix.placeholders ?? [];
      assert.ok(placeholder, `a placeholder in:\n${code}`);
      assert.equal(fix.edits[placeholder.edit].newText.slice(placeholder.start, placeholder.end), '65532:65532');
    }
  });
});
