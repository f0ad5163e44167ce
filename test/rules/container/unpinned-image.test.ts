import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/unpinned-image';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        db:
          image: postgres:16.4@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5
    `,
    {
      name: 'a digest without a tag',
      code: file`
        services:
          db:
            image: postgres@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5
      `,
    },
    {
      name: 'the image a build produces',
      code: file`
        services:
          app:
            build: .
            image: acme/app
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: \${IMAGE}
      `,
    },
    {
      name: 'a digest behind an unset variable',
      code: file`
        services:
          app:
            image: nginx@\${DIGEST}
      `,
    },
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
      code: file`
        services:
          db:
            image: postgres
      `,
      findings: [{ messageId: 'untagged', range: '3:12-3:20' }],
    },
    {
      name: 'latest, quoted, and a registry with a port but no tag',
      code: file`
        services:
          web:
            image: "nginx:latest"
          app:
            image: localhost:5000/acme/app
      `,
      findings: [
        { messageId: 'latest', range: '3:12-3:26' },
        { messageId: 'untagged', range: '5:12-5:35' },
      ],
    },
    {
      name: 'pinned by tag only: information',
      code: file`
        services:
          db:
            image: mysql:8.0
      `,
      findings: [{ messageId: 'tagOnly', range: '3:12-3:21', severity: 'info' }],
    },
    {
      name: 'a variable whose default is latest',
      code: file`
        services:
          web:
            image: nginx:\${TAG:-latest}
      `,
      findings: [{ messageId: 'latest', range: '3:12-3:32' }],
    },
    {
      name: 'from a shared anchor: reported in each service',
      code: file`
        x-img: &img
          image: redis
        services:
          a:
            <<: *img
          b:
            <<: *img
      `,
      findings: [
        { messageId: 'untagged', range: '5:9-5:13', related: ['@2:10-2:15'] },
        { messageId: 'untagged', range: '7:9-7:13', related: ['@2:10-2:15'] },
      ],
    },
  ],
});
