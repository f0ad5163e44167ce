// A JSON-RPC framing error (a bad or missing `Content-Length`, garbage, a header that never ends) loses the message
// boundaries: what follows cannot be read reliably, and the messages lost with them leave the server's copy of the
// documents wrong. The server must not stay alive and deaf: it exits with 1 and says why, so the client restarts it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RULES_REQUEST } from '../../server/src/protocol';
import { LspClient, ofRule, tempWorkspace, withTimeout } from './lsp-client';

/** Bytes that break the framing, each followed by a well-framed request that the server can no longer trust. */
const FRAMING_ERRORS: Record<string, string> = {
  'a header without Content-Length':
    'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
  'a non-numeric Content-Length': 'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
  'a negative Content-Length': 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
  'a Content-Length with trailing junk': 'Content-Length: 30px\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
  'a Content-Length larger than what follows': 'Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
  'garbage bytes with no header': 'garbage \u0000\u00ff with no header at all\n',
  'a header line too long': `X-Padding: ${'a'.repeat(100_000)}`,
  'a header line without a colon': 'Content-Length 30\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
};

/** What the server does after `bytes` and one well-framed request: answers, exits (with its code) or stays silent. */
async function afterFraming(
  bytes: string,
): Promise<{ outcome: 'answered' | 'exited' | 'silent'; code: number | null; client: LspClient }> {
  const { client } = await LspClient.start({ settings: { bulkhead: { workspaceScan: false } } });
  const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
  client.child.stdin.on('error', () => undefined); // the server may be gone before the test's last write
  client.child.stdin.write(bytes);
  // The request fails when the connection closes, which may come before the process's exit event: then the exit
  // decides (a loaded machine showed the race). A server that neither answers nor exits times out below.
  const answered = client.request(RULES_REQUEST, {}).then(
    () => 'answered' as const,
    () => exited.then(() => 'exited' as const),
  );
  const outcome = await withTimeout(
    Promise.race([answered, exited.then(() => 'exited' as const)]),
    10_000,
    'an answer or an exit after a framing error',
  ).catch(() => 'silent' as const);
  return { outcome, code: outcome === 'exited' ? await exited : null, client };
}

describe('language server: JSON-RPC framing errors', () => {
  for (const [name, bytes] of Object.entries(FRAMING_ERRORS)) {
    it(`exits with 1 and says why after ${name}, instead of going deaf`, { timeout: 30_000 }, async () => {
      const { outcome, code, client } = await afterFraming(bytes);
      try {
        assert.equal(
          outcome,
          'exited',
          `the server ${outcome === 'silent' ? 'stayed alive and silent' : 'answered a request it cannot trust'}`,
        );
        assert.equal(code, 1);
        assert.match(client.stderr, /framing error/i);
      } finally {
        if (client.child.exitCode === null) client.child.kill();
        client.connection.dispose();
      }
    });
  }

  it(
    'reads a message split into single bytes, with a lower-case header and extra fields',
    { timeout: 30_000 },
    async () => {
      const ws = tempWorkspace({});
      const { client } = await LspClient.start({
        folders: [ws.root],
        settings: { bulkhead: { workspaceScan: false } },
      });
      try {
        const uri = ws.uri('Dockerfile');
        const textDocument = { uri, languageId: 'dockerfile', version: 1, text: 'FROM debian:12\nRUN sudo true\n' };
        const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument } });
        const message = `content-length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
        for (const byte of Buffer.from(message)) client.child.stdin.write(Buffer.of(byte));
        await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1);
        assert.ok((await client.request<unknown[]>(RULES_REQUEST, {})).length > 0, 'and reads on');
      } finally {
        await client.stop();
        ws.remove();
      }
    },
  );
});
