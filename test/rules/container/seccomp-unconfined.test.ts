import rule from '../../../shared/src/rules/container/seccomp-unconfined';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'a custom profile',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["seccomp=./chrome.json"]\n',
    },
    {
      name: 'an SELinux label option that mentions seccomp',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["label:seccomp:unconfined"]\n',
    },
    {
      name: 'an unset variable',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["seccomp:${PROFILE}"]\n',
    },
  ],
  invalid: [
    {
      name: 'the only item: the key goes',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - seccomp:unconfined\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '5:9-5:27',
          fixes: [
            { title: 'Remove `seccomp:unconfined`', safe: false, output: 'services:\n  app:\n    image: alpine\n' },
          ],
        },
      ],
    },
    {
      name: 'with =, in upper case, among others',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - no-new-privileges:true\n      # perf needs it\n      - "seccomp=UNCONFINED"\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '7:9-7:29',
          fixes: [
            {
              title: 'Remove `seccomp=UNCONFINED`',
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    security_opt:\n      - no-new-privileges:true\n      # perf needs it\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow list, first item',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: [seccomp:unconfined, no-new-privileges]\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '4:20-4:38',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    security_opt: [no-new-privileges]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: each service gets its own list without it',
      code: 'x-debug: &debug\n  security_opt:\n    - seccomp:unconfined\nservices:\n  a:\n    image: alpine\n    <<: *debug\n  b:\n    <<: *debug\n    image: alpine\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '7:9-7:15',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
              safe: false,
              output:
                'x-debug: &debug\n  security_opt:\n    - seccomp:unconfined\nservices:\n  a:\n    image: alpine\n    <<: *debug\n    security_opt: []\n  b:\n    <<: *debug\n    image: alpine\n',
            },
          ],
        },
        {
          messageId: 'unconfined',
          range: '9:9-9:15',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
              safe: false,
              output:
                'x-debug: &debug\n  security_opt:\n    - seccomp:unconfined\nservices:\n  a:\n    image: alpine\n    <<: *debug\n  b:\n    <<: *debug\n    security_opt: []\n    image: alpine\n',
            },
          ],
        },
      ],
    },
  ],
});
