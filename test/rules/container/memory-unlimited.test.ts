import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../shared/src/rules/container/memory-unlimited';
import { findingsOf, runRuleTests } from '../../rule-tester';

const addKey = 'Add `mem_limit: 512m`';
const addDeploy = 'Add `deploy.resources.limits.memory: 512M`';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 256m\n',
    {
      name: 'deploy limits',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
    },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: ${MEM}\n' },
    {
      name: 'one key unknown, the other none: still unknown',
      code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 0\n    deploy:\n      resources:\n        limits:\n          memory: ${MEM}\n',
    },
    { name: 'a variable default', code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: ${MEM:-1g}\n' },
    {
      name: 'from a merge key',
      code: 'x-limits: &limits\n  mem_limit: 1g\nservices:\n  app:\n    <<: *limits\n    image: nginx:1.27\n',
    },
    {
      name: 'from the service it extends',
      code: 'services:\n  base:\n    image: nginx:1.27\n    mem_limit: 1g\n  app:\n    extends: base\n',
    },
    {
      name: 'extends another file that cannot be read: partial, no conclusion',
      code: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n',
    },
    {
      name: 'set in the override file of the project',
      code: 'services:\n  app:\n    image: nginx:1.27\n',
      files: { 'compose.override.yaml': 'services:\n  app:\n    mem_limit: 1g\n' },
    },
    {
      name: 'set in the service it extends in another file',
      code: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n',
      files: { 'common.yaml': 'services:\n  base:\n    image: nginx:1.27\n    mem_limit: 1g\n' },
    },
  ],
  invalid: [
    {
      name: 'after restart, beside nothing else',
      code: 'services:\n  app:\n    image: nginx:1.27\n    restart: always\n    ports:\n      - "80:80"\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addKey,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    restart: always\n    mem_limit: 512m\n    ports:\n      - "80:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'next to the CPU limit, 4-space indentation, comment kept',
      code: 'services:\n    app:\n        image: nginx:1.27\n        cpus: 0.5 # half a core\n        volumes:\n        - data:/data\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:5-2:8',
          fixes: [
            {
              title: addKey,
              safe: false,
              output:
                'services:\n    app:\n        image: nginx:1.27\n        cpus: 0.5 # half a core\n        mem_limit: 512m\n        volumes:\n        - data:/data\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a deploy section without resources: the limit goes there',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 512M\n',
            },
          ],
        },
      ],
    },
    {
      name: 'reservations only: limits go before them and the comment above them',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        # guaranteed\n        reservations:\n          memory: 128M\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n        # guaranteed\n        reservations:\n          memory: 128M\n',
            },
          ],
        },
      ],
    },
    {
      name: 'limits with a CPU value only: memory goes after it',
      code: 'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n        reservations:\n          cpus: "0.1"\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 512M\n        reservations:\n          cpus: "0.1"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow mappings',
      code: 'services:\n  app: {image: nginx, deploy: {resources: {}}}\n  web: {image: nginx}\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output:
                'services:\n  app: {image: nginx, deploy: {resources: {limits: {memory: 512M}}}}\n  web: {image: nginx}\n',
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
              output:
                'services:\n  app: {image: nginx, deploy: {resources: {}}}\n  web: {image: nginx, mem_limit: 512m}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'mem_limit: 0 is no limit: replaced in place, quotes kept',
      code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: "0"\n',
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:19',
          fixes: [
            {
              title: 'Set `mem_limit` to `512m`',
              safe: false,
              output: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: "512m"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor says 0: overridden in the service',
      code: 'x-base: &base\n  mem_limit: 0\nservices:\n  a:\n    <<: *base\n    image: nginx\n  b:\n    <<: *base\n    image: redis\n    mem_limit: 1g\n',
      findings: [
        {
          messageId: 'disabled',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Set `mem_limit` to `512m`',
              safe: false,
              output:
                'x-base: &base\n  mem_limit: 0\nservices:\n  a:\n    <<: *base\n    image: nginx\n    mem_limit: 512m\n  b:\n    <<: *base\n    image: redis\n    mem_limit: 1g\n',
            },
          ],
        },
      ],
    },
    {
      name: 'deploy from a merge key is not written into: a service key instead',
      code: 'x-deploy: &deploy\n  deploy:\n    replicas: 1\nservices:\n  app:\n    <<: *deploy\n    image: nginx\n',
      findings: [
        {
          messageId: 'missing',
          range: '5:3-5:6',
          fixes: [
            {
              title: addKey,
              safe: false,
              output:
                'x-deploy: &deploy\n  deploy:\n    replicas: 1\nservices:\n  app:\n    <<: *deploy\n    image: nginx\n    mem_limit: 512m\n',
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  app:\r\n    image: nginx\r\n    deploy:\r\n      mode: global\r\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: addDeploy,
              safe: false,
              output:
                'services:\r\n  app:\r\n    image: nginx\r\n    deploy:\r\n      mode: global\r\n      resources:\r\n        limits:\r\n          memory: 512M\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a limit in the base file is not enough when the override file sets none for another service',
      code: 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 1g\n  db:\n    image: postgres:16\n',
      files: { 'compose.override.yaml': 'services:\n  db:\n    ports: ["5432:5432"]\n' },
      findings: [
        {
          messageId: 'missing',
          range: '5:3-5:5',
          fixes: [
            {
              title: addKey,
              safe: false,
              output:
                'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 1g\n  db:\n    image: postgres:16\n    mem_limit: 512m\n',
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
      'services:\n  app:\n    image: nginx:1.27\n',
      'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n',
      'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 0\n',
    ];
    for (const code of cases) {
      const [fix] = findingsOf(rule, code).fixes[0];
      const [placeholder] = fix.placeholders ?? [];
      assert.ok(placeholder, `a placeholder in:\n${code}`);
      assert.match(fix.edits[placeholder.edit].newText.slice(placeholder.start, placeholder.end), /^512[mM]$/);
    }
  });
});
