import rule from '../../../shared/src/rules/container/capabilities-not-dropped';
import { runRuleTests } from '../../rule-tester';

const add = 'Add `cap_drop: [ALL]`';
const append = 'Add `ALL` to `cap_drop`';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n',
    { name: 'any case, block list', code: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - all\n    cap_add:\n      - NET_BIND_SERVICE\n' },
    { name: 'privileged is reported by its own rule', code: 'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n' },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: ["${DROP}"]\n' },
    { name: 'dropped in the service it extends', code: 'services:\n  base:\n    image: alpine\n    cap_drop: [ALL]\n  app:\n    extends: base\n' },
    { name: 'dropped through a merge key', code: 'x-hardened: &hardened\n  cap_drop: [ALL]\nservices:\n  app:\n    <<: *hardened\n    image: alpine\n' },
    { name: 'extends another file: unknown until that file is read', code: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n' },
  ],
  invalid: [
    {
      name: 'block lists in the file: a block list after image',
      code: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "80:80"\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: add, safe: false, output: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n    ports:\n      - "80:80"\n' }] }],
    },
    {
      name: 'flow lists in the file: a flow list',
      code: 'services:\n  app:\n    image: alpine:3.20\n    ports: ["80:80"]\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: add, safe: false, output: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    ports: ["80:80"]\n' }] }],
    },
    {
      name: 'before cap_add and the comment above it',
      code: 'services:\n  app:\n    image: alpine\n    # binds port 80\n    cap_add:\n      - NET_BIND_SERVICE\n',
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [{ title: add, safe: false, output: 'services:\n  app:\n    image: alpine\n    cap_drop:\n      - ALL\n    # binds port 80\n    cap_add:\n      - NET_BIND_SERVICE\n' }],
        },
      ],
    },
    {
      name: 'some dropped, block list: ALL appended',
      code: 'services:\n  app:\n    image: alpine\n    cap_drop:\n      - NET_RAW # no ping\n',
      findings: [{ messageId: 'partial', range: '4:5-4:13', fixes: [{ title: append, safe: false, output: 'services:\n  app:\n    image: alpine\n    cap_drop:\n      - NET_RAW # no ping\n      - ALL\n' }] }],
    },
    {
      name: 'some dropped, flow list, quoted',
      code: 'services:\n  app:\n    image: alpine\n    cap_drop: ["net_raw"]\n',
      findings: [{ messageId: 'partial', range: '4:5-4:13', fixes: [{ title: append, safe: false, output: 'services:\n  app:\n    image: alpine\n    cap_drop: ["net_raw", "ALL"]\n' }] }],
    },
    {
      name: '4-space indentation, lists level with their key',
      code: 'services:\n    app:\n        image: alpine\n        volumes:\n        - ./a:/a\n',
      findings: [{ messageId: 'missing', range: '2:5-2:8', fixes: [{ title: add, safe: false, output: 'services:\n    app:\n        image: alpine\n        cap_drop:\n        - ALL\n        volumes:\n        - ./a:/a\n' }] }],
    },
    {
      name: 'a flow mapping service',
      code: 'services:\n  app: {image: alpine}\n',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: add, safe: false, output: 'services:\n  app: {image: alpine, cap_drop: [ALL]}\n' }] }],
    },
    {
      name: 'CRLF, no line break at the end',
      code: 'services:\r\n  app:\r\n    image: alpine',
      findings: [{ messageId: 'missing', range: '2:3-2:6', fixes: [{ title: add, safe: false, output: 'services:\r\n  app:\r\n    image: alpine\r\n    cap_drop:\r\n      - ALL' }] }],
    },
    {
      name: 'a shared anchor drops some: the service gets its own list, keeping them',
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: alpine\n  b:\n    <<: *base\n    image: busybox\n    cap_drop: [ALL]\n',
      findings: [
        {
          messageId: 'partial',
          range: '5:9-5:14',
          fixes: [{ title: append, safe: false, output: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: alpine\n    cap_drop: [NET_RAW, ALL]\n  b:\n    <<: *base\n    image: busybox\n    cap_drop: [ALL]\n' }],
        },
      ],
    },
  ],
});
