// Pull diagnostics for clients that ask: the document and workspace requests, result ids, the long poll, and no
// pushed diagnostics beside them (a client would show both).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  DocumentDiagnosticReport,
  InitializeResult,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { FULL_CAPABILITIES, LspClient, ofRule, tempWorkspace, withTimeout } from './lsp-client';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';

describe('language server: pull diagnostics', () => {
  const ws = tempWorkspace({ 'a/Dockerfile': SUDO, 'b/Dockerfile': 'FROM scratch\nCOPY app /app\n' });
  let client: LspClient;
  let init: InitializeResult;

  before(async () => {
    const capabilities = {
      ...FULL_CAPABILITIES,
      textDocument: { ...FULL_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } },
    };
    ({ client, result: init } = await LspClient.start({ folders: [ws.root], capabilities }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('registers the diagnostic provider for a client that can pull', () => {
    assert.deepEqual(init.capabilities.diagnosticProvider, {
      identifier: 'bulkhead',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
  });

  it('answers workspace/diagnostic with every scanned file, then unchanged for the same result ids', async () => {
    const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const a = first.items.find((i) => i.uri === ws.uri('a/Dockerfile'));
    assert.ok(a && a.kind === 'full', 'a/Dockerfile is reported in full');
    assert.deepEqual(
      ofRule(a.items, 'image/sudo').map((d) => d.range.start.line),
      [1],
    );
    assert.ok(first.items.some((i) => i.uri === ws.uri('b/Dockerfile')));
    assert.equal(a.version, null);
  });

  it('holds workspace/diagnostic open while nothing changed and answers when a file changes', async () => {
    const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    let answered = false;
    const pending = client
      .request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds })
      .then((r) => {
        answered = true;
        return r;
      });
    // A request the server answers at once proves the pull above had its chance to come back.
    await client.request('bulkhead/rules', {});
    assert.equal(answered, false, 'no change yet: the request stays open');
    ws.write('b/Dockerfile', SUDO);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('b/Dockerfile'), type: 2 }] });
    const second = await withTimeout(pending, 10_000, 'the long poll to answer');
    const b = second.items.find((i) => i.uri === ws.uri('b/Dockerfile'));
    assert.ok(b && b.kind === 'full');
    assert.equal(ofRule(b.items, 'image/sudo').length, 1);
    const a = second.items.find((i) => i.uri === ws.uri('a/Dockerfile'));
    assert.equal(a?.kind, 'unchanged');
  });

  it('answers textDocument/diagnostic for an open document at its current text', async () => {
    const uri = ws.uri('open/Dockerfile');
    await client.open(uri, SUDO);
    await client.change(uri, `${SUDO}RUN sudo id\n`);
    // Asked right after the edit: the pending (debounced) analysis runs now.
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      ofRule(report.kind === 'full' ? report.items : [], 'image/sudo').map((d) => d.range.start.line),
      [1, 2],
    );
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: report.resultId,
    });
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
  });

  it('never pushes diagnostics to a pull client', () => {
    assert.deepEqual(
      client.received.filter((r) => r.method === 'textDocument/publishDiagnostics'),
      [],
    );
  });
});
