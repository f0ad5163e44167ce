// The status the server sends for VS Code's language status item: files with a result, skipped ones, the scan, the
// .bulkhead.yaml in use and what it switches off, and whether the workspace is trusted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../server/src/status';
import { LspClient, tempWorkspace } from './lsp-client';

const SUDO = 'FROM debian:12\nRUN sudo true\n';

describe('language server: status', () => {
  const ws = tempWorkspace({
    'a/Dockerfile': SUDO,
    'b/Dockerfile': SUDO,
    'binary/Dockerfile': Buffer.from([0x46, 0x00, 0x01]),
    'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    '.bulkhead.yaml': 'rules:\n  image/sudo: off\n',
  });
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: {} },
      initializationOptions: { workspaceTrusted: false },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  const statuses = () =>
    client.received.filter((r) => r.method === STATUS_NOTIFICATION).map((r) => r.params as ServerStatus);

  it('says when the scan runs, then the totals once it is done', async () => {
    const done = await client.waitFor(STATUS_NOTIFICATION, (s: ServerStatus) => !s.scanning && s.files === 4);
    assert.ok(
      statuses().some((s) => s.scanning),
      'a status while scanning',
    );
    assert.deepEqual(done, {
      files: 4,
      skipped: 1,
      scanning: false,
      configFiles: [ws.path('.bulkhead.yaml')],
      switchedOff: 1,
      untrusted: true,
    });
  });

  it('follows a file deleted on disk, and sends nothing when nothing changed', async () => {
    const since = client.mark();
    ws.write('a/Dockerfile', 'FROM debian:12\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('a/Dockerfile'), type: 2 }] });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === ws.uri('a/Dockerfile'), since);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(
      client.received.slice(since).filter((r) => r.method === STATUS_NOTIFICATION).length,
      0,
      'same totals: no notification',
    );
    rmSync(ws.path('b/Dockerfile'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('b/Dockerfile'), type: 3 }] });
    const status = await client.waitFor(STATUS_NOTIFICATION, (s: ServerStatus) => s.files === 3, since);
    assert.equal(status.skipped, 1);
  });
});
