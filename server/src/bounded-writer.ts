import type { Writable } from 'node:stream';
import {
  AbstractMessageWriter,
  Emitter,
  LSPErrorCodes,
  Message,
  type Event,
  type MessageWriter,
  type NotificationMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/**
 * Bytes written for the client and not yet taken by it, past which the server stops taking new work. A client that
 * stops reading (hung, or hostile) otherwise makes every reply wait in memory: 2,880 unread code action replies held
 * 762 MB. 64 MiB is far above what a working client ever leaves unread (a reply is read in milliseconds) and small
 * beside the server's own memory.
 */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** What the output queue holds and did; `$/bulkhead/outputQueue` answers it (the protocol tests read it). */
export interface OutputQueueStats {
  limitBytes: number;
  queuedBytes: number;
  peakQueuedBytes: number;
  /** Files whose latest diagnostics wait for the client to read again. */
  heldDiagnostics: number;
  /** Replies sent as a short error instead, while the queue was full. */
  shrunkReplies: number;
  /** Log lines and progress reports not sent while the queue was full. */
  droppedNotifications: number;
}

/** Optional rewriting of each outgoing message before it is queued: `undefined` drops it (log rate limits). */
export type OutgoingFilter = (message: Message) => Message | undefined;

const DIAGNOSTICS = 'textDocument/publishDiagnostics';
/** Notifications that only inform: dropped while the client is not reading. */
const DROPPABLE = new Set(['window/logMessage', '$/logTrace', 'telemetry/event']);

/**
 * Writes the base protocol's framing onto a stream, counting the bytes the client has not taken yet. Past the limit,
 * nothing grows with the client's requests or the server's work: diagnostics are held, the latest per file (each
 * replaces the last); log lines and progress reports are dropped and counted; replies become a short `RequestFailed`
 * error; and the reader reads no more (`acceptsWork`). When the client has read half, held diagnostics go out and a
 * log line says what was dropped, and `onDrained` tells the reader to read on.
 */
export class BoundedStreamWriter extends AbstractMessageWriter implements MessageWriter {
  private queued = 0;
  private peak = 0;
  private full = false;
  private held = new Map<string, NotificationMessage>();
  /** Since the queue last filled, for the log line that says so; the totals are for `stats`. */
  private shrunk = 0;
  private dropped = 0;
  private shrunkTotal = 0;
  private droppedTotal = 0;
  private errorCount = 0;
  /** The reader was told to wait: it is told when to read on. */
  private refused = false;
  private readonly filled = new Emitter<number>();
  private readonly drained = new Emitter<void>();

  constructor(
    private readonly output: Writable,
    readonly limitBytes = MAX_QUEUED_BYTES,
    private readonly filter: OutgoingFilter = (message) => message,
  ) {
    super();
    output.on('error', (error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  /**
   * Whether the reader may hand the server another message: the client reads its replies. (Not a cap on unanswered
   * requests: a request waiting for the client's answer to the server's own request would then wait for ever, the
   * answer being behind the requests not read.)
   */
  get acceptsWork(): boolean {
    if (this.full) this.refused = true;
    return !this.full;
  }

  /** The output queue passed its limit; with the bytes queued. */
  get onFull(): Event<number> {
    return this.filled.event;
  }

  get onDrained(): Event<void> {
    return this.drained.event;
  }

  stats(): OutputQueueStats {
    return {
      limitBytes: this.limitBytes,
      queuedBytes: this.queued,
      peakQueuedBytes: this.peak,
      heldDiagnostics: this.held.size,
      shrunkReplies: this.shrunkTotal,
      droppedNotifications: this.droppedTotal,
    };
  }

  write(message: Message): Promise<void> {
    const filtered = this.filter(message);
    const outgoing = filtered && this.full ? this.whileFull(filtered) : filtered;
    if (outgoing) this.send(outgoing);
    return Promise.resolve();
  }

  end(): void {
    this.output.end();
  }

  /** What is sent instead of `message` while the client is not reading. */
  private whileFull(message: Message): Message | undefined {
    if (Message.isResponse(message)) {
      if (message.error) return message;
      this.shrunk++;
      this.shrunkTotal++;
      const error = {
        code: LSPErrorCodes.RequestFailed,
        message: 'Bulkhead dropped this reply: the client had not read the earlier ones',
      };
      return { jsonrpc: message.jsonrpc, id: message.id, error } as ResponseMessage;
    }
    if (!Message.isNotification(message)) return message;
    if (message.method === DIAGNOSTICS) {
      const uri = (message.params as { uri?: unknown } | undefined)?.uri;
      if (typeof uri !== 'string') return message;
      this.held.delete(uri); // re-inserted last: held files go out in the order of their latest results
      this.held.set(uri, message);
      return undefined;
    }
    const progressReport =
      message.method === '$/progress' &&
      (message.params as { value?: { kind?: unknown } } | undefined)?.value?.kind === 'report';
    if (DROPPABLE.has(message.method) || progressReport) {
      this.dropped++;
      this.droppedTotal++;
      return undefined;
    }
    return message;
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const header = `Content-Length: ${body.length}\r\n\r\n`;
    const bytes = header.length + body.length;
    this.queued += bytes;
    this.peak = Math.max(this.peak, this.queued);
    if (!this.full && this.queued >= this.limitBytes) {
      this.full = true;
      this.filled.fire(this.queued);
    }
    this.output.write(header, 'ascii');
    this.output.write(body, (error) => {
      this.queued -= bytes;
      if (error) this.fireError(error, message, ++this.errorCount);
      else if (this.full && this.queued <= this.limitBytes / 2) this.reopen();
    });
  }

  private reopen(): void {
    this.full = false;
    for (const [uri, message] of this.held) {
      if (this.full) break;
      this.held.delete(uri);
      this.send(message);
    }
    if (!this.full) {
      const text = `The client did not read ${Math.round(this.limitBytes / 1024 / 1024)} MiB of replies: Bulkhead stopped reading its requests meanwhile, dropped ${this.dropped} log lines and progress reports, and answered ${this.shrunk} requests with an error`;
      this.dropped = 0;
      this.shrunk = 0;
      this.send({
        jsonrpc: '2.0',
        method: 'window/logMessage',
        params: { type: 2, message: text },
      } as NotificationMessage);
    }
    if (!this.full && this.refused) {
      this.refused = false;
      this.drained.fire();
    }
  }
}
