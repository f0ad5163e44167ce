import { Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

/**
 * What the transport knows of the client's messages on their way to the handlers. The readers hand the connection
 * one message a turn (FramedMessageReader, PacedMessageReader), so while one says it has more, an edit the client has
 * already sent may be among them, and an analysis now would be of a text already typed over.
 */
export interface ClientInput {
  /** Messages read, or being read, that the connection has not handled yet. */
  pending(): boolean;
}

/** A transport that tells nothing: every analysis runs on the next turn. */
export const UNKNOWN_INPUT: ClientInput = { pending: () => false };

/**
 * Hands the messages of a reader that delivers them in batches (Node IPC parses all that one read brought) to the
 * connection one a turn, as FramedMessageReader does, so that `pending` knows what is still to come.
 */
export class PacedMessageReader implements MessageReader, ClientInput {
  private queue: Message[] = [];
  /** The next message is handed over on the next turn. */
  private scheduled = false;

  constructor(private readonly inner: MessageReader) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    const listening = this.inner.listen((message) => {
      this.queue.push(message);
      if (!this.scheduled) this.handOver(callback);
    });
    return Disposable.create(() => {
      listening.dispose();
      this.queue = [];
    });
  }

  pending(): boolean {
    return this.scheduled || this.queue.length > 0;
  }

  dispose(): void {
    this.queue = [];
    this.inner.dispose();
  }

  private handOver(callback: DataCallback): void {
    const message = this.queue.shift();
    this.scheduled = message !== undefined;
    if (!message) return;
    callback(message);
    setImmediate(() => this.handOver(callback));
  }
}
