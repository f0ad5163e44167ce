import type { Readable } from 'node:stream';
import {
  AbstractMessageReader,
  Disposable,
  type DataCallback,
  type Message,
  type MessageReader,
} from 'vscode-languageserver/node';
import type { ClientInput } from './client-input';

/** The header section of a message is a line or two; this much without the blank line that ends it is garbage. */
export const MAX_HEADER_BYTES = 8 * 1024;
/**
 * The largest message read. VS Code sends no document over 50 MB to extensions; a larger length is a broken or
 * hostile client, whose body would be buffered whole before it could be parsed.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
/**
 * A header line inside a declared body: no JSON text holds one (a raw CR may not appear in a JSON string, and these
 * letters may not appear outside one), so the declared length was wrong and the next message has begun.
 */
const HEADER_IN_BODY = /content-length:[ \t]*\d+\r\n/i;

/** The message boundaries are lost: nothing after this can be read reliably. */
export class FramingError extends Error {
  override name = 'FramingError';
}

/**
 * Reads the base protocol's `Content-Length` framing strictly, from a stream (stdio, a socket, a pipe). A body that
 * is not JSON is one bad message in an intact stream: reported, and reading goes on. A framing error (no, a bad or a
 * too large `Content-Length`, a header that is not one or never ends, a length that runs into the next header) is
 * reported as a `FramingError` and reading stops: resynchronising would guess, and the messages lost on the way would
 * leave documents out of step with the client without anyone knowing. The caller exits; the client restarts it.
 *
 * `mayDeliver` is asked before each message: while it says no (the client is not reading the replies), the reader
 * holds what it has and pauses the stream, so a client cannot make the server buffer its input or its output.
 * `resume()` reads on.
 */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader, ClientInput {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The length of the body being read, or -1 while reading a header. */
  private bodyLength = -1;
  /** How many bytes of the current body were searched for a header. */
  private bodyScanned = 0;
  private callback: DataCallback | undefined;
  private stopped = false;
  /** A `drain` is due on the next turn. */
  private scheduled = false;

  constructor(
    private readonly input: Readable,
    private readonly mayDeliver: () => boolean = () => true,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  /**
   * A message was just handed over (the connection handles it on the next turn) and the next is looked for then. A
   * message still arriving is not waited for: its rest may be long to come, and waiting would spin.
   */
  pending(): boolean {
    return this.scheduled;
  }

  /** Reads on after `mayDeliver` said no. */
  resume(): void {
    if (!this.stopped && !this.scheduled) this.drain();
  }

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (!this.scheduled) this.drain();
  }

  /**
   * Delivers the next message if one is complete and `mayDeliver` allows, then the next on the next turn of the event
   * loop: the connection handles one message a turn, so what the client sends faster waits in the pipe, not in a queue
   * here or in the connection. The input is paused while a complete message waits.
   */
  private drain(): void {
    this.scheduled = false;
    try {
      if (this.bodyLength < 0 && !this.readHeader()) return this.readMore();
      if (this.buffered < this.bodyLength) {
        this.checkBodyPrefix();
        return this.readMore();
      }
      this.input.pause();
      if (!this.mayDeliver()) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = -1;
      this.deliver(body);
      if (this.stopped) return;
      this.scheduled = true;
      setImmediate(() => this.drain());
    } catch (error) {
      if (!(error instanceof FramingError)) throw error;
      this.stopped = true;
      this.chunks = [];
      this.buffered = 0;
      this.input.pause();
      this.fireError(error);
    }
  }

  /** Every complete message is delivered: read more input, unless the server takes no more work for now. */
  private readMore(): void {
    if (this.input.isPaused() && this.mayDeliver()) this.input.resume();
  }

  /** Reads a header section if a whole one is buffered; throws a FramingError on one that is wrong. */
  private readHeader(): boolean {
    const head = this.peek(Math.min(this.buffered, MAX_HEADER_BYTES + HEADER_END.length));
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      if (head.length > MAX_HEADER_BYTES)
        throw new FramingError(`no end of the message header within ${MAX_HEADER_BYTES} bytes`);
      this.checkHeaderPrefix(head);
      return false;
    }
    let length: number | undefined;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const field = HEADER_LINE.exec(line);
      if (!field)
        throw new FramingError(`a header line that is not \`Name: value\`: ${JSON.stringify(line.slice(0, 80))}`);
      if (field[1].toLowerCase() !== 'content-length') continue;
      const value = field[2];
      if (!/^\d{1,15}$/.test(value))
        throw new FramingError(`Content-Length is not a byte count: ${JSON.stringify(value.slice(0, 40))}`);
      if (length !== undefined && length !== Number(value))
        throw new FramingError('two different Content-Length headers');
      length = Number(value);
    }
    if (length === undefined) throw new FramingError('a message header without Content-Length');
    if (length > MAX_MESSAGE_BYTES)
      throw new FramingError(`a message of ${length} bytes, over the limit of ${MAX_MESSAGE_BYTES}`);
    this.take(end + HEADER_END.length);
    this.bodyLength = length;
    this.bodyScanned = 0;
    return true;
  }

  /** A header still incomplete must already look like one: garbage is refused now, not once 8 KiB have come. */
  private checkHeaderPrefix(head: Buffer): void {
    const lines = head.toString('latin1').split('\r\n');
    // The last line may be cut anywhere; the complete ones must be fields. A lone LF is never part of a header.
    for (const line of lines.slice(0, -1)) {
      if (!HEADER_LINE.test(line))
        throw new FramingError(`a header line that is not \`Name: value\`: ${JSON.stringify(line.slice(0, 80))}`);
    }
    // A CR at the very end is half of a line's CRLF.
    const last = lines[lines.length - 1].replace(/\r$/, '');
    if (/[^\t\x20-\x7e]/.test(last) || /^[^:]*[^!#$%&'*+.^_`|~0-9A-Za-z:-]/.test(last)) {
      throw new FramingError(`bytes that are not a message header: ${JSON.stringify(last.slice(0, 80))}`);
    }
  }

  /** A body still incomplete that already holds a header: the declared length was wrong (see HEADER_IN_BODY). */
  private checkBodyPrefix(): void {
    // Each byte is searched once, give or take the overlap where a header could straddle two chunks.
    const text = this.copy(Math.max(0, this.bodyScanned - 32), this.buffered).toString('latin1');
    this.bodyScanned = this.buffered;
    if (HEADER_IN_BODY.test(text))
      throw new FramingError(
        `a message shorter than its Content-Length of ${this.bodyLength}: the next header began inside it`,
      );
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (error) {
      // The frame was intact: one message lost, said so, and the stream reads on.
      this.fireError(
        new Error(
          `A message that is not JSON (${body.length} bytes): ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (error) {
      this.fireError(error);
    }
  }

  /** The first `count` buffered bytes (no more than are buffered), left in the buffer. */
  private peek(count: number): Buffer {
    if (!this.chunks.length) return Buffer.alloc(0);
    if (this.chunks[0].length < count) {
      // Joins just the chunks that hold them.
      let joined = 1;
      for (let size = this.chunks[0].length; size < count && joined < this.chunks.length; joined++)
        size += this.chunks[joined].length;
      this.chunks.splice(0, joined, Buffer.concat(this.chunks.slice(0, joined)));
    }
    return this.chunks[0].subarray(0, count);
  }

  /** A copy of the buffered bytes from `start` to `end`, leaving the chunks as they are. */
  private copy(start: number, end: number): Buffer {
    const parts: Buffer[] = [];
    let offset = 0;
    for (const chunk of this.chunks) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, chunk.length);
      if (from < to) parts.push(chunk.subarray(from, to));
      offset += chunk.length;
      if (offset >= end) break;
    }
    return Buffer.concat(parts);
  }

  /** Removes and answers the first `count` buffered bytes. */
  private take(count: number): Buffer {
    const taken = this.peek(count);
    if (count > 0) {
      if (this.chunks[0].length === count) this.chunks.shift();
      else this.chunks[0] = this.chunks[0].subarray(count);
    }
    this.buffered -= count;
    return taken;
  }
}
