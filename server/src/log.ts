import type { RemoteConsole } from 'vscode-languageserver';

/** Server log lines, to the client's output channel (`window/logMessage`), with levels the client can filter. */
export class Logger {
  /** Debug lines are sent only when the user asked for tracing; they are many and cost a message each. */
  verbose = false;

  constructor(private readonly console: RemoteConsole) {}

  error(message: string, error?: unknown): void {
    this.send(() => this.console.error(error === undefined ? message : `${message}: ${describeError(error)}`));
  }

  warn(message: string): void {
    this.send(() => this.console.warn(message));
  }

  info(message: string): void {
    this.send(() => this.console.info(message));
  }

  debug(message: string | (() => string)): void {
    if (this.verbose) this.send(() => this.console.debug(typeof message === 'function' ? message() : message));
  }

  private send(write: () => void): void {
    try {
      write();
    } catch {
      // The connection is gone (shutdown, client crashed): there is no one left to tell.
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
