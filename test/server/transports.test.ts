// The transports editors start the server with: Node IPC (VS Code), stdio (everyone else, covered by the other
// tests), and the command line without a transport.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
} from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { repoRoot } from '../../scripts/repo-root';
import { withTimeout } from './lsp-client';

const server = join(repoRoot(), 'dist', 'server.js');

describe('language server transports', () => {
  it('speaks LSP over Node IPC, as the VS Code client starts it', async () => {
    const child = fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await withTimeout(
        connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
        }) as Promise<InitializeResult>,
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

  // The editor listens, the server connects (as vscode-languageserver's `--socket` and `--pipe` do).
  for (const transport of ['socket', 'pipe'] as const) {
    it(
      `speaks LSP over a ${transport}, and exits with 1 on a framing error instead of going deaf`,
      { timeout: 30_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bulkhead-pipe-'));
        const listener = createServer();
        const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
        const address = transport === 'pipe' ? join(dir, 'lsp.sock') : 0;
        await new Promise<void>((resolve) =>
          transport === 'pipe' ? listener.listen(address, resolve) : listener.listen(0, '127.0.0.1', resolve),
        );
        const where =
          transport === 'pipe' ? `--pipe=${address}` : `--socket=${(listener.address() as { port: number }).port}`;
        const child = spawn(process.execPath, [server, where], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        try {
          const socket = await withTimeout(accepted, 10_000, `the server to connect to the ${transport}`);
          socket.on('error', () => undefined);
          const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
          connection.listen();
          const result = await withTimeout(
            connection.sendRequest('initialize', {
              processId: process.pid,
              rootUri: null,
              capabilities: {},
            }) as Promise<InitializeResult>,
            10_000,
            `initialize over a ${transport}`,
          );
          assert.equal(result.serverInfo?.name, 'bulkhead');
          socket.write('Content-Length: many\r\n\r\n{}');
          connection.sendRequest('bulkhead/rules', {}).catch(() => undefined);
          assert.equal(await withTimeout(exited, 10_000, 'an exit after the framing error'), 1);
          assert.match(stderr, /framing error/);
          connection.dispose();
        } finally {
          if (child.exitCode === null) child.kill();
          listener.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }

  it('prints its usage and exits 2 without a transport; --help exits 0', () => {
    const bare = spawnSync(process.execPath, [server], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /Usage: bulkhead-language-server --stdio/);
    const help = spawnSync(process.execPath, [server, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: bulkhead-language-server/);
  });
});
