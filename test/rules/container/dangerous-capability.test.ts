import rule from '../../../shared/src/rules/container/dangerous-capability';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n',
    { name: 'dropping is fine', code: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [SYS_ADMIN, ALL]\n' },
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  app:\n    image: alpine:3.20\n    cap_add: ["${EXTRA_CAP}"]\n',
    },
    {
      name: 'a capability named in a comment',
      code: 'services:\n  app:\n    image: alpine:3.20\n    # cap_add: [SYS_ADMIN]\n',
    },
  ],
  invalid: [
    {
      name: 'the only item: the key goes',
      code: 'services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n',
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '5:9-5:18',
          fixes: [
            {
              title: 'Remove `SYS_ADMIN` from `cap_add`',
              safe: false,
              output: 'services:\n  app:\n    image: alpine:3.20\n',
            },
          ],
        },
      ],
    },
    {
      name: 'lower case, comments around: the comment line above stays',
      code: 'services:\n  app:\n    cap_add:\n      # fuse needs it\n      - sys_admin # fuse\n      - NET_BIND_SERVICE\n    image: alpine\n',
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '5:9-5:18',
          fixes: [
            {
              title: 'Remove `sys_admin` from `cap_add`',
              safe: false,
              output:
                'services:\n  app:\n    cap_add:\n      # fuse needs it\n      - NET_BIND_SERVICE\n    image: alpine\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow list, CAP_ prefix; NET_ADMIN without the host network is a warning',
      code: 'services:\n  app:\n    image: alpine\n    cap_add: [CAP_SYS_ADMIN, NET_ADMIN]\n',
      findings: [
        {
          messageId: 'SYS_ADMIN',
          range: '4:15-4:28',
          fixes: [
            {
              title: 'Remove `CAP_SYS_ADMIN` from `cap_add`',
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    cap_add: [NET_ADMIN]\n',
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
              output: 'services:\n  app:\n    image: alpine\n    cap_add: [CAP_SYS_ADMIN]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'NET_ADMIN on the host network is an error',
      code: 'services:\n  vpn:\n    image: wg\n    network_mode: host\n    cap_add: ["NET_ADMIN"]\n',
      findings: [
        {
          messageId: 'NET_ADMIN',
          range: '5:15-5:26',
          severity: 'error',
          fixes: [
            {
              title: 'Remove `NET_ADMIN` from `cap_add`',
              safe: false,
              output: 'services:\n  vpn:\n    image: wg\n    network_mode: host\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ALL, CRLF',
      code: 'services:\r\n  app:\r\n    cap_add:\r\n      - CHOWN\r\n      - ALL\r\n    image: alpine\r\n',
      findings: [
        {
          messageId: 'ALL',
          range: '5:9-5:12',
          fixes: [
            {
              title: 'Remove `ALL` from `cap_add`',
              safe: false,
              output: 'services:\r\n  app:\r\n    cap_add:\r\n      - CHOWN\r\n    image: alpine\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: each service gets its own list without the capability',
      code: 'x-caps: &caps\n  cap_add: [SYS_PTRACE, NET_BIND_SERVICE]\nservices:\n  a:\n    <<: *caps\n    image: alpine\n  b:\n    <<: *caps\n    image: busybox\n',
      findings: [
        {
          messageId: 'SYS_PTRACE',
          range: '5:9-5:14',
          fixes: [
            {
              title: 'Remove `SYS_PTRACE` from `cap_add`',
              safe: false,
              output:
                'x-caps: &caps\n  cap_add: [SYS_PTRACE, NET_BIND_SERVICE]\nservices:\n  a:\n    <<: *caps\n    cap_add: [NET_BIND_SERVICE]\n    image: alpine\n  b:\n    <<: *caps\n    image: busybox\n',
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
              output:
                'x-caps: &caps\n  cap_add: [SYS_PTRACE, NET_BIND_SERVICE]\nservices:\n  a:\n    <<: *caps\n    image: alpine\n  b:\n    <<: *caps\n    cap_add: [NET_BIND_SERVICE]\n    image: busybox\n',
            },
          ],
        },
      ],
    },
    {
      name: 'through extends: Compose unions cap_add, so the base is the place to fix and the extending service gets no fix',
      code: 'services:\n  base:\n    image: alpine\n    cap_add: [SYS_MODULE]\n  app:\n    extends: base\n',
      findings: [
        {
          messageId: 'SYS_MODULE',
          range: '4:15-4:25',
          fixes: [
            {
              title: 'Remove `SYS_MODULE` from `cap_add`',
              safe: false,
              output: 'services:\n  base:\n    image: alpine\n  app:\n    extends: base\n',
            },
          ],
        },
        { messageId: 'SYS_MODULE', range: '6:14-6:18', fixes: [] },
      ],
    },
  ],
});
