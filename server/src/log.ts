import type { RemoteConsole } from 'vscode-languageserver';
import { showControls } from '../../shared/src/visible-controls';

/**
 * Server log lines, to the client's output channel (`window/logMessage`), with levels the client can filter. Lines
 * quote paths and file content: `showControls` keeps a file name from writing a log line of its own.
 */
export class Logger {
  /** Debug lines are sent only when the user asked for tracing; they are many and cost a message each. */
  verbose = false;

  constructor(private readonly console: RemoteConsole) {}

  error(message: string, error?: unknown): void {
    this.send(() =>
      this.console.error(
        error === undefined ? showControls(message) : `${showControls(message)}: ${describeError(error)}`,
      ),
    );
  }

  warn(message: string): void {
    this.send(() => this.console.warn(showControls(message)));
  }

  info(message: string): void {
    this.send(() => this.console.info(showControls(message)));
  }

  debug(message: string | (() => string)): void {
    if (this.verbose)
      this.send(() => this.console.debug(showControls(typeof message === 'function' ? message() : message)));
  }

  private send(write: () => void): void {
    try {
      write();
    } catch {
      // The connection is gone (shutdown, client crashed): there is no one left to tell.
    }
  }
}

/**
 * An error and its stack. The stack's line breaks are Node's; the message it starts with may quote a path, and is
 * escaped whole so that its own line breaks do not pass for the stack's.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return showControls(String(error));
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? head;
  if (!stack.startsWith(head)) return stack.split('\n').map(showControls).join('\n');
  return showControls(head) + stack.slice(head.length).split('\n').map(showControls).join('\n');
}
