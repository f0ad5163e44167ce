import rule from '../../../shared/src/rules/container/oom-kill-disabled';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n',
    { name: 'turned off', code: 'services:\n  db:\n    image: postgres:16\n    oom_kill_disable: "false"\n' },
    { name: 'an unset variable', code: 'services:\n  db:\n    image: postgres\n    oom_kill_disable: ${NO_OOM}\n' },
    {
      name: 'a memory limit behind an unset variable',
      code: 'services:\n  db:\n    image: postgres\n    mem_limit: ${DB_MEMORY}\n    oom_kill_disable: true\n',
    },
  ],
  invalid: [
    {
      name: 'no memory limit',
      code: 'services:\n  db:\n    image: postgres:16\n    oom_kill_disable: true\n    restart: always\n',
      findings: [
        {
          messageId: 'unlimited',
          range: '4:5-4:27',
          fixes: [
            {
              title: 'Remove `oom_kill_disable`',
              safe: false,
              output: 'services:\n  db:\n    image: postgres:16\n    restart: always\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a limit of 0 is none; a deploy limit is one',
      code: 'services:\n  a:\n    image: postgres\n    mem_limit: 0\n    oom_kill_disable: yes\n  b:\n    image: postgres\n    oom_kill_disable: true\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
      findings: [
        {
          messageId: 'unlimited',
          range: '5:5-5:26',
          fixes: [
            {
              title: 'Remove `oom_kill_disable`',
              safe: false,
              output:
                'services:\n  a:\n    image: postgres\n    mem_limit: 0\n  b:\n    image: postgres\n    oom_kill_disable: true\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
            },
          ],
        },
        {
          messageId: 'limited',
          range: '8:5-8:27',
          severity: 'info',
          fixes: [
            {
              title: 'Remove `oom_kill_disable`',
              safe: false,
              output:
                'services:\n  a:\n    image: postgres\n    mem_limit: 0\n    oom_kill_disable: yes\n  b:\n    image: postgres\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
            },
          ],
        },
      ],
    },
    {
      name: 'from an anchor shared by two services: set false for one',
      code: 'x-db: &db\n  oom_kill_disable: true\nservices:\n  a:\n    <<: *db\n    image: postgres\n  b:\n    <<: *db\n    image: postgres\n    mem_limit: 1g\n',
      findings: [
        {
          messageId: 'unlimited',
          range: '5:9-5:12',
          fixes: [
            {
              title: 'Set `oom_kill_disable: false` for service `a`',
              safe: false,
              output:
                'x-db: &db\n  oom_kill_disable: true\nservices:\n  a:\n    <<: *db\n    oom_kill_disable: false\n    image: postgres\n  b:\n    <<: *db\n    image: postgres\n    mem_limit: 1g\n',
            },
          ],
        },
        {
          messageId: 'limited',
          range: '8:9-8:12',
          severity: 'info',
          fixes: [
            {
              title: 'Set `oom_kill_disable: false` for service `b`',
              safe: false,
              output:
                'x-db: &db\n  oom_kill_disable: true\nservices:\n  a:\n    <<: *db\n    image: postgres\n  b:\n    <<: *db\n    oom_kill_disable: false\n    image: postgres\n    mem_limit: 1g\n',
            },
          ],
        },
      ],
    },
  ],
});
