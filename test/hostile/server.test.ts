/**
 * The same hostile tree through the language server's workspace scan, and an abusive client: bursts of hundreds of
 * changes without waiting, hundreds of documents opened at once, a 5 MB line typed into a document, requests at
 * positions that do not exist. The server publishes what it must, answers, and stays alive.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, messageOf, tempWorkspace, withTimeout } from '../server/lsp-client';
import { longLine, writeHostileTree } from './trees';

const HANG_GUARD_MS = 120_000;

function published(client: LspClient): Map<string, Diagnostic[]> {
  const last = new Map<string, Diagnostic[]>();
  for (const r of client.received)
    if (r.method === 'textDocument/publishDiagnostics')
      last.set(r.params.uri, (r.params as PublishDiagnosticsParams).diagnostics);
  return last;
}

describe('language server: hostile workspace', () => {
  const ws = tempWorkspace({});
  const expected = writeHostileTree(ws.root);
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { debounceMs: 0 } } }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it(
    'scans the hostile tree to the end and publishes every file, by findings or a skip notice',
    { timeout: HANG_GUARD_MS },
    async () => {
      // The scan the server starts on its own, to its end.
      const created = await client.waitForRequest(
        'window/workDoneProgress/create',
        () => true,
        0,
        HANG_GUARD_MS - 5_000,
      );
      await client.waitFor(
        '$/progress',
        (p) => p.token === created.token && p.value.kind === 'end',
        0,
        HANG_GUARD_MS - 5_000,
      );
      const shown = published(client);
      const missing: string[] = [];
      for (const e of expected) {
        const diagnostics = shown.get(pathToFileURL(join(ws.root, e.path)).href);
        if (!diagnostics) missing.push(`${e.path}: nothing published`);
        else if (e.finding && !diagnostics.some((d) => d.code === e.finding))
          missing.push(`${e.path}: no ${e.finding}`);
        else if (e.skipped && !(diagnostics.length === 1 && e.skipped.test(messageOf(diagnostics[0]))))
          missing.push(`${e.path}: ${diagnostics.map(messageOf).join('; ')}`);
      }
      assert.deepEqual(missing, []);
      // Only files of the tree: the loops add no second path to the same file outside it.
      for (const uri of shown.keys()) assert.ok(uri.startsWith(pathToFileURL(ws.root).href), uri);
      assert.equal(client.child.exitCode, null);
    },
  );

  it(
    'goes on when files vanish during a scan, and publishes every file still there',
    { timeout: HANG_GUARD_MS },
    async () => {
      const count = 1000;
      for (let i = 0; i < count; i++)
        writeFileSync(join(ws.root, 'many', `Dockerfile.v${i}`), 'FROM debian:12\nRUN sudo true\n');
      const scan = client.request<{ files: number; cancelled: boolean }>('bulkhead/scanWorkspace', {});
      for (let i = count - 1; i > 0; i -= 2) {
        unlinkSync(join(ws.root, 'many', `Dockerfile.v${i}`));
        if (i % 10 === 1) await new Promise((r) => setTimeout(r, 1));
      }
      await withTimeout(scan, HANG_GUARD_MS - 5_000, 'scan');
      // A second scan settles what the first met half-deleted; every file still there has its finding.
      await withTimeout(client.request('bulkhead/scanWorkspace', {}), HANG_GUARD_MS - 5_000, 'second scan');
      const shown = published(client);
      const lost = Array.from({ length: count / 2 }, (_, k) => 2 * k).filter(
        (i) =>
          !(shown.get(pathToFileURL(join(ws.root, 'many', `Dockerfile.v${i}`)).href) ?? []).some(
            (d) => d.code === 'image/sudo',
          ),
      );
      assert.deepEqual(lost, []);
      assert.equal(client.child.exitCode, null);
    },
  );
});

describe('language server: an abusive client', () => {
  const ws = tempWorkspace({});
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { debounceMs: 0, workspaceScan: false } },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('publishes the last of 500 changes sent without waiting', { timeout: HANG_GUARD_MS }, async () => {
    const uri = ws.uri('burst/Dockerfile');
    await client.open(uri, 'FROM debian:12\n');
    let version = 1;
    for (let i = 0; i < 500; i++)
      version = await client.change(
        uri,
        `FROM debian:12\n${'RUN true\n'.repeat(i % 50)}${i === 499 ? 'RUN sudo true\n' : ''}`,
      );
    const diagnostics = await withTimeout(
      client.diagnostics(uri, (_d, p) => p.version === version),
      HANG_GUARD_MS - 5_000,
      'last version',
    );
    assert.ok(diagnostics.some((d) => d.code === 'image/sudo'));
  });

  it('answers for each of 300 documents opened at once', { timeout: HANG_GUARD_MS }, async () => {
    const uris = Array.from({ length: 300 }, (_, i) => ws.uri(`open-${i}/Dockerfile`));
    await Promise.all(uris.map((uri) => client.open(uri, 'FROM debian:12\nRUN sudo true\n')));
    await withTimeout(
      Promise.all(uris.map((uri) => client.diagnostics(uri, (d) => d.some((x) => x.code === 'image/sudo')))),
      HANG_GUARD_MS - 5_000,
      '300 documents',
    );
    await Promise.all(uris.map((uri) => client.close(uri)));
  });

  it(
    'skips a 5 MB line typed into a document with a notice, and analyses it again once shortened',
    { timeout: HANG_GUARD_MS },
    async () => {
      const uri = ws.uri('long/Dockerfile');
      await client.open(uri, 'FROM debian:12\n');
      const big = await client.change(uri, longLine());
      const skipped = await withTimeout(
        client.diagnostics(uri, (_d, p) => p.version === big),
        HANG_GUARD_MS - 5_000,
        'long line',
      );
      assert.equal(skipped.length, 1);
      assert.match(messageOf(skipped[0]), /over maxFileSize/);
      const small = await client.change(uri, 'FROM debian:12\nRUN sudo true\n');
      const back = await client.diagnostics(uri, (_d, p) => p.version === small);
      assert.ok(back.some((d) => d.code === 'image/sudo'));
    },
  );

  it(
    'answers hovers and code actions at positions past the end, and for binary text',
    { timeout: HANG_GUARD_MS },
    async () => {
      const uri = ws.uri('odd/Dockerfile');
      await client.open(uri, 'FROM debian:12\u0000\u0001\ud800\nRUN sudo true\n');
      await client.diagnostics(uri);
      for (const position of [
        { line: 9999, character: 0 },
        { line: 0, character: 99999 },
        { line: -1, character: -1 },
      ]) {
        await withTimeout(
          client.request('textDocument/hover', { textDocument: { uri }, position }).catch(() => null),
          10_000,
          'hover',
        );
        await withTimeout(
          client
            .request('textDocument/codeAction', {
              textDocument: { uri },
              range: { start: position, end: position },
              context: { diagnostics: [] },
            })
            .catch(() => null),
          10_000,
          'codeAction',
        );
      }
      assert.equal(client.child.exitCode, null);
      // Still answering: a fresh document gets its diagnostics.
      const after = ws.uri('after/Dockerfile');
      await client.open(after, 'FROM debian:12\nRUN sudo true\n');
      await client.diagnostics(after, (d) => d.some((x) => x.code === 'image/sudo'));
    },
  );
});
