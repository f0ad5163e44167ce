import type { Connection } from 'vscode-languageserver';

/** A notification the server sends when what the status item shows changed (VS Code's language status item). */
export const STATUS_NOTIFICATION = 'bulkhead/status';

export interface ServerStatus {
  /** Dockerfiles and Compose files with a result (open or from the workspace scan). */
  files: number;
  /** Of those, skipped: over `maxFileSize`, binary, or not readable. */
  skipped: number;
  /** The workspace scan is running. */
  scanning: boolean;
  /** The `.bulkhead.yaml` files in use. */
  configFiles: string[];
  /** What those files switch off (rules set to `off`, exclude patterns). */
  switchedOff: number;
  /** The client says the user has not trusted the workspace. */
  untrusted: boolean;
}

/**
 * Sends the status when it changed, at most once per `delayMs`: a scan changes it with every file, and the status
 * item needs the totals, not each step.
 */
export class StatusReporter {
  private timer: NodeJS.Timeout | undefined;
  private last = '';

  constructor(
    private readonly connection: Connection,
    private readonly compute: () => ServerStatus,
    private readonly delayMs = 250,
  ) {}

  soon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.now();
    }, this.delayMs);
  }

  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const status = this.compute();
    const text = JSON.stringify(status);
    if (text === this.last) return;
    this.last = text;
    void this.connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
