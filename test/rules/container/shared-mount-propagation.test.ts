import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/shared-mount-propagation';
import { runRuleTests } from '../../rule-tester';

const rslave = 'Use `rslave` propagation (one way, host to container)';
const slave = 'Use `slave` propagation (one way, host to container)';
const head = file`
  services:
    agent:
      image: alpine:3.20
      volumes:
`;

runRuleTests(rule, {
  valid: [
    `${head}      - /mnt/data:/mnt/data\n`,
    { name: 'one-way propagation', code: `${head}      - /mnt/data:/mnt/data:ro,rslave\n` },
    {
      name: 'private, long syntax',
      code: `${head}      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rprivate\n`,
    },
    {
      name: 'a named volume: Docker does not propagate volumes',
      code: `${head}      - data:/data:rshared\nvolumes:\n  data: {}\n`,
    },
    {
      name: 'an unset variable is unknown',
      code: `${head}      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: \${MODE}\n`,
    },
  ],
  invalid: [
    {
      code: `${head}      - /mnt/data:/mnt/data:rshared\n`,
      findings: [
        {
          messageId: 'shared',
          range: '5:9-5:36',
          fixes: [{ title: rslave, safe: false, output: `${head}      - /mnt/data:/mnt/data:rslave\n` }],
        },
      ],
    },
    {
      name: 'with other modes, quoted, non-recursive shared',
      code: `${head}      - "./cache:/cache:ro,shared,z"\n`,
      findings: [
        {
          messageId: 'shared',
          range: '5:9-5:37',
          fixes: [{ title: slave, safe: false, output: `${head}      - "./cache:/cache:ro,slave,z"\n` }],
        },
      ],
    },
    {
      name: 'long syntax',
      code: `${head}      - type: bind\n        source: /var/lib/kubelet\n        target: /var/lib/kubelet\n        bind:\n          propagation: rshared\n`,
      findings: [
        {
          messageId: 'shared',
          range: '5:9-9:31',
          fixes: [
            {
              title: rslave,
              safe: false,
              output: `${head}      - type: bind\n        source: /var/lib/kubelet\n        target: /var/lib/kubelet\n        bind:\n          propagation: rslave\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a variable default: reported, the variable kept',
      code: `${head}      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: \${MODE:-rshared}\n`,
      findings: [{ messageId: 'shared', range: '5:9-9:40', fixes: [] }],
    },
    {
      name: 'an anchor shared by two services: reported in each, no fix for shared text',
      code: file`
        x-mounts: &mounts
          volumes:
            - /mnt:/mnt:rshared
        services:
          a:
            <<: *mounts
            image: alpine:3.20
          b:
            <<: *mounts
            image: alpine:3.20
      `,
      findings: [
        { messageId: 'shared', range: '6:9-6:16', fixes: [] },
        { messageId: 'shared', range: '9:9-9:16', fixes: [] },
      ],
    },
  ],
});
