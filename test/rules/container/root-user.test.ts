import { file } from '../../../shared/src/rule';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../shared/src/rules/container/root-user';
import { findingsOf, runRuleTests } from '../../rule-tester';

// Images without a profile (or with no account to use): a numeric user, and the title says what it assumes.
const fix = (service = 'app') => `Run as user \`65532:65532\` — check that \`${service}\` can run as any user`;
// A Dockerfile built on node: the account the node image creates (the Dockerfile fix for the same image picks it too).
const nodeFix = 'Run as user `node` (the `node` image has the account `node`)';
const nodeRoot = {
  'app/Dockerfile': file`
    FROM node:22
    WORKDIR /app
    CMD ["node", "server.js"]
  `,
};

runRuleTests(rule, {
  valid: [
    {
      name: 'an image whose profile says it steps down (postgres, with gosu)',
      code: file`
        services:
          db:
            image: postgres:16
      `,
    },
    {
      name: 'a Dockerfile that builds on postgres and keeps its entrypoint',
      code: file`
        services:
          db:
            build: ./db
      `,
      files: {
        'db/Dockerfile': file`
          FROM postgres:16
          COPY init.sql /docker-entrypoint-initdb.d/
        `,
      },
    },
    {
      name: 'a Dockerfile whose copied entrypoint script steps down with su-exec',
      code: file`
        services:
          app:
            build: ./app
      `,
      files: {
        'app/Dockerfile': file`
          FROM alpine:3.20
          COPY start.sh /start.sh
          ENTRYPOINT ["/start.sh"]
        `,
        'app/start.sh': file`
          #!/bin/sh
          exec su-exec nobody /app "$@"
        `,
      },
    },
    file`
      services:
        app:
          image: alpine:3.20
          user: "1000:1000"
    `,
    {
      name: 'an image-only service: its default user is in image metadata Bulkhead does not read',
      code: file`
        services:
          app:
            image: postgres:16
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: alpine:3.20
            user: \${APP_UID}
      `,
    },
    {
      name: 'root group, non-root user',
      code: file`
        services:
          app:
            image: alpine:3.20
            user: "1000:0"
      `,
    },
    {
      name: 'a Dockerfile that switches to a user',
      code: file`
        services:
          app:
            build: ./app
      `,
      files: {
        'app/Dockerfile': file`
          FROM node:22
          USER node
        `,
      },
    },
    {
      name: 'a Dockerfile not in the workspace',
      code: file`
        services:
          app:
            build: ./app
      `,
    },
    {
      name: 'a base image that runs as non-root',
      code: file`
        services:
          app:
            build: .
      `,
      files: {
        Dockerfile: file`
          FROM gcr.io/distroless/static-debian12:nonroot
          COPY app /app
        `,
      },
    },
    {
      name: 'a private base image, which may set its own USER',
      code: file`
        services:
          app:
            build: .
      `,
      files: {
        Dockerfile: file`
          FROM registry.example.com/team/base:1
          COPY app /app
        `,
      },
    },
    {
      name: 'a remote build context',
      code: file`
        services:
          app:
            build: https://github.com/acme/app.git#main
      `,
      files: { Dockerfile: 'FROM node:22\n' },
    },
    {
      name: 'user set, so the Dockerfile is not asked',
      code: file`
        services:
          app:
            build: ./app
            user: node
      `,
      files: nodeRoot,
    },
    {
      name: 'an inline Dockerfile that switches to a user wins over a Dockerfile in the context',
      code: file`
        services:
          app:
            build:
              context: .
              dockerfile_inline: |
                FROM node:22
                USER node
      `,
      files: { Dockerfile: 'FROM node:22\n' },
    },
    {
      name: 'the build target stage is non-root even if the final one is not',
      code: file`
        services:
          app:
            build:
              context: .
              target: Runtime
      `,
      files: {
        Dockerfile: file`
          FROM node:22 AS runtime
          USER node
          FROM runtime AS debug
          USER root
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'user: root on postgres: the user its profile documents, with the caveat',
      code: file`
        services:
          db:
            image: postgres:16-alpine
            user: root
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:15',
          fixes: [
            {
              title:
                'Run as user `70:70` (the `postgres` image profile runs it as `postgres`) — the data directory must belong to that user: a new named volume does, a bind-mounted folder must be chowned to it',
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16-alpine
                    user: "70:70"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Dockerfile that replaces postgres’s entrypoint: its step-down no longer applies',
      code: file`
        services:
          db:
            build: .
      `,
      files: {
        Dockerfile: file`
          FROM postgres:16
          ENTRYPOINT ["postgres"]
        `,
      },
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
              output: file`
                services:
                  db:
                    build: .
                    user: postgres
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Dockerfile that starts supervisord: it must start as root, so no user fix',
      code: file`
        services:
          app:
            build: .
      `,
      files: {
        Dockerfile: file`
          FROM debian:12
          RUN apt-get update && apt-get install -y supervisor
          CMD ["/usr/bin/supervisord", "-n"]
        `,
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
      code: file`
        services:
          app:
            image: alpine:3.20
            user: root # needs port 80
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:15',
          fixes: [
            {
              title: fix(),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine:3.20
                    user: "65532:65532" # needs port 80
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'uid 0 with a group, single quotes kept',
      code: file`
        services:
          app:
            image: alpine:3.20
            user: '0:1000'
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '4:5-4:19',
          fixes: [
            {
              title: fix(),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine:3.20
                    user: '65532:65532'
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'root from a shared anchor: overridden in the service',
      code: file`
        x-base: &base
          user: root
        services:
          a:
            <<: *base
            image: alpine
          b:
            <<: *base
            image: busybox
            user: "1000"
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '5:9-5:14',
          related: ['@2:3-2:13'],
          fixes: [
            {
              title: fix('a'),
              safe: false,
              output: file`
                x-base: &base
                  user: root
                services:
                  a:
                    <<: *base
                    image: alpine
                    user: "65532:65532"
                  b:
                    <<: *base
                    image: busybox
                    user: "1000"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an inline Dockerfile with no USER: the inline text related, a Dockerfile in the context not read',
      code: file`
        services:
          app:
            build:
              context: .
              dockerfile_inline: |
                FROM python:3.12
                COPY . /app
      `,
      files: {
        Dockerfile: file`
          FROM python:3.12
          USER app
        `,
      },
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
              output: file`
                services:
                  app:
                    build:
                      context: .
                      dockerfile_inline: |
                        FROM python:3.12
                        COPY . /app
                    user: "65532:65532"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a built image with no USER: reported at the service, the Dockerfile related',
      code: file`
        services:
          app:
            build: ./app
            ports:
              - "3000:3000"
      `,
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
              output: file`
                services:
                  app:
                    build: ./app
                    user: node
                    ports:
                      - "3000:3000"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'context and dockerfile, a USER root at the end, in a subfolder project',
      path: 'deploy/compose.yaml',
      code: file`
        services:
          app:
            image: acme/app:1
            build:
              context: ../src
              dockerfile: docker/Dockerfile.prod
      `,
      files: {
        'src/docker/Dockerfile.prod': file`
          FROM python:3.12-slim
          RUN useradd app
          USER app
          COPY . /app
          USER root
        `,
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
              output: file`
                services:
                  app:
                    image: acme/app:1
                    user: "65532:65532"
                    build:
                      context: ../src
                      dockerfile: docker/Dockerfile.prod
              `,
            },
          ],
        },
      ],
    },
    {
      name: "the build comes from a service in another file: its context is read from that file's folder",
      code: file`
        services:
          app:
            extends:
              file: common/services.yaml
              service: node
      `,
      files: {
        'common/services.yaml': file`
          services:
            node:
              build: ../app
        `,
        ...nodeRoot,
      },
      findings: [
        {
          messageId: 'imageNoUser',
          range: '2:3-2:6',
          related: ['app/Dockerfile@1:1-1:13'],
          fixes: [
            {
              title: nodeFix,
              safe: false,
              output: file`
                services:
                  app:
                    extends:
                      file: common/services.yaml
                      service: node
                    user: node
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a flow-mapping service',
      code: file`
        services:
          app: {image: alpine, user: "0"}
      `,
      findings: [
        {
          messageId: 'rootUser',
          range: '2:24-2:33',
          fixes: [
            {
              title: fix(),
              safe: false,
              output: file`
                services:
                  app: {image: alpine, user: "65532:65532"}
              `,
            },
          ],
        },
      ],
    },
  ],
});

describe('container/root-user placeholder', () => {
  it('marks the user it writes, so editors select it for the user to change', () => {
    const cases = [
      {
        code: file`
          services:
            app:
              image: alpine:3.20
              user: root
        `,
        user: '65532:65532',
      },
      {
        code: file`
          services:
            app:
              build: ./app
        `,
        user: 'node',
      },
    ];
    for (const { code, user } of cases) {
      const [fix] = findingsOf(rule, code, undefined, nodeRoot).fixes[0];
      const [placeholder] = fix.placeholders ?? [];
      assert.ok(placeholder, `a placeholder in:\n${code}`);
      assert.equal(fix.edits[placeholder.edit].newText.slice(placeholder.start, placeholder.end), user);
    }
  });
});
