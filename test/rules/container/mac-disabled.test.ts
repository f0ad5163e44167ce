import rule from '../../../shared/src/rules/container/mac-disabled';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'custom profiles and labels',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - apparmor:docker-default\n      - label:user:testuser\n      - label=type:container_t\n',
    },
  ],
  invalid: [
    {
      name: 'apparmor unconfined, the only item',
      code: 'services:\n  app:\n    image: alpine\n    security_opt:\n      - apparmor:unconfined\n',
      findings: [
        {
          messageId: 'apparmor',
          range: '5:9-5:28',
          fixes: [
            { title: 'Remove `apparmor:unconfined`', safe: false, output: 'services:\n  app:\n    image: alpine\n' },
          ],
        },
      ],
    },
    {
      name: 'label disabled with = and with :, flow list',
      code: 'services:\n  a:\n    image: alpine\n    security_opt: ["label=disable", "label:disable"]\n',
      findings: [
        {
          messageId: 'selinuxDisabled',
          range: '4:20-4:35',
          fixes: [
            {
              title: 'Remove `label=disable`',
              safe: false,
              output: 'services:\n  a:\n    image: alpine\n    security_opt: ["label:disable"]\n',
            },
          ],
        },
        {
          messageId: 'selinuxDisabled',
          range: '4:37-4:52',
          fixes: [
            {
              title: 'Remove `label:disable`',
              safe: false,
              output: 'services:\n  a:\n    image: alpine\n    security_opt: ["label=disable"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an unconfined SELinux type, CRLF',
      code: 'services:\r\n  a:\r\n    image: alpine\r\n    security_opt:\r\n      - no-new-privileges\r\n      - label=type:spc_t\r\n',
      findings: [
        {
          messageId: 'selinuxUnconfinedType',
          range: '6:9-6:25',
          fixes: [
            {
              title: 'Remove `label=type:spc_t`',
              safe: false,
              output: 'services:\r\n  a:\r\n    image: alpine\r\n    security_opt:\r\n      - no-new-privileges\r\n',
            },
          ],
        },
      ],
    },
  ],
});
