// The language server on files whose variables double at each line (issue 13, defect 1): it used to run out of heap
// on opening such a Dockerfile, and, with the file on disk, at every start through the workspace scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, ofRule, tempWorkspace } from './lsp-client';

function doubling(prefix: string, n = 27): string[] {
  const lines = [`${prefix}A1=${'x'.repeat(56)}`];
  for (let i = 2; i <= n; i++) lines.push(`${prefix}A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return lines;
}

const DOCKERFILE = ['FROM debian:12', ...doubling('ENV '), 'USER root', ''].join('\n');

describe('language server: variables that double at each line', () => {
  it(
    'scans such files on disk and analyses them when opened, keeping the other findings',
    { timeout: 60_000 },
    async () => {
      const ws = tempWorkspace({
        'api/Dockerfile': DOCKERFILE,
        'deploy/compose.yaml': 'services:\n  web:\n    image: nginx:${A27}\n    privileged: true\n',
        'deploy/.env': doubling('').join('\n') + '\n',
      });
      const { client } = await LspClient.start({ folders: [ws.root] });
      try {
        const scanned = await client.diagnostics(
          ws.uri('deploy/compose.yaml'),
          (d) => ofRule(d, 'container/privileged').length === 1,
        );
        assert.equal(ofRule(scanned, 'not-checked').length, 1);
        const uri = ws.uri('open/Dockerfile');
        await client.open(uri, DOCKERFILE);
        const opened = await client.diagnostics(uri, (d) => ofRule(d, 'image/root-user').length === 1);
        assert.equal(ofRule(opened, 'not-checked').length, 1);
        assert.equal(ofRule(opened, 'internal-error').length, 0);
        assert.equal(client.child.exitCode, null, 'still running');
      } finally {
        await client.stop();
        ws.remove();
      }
    },
  );
});
