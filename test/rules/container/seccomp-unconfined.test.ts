import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/seccomp-unconfined';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
    `,
    {
      name: 'a custom profile',
      code: file`
        services:
          app:
            image: alpine
            security_opt: ["seccomp=./chrome.json"]
      `,
    },
    {
      name: 'an SELinux label option that mentions seccomp',
      code: file`
        services:
          app:
            image: alpine
            security_opt: ["label:seccomp:unconfined"]
      `,
    },
    {
      name: 'an unset variable',
      code: file`
        services:
          app:
            image: alpine
            security_opt: ["seccomp:\${PROFILE}"]
      `,
    },
  ],
  invalid: [
    {
      name: 'the only item: the key goes',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - seccomp:unconfined
      `,
      findings: [
        {
          messageId: 'unconfined',
          range: '5:9-5:27',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
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
      name: 'with =, in upper case, among others',
      code: file`
        services:
          app:
            image: alpine
            security_opt:
              - no-new-privileges:true
              # perf needs it
              - "seccomp=UNCONFINED"
      `,
      findings: [
        {
          messageId: 'unconfined',
          range: '7:9-7:29',
          fixes: [
            {
              title: 'Remove `seccomp=UNCONFINED`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    security_opt:
                      - no-new-privileges:true
                      # perf needs it
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow list, first item',
      code: file`
        services:
          app:
            image: alpine
            security_opt: [seccomp:unconfined, no-new-privileges]
      `,
      findings: [
        {
          messageId: 'unconfined',
          range: '4:20-4:38',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    security_opt: [no-new-privileges]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: each service gets its own list without it',
      code: file`
        x-debug: &debug
          security_opt:
            - seccomp:unconfined
        services:
          a:
            image: alpine
            <<: *debug
          b:
            <<: *debug
            image: alpine
      `,
      findings: [
        {
          messageId: 'unconfined',
          range: '7:9-7:15',
          fixes: [
            {
              title: 'Remove `seccomp:unconfined`',
              safe: false,
              output: file`
                x-debug: &debug
                  security_opt:
                    - seccomp:unconfined
                services:
                  a:
                    image: alpine
                    <<: *debug
                    security_opt: []
                  b:
                    <<: *debug
                    image: alpine
              `,
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
              output: file`
                x-debug: &debug
                  security_opt:
                    - seccomp:unconfined
                services:
                  a:
                    image: alpine
                    <<: *debug
                  b:
                    <<: *debug
                    security_opt: []
                    image: alpine
              `,
            },
          ],
        },
      ],
    },
  ],
});
