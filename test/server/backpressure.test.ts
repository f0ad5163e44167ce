// A client that stops reading, or floods requests or malformed input, must not make the server hold without limit
// what it owes the client: unread replies, unanswered requests, log lines. Memory is checked by the server's own
// counts of queued bytes and requests (`$/bulkhead/outputQueue`), never by its RSS.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { repoRoot } from '../../scripts/repo-root';
import { LOG_LINES_PER_WINDOW } from '../../server/src/log-rate-limit';
import type { OutputQueueStats } from '../../server/src/bounded-writer';
import { OUTPUT_QUEUE_REQUEST } from '../../server/src/transport';
import { LspClient, tempWorkspace, withTimeout } from './lsp-client';

const DOCKERFILE = readFileSync(
  join(repoRoot(), 'test/fixtures/corpus/docker-library__python/3.13/slim-trixie/Dockerfile'),
  'utf8',
);
const LIMIT = 1024 * 1024;
const RequestFailed = -32803;

async function openWithFindings(client: LspClient, uri: string): Promise<unknown> {
  await client.open(uri, DOCKERFILE);
  await client.diagnostics(uri, (d) => d.length > 0);
  const lines = DOCKERFILE.split('\n').length;
  return {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
    context: { diagnostics: [] },
  };
}

describe('language server: what it queues for the client is bounded', () => {
  it(
    'stops reading requests while its replies go unread, and answers again once the client reads',
    { timeout: 120_000 },
    async () => {
      const ws = tempWorkspace({});
      const env = { BULKHEAD_MAX_QUEUED_BYTES: String(LIMIT) };
      const { client } = await LspClient.start({
        folders: [ws.root],
        settings: { bulkhead: { workspaceScan: false } },
        env,
      });
      try {
        const params = await openWithFindings(client, ws.uri('Dockerfile'));
        const full = await client.request<CodeAction[]>('textDocument/codeAction', params);
        const replyBytes = Buffer.byteLength(JSON.stringify(full));
        const count = 400;
        assert.ok(count * replyBytes > 6 * LIMIT, `${count} replies of ${replyBytes} bytes would far exceed the limit`);

        client.child.stdout.pause();
        const full$ = new Promise<void>((resolve) => {
          const check = () =>
            /unread by the client/.test(client.stderr) && (client.child.stderr.off('data', check), resolve());
          client.child.stderr.on('data', check);
        });
        const replies = Array.from({ length: count }, () =>
          client.request<CodeAction[]>('textDocument/codeAction', params).then(
            (actions) => ({ ok: actions.length }),
            (error: { code?: number }) => ({ error: error.code }),
          ),
        );
        await withTimeout(full$, 60_000, 'the server to say its replies are unread');
        client.child.stdout.resume();
        const outcomes = await withTimeout(Promise.all(replies), 60_000, 'every request settled once the client reads');

        const stats = await client.request<OutputQueueStats>(OUTPUT_QUEUE_REQUEST, {});
        assert.equal(stats.limitBytes, LIMIT);
        // Past the limit: the reply that crossed it, and short errors for requests read before the queue filled.
        assert.ok(stats.peakQueuedBytes >= LIMIT, 'the queue did fill');
        assert.ok(
          stats.peakQueuedBytes <= LIMIT + replyBytes + stats.shrunkReplies * 200,
          `peak ${stats.peakQueuedBytes} bytes`,
        );
        assert.ok(stats.peakQueuedBytes < 2 * LIMIT);
        for (const outcome of outcomes) {
          if ('ok' in outcome) assert.equal(outcome.ok, full.length, 'a reply is whole or an error, never cut');
          else assert.equal(outcome.error, RequestFailed);
        }
        assert.equal(outcomes.filter((o) => 'error' in o).length, stats.shrunkReplies);
        assert.ok(outcomes.some((o) => 'ok' in o));
        assert.equal(
          (await client.request<CodeAction[]>('textDocument/codeAction', params)).length,
          full.length,
          'answers in full again',
        );
        await client.waitFor('window/logMessage', (p) =>
          /did not read .* stopped reading its requests/.test(p.message),
        );
      } finally {
        await client.stop();
        ws.remove();
      }
    },
  );

  it(
    'keeps its log bounded through a flood of 10,000 malformed messages, and says how many lines it held back',
    { timeout: 60_000 },
    async () => {
      const { client } = await LspClient.start({ settings: { bulkhead: { workspaceScan: false } } });
      try {
        const since = client.mark();
        const body = '{"jsonrpc":"2.0","id":1,"method":';
        const frame = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        client.child.stdin.write(frame.repeat(10_000));
        assert.ok((await client.request<unknown[]>('bulkhead/rules', {})).length > 0, 'still answers');
        // The lines about the flood were written before the answer to the request that followed it.
        const loggedBefore = client.received.slice(since).filter((r) => r.method === 'window/logMessage').length;
        assert.ok(loggedBefore <= LOG_LINES_PER_WINDOW, `${loggedBefore} log lines for 10,000 malformed messages`);
        const summary = await client.waitFor(
          'window/logMessage',
          (p) => /log lines suppressed/.test(p.message),
          since,
          20_000,
        );
        const suppressed = Number(/^(\d+) log lines suppressed/.exec(summary.message)?.[1]);
        const logged = client.received
          .slice(since)
          .filter((r) => r.method === 'window/logMessage' && r.params !== summary);
        assert.ok(logged.length <= LOG_LINES_PER_WINDOW, `${logged.length} log lines besides the summary`);
        assert.ok(
          suppressed + logged.length >= 10_000,
          `every malformed message is accounted for (${suppressed} suppressed)`,
        );
      } finally {
        await client.stop();
      }
    },
  );
});
