import rule from '../../../shared/src/rules/container/systempaths-unconfined';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'other security options',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["seccomp=unconfined", "no-new-privileges"]\n',
    },
    {
      name: 'an unset variable',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["systempaths=${PATHS}"]\n',
    },
    {
      name: 'a value Docker refuses',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: ["systempaths=UNCONFINED"]\n',
    },
  ],
  invalid: [
    {
      name: 'the only item: the key goes',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - systempaths=unconfined\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '5:9-5:31',
          fixes: [
            {
              title: 'Remove `systempaths=unconfined`',
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n',
            },
          ],
        },
      ],
    },
    {
      name: 'with a colon, among others in a flow list',
      code: 'services:\n  app:\n    image: alpine\n    security_opt: [no-new-privileges, "systempaths:unconfined"]\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '4:39-4:63',
          fixes: [
            {
              title: 'Remove `systempaths:unconfined`',
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    security_opt: [no-new-privileges]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: each service gets its own list without it',
      code: 'x-nested: &nested\n  security_opt:\n    - systempaths=unconfined\nservices:\n  a:\n    image: alpine\n    <<: *nested\n  b:\n    <<: *nested\n    image: alpine\n',
      findings: [
        {
          messageId: 'unconfined',
          range: '7:9-7:16',
          fixes: [
            {
              title: 'Remove `systempaths=unconfined`',
              safe: false,
              output:
                'x-nested: &nested\n  security_opt:\n    - systempaths=unconfined\nservices:\n  a:\n    image: alpine\n    <<: *nested\n    security_opt: []\n  b:\n    <<: *nested\n    image: alpine\n',
            },
          ],
        },
        {
          messageId: 'unconfined',
          range: '9:9-9:16',
          fixes: [
            {
              title: 'Remove `systempaths=unconfined`',
              safe: false,
              output:
                'x-nested: &nested\n  security_opt:\n    - systempaths=unconfined\nservices:\n  a:\n    image: alpine\n    <<: *nested\n  b:\n    <<: *nested\n    security_opt: []\n    image: alpine\n',
            },
          ],
        },
      ],
    },
  ],
});
