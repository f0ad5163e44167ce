// The language server over stdio, as an editor uses it: capabilities, diagnostics for open documents on open and on
// change, and only for the newest text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { ruleDocUrl } from '../../shared/src/docs';
import { LspClient, ofRule, tempWorkspace } from './lsp-client';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';
const CLEAN = 'FROM debian:12\nRUN apt-get update\n';

describe('language server: open documents', () => {
  let client: LspClient;
  let init: InitializeResult;
  const ws = tempWorkspace({});

  before(async () => {
    // workspaceScan off: these tests watch open documents only.
    ({ client, result: init } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { workspaceScan: false, debounceMs: 250 } },
    }));
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown + exit');
    ws.remove();
  });

  it('announces its capabilities', () => {
    const caps = init.capabilities;
    assert.equal(init.serverInfo?.name, 'bulkhead');
    assert.ok(caps.hoverProvider);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'source.fixAll.bulkhead',
    ]);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.diagnosticProvider, undefined, 'a client without pull support gets push diagnostics only');
  });

  it('publishes diagnostics on open, with rule id, source, documentation link, and no fixes in the message', async () => {
    const uri = ws.uri('open/Dockerfile');
    await client.open(uri, SUDO);
    const diagnostics = await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length > 0);
    const [sudo] = ofRule(diagnostics, 'image/sudo');
    assert.equal(sudo.source, 'bulkhead');
    assert.equal(sudo.severity, 2);
    assert.deepEqual(sudo.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    assert.equal(sudo.codeDescription?.href, ruleDocUrl('image/sudo'));
    // Code actions take fixes from the server's own report: publishing them again would only cost bytes.
    assert.equal(sudo.data, undefined);
    for (const d of diagnostics) {
      assert.equal(d.source, 'bulkhead');
      assert.equal(typeof d.code, 'string');
      assert.match(d.codeDescription!.href, /^https:\/\//);
    }
  });

  it('publishes new diagnostics for the new version after a change, and none for the versions typed over', async () => {
    const uri = ws.uri('change/Dockerfile');
    await client.open(uri, CLEAN);
    await client.diagnostics(uri, (_d, p) => p.version === 1);
    const since = client.mark();
    // Three quick edits inside the debounce window (250 ms): only the last text may be analysed.
    await client.change(uri, SUDO);
    await client.change(uri, `${SUDO}RUN sudo true\n`);
    const last = await client.change(uri, `${CLEAN}RUN sudo id\n`);
    const diagnostics = await client.diagnostics(uri, (_d, p) => p.version === last, since);
    assert.deepEqual(
      ofRule(diagnostics, 'image/sudo').map((d) => d.range.start.line),
      [2],
      'the finding of the last text, on its line 3',
    );
    const published = client.received
      .slice(since)
      .filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri);
    assert.deepEqual(
      published.map((r) => r.params.version),
      [last],
      'the intermediate versions were never published',
    );
  });

  it('clears the diagnostics of a document closed outside the workspace scan', async () => {
    const uri = ws.uri('close/Dockerfile');
    await client.open(uri, SUDO);
    await client.diagnostics(uri, (d) => d.length > 0);
    const since = client.mark();
    await client.close(uri);
    await client.diagnostics(uri, (d) => d.length === 0, since);
  });

  it('analyses a compose document by its language id whatever its name', async () => {
    const uri = ws.uri('deploy/prod.yml');
    await client.open(uri, 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n', 'dockercompose');
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'container/privileged'));
    assert.equal(ofRule(diagnostics, 'container/privileged')[0].range.start.line, 3);
  });
});
