/**
 * The pieces under the server's transports, over in-memory streams and a fake clock: `FramedMessageReader`
 * (server/src/framed-reader.ts), `PacedMessageReader` (client-input.ts), `BoundedStreamWriter` (bounded-writer.ts) and
 * `LogRateLimit` (log-rate-limit.ts).
 * The protocol tests (framing, backpressure) check them again through a real server process.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { Disposable, type Message, type MessageReader, type NotificationMessage } from 'vscode-languageserver/node';
import { BoundedStreamWriter } from '../../server/src/bounded-writer';
import { PacedMessageReader } from '../../server/src/client-input';
import { FramedMessageReader, FramingError, MAX_HEADER_BYTES } from '../../server/src/framed-reader';
import { LOG_LINES_PER_KIND, LOG_LINES_PER_WINDOW, LOG_WINDOW_MS, LogRateLimit } from '../../server/src/log-rate-limit';

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

function reading(mayDeliver: () => boolean = () => true) {
  const input = new PassThrough();
  const reader = new FramedMessageReader(input, mayDeliver);
  const messages: unknown[] = [];
  const errors: Error[] = [];
  reader.listen((m) => messages.push(m));
  reader.onError((e) => errors.push(e));
  return { input, reader, messages, errors };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Turns of the event loop enough for the reader to hand on everything buffered (it hands one message a turn). */
async function settle(turns = 100): Promise<void> {
  for (let i = 0; i < turns; i++) await tick();
}

describe('FramedMessageReader', () => {
  it('reads messages whatever the chunks: split anywhere (a CRLF too), several in one', async () => {
    const typed = (message: unknown) =>
      Buffer.from(
        String(frame(message)).replace(
          '\r\n\r\n',
          '\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n',
        ),
      );
    const bytes = Buffer.concat([frame({ a: 1 }), typed({ b: 'é' }), frame({ c: [3] })]);
    for (let size = 1; size <= 9; size++) {
      const { input, messages, errors } = reading();
      for (let i = 0; i < bytes.length; i += size) input.write(bytes.subarray(i, i + size));
      await settle();
      assert.deepEqual(messages, [{ a: 1 }, { b: 'é' }, { c: [3] }], `in chunks of ${size} bytes`);
      assert.equal(errors.length, 0, `in chunks of ${size} bytes: ${errors.map((e) => e.message).join('; ')}`);
    }
  });

  it('reads on after a well-framed body that is not JSON, with a plain error', async () => {
    const { input, messages, errors } = reading();
    input.write('Content-Length: 3\r\n\r\n{x}');
    input.write(frame({ ok: true }));
    await settle();
    assert.deepEqual(messages, [{ ok: true }]);
    assert.equal(errors.length, 1);
    assert.ok(!(errors[0] instanceof FramingError));
  });

  it('stops at a header inside a declared body, even split across chunks', async () => {
    const { input, messages, errors } = reading();
    input.write('Content-Length: 500\r\n\r\n{"jsonrpc":"2.0"}Content-Le');
    await tick();
    assert.equal(errors.length, 0, 'nothing wrong yet: the body may still come');
    input.write('ngth: 17\r\n\r\n{"jsonrpc":"2.0"}');
    input.write(frame({ after: true }));
    await settle();
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof FramingError);
    assert.deepEqual(messages, [], 'nothing is read after a framing error');
  });

  it('refuses a header section that does not end, and garbage at once', async () => {
    const long = reading();
    long.input.write(`X-Padding: ${'a'.repeat(MAX_HEADER_BYTES)}`);
    await tick();
    assert.ok(long.errors[0] instanceof FramingError);
    const garbage = reading();
    garbage.input.write('hello\n');
    await tick();
    assert.ok(garbage.errors[0] instanceof FramingError, 'a line feed without a carriage return is no header');
  });

  it('holds complete messages while it may not deliver, and pauses its input', async () => {
    let open = false;
    const { input, reader, messages } = reading(() => open);
    input.write(Buffer.concat([frame({ n: 1 }), frame({ n: 2 })]));
    await tick();
    assert.deepEqual(messages, []);
    assert.equal(input.isPaused(), true);
    open = true;
    reader.resume();
    await settle();
    assert.deepEqual(messages, [{ n: 1 }, { n: 2 }]);
    assert.equal(input.isPaused(), false);
  });

  it('hands on one message a turn, as the connection handles them, with its input paused meanwhile', async () => {
    const { input, messages } = reading();
    input.write(Buffer.concat(Array.from({ length: 1_000 }, (_, n) => frame({ n }))));
    await tick();
    assert.ok(messages.length <= 2, `${messages.length} messages handed on in one turn`);
    assert.equal(input.isPaused(), true, 'the rest waits in the stream, not in a queue');
    await settle(1_100);
    assert.equal(messages.length, 1_000);
    assert.equal(input.isPaused(), false);
  });

  it('says more is pending while it hands messages on, and not once the last was handed on', async () => {
    const { input, reader, messages } = reading();
    assert.equal(reader.pending(), false, 'nothing read');
    input.write(Buffer.concat([frame({ n: 0 }), frame({ n: 1 }), frame({ n: 2 })]));
    await tick();
    assert.ok(messages.length < 3, `${messages.length} messages handed on in one turn`);
    assert.equal(reader.pending(), true, 'more to hand on');
    await settle();
    assert.equal(messages.length, 3);
    assert.equal(reader.pending(), false, 'all handed on');
    // The start of a message is not waited for: its rest may be long to come.
    input.write(frame({ n: 3 }).subarray(0, 10));
    await settle();
    assert.equal(reader.pending(), false);
  });
});

