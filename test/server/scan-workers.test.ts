// The workspace scan on worker threads (BULKHEAD_SCAN_WORKERS forces their number; 0 keeps the scan on the main
// thread): the same diagnostics as the main thread, open documents winning over the disk in cross-file reads, fixes
// for files known only from the scan, superseded scans, and a clean exit with workers busy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { corpusRoot, repoRoot } from '../../scripts/repo-root';
import { LspClient, ofRule, tempWorkspace } from './lsp-client';

/** Real files with their folders (a Compose file builds the Dockerfile beside it): the shared corpus, else the fixtures. */
function corpusFiles(limit: number): { root: string; files: string[] } {
  const real = join(corpusRoot(), 'real');
  if (existsSync(join(real, 'index.json'))) {
    const index = JSON.parse(readFileSync(join(real, 'index.json'), 'utf8')) as { file: string }[];
    return { root: real, files: index.slice(0, limit).map((entry) => entry.file) };
  }
  const root = join(repoRoot(), 'test', 'fixtures', 'corpus');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path));
    }
  };
  walk(root);
  return { root, files: files.slice(0, limit) };
}

function lastPublished(client: LspClient): Map<string, Diagnostic[]> {
  const last = new Map<string, Diagnostic[]>();
  for (const r of client.received)
    if (r.method === 'textDocument/publishDiagnostics')
      last.set(r.params.uri, (r.params as PublishDiagnosticsParams).diagnostics);
  return last;
}

async function scanEnded(client: LspClient): Promise<void> {
  const created = await client.waitForRequest('window/workDoneProgress/create', () => true, 0, 30_000);
  await client.waitFor('$/progress', (p) => p.token === created.token && p.value.kind === 'end', 0, 60_000);
}

describe('language server: workspace scan on worker threads', () => {
  const { root, files } = corpusFiles(150);
  const ws = tempWorkspace({});
  for (const file of files) {
    mkdirSync(dirname(ws.path(file)), { recursive: true });
    copyFileSync(join(root, file), ws.path(file));
  }
  after(() => ws.remove());

  it('publishes the same diagnostics as the scan on the main thread', async () => {
    const results: Map<string, Diagnostic[]>[] = [];
    for (const workers of ['2', '0']) {
      const { client } = await LspClient.start({ folders: [ws.root], env: { BULKHEAD_SCAN_WORKERS: workers } });
      try {
        await scanEnded(client);
        results.push(lastPublished(client));
      } finally {
        assert.equal(await client.stop(), 0);
      }
    }
    const [inWorkers, onMain] = results;
    assert.ok(onMain.size >= Math.min(files.length, 100), `${onMain.size} files published`);
    assert.ok([...onMain.values()].some((d) => d.length > 0));
    assert.deepEqual(new Map([...inWorkers].sort()), new Map([...onMain].sort()));
  });

  it('exits cleanly on shutdown and exit while the workers are busy', async () => {
    const { client } = await LspClient.start({ folders: [ws.root], env: { BULKHEAD_SCAN_WORKERS: '2' } });
    await client.waitForRequest('window/workDoneProgress/create', () => true, 0, 30_000);
    assert.equal(await client.stop(), 0);
  });

  it('finishes a scan that superseded a running one, with every file', async () => {
    const { client } = await LspClient.start({ folders: [ws.root], env: { BULKHEAD_SCAN_WORKERS: '2' } });
    try {
      await client.waitForRequest('window/workDoneProgress/create', () => true, 0, 30_000);
      const second = await client.request<{ files: number; cancelled: boolean }>('bulkhead/scanWorkspace', {});
      assert.equal(second.cancelled, false);
      assert.equal(second.files, files.length);
      const published = lastPublished(client);
      for (const file of files) assert.ok(published.has(ws.uri(file)), `${file} published`);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: scan workers and open documents', () => {
  // The compose service builds the Dockerfile: the finding depends on the Dockerfile's user.
  const ws = tempWorkspace({
    'app/Dockerfile': 'FROM debian:12\nUSER 1000\nCMD ["app"]\n',
    'app/compose.yaml': 'services:\n  web:\n    build: .\n',
    'tools/Dockerfile': 'FROM debian:12\nRUN sudo apt-get update\n',
  });
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ folders: [ws.root], env: { BULKHEAD_SCAN_WORKERS: '2' } }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it("uses an open document's text, not the disk's, for a file the scan's analysis reads", async () => {
    // Opened before the scan has its files: the workers read the disk, where the Dockerfile sets a user.
    await client.open(ws.uri('app/Dockerfile'), 'FROM debian:12\nCMD ["app"]\n');
    await scanEnded(client);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const compose = lastPublished(client).get(ws.uri('app/compose.yaml')) ?? [];
    assert.equal(ofRule(compose, 'container/root-user').length, 1, JSON.stringify(compose.map((d) => d.code)));
  });

  it('offers the fixes of a file known only from the scan', async () => {
    const uri = ws.uri('tools/Dockerfile');
    const sudo = ofRule(lastPublished(client).get(uri) ?? [], 'image/sudo');
    assert.equal(sudo.length, 1);
    const actions = await client.request<{ title: string; edit?: unknown }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: sudo[0].range,
      context: { diagnostics: sudo },
    });
    const fixes = actions.filter((a) => !a.title.startsWith('Ignore') && a.edit);
    assert.ok(fixes.length >= 1, JSON.stringify(actions.map((a) => a.title)));
  });
});
