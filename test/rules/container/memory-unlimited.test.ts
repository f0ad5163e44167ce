import { file } from '../../../shared/src/rule';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../shared/src/rules/container/memory-unlimited';
import { findingsOf, runRuleTests } from '../../rule-tester';

const addKey = 'Add `mem_limit: 512m`';
const addDeploy = 'Add `deploy.resources.limits.memory: 512M`';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: nginx:1.27
          mem_limit: 256m
    `,
    {
      name: 'deploy limits',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  memory: 1G
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: \${MEM}
      `,
    },
    {
      name: 'one key unknown, the other none: still unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: 0
            deploy:
              resources:
                limits:
                  memory: \${MEM}
      `,
    },
    {
      name: 'a variable default',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: \${MEM:-1g}
      `,
    },
    {
      name: 'from a merge key',
      code: file`
        x-limits: &limits
          mem_limit: 1g
        services:
          app:
            <<: *limits
            image: nginx:1.27
      `,
    },
    {
      name: 'from the service it extends',
      code: file`
        services:
          base:
            image: nginx:1.27
            mem_limit: 1g
          app:
            extends: base
      `,
    },
    {
      name: 'extends another file that cannot be read: partial, no conclusion',
      code: file`
        services:
          app:
            extends:
              file: common.yaml
              service: base
      `,
    },
    {
      name: 'set in the override file of the project',
      code: file`
        services:
          app:
            image: nginx:1.27
      `,
      files: {
        'compose.override.yaml': file`
          services:
            app:
              mem_limit: 1g
        `,
      },
    },
    {
      name: 'set in the service it extends in another file',
      code: file`
        services:
          app:
            extends:
              file: common.yaml
              service: base
      `,
      files: {
        'common.yaml': file`
          services:
            base:
              image: nginx:1.27
              mem_limit: 1g
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'after restart, beside nothing else',
      code: file`
        services:
          app:
            image: nginx:1.27
            restart: always
            ports:
              - "80:80"
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addKey,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    restart: always
                    mem_limit: 512m
                    ports:
                      - "80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'next to the CPU limit, 4-space indentation, comment kept',
      code: file`
        services:
            app:
                image: nginx:1.27
                cpus: 0.5 # half a core
                volumes:
                - data:/data
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:5-2:8',
          fixes: [
            {
              title: addKey,
              safe: false,
              output: file`
                services:
                    app:
                        image: nginx:1.27
                        cpus: 0.5 # half a core
                        mem_limit: 512m
                        volumes:
                        - data:/data
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a deploy section without resources: the limit goes there',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              replicas: 2
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    deploy:
                      replicas: 2
                      resources:
                        limits:
                          memory: 512M
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'reservations only: limits go before them and the comment above them',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                # guaranteed
                reservations:
                  memory: 128M
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          memory: 512M
                        # guaranteed
                        reservations:
                          memory: 128M
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'limits with a CPU value only: memory goes after it',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  cpus: "0.5"
                reservations:
                  cpus: "0.1"
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          cpus: "0.5"
                          memory: 512M
                        reservations:
                          cpus: "0.1"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow mappings',
      code: file`
        services:
          app: {image: nginx, deploy: {resources: {}}}
          web: {image: nginx}
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output: file`
                services:
                  app: {image: nginx, deploy: {resources: {limits: {memory: 512M}}}}
                  web: {image: nginx}
              `,
            },
          ],
        },
        {
          messageId: 'missing',
          range: '3:3-3:6',
          fixes: [
            {
              title: addKey,
              safe: false,
              output: file`
                services:
                  app: {image: nginx, deploy: {resources: {}}}
                  web: {image: nginx, mem_limit: 512m}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'mem_limit: 0 is no limit: replaced in place, quotes kept',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: "0"
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:19',
          fixes: [
            {
              title: 'Set `mem_limit` to `512m`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    mem_limit: "512m"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor says 0: overridden in the service',
      code: file`
        x-base: &base
          mem_limit: 0
        services:
          a:
            <<: *base
            image: nginx
          b:
            <<: *base
            image: redis
            mem_limit: 1g
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Set `mem_limit` to `512m`',
              safe: false,
              output: file`
                x-base: &base
                  mem_limit: 0
                services:
                  a:
                    <<: *base
                    image: nginx
                    mem_limit: 512m
                  b:
                    <<: *base
                    image: redis
                    mem_limit: 1g
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'deploy from a merge key is not written into: a service key instead',
      code: file`
        x-deploy: &deploy
          deploy:
            replicas: 1
        services:
          app:
            <<: *deploy
            image: nginx
      `,
      findings: [
        {
          messageId: 'missing',
          range: '5:3-5:6',
          fixes: [
            {
              title: addKey,
              safe: false,
              output: file`
                x-deploy: &deploy
                  deploy:
                    replicas: 1
                services:
                  app:
                    <<: *deploy
                    image: nginx
                    mem_limit: 512m
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF',
      code: file`
        services:\r
          app:\r
            image: nginx\r
            deploy:\r
              mode: global\r
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output: file`
                services:\r
                  app:\r
                    image: nginx\r
                    deploy:\r
                      mode: global\r
                      resources:\r
                        limits:\r
                          memory: 512M\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a limit in the base file is not enough when the override file sets none for another service',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: 1g
          db:
            image: postgres:16
      `,
      files: {
        'compose.override.yaml': file`
          services:
            db:
              ports: ["5432:5432"]
        `,
      },
      findings: [
        {
          messageId: 'missing',
          range: '5:3-5:5',
          fixes: [
            {
              title: addKey,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    mem_limit: 1g
                  db:
                    image: postgres:16
                    mem_limit: 512m
              `,
            },
          ],
        },
      ],
    },
  ],
});

describe('container/memory-unlimited placeholders', () => {
  it('marks the value it writes, so editors select it for the user to change', () => {
    const cases = [
      file`
        services:
          app:
            image: nginx:1.27
      `,
      file`
        services:
          app:
            image: nginx:1.27
            deploy:
              replicas: 2
      `,
      file`
        services:
          app:
            image: nginx:1.27
            mem_limit: 0
      `,
    ];
    for (const code of cases) {
      const [fix] = findingsOf(rule, code).fixes[0];
      const [placeholder] = fix.placeholders ?? [];
      assert.ok(placeholder, `a placeholder in:\n${code}`);
      assert.match(fix.edits[placeholder.edit].newText.slice(placeholder.start, placeholder.end), /^512[mM]$/);
    }
  });
});
