// The server must survive what editors and users throw at it: malformed JSON-RPC, unknown methods, requests for
// documents it never saw, bad settings; and end cleanly on shutdown + exit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient, ofRule, tempWorkspace, withTimeout } from './lsp-client';

describe('language server: resilience', () => {
  it('survives malformed JSON-RPC input and keeps answering', async () => {
    const ws = tempWorkspace({});
    const { client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { workspaceScan: false } } });
    try {
      const body = '{"jsonrpc":"2.0","id":99,"method":';
      client.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const notObject = '[1,2,3]';
      client.child.stdin.write(`Content-Length: ${notObject.length}\r\n\r\n${notObject}`);
      const uri = ws.uri('Dockerfile');
      await client.open(uri, 'FROM debian:12\nRUN sudo true\n');
      const diagnostics = await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1);
      assert.equal(diagnostics.length > 0, true);
      assert.equal(client.child.exitCode, null, 'still running');
      const logged = await client.waitFor('window/logMessage', (p) => /parse|malformed|invalid|error/i.test(p.message));
      assert.ok(logged.message.length > 0);
    } finally {
      await client.stop();
      ws.remove();
    }
  });

  it('answers unknown methods with an error, and odd requests with empty results', async () => {
    const ws = tempWorkspace({});
    const { client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { workspaceScan: false } } });
    try {
      await assert.rejects(client.request('bulkhead/noSuchThing', {}), /Unhandled method|not found/i);
      const unseen = ws.uri('never-opened/Dockerfile');
      assert.equal(
        await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: unseen },
          position: { line: 0, character: 0 },
        }),
        null,
      );
      assert.deepEqual(
        await client.request('textDocument/codeAction', {
          textDocument: { uri: unseen },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [] },
        }),
        [],
      );
      // Missing fields: logged and answered, not a dead server.
      await client.request('textDocument/codeAction', { textDocument: { uri: unseen } }).catch(() => undefined);
      await client.notify('textDocument/didChange', {
        textDocument: { uri: unseen, version: 3 },
        contentChanges: [{ text: 'x' }],
      });
      const uri = ws.uri('after/Dockerfile');
      await client.open(uri, 'FROM debian:12\nRUN sudo true\n');
      await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1);
    } finally {
      await client.stop();
      ws.remove();
    }
  });

  it('keeps going with wrong settings: each bad field falls back and is logged', async () => {
    const ws = tempWorkspace({});
    const settings = {
      bulkhead: {
        rules: { 'image/sudo': 'loud', 'image/nope': 'off' },
        maxFileSize: 'big',
        debounceMs: 'soon',
        workspaceScan: false,
      },
    };
    const { client } = await LspClient.start({ folders: [ws.root], settings });
    try {
      const uri = ws.uri('Dockerfile');
      await client.open(uri, 'FROM debian:12\nRUN sudo true\n');
      const diagnostics = await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1);
      assert.equal(ofRule(diagnostics, 'image/sudo')[0].severity, 2, 'the default severity, not "loud"');
      await client.waitFor('window/logMessage', (p) => p.message.includes('bulkhead.rules.image/sudo'));
      await client.waitFor('window/logMessage', (p) => p.message.includes('unknown rule id `image/nope`'));
      await client.waitFor('window/logMessage', (p) => p.message.includes('bulkhead.maxFileSize'));
    } finally {
      await client.stop();
      ws.remove();
    }
  });

  it('exits with 0 after shutdown and exit, and 1 on exit without shutdown', async () => {
    const { client } = await LspClient.start({});
    assert.equal(await client.stop(), 0);
    const { client: rude } = await LspClient.start({});
    const exited = new Promise<number | null>((resolve) => rude.child.once('exit', resolve));
    await rude.notify('exit', undefined);
    assert.equal(await withTimeout(exited, 10_000, 'exit'), 1);
    rude.connection.dispose();
  });
});
