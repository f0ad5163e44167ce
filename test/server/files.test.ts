// Issue 13 (defects 2, 5, 7) in the language server: it reads within the workspace folders only, never opens a FIFO,
// and says why a file was not read, in the workspace scan, for open documents and in its reader.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { defaultConfig } from '../../shared/src/config';
import { readRoots } from '../../shared/src/io/read-file';
import { readForAnalysisSync } from '../../server/src/files';
import { LspClient, messageOf, ofRule, tempWorkspace, type Received } from './lsp-client';

const SECRET = 'leaked-7f3a';

function published(received: readonly Received[]): Map<string, Diagnostic[]> {
  const last = new Map<string, Diagnostic[]>();
  for (const r of received)
    if (r.method === 'textDocument/publishDiagnostics')
      last.set(r.params.uri, (r.params as PublishDiagnosticsParams).diagnostics);
  return last;
}

describe('language server: files outside the workspace, FIFOs, refused paths', () => {
  const outside = tempWorkspace({
    shadow: `root:${SECRET}:19000:0:99999:7:::\n`,
    Dockerfile: `FROM ${SECRET}/base:1\nRUN sudo true\n`,
    'base.yaml': `services:\n  db:\n    image: ${SECRET}/db:16\n    privileged: true\n`,
    'vars.env': `TAG=${SECRET}\n`,
  });
  const ws = tempWorkspace({
    'fifo-env/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    'extends/compose.yaml': `services:\n  web:\n    extends: {file: ${join(outside.root, 'base.yaml')}, service: db}\n    read_only: true\n`,
    'linked-env/compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n',
    'build/compose.yaml': `services:\n  web:\n    build: {context: ${outside.root}, dockerfile: Dockerfile}\n  app:\n    build: ./Dockerfile\n    privileged: true\n`,
    'build/Dockerfile': 'FROM debian:12\nUSER app\n',
    'open/compose.yaml': 'services: {}\n',
  });
  symlinkSync(join(outside.root, 'shadow'), ws.path('Dockerfile'));
  symlinkSync(join(outside.root, 'vars.env'), ws.path('linked-env/.env'));
  execFileSync('mkfifo', [ws.path('fifo-env/.env')]);
  execFileSync('mkfifo', [ws.path('Dockerfile.fifo')]);
  let client: LspClient;
  let shown: Map<string, Diagnostic[]>;

  before(async () => {
    ({ client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { debounceMs: 10 } } }));
    const created = await client.waitForRequest('window/workDoneProgress/create', () => true, 0);
    await client.waitFor('$/progress', (p) => p.token === created.token && p.value.kind === 'end');
    shown = published(client.received);
  });
  after(async () => {
    await client.stop();
    ws.remove();
    outside.remove();
  });

  it('skips a workspace Dockerfile that links to a file outside, and publishes nothing of it', () => {
    const diagnostics = shown.get(ws.uri('Dockerfile')) ?? [];
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, messageOf(d)]),
      [[3, 'Bulkhead did not analyse this file: not read: outside the workspace.']],
    );
  });

  it('skips a FIFO named like a Dockerfile with its reason', () => {
    const diagnostics = shown.get(ws.uri('Dockerfile.fifo')) ?? [];
    assert.deepEqual(
      diagnostics.map((d) => messageOf(d)),
      ['Bulkhead did not analyse this file: not read: not a regular file (a FIFO).'],
    );
  });

  it('says a FIFO .env was not read, and keeps the other findings', () => {
    const diagnostics = shown.get(ws.uri('fifo-env/compose.yaml')) ?? [];
    assert.deepEqual(ofRule(diagnostics, 'not-checked').map(messageOf), [
      '`.env` not read: not a regular file (a FIFO); its variables are not applied.',
    ]);
    assert.equal(ofRule(diagnostics, 'container/privileged').length, 1);
  });

  it('does not read an extends.file outside the workspace', () => {
    const diagnostics = shown.get(ws.uri('extends/compose.yaml')) ?? [];
    assert.deepEqual(
      ofRule(diagnostics, 'not-checked').map((d) => [d.range.start.line, messageOf(d)]),
      [
        [
          2,
          `\`${join(outside.root, 'base.yaml')}\` not read: outside the workspace; service \`web\` is checked without what it extends from there.`,
        ],
      ],
    );
    assert.equal(ofRule(diagnostics, 'container/privileged').length, 0, 'nothing merged from outside');
  });

  it('does not read a built Dockerfile outside, and says why `build: ./Dockerfile` is not read (ENOTDIR)', () => {
    const diagnostics = shown.get(ws.uri('build/compose.yaml')) ?? [];
    assert.deepEqual(
      ofRule(diagnostics, 'not-checked').map((d) => [d.range.start.line, messageOf(d)]),
      [
        [
          2,
          `Dockerfile \`${join(outside.root, 'Dockerfile')}\` not read: outside the workspace; service \`web\` is checked without it.`,
        ],
        [
          4,
          'Dockerfile `./Dockerfile/Dockerfile` not read: not a folder, ENOTDIR; service `app` is checked without it.',
        ],
      ],
    );
    assert.equal(ofRule(diagnostics, 'internal-error').length, 0);
    assert.equal(ofRule(diagnostics, 'container/privileged').length, 1);
  });

  it('never publishes a value read from outside', () => {
    for (const [uri, diagnostics] of shown) {
      for (const d of diagnostics)
        assert.equal(JSON.stringify(d).includes(SECRET), false, `${uri}: ${JSON.stringify(d)}`);
    }
    assert.ok(shown.has(ws.uri('linked-env/compose.yaml')));
    assert.deepEqual(ofRule(shown.get(ws.uri('linked-env/compose.yaml')) ?? [], 'not-checked').map(messageOf), [
      '`.env` not read: outside the workspace; its variables are not applied.',
    ]);
  });

  it('applies the same policy to the cross-file reads of an open document', async () => {
    const uri = ws.uri('open/compose.yaml');
    const since = client.mark();
    await client.open(
      uri,
      `services:\n  web:\n    extends: {file: ../../${outside.root.split('/').pop()}/base.yaml, service: db}\n`,
      'dockercompose',
    );
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'not-checked'), since);
    assert.deepEqual(ofRule(diagnostics, 'not-checked').map(messageOf), [
      `\`../../${outside.root.split('/').pop()}/base.yaml\` not read: outside the workspace; service \`web\` is checked without what it extends from there.`,
    ]);
    assert.equal(JSON.stringify(diagnostics).includes(SECRET), false);
  });
});