/** A reader that delivers what it is given all in one turn, as Node IPC delivers what one read brought. */
class BatchReader {
  private callback: ((message: Message) => void) | undefined;
  readonly onError = () => Disposable.create(() => {});
  readonly onClose = () => Disposable.create(() => {});
  readonly onPartialMessage = () => Disposable.create(() => {});
  listen(callback: (message: Message) => void): Disposable {
    this.callback = callback;
    return Disposable.create(() => (this.callback = undefined));
  }
  deliver(messages: Message[]): void {
    for (const message of messages) this.callback?.(message);
  }
  dispose(): void {}
}

describe('PacedMessageReader', () => {
  it('hands a batch on one message a turn, in order, pending until the last was handed on', async () => {
    const inner = new BatchReader();
    const reader = new PacedMessageReader(inner as unknown as MessageReader);
    const handed: unknown[] = [];
    reader.listen((m) => handed.push((m as NotificationMessage).params));
    assert.equal(reader.pending(), false);
    inner.deliver([0, 1, 2].map((n) => ({ jsonrpc: '2.0', method: 'm', params: { n } }) as NotificationMessage));
    assert.deepEqual(handed, [{ n: 0 }], 'the first at once');
    assert.equal(reader.pending(), true);
    await tick();
    assert.deepEqual(handed, [{ n: 0 }, { n: 1 }]);
    await settle();
    assert.deepEqual(handed, [{ n: 0 }, { n: 1 }, { n: 2 }]);
    assert.equal(reader.pending(), false);
  });
});

/** A stream that takes nothing until `release()`, as a client that stops reading. */
function stalledOutput() {
  const written: Buffer[] = [];
  const callbacks: (() => void)[] = [];
  let flowing = false;
  const output = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk);
      if (flowing) callback();
      else callbacks.push(() => callback());
    },
  });
  const release = () => {
    flowing = true;
    for (const callback of callbacks.splice(0)) callback();
  };
  const messages = () => {
    const text = Buffer.concat(written).toString('utf8');
    return text
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter(Boolean)
      .map((body) => JSON.parse(body) as Message);
  };
  return { output, release, messages };
}

const diagnostics = (uri: string, n: number): NotificationMessage => ({
  jsonrpc: '2.0',
  method: 'textDocument/publishDiagnostics',
  params: { uri, diagnostics: [], n },
});

describe('BoundedStreamWriter', () => {
  it('past its limit: refuses work, holds the latest diagnostics per file, shrinks replies, drops log lines', async () => {
    const { output, release, messages } = stalledOutput();
    const writer = new BoundedStreamWriter(output, 1_000);
    let drained = 0;
    writer.onDrained(() => drained++);
    await writer.write({ jsonrpc: '2.0', id: 1, result: 'x'.repeat(1_200) } as Message);
    assert.equal(writer.acceptsWork, false);
    await writer.write({ jsonrpc: '2.0', id: 2, result: 'y'.repeat(5_000) } as Message);
    for (let n = 0; n < 50; n++) await writer.write(diagnostics(`file:///f${n % 3}`, n));
    for (let n = 0; n < 50; n++)
      await writer.write({
        jsonrpc: '2.0',
        method: 'window/logMessage',
        params: { type: 3, message: `line ${n}` },
      } as Message);
    const stats = writer.stats();
    assert.equal(stats.heldDiagnostics, 3);
    assert.equal(stats.shrunkReplies, 1);
    assert.equal(stats.droppedNotifications, 50);
    assert.ok(stats.peakQueuedBytes < 1_000 + 1_300 + 200, `${stats.peakQueuedBytes} bytes queued`);
    release();
    await tick();
    assert.equal(drained, 1);
    assert.equal(writer.acceptsWork, true);
    const sent = messages();
    assert.equal((sent[1] as { error?: { code: number } }).error?.code, -32803, 'the second reply became an error');
    const held = sent.filter((m) => (m as NotificationMessage).method === 'textDocument/publishDiagnostics');
    assert.deepEqual(
      held.map((m) => ((m as NotificationMessage).params as { n: number }).n).sort((a, b) => a - b),
      [47, 48, 49],
      'the latest per file',
    );
    assert.ok(
      sent.some((m) =>
        /dropped 50 log lines/.test(String(((m as NotificationMessage).params as { message?: string })?.message)),
      ),
    );
  });
});

describe('LogRateLimit', () => {
  const line = (message: string): NotificationMessage => ({
    jsonrpc: '2.0',
    method: 'window/logMessage',
    params: { type: 1, message },
  });

  it('sends a few lines of a kind per window, then one summary with the count', async () => {
    let now = 0;
    const summaries: NotificationMessage[] = [];
    const limit = new LogRateLimit(
      (m) => summaries.push(m),
      () => now,
    );
    const passed = Array.from({ length: 1_000 }, (_, i) => limit.filter(line(`Malformed message at byte ${i}`))).filter(
      Boolean,
    );
    assert.equal(passed.length, LOG_LINES_PER_KIND);
    assert.ok(
      limit.filter({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: {} } as Message),
      'other messages pass',
    );
    now = LOG_WINDOW_MS;
    assert.ok(limit.filter(line('Malformed message at byte 0')), 'a new window');
    assert.equal(summaries.length, 1);
    assert.match(String((summaries[0].params as { message: string }).message), /^995 log lines suppressed/);
    assert.equal(limit.filter(summaries[0]), summaries[0], 'the summary passes its own filter');
    limit.dispose();
  });

  it('caps lines of all kinds per window', () => {
    const limit = new LogRateLimit(
      () => undefined,
      () => 0,
    );
    const passed = Array.from({ length: 5_000 }, (_, i) =>
      limit.filter(line(`${'x'.repeat(i % 2_000)} distinct`)),
    ).filter(Boolean);
    assert.equal(passed.length, LOG_LINES_PER_WINDOW);
    limit.dispose();
  });
});
