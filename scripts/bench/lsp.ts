/**
 * A small LSP client over a spawned server's stdio, written for measuring: every incoming message is stamped with
 * `performance.now()` as its bytes arrive, and waits are on messages (never fixed sleeps). It answers the requests a
 * server makes of its client (configuration, progress tokens, registrations) as an editor would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Incoming {
  at: number;
  message: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
}

type Waiter = {
  match: (m: Incoming) => boolean;
  resolve: (m: Incoming) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

export interface ServerOptions {
  command: string;
  args: string[];
  cwd?: string;
  /** Answers `workspace/configuration` items by section. */
  settings?: (section: string | undefined) => unknown;
}

export class LspServer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly spawnedAt: number;
  private nextId = 1;
  private buffer: Buffer = Buffer.alloc(0);
  private waiters: Waiter[] = [];
  private listeners: ((m: Incoming) => void)[] = [];
  private stderr = '';
  exited: Promise<number | null>;

  constructor(private readonly options: ServerOptions) {
    this.spawnedAt = performance.now();
    this.process = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk, performance.now()));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.process.on('exit', () => {
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`server exited; stderr: ${this.stderr.trim().slice(-500) || '(empty)'}`));
      }
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** Every message, as it arrives. */
  onMessage(listener: (m: Incoming) => void): void {
    this.listeners.push(listener);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Sends a request; resolves with the response and the time it took (from the write to the arrival). */
  async request(method: string, params: unknown, timeoutMs = 30_000): Promise<{ result: unknown; ms: number }> {
    const id = this.nextId++;
    const waiting = this.waitFor(
      (m) => m.message.id === id && m.message.method === undefined,
      timeoutMs,
      `${method} response`,
    );
    const sent = performance.now();
    this.send({ id, method, params });
    const response = await waiting;
    if (response.message.error) throw new Error(`${method}: ${response.message.error.message}`);
    return { result: response.message.result, ms: response.at - sent };
  }

  /** The next message that matches, arriving after this call. */
  waitFor(match: (m: Incoming) => boolean, timeoutMs: number, what: string): Promise<Incoming> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  /** Peak resident set size so far, from the kernel (Linux): `VmHWM` in /proc/<pid>/status. */
  peakRssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    if (this.process.exitCode !== null) return;
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch {
      // A server that does not answer is stopped below.
    }
    const stopped = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 3000).unref()),
    ]);
    if (!stopped) this.process.kill('SIGKILL');
  }

  get lastStderr(): string {
    return this.stderr;
  }

  private receive(chunk: Buffer, at: number): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length:\s*(\d+)/i.exec(this.buffer.toString('ascii', 0, headerEnd));
      if (!length) throw new Error('LSP message without Content-Length');
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.toString('utf8', start, end)) as Incoming['message'];
      this.buffer = this.buffer.subarray(end);
      this.dispatch({ at, message });
    }
  }

  private dispatch(incoming: Incoming): void {
    const { message } = incoming;
    if (message.method !== undefined && message.id !== undefined)
      this.answer(message.id, message.method, message.params);
    for (const listener of this.listeners) listener(incoming);
    const matched = this.waiters.filter((w) => w.match(incoming));
    if (!matched.length) return;
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) {
      clearTimeout(waiter.timer);
      waiter.resolve(incoming);
    }
  }

  /** What an editor answers when the server asks. */
  private answer(id: number | string, method: string, params: unknown): void {
    if (method === 'workspace/configuration') {
      const items = (params as { items?: { section?: string }[] }).items ?? [];
      this.send({ id, result: items.map((item) => this.options.settings?.(item.section) ?? null) });
    } else {
      // window/workDoneProgress/create, client/registerCapability, workspace/diagnostic/refresh, …
      this.send({ id, result: null });
    }
  }
}

/** What the benchmark's client says it can do: push diagnostics, progress, pulled settings, no file watching. */
export function clientCapabilities(): object {
  return {
    workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
    window: { workDoneProgress: true },
    textDocument: {
      synchronization: { didSave: false, dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, relatedInformation: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
}
