import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/dangerous-capability';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
          cap_add: [NET_BIND_SERVICE, CHOWN]
    `,
    {
      name: 'dropping is fine',
      code: file`
        services:
          app:
            image: alpine:3.20
            cap_drop: [SYS_ADMIN, ALL]
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: alpine:3.20
            cap_add: ["\${EXTRA_CAP}"]
      `,
    },
    {
      name: 'a capability named in a comment',
      code: file`
        services:
          app:
            image: alpine:3.20
            # cap_add: [SYS_ADMIN]
      `,
    },
  ],
  invalid: [
    {
      name: 'the only item: the key goes',
      code: file`
        services:
          app:
            image: alpine:3.20
            cap_add:
              - SYS_ADMIN
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '5:9-5:18',
          fixes: [
            {
              title: 'Remove `SYS_ADMIN` from `cap_add`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'lower case, comments around: the comment line above stays',
      code: file`
        services:
          app:
            cap_add:
              # fuse needs it
              - sys_admin # fuse
              - NET_BIND_SERVICE
            image: alpine
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '5:9-5:18',
          fixes: [
            {
              title: 'Remove `sys_admin` from `cap_add`',
              safe: false,
              output: file`
                services:
                  app:
                    cap_add:
                      # fuse needs it
                      - NET_BIND_SERVICE
                    image: alpine
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'flow list, CAP_ prefix; NET_ADMIN without the host network is a warning',
      code: file`
        services:
          app:
            image: alpine
            cap_add: [CAP_SYS_ADMIN, NET_ADMIN]
      `,
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '4:15-4:28',
          fixes: [
            {
              title: 'Remove `CAP_SYS_ADMIN` from `cap_add`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    cap_add: [NET_ADMIN]
              `,
            },
          ],
        },
        {
          messageId: 'NET_ADMIN',
          range: '4:30-4:39',
          severity: 'warning',
          fixes: [
            {
              title: 'Remove `NET_ADMIN` from `cap_add`',
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    cap_add: [CAP_SYS_ADMIN]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'NET_ADMIN on the host network is an error',
      code: file`
        services:
          vpn:
            image: wg
            network_mode: host
            cap_add: ["NET_ADMIN"]
      `,
      findings: [
        {
          messageId: 'NET_ADMIN',
          range: '5:15-5:26',
          severity: 'error',
          fixes: [
            {
              title: 'Remove `NET_ADMIN` from `cap_add`',
              safe: false,
              output: file`
                services:
                  vpn:
                    image: wg
                    network_mode: host
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ALL, CRLF',
      code: file`
        services:\r
          app:\r
            cap_add:\r
              - CHOWN\r
              - ALL\r
            image: alpine\r
      `,
      findings: [
        {
          messageId: 'ALL',
          range: '5:9-5:12',
          fixes: [
            {
              title: 'Remove `ALL` from `cap_add`',
              safe: false,
              output: file`
                services:\r
                  app:\r
                    cap_add:\r
                      - CHOWN\r
                    image: alpine\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: each service gets its own list without the capability',
      code: file`
        x-caps: &caps
          cap_add: [SYS_PTRACE, NET_BIND_SERVICE]
        services:
          a:
            <<: *caps
            image: alpine
          b:
            <<: *caps
            image: busybox
      `,
      findings: [
        {
          messageId: 'SYS_PTRACE',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Remove `SYS_PTRACE` from `cap_add`',
              safe: false,
              output: file`
                x-caps: &caps
                  cap_add: [SYS_PTRACE, NET_BIND_SERVICE]
                services:
                  a:
                    <<: *caps
                    cap_add: [NET_BIND_SERVICE]
                    image: alpine
                  b:
                    <<: *caps
                    image: busybox
              `,
            },
          ],
        },
        {
          messageId: 'SYS_PTRACE',
          range: '8:9-8:14',
          fixes: [
            {
              title: 'Remove `SYS_PTRACE` from `cap_add`',
              safe: false,
              output: file`
                x-caps: &caps
                  cap_add: [SYS_PTRACE, NET_BIND_SERVICE]
                services:
                  a:
                    <<: *caps
                    image: alpine
                  b:
                    <<: *caps
                    cap_add: [NET_BIND_SERVICE]
                    image: busybox
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'through extends: Compose unions cap_add, so the base is the place to fix and the extending service gets no fix',
      code: file`
        services:
          base:
            image: alpine
            cap_add: [SYS_MODULE]
          app:
            extends: base
      `,
      findings: [
        {
          messageId: 'SYS_MODULE',
          range: '4:15-4:25',
          fixes: [
            {
              title: 'Remove `SYS_MODULE` from `cap_add`',
              safe: false,
              output: file`
                services:
                  base:
                    image: alpine
                  app:
                    extends: base
              `,
            },
          ],
        },
        { messageId: 'SYS_MODULE', range: '6:14-6:18', fixes: [] },
      ],
    },
  ],
});
