// The transports editors start the server with: Node IPC (VS Code), stdio (everyone else, covered by the other
// tests), and the command line without a transport.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { repoRoot } from '../../scripts/repo-root';
import { withTimeout } from './lsp-client';

const server = join(repoRoot(), 'dist', 'server.js');

describe('language server transports', () => {
  it('speaks LSP over Node IPC, as the VS Code client starts it', async () => {
    const child = fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await withTimeout(
        connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as Promise<InitializeResult>,
        10_000,
        'initialize over IPC',
      );
      assert.equal(result.serverInfo?.name, 'bulkhead');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await withTimeout(exited, 10_000, 'exit'), 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('prints its usage and exits 2 without a transport; --help exits 0', () => {
    const bare = spawnSync(process.execPath, [server], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /Usage: bulkhead-language-server --stdio/);
    const help = spawnSync(process.execPath, [server, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: bulkhead-language-server/);
  });
});