describe('language server: a FIFO named .bulkhead.yaml', () => {
  it('is not read, and the folder is still analysed', { timeout: 60_000 }, async () => {
    const ws = tempWorkspace({ Dockerfile: 'FROM debian:12\nRUN sudo true\n' });
    execFileSync('mkfifo', [ws.path('.bulkhead.yaml')]);
    const { client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { debounceMs: 10 } } });
    try {
      const diagnostics = await client.diagnostics(ws.uri('Dockerfile'), (d) => d.length > 0);
      assert.equal(ofRule(diagnostics, 'image/sudo').length, 1);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});

describe("the server's reader", () => {
  it('skips a FIFO without opening it, and a link out of the roots', { timeout: 30_000 }, () => {
    const ws = tempWorkspace({});
    const outside = tempWorkspace({ shadow: 'secret\n' });
    execFileSync('mkfifo', [ws.path('Dockerfile')]);
    symlinkSync(outside.path('shadow'), ws.path('Dockerfile.link'));
    const config = { engine: defaultConfig(), roots: readRoots([ws.root]) };
    try {
      assert.deepEqual(readForAnalysisSync(ws.path('Dockerfile'), config), {
        skipped: 'not read: not a regular file (a FIFO)',
      });
      assert.deepEqual(readForAnalysisSync(ws.path('Dockerfile.link'), config), {
        skipped: 'not read: outside the workspace',
      });
      assert.deepEqual(readForAnalysisSync(ws.path('compose.yaml'), config), {
        missing: 'no such file or folder, ENOENT',
      });
    } finally {
      ws.remove();
      outside.remove();
    }
  });
});
