import rule from '../../../shared/src/rules/container/unpinned-image';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5\n',
    {
      name: 'a digest without a tag',
      code: 'services:\n  db:\n    image: postgres@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5\n',
    },
    { name: 'the image a build produces', code: 'services:\n  app:\n    build: .\n    image: acme/app\n' },
    { name: 'an unset variable is unknown', code: 'services:\n  app:\n    image: ${IMAGE}\n' },
    { name: 'a digest behind an unset variable', code: 'services:\n  app:\n    image: nginx@${DIGEST}\n' },
  ],
  invalid: [
    {
      name: 'tags that move like latest, and a malformed digest',
      code: 'services:\n  web:\n    image: nginx:stable\n  app:\n    image: acme/app:master\n  db:\n    image: postgres@sha256:abc\n',
      findings: [
        { messageId: 'floating', range: '3:12-3:24' },
        { messageId: 'floating', range: '5:12-5:27' },
        { messageId: 'malformedDigest', range: '7:12-7:31' },
      ],
    },
    {
      name: 'no tag',
      code: 'services:\n  db:\n    image: postgres\n',
      findings: [{ messageId: 'untagged', range: '3:12-3:20' }],
    },
    {
      name: 'latest, quoted, and a registry with a port but no tag',
      code: 'services:\n  web:\n    image: "nginx:latest"\n  app:\n    image: localhost:5000/acme/app\n',
      findings: [
        { messageId: 'latest', range: '3:12-3:26' },
        { messageId: 'untagged', range: '5:12-5:35' },
      ],
    },
    {
      name: 'pinned by tag only: information',
      code: 'services:\n  db:\n    image: mysql:8.0\n',
      findings: [{ messageId: 'tagOnly', range: '3:12-3:21', severity: 'info' }],
    },
    {
      name: 'a variable whose default is latest',
      code: 'services:\n  web:\n    image: nginx:${TAG:-latest}\n',
      findings: [{ messageId: 'latest', range: '3:12-3:32' }],
    },
    {
      name: 'from a shared anchor: reported in each service',
      code: 'x-img: &img\n  image: redis\nservices:\n  a:\n    <<: *img\n  b:\n    <<: *img\n',
      findings: [
        { messageId: 'untagged', range: '5:9-5:13', related: ['@2:10-2:15'] },
        { messageId: 'untagged', range: '7:9-7:13', related: ['@2:10-2:15'] },
      ],
    },
  ],
});
