// Bulkhead's own requests beside LSP: the rule list, the workspace scan on demand, the security report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../shared/src/rules/index';
import { ruleDocUrl } from '../../shared/src/docs';
import type { RuleSummary, SecurityReport } from '../../server/src/protocol';
import { LspClient, tempWorkspace } from './lsp-client';

describe('language server: Bulkhead requests', () => {
  const ws = tempWorkspace({
    'app/Dockerfile': 'FROM node:22\nCOPY . /app\nCMD ["node", "/app/index.js"]\n',
    'compose.yaml':
      'services:\n  web:\n    build: ./app\n    privileged: true\n  cache:\n    image: redis:7\n    read_only: true\n',
  });
  let client: LspClient;
  before(async () => {
    // Scanning off: the report must still cover the workspace, without publishing anything.
    ({ client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { workspaceScan: false } } }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('bulkhead/rules lists every rule with its documentation link', async () => {
    const rules = await client.request<RuleSummary[]>('bulkhead/rules', {});
    for (const rule of RULES) {
      const summary = rules.find((r) => r.id === rule.meta.id);
      assert.ok(summary, rule.meta.id);
      assert.equal(summary.url, ruleDocUrl(rule.meta.id));
      assert.equal(summary.severity, rule.meta.severity);
    }
  });

  it('bulkhead/securityReport: a row per service and per final stage, cells linking to findings', async () => {
    const report = await client.request<SecurityReport>('bulkhead/securityReport', {});
    assert.deepEqual(report.folders, [ws.root]);
    const rows = report.matrix.rows.map((r) => `${r.subject.path.slice(ws.root.length + 1)}#${r.subject.name}`);
    assert.deepEqual(rows, ['app/Dockerfile#final stage', 'compose.yaml#web', 'compose.yaml#cache']);
    const cell = (row: number, column: string) => report.matrix.rows[row].cells.find((c) => c.column === column)!;
    assert.equal(cell(0, 'non-root').status, 'missing');
    assert.equal(cell(0, 'non-root').findings[0].ruleId, 'image/root-user');
    assert.equal(cell(1, 'caps-dropped').status, 'missing');
    assert.ok(cell(1, 'caps-dropped').findings.some((f) => f.ruleId === 'container/privileged'));
    assert.equal(cell(2, 'read-only').status, 'in-place');
    assert.equal(report.uris[ws.path('compose.yaml')], ws.uri('compose.yaml'));
    assert.equal(report.ruleDocs['image/root-user'], ruleDocUrl('image/root-user'));
    assert.deepEqual(
      client.received.filter((r) => r.method === 'textDocument/publishDiagnostics'),
      [],
      'nothing published with scanning off',
    );
  });

  it('bulkhead/scanWorkspace scans on demand even with scanning off, and workspace/executeCommand does the same', async () => {
    assert.deepEqual(await client.request('bulkhead/scanWorkspace', {}), { files: 2, cancelled: false });
    await client.diagnostics(ws.uri('compose.yaml'), (d) => d.some((x) => x.code === 'container/privileged'));
    assert.deepEqual(await client.request('workspace/executeCommand', { command: 'bulkhead.server.scanWorkspace' }), {
      files: 2,
      cancelled: false,
    });
  });
});
