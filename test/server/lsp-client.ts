/**
 * A minimal LSP client for the protocol tests: starts the built `dist/server.js --stdio` as a child process, as any
 * editor would, and talks JSON-RPC over its stdin/stdout. It answers the requests a real client answers
 * (configuration, registrations, progress tokens), records every notification, and waits on them with timeouts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  WorkDoneProgress,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { repoRoot } from '../../scripts/repo-root';

export const TIMEOUT_MS = 10_000;

export interface Received {
  method: string;
  params: any;
}

export interface StartOptions {
  folders?: string[];
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** What `workspace/configuration` answers, by section (`bulkhead`, `files.exclude`). */
  settings?: Record<string, unknown>;
  /** Environment variables of the server process, over the tests' own. */
  env?: Record<string, string>;
}

/** Capabilities of a capable client (VS Code-like): push diagnostics, dynamic watchers, progress, configuration. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: {
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
  },
};

export class LspClient {
  readonly received: Received[] = [];
  readonly requests: Received[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<{ client: LspClient; result: InitializeResult }> {
    const server = join(repoRoot(), 'dist', 'server.js');
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`node scripts/build.mjs\` first`);
    const child = spawn(process.execPath, [server, '--stdio'], {
      stdio: 'pipe',
      env: { ...process.env, ...options.env },
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr.on('data', (chunk) => (client.stderr += String(chunk)));
    connection.onNotification((method, params) => client.record(client.received, method, params));
    connection.onRequest((method, params) => {
      client.record(client.requests, method, params);
      if (method === 'window/workDoneProgress/create') {
        // vscode-jsonrpc routes `$/progress` to per-token handlers, never to the catch-all notification handler.
        const token = (params as { token: string | number }).token;
        connection.onProgress(WorkDoneProgress.type, token, (value) =>
          client.record(client.received, '$/progress', { token, value }),
        );
      }
      if (method === 'window/showDocument') return { success: true };
      if (method === 'workspace/configuration') {
        return (params as { items: { section?: string }[] }).items.map(
          (item) => client.settings[item.section ?? ''] ?? null,
        );
      }
      return null;
    });
    connection.listen();
    const folders = options.folders ?? [];
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return { client, result };
  }

  private record(list: Received[], method: string, params: unknown): void {
    list.push({ method, params });
    for (const wake of this.listeners.splice(0)) wake();
  }

  /** A position in the received notifications: `waitFor` can look only at what came after it. */
  mark(): number {
    return this.received.length;
  }

  /** The first notification (from `since` on) that satisfies `accept`; rejects after the timeout with what came. */
  waitFor(
    method: string,
    accept: (params: any) => boolean = () => true,
    since = 0,
    timeoutMs = TIMEOUT_MS,
  ): Promise<any> {
    return this.waitIn(this.received, method, accept, since, timeoutMs);
  }

  waitForRequest(
    method: string,
    accept: (params: any) => boolean = () => true,
    since = 0,
    timeoutMs = TIMEOUT_MS,
  ): Promise<any> {
    return this.waitIn(this.requests, method, accept, since, timeoutMs);
  }

  private waitIn(
    list: Received[],
    method: string,
    accept: (params: any) => boolean,
    since: number,
    timeoutMs: number,
  ): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = list
          .slice(since)
          .filter((r) => r.method === method)
          .map((r) => JSON.stringify(r.params).slice(0, 300));
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${method}; received:\n${seen.join('\n') || '(nothing)'}\nstderr: ${this.stderr}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        const hit = list.slice(since).find((r) => r.method === method && accept(r.params));
        if (hit) {
          clearTimeout(timer);
          resolve(hit.params);
        } else this.listeners.push(check);
      };
      check();
    });
  }

  /** The next diagnostics published for `uri` (after `since`) that `accept` takes. */
  diagnostics(
    uri: string,
    accept: (d: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
  ): Promise<Diagnostic[]> {
    return this.waitFor(
      'textDocument/publishDiagnostics',
      (p: PublishDiagnosticsParams) => p.uri === uri && accept(p.diagnostics, p),
      since,
    ).then((p: PublishDiagnosticsParams) => p.diagnostics);
  }

  open(uri: string, text: string, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replaces the whole text; answers the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /**
   * Replaces the whole text with each of `texts` in turn, the `didChange` notifications written to the server in one
   * write (as a client sends what queued up while the server was busy); answers the new versions.
   */
  changeAtOnce(uri: string, texts: readonly string[]): number[] {
    let version = this.versions.get(uri) ?? 1;
    const frames = texts.map((text) => {
      const body = Buffer.from(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'textDocument/didChange',
          params: { textDocument: { uri, version: ++version }, contentChanges: [{ text }] },
        }),
      );
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
    });
    this.versions.set(uri, version);
    this.child.stdin.write(Buffer.concat(frames));
    return texts.map((_, i) => version - texts.length + 1 + i);
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown + exit, as an editor ends a session; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    if (this.child.exitCode !== null) return this.child.exitCode;
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), TIMEOUT_MS, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await withTimeout(exited, TIMEOUT_MS, 'exit');
    this.connection.dispose();
    return code;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A temporary workspace folder with the given files; `remove()` deletes it. */
export function tempWorkspace(files: Record<string, string | Uint8Array>): {
  root: string;
  uri: (rel: string) => string;
  path: (rel: string) => string;
  write: (rel: string, content: string | Uint8Array) => void;
  remove: () => void;
} {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-lsp-')));
  const write = (rel: string, content: string | Uint8Array) => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return {
    root,
    path: (rel) => join(root, rel),
    uri: (rel) => pathToFileURL(join(root, rel)).href,
    write,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Diagnostics of one rule. */
export function ofRule(diagnostics: readonly Diagnostic[], id: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === id);
}

/** LSP 3.18 allows Markdown messages; the server sends plain strings. */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The last diagnostics published for each URI (after `since`). */
export function published(client: LspClient, since = 0): Map<string, Diagnostic[]> {
  const last = new Map<string, Diagnostic[]>();
  for (const r of client.received.slice(since))
    if (r.method === 'textDocument/publishDiagnostics')
      last.set(r.params.uri, (r.params as PublishDiagnosticsParams).diagnostics);
  return last;
}

/** Runs `use` against a server started with `options`, stopped afterwards whatever happens. */
export async function withServer(options: StartOptions, use: (client: LspClient) => Promise<void>): Promise<void> {
  const { client } = await LspClient.start(options);
  try {
    await use(client);
  } finally {
    await client.stop();
  }
}
