import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { FileReport } from '../../shared/src/engine';
import type { FileKind } from '../../shared/src/types';
import type { FileKey } from './paths';
import type { Logger } from './log';

/** The latest analysis of one file, open or on disk, and what was shown for it. */
export interface Entry {
  key: FileKey;
  uri: string;
  path?: string;
  folder?: string;
  kind: FileKind;
  /** The open document's version it was computed on; null for a file read from disk. */
  version: number | null;
  text: string;
  report: FileReport;
  diagnostics: LspDiagnostic[];
  /** Files the analysis read besides this one. */
  reads: Set<string>;
  /** Identifies this result for pull clients (`previousResultId`). */
  resultId: string;
}

/**
 * The result of a file read from disk (the workspace scan, file events), kept light: what was published and what the
 * file's analysis read, and its report without fixes. Its text and its report with every fix are loaded from disk when
 * something asks (`text`, `report`: a code action or a hover on a file that is not open), through `load`, which
 * caches the last few (`Linter.complete`).
 */
export class DiskEntry implements Entry {
  readonly version = null;

  constructor(
    readonly key: FileKey,
    readonly uri: string,
    readonly path: string | undefined,
    readonly folder: string | undefined,
    readonly kind: FileKind,
    /** The report without fixes: what was found, for the security report and for checking a reload. */
    readonly summary: FileReport,
    readonly diagnostics: LspDiagnostic[],
    readonly reads: Set<string>,
    readonly resultId: string,
    private readonly load: (entry: DiskEntry) => Entry,
  ) {}

  get text(): string {
    return this.load(this).text;
  }

  get report(): FileReport {
    return this.load(this).report;
  }
}

export type DiagnosticMode = 'push' | 'pull';

/**
 * Every file's current diagnostics. In push mode a change is published at once; in pull mode it wakes a waiting
 * `workspace/diagnostic` request. Other diagnostics (problems in `.bulkhead.yaml`) are kept by URI beside them.
 */
export class DiagnosticsStore {
  private entries = new Map<FileKey, Entry>();
  private others = new Map<string, { diagnostics: LspDiagnostic[]; resultId: string }>();
  private counter = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    readonly mode: DiagnosticMode,
    private readonly log: Logger,
  ) {}

  nextResultId(): string {
    return String(++this.counter);
  }

  get(key: FileKey): Entry | undefined {
    return this.entries.get(key);
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }

  set(entry: Entry): void {
    this.entries.set(entry.key, entry);
    this.publish(entry.uri, entry.diagnostics, entry.version);
  }

  delete(key: FileKey): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.publish(entry.uri, [], null);
  }

  /** Diagnostics of a file that is not analysed as a Dockerfile or Compose file (`.bulkhead.yaml`). */
  setOther(uri: string, diagnostics: LspDiagnostic[]): void {
    const previous = this.others.get(uri);
    if (!previous && !diagnostics.length) return;
    if (diagnostics.length) this.others.set(uri, { diagnostics, resultId: this.nextResultId() });
    else this.others.delete(uri);
    this.publish(uri, diagnostics, null);
  }

  getOther(uri: string): { diagnostics: LspDiagnostic[]; resultId: string } | undefined {
    return this.others.get(uri);
  }

  allOthers(): [string, { diagnostics: LspDiagnostic[]; resultId: string }][] {
    return [...this.others.entries()];
  }

  /** The files whose last analysis read `path`. */
  dependents(path: string): Entry[] {
    return this.all().filter((entry) => entry.reads.has(path));
  }

  /** Resolves on the next change of any diagnostics (pull mode's long-poll). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private publish(uri: string, diagnostics: LspDiagnostic[], version: number | null): void {
    if (this.mode === 'push') {
      this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== null ? { version } : {}) }).catch((error: unknown) => {
        this.log.error(`Could not publish diagnostics for ${uri}`, error);
      });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
