import rule from '../../../shared/src/rules/image/unpinned-syntax-frontend';
import { runRuleTests } from '../../rule-tester';

const DIGEST = 'sha256:4c68376a702446fc3c79af22de146a148bc3367e73c25a5803d453b6b3f722fb';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\n',
    { name: 'Docker’s frontend pinned by digest', code: `# syntax=docker/dockerfile:1@${DIGEST}\nFROM alpine:3.20\n` },
    { name: 'another frontend pinned by digest', code: `# syntax=ghcr.io/acme/frontend@${DIGEST}\nFROM alpine:3.20\n` },
    { name: 'Docker’s frontend on its major tag', code: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n' },
    {
      name: 'Docker’s frontend, untagged, with docker.io',
      code: '# syntax = docker.io/docker/dockerfile\nFROM alpine:3.20\n',
    },
    {
      name: 'an exact release of the development frontend',
      code: '#syntax=docker/dockerfile-upstream:1.7.1-labs\nFROM alpine:3.20\n',
    },
    {
      name: 'a syntax comment after an instruction is no directive',
      code: 'FROM alpine:3.20\n# syntax=someone/frontend\n',
    },
    { name: 'the escape directive', code: '# escape=`\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      name: 'a frontend that is not Docker’s',
      code: '# syntax=someone/frontend\nFROM alpine:3.20\n',
      findings: [{ messageId: 'thirdParty', range: '1:10-1:26' }],
    },
    {
      name: 'the development frontend on master is information',
      code: '# syntax=docker/dockerfile-upstream:master\nFROM alpine:3.20\n',
      findings: [{ messageId: 'upstreamFloating', range: '1:10-1:43', severity: 'info' }],
    },
    {
      name: 'after the escape directive, with spaces and a registry',
      code: '# escape=\\\n# syntax = quay.io/acme/frontend:1\nFROM alpine:3.20\n',
      findings: [{ messageId: 'thirdParty', range: '2:12-2:35' }],
    },
    {
      name: 'a digest of the wrong length pins nothing',
      code: '# syntax=acme/frontend:1@sha256:abc123\nFROM alpine:3.20\n',
      findings: [{ messageId: 'thirdParty', range: '1:10-1:39' }],
    },
    {
      name: 'a registry that looks like Docker’s path',
      code: '# syntax=ghcr.io/docker/dockerfile:1\nFROM alpine:3.20\n',
      findings: [{ messageId: 'thirdParty', range: '1:10-1:37' }],
    },
  ],
});
