// A Compose file reads the Dockerfile its service builds from: it follows that Dockerfile's unsaved edits in the
// editor, once typing pauses, and not at every typed character.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, ofRule, tempWorkspace } from './lsp-client';

const COMPOSE = 'services:\n  app:\n    build: .\n';
const AS_ROOT = 'FROM debian:12\nRUN apt-get update\n';
const AS_APP = 'FROM debian:12\nRUN apt-get update\nUSER app\n';

describe('language server: files that read an open document', () => {
  const ws = tempWorkspace({ 'app/compose.yaml': COMPOSE, 'app/Dockerfile': AS_ROOT });
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { workspaceScan: false, debounceMs: 0 } },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('re-analyses the Compose file with the Dockerfile’s unsaved text, after the edits pause', async () => {
    const compose = ws.uri('app/compose.yaml');
    const dockerfile = ws.uri('app/Dockerfile');
    await client.open(compose, COMPOSE, 'dockercompose');
    const before = await client.diagnostics(compose, (d) => ofRule(d, 'container/root-user').length === 1);
    assert.equal(ofRule(before, 'container/root-user').length, 1, 'the image it builds runs as root');
    await client.open(dockerfile, AS_ROOT);
    await client.diagnostics(dockerfile);

    // A burst of edits, one per 40 ms: the Compose file is not re-analysed in between.
    const since = client.mark();
    const burst = [AS_ROOT + '#', AS_ROOT + '#x', AS_APP];
    let typed = Date.now();
    for (const text of burst) {
      const version = await client.change(dockerfile, text);
      await client.diagnostics(dockerfile, (_d, p) => p.version === version, since);
      typed = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const after = await client.diagnostics(compose, (d) => ofRule(d, 'container/root-user').length === 0, since);
    const settled = Date.now() - typed;
    assert.deepEqual(ofRule(after, 'container/root-user'), [], 'USER app, unsaved, is what the Compose file sees');
    const composePublishes = client.received
      .slice(since)
      .filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === compose);
    assert.equal(composePublishes.length, 1, 'one re-analysis of the Compose file for the whole burst');
    assert.ok(settled >= 150, `it waits for typing to pause (${settled} ms after the last edit)`);
  });
});
