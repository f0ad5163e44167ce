import type { Message, NotificationMessage } from 'vscode-languageserver/node';

/** Lines of one kind sent per window; the rest are counted and summed up in one line when the window ends. */
export const LOG_LINES_PER_KIND = 5;
/** Lines of all kinds sent per window: a flood of lines that differ must not fill the client's log either. */
export const LOG_LINES_PER_WINDOW = 100;
export const LOG_WINDOW_MS = 5_000;
/** Kinds told apart per window; past this every new kind counts as one (the table must not grow with the flood). */
const MAX_KINDS = 1_000;

const LOG_MESSAGE = 'window/logMessage';

/**
 * Rate-limits the server's `window/logMessage` lines, whoever writes them (the server, the JSON-RPC library, a
 * dependency's console): a client that sends 10,000 malformed messages gets a few lines and a count, not 10,000
 * lines. Lines of one kind (the same text but for numbers) are limited per window; when a window that suppressed
 * lines ends, one line says how many.
 */
export class LogRateLimit {
  private windowStart = -Infinity;
  private sentInWindow = 0;
  private perKind = new Map<string, number>();
  private suppressed = new Map<string, { count: number; sample: string }>();
  private summaryTimer: NodeJS.Timeout | undefined;
  /** The summaries this sends, which pass their own filter. */
  private readonly own = new WeakSet<object>();

  constructor(
    /** Sends the summary line, bypassing the limit. */
    private readonly sendSummary: (message: NotificationMessage) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The message to send: a log line over its limit is dropped; everything else passes. */
  filter(message: Message): Message | undefined {
    const notification = message as NotificationMessage;
    if (notification.method !== LOG_MESSAGE || this.own.has(message)) return message;
    const text = String((notification.params as { message?: unknown } | undefined)?.message ?? '');
    const now = this.now();
    if (now - this.windowStart >= LOG_WINDOW_MS) this.startWindow(now);
    const kind = kindOf(text);
    const tableFull = this.perKind.size >= MAX_KINDS && !this.perKind.has(kind);
    const key = tableFull ? '(other lines)' : kind;
    const count = (this.perKind.get(key) ?? 0) + 1;
    this.perKind.set(key, count);
    if (count <= LOG_LINES_PER_KIND && this.sentInWindow < LOG_LINES_PER_WINDOW) {
      this.sentInWindow++;
      return message;
    }
    const entry = this.suppressed.get(key) ?? { count: 0, sample: text.split('\n', 1)[0].slice(0, 200) };
    entry.count++;
    this.suppressed.set(key, entry);
    // Unreferenced: a pending summary never keeps the process alive.
    this.summaryTimer ??= setTimeout(
      () => this.summarise(),
      Math.max(0, this.windowStart + LOG_WINDOW_MS - now),
    ).unref();
    return undefined;
  }

  /** Stops the summary timer (the connection is closing). */
  dispose(): void {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
  }

  private startWindow(now: number): void {
    this.summarise();
    this.windowStart = now;
    this.sentInWindow = 0;
    this.perKind.clear();
  }

  private summarise(): void {
    this.dispose();
    if (!this.suppressed.size) return;
    const kinds = [...this.suppressed.values()].sort((a, b) => b.count - a.count);
    const total = kinds.reduce((sum, k) => sum + k.count, 0);
    const top = kinds.slice(0, 3).map((k) => `${k.count} × ${k.sample}`);
    this.suppressed.clear();
    const message = `${total} log lines suppressed in ${LOG_WINDOW_MS / 1000} s (too many alike): ${top.join('; ')}${kinds.length > 3 ? '; …' : ''}`;
    const summary: NotificationMessage = { jsonrpc: '2.0', method: LOG_MESSAGE, params: { type: 2, message } };
    this.own.add(summary);
    this.sendSummary(summary);
  }
}

/** Lines that differ only in numbers (positions, sizes, counts) are one kind. */
function kindOf(text: string): string {
  return text.slice(0, 120).replace(/\d+/g, '#');
}
