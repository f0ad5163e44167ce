import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/mac-disabled';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
    `,
    {
      name: 'custom profiles and labels',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - apparmor:docker-default
              - label:user:testuser
              - label=type:container_t
      `,
    },
  ],
  invalid: [
    {
      name: 'apparmor unconfined, the only item',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - apparmor:unconfined
      `,
      findings: [
        {
          messageId: 'apparmor',
          range: '5:9-5:28',
          fixes: [
            {
              title: 'Remove `apparmor:unconfined`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'label disabled with = and with :, flow list',
      code: file`
        services:
          a:
            image: alpine
            security_opt: ["label=disable", "label:disable"]
      `,
      findings: [
        {
          messageId: 'selinuxDisabled',
          range: '4:20-4:35',
          fixes: [
            {
              title: 'Remove `label=disable`',
              safe: false,
              output: file`
                services:
                  a:
                    image: alpine
                    security_opt: ["label:disable"]
              `,
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
              output: file`
                services:
                  a:
                    image: alpine
                    security_opt: ["label=disable"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an unconfined SELinux type, CRLF',
      code: file`
        services:\r
          a:\r
            image: alpine\r
            security_opt:\r
              - no-new-privileges\r
              - label=type:spc_t\r
      `,
      findings: [
        {
          messageId: 'selinuxUnconfinedType',
          range: '6:9-6:25',
          fixes: [
            {
              title: 'Remove `label=type:spc_t`',
              safe: false,
              output: file`
                services:\r
                  a:\r
                    image: alpine\r
                    security_opt:\r
                      - no-new-privileges\r
              `,
            },
          ],
        },
      ],
    },
  ],
});
