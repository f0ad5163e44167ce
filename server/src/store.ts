import { sep } from 'node:path';
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { FileReport } from '../../shared/src/engine';
import type { Diagnostic, FileKind, Severity } from '../../shared/src/types';
import { skippedDiagnostic, toLspDiagnostics } from './to-lsp';
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
 * The result of a file read from disk (the workspace scan, file events), kept light: a workspace holds thousands.
 * Its findings are packed (strings shared across files, numbers in one typed array: ~45 bytes a finding instead of
 * ~240 as objects, see BENCHMARKS.md); the report without fixes (`summary`) and the LSP diagnostics are rebuilt when
 * asked, by the security report, a pull client or a reload. Its text and its report with every fix are loaded from
 * disk when something asks (`text`, `report`: a code action or a hover on a file that is not open), through `load`,
 * which caches the last few (`Linter.complete`).
 */
export class DiskEntry implements Entry {
  readonly version = null;
  private readonly reportPath: string;
  /** Why the file was not analysed, if it was not. */
  readonly skipped: string | null;
  /** Per finding: rule id, message, threat. */
  private readonly strings: (string | null)[];
  /** Per finding: severity, then its range's start line and character and end line and character. */
  private readonly numbers: Int32Array;
  /** Related locations, by finding index (few findings have them). */
  private related?: Map<number, NonNullable<Diagnostic['related']>>;
  /** A group's aspects, by finding index, without fixes (the few group findings). */
  private aspects?: Map<number, Diagnostic[]>;

  constructor(
    readonly key: FileKey,
    readonly uri: string,
    readonly path: string | undefined,
    readonly folder: string | undefined,
    readonly kind: FileKind,
    /** The analysis, without fixes (they are not kept). */
    report: FileReport,
    readonly reads: Set<string>,
    readonly resultId: string,
    private readonly load: (entry: DiskEntry) => Entry,
    intern: (text: string) => string = (text) => text,
  ) {
    this.reportPath = report.path;
    this.skipped = report.skipped;
    const count = report.diagnostics.length;
    this.strings = new Array<string | null>(count * 3);
    this.numbers = new Int32Array(count * 5);
    report.diagnostics.forEach((d, i) => {
      // Interned: a report from a scan worker arrives as a copy, every string its own.
      this.strings[i * 3] = intern(d.ruleId);
      this.strings[i * 3 + 1] = intern(d.message);
      this.strings[i * 3 + 2] = d.threat === null ? null : intern(d.threat);
      const n = i * 5;
      this.numbers[n] = SEVERITIES.indexOf(d.severity);
      this.numbers[n + 1] = d.range.start.line;
      this.numbers[n + 2] = d.range.start.character;
      this.numbers[n + 3] = d.range.end.line;
      this.numbers[n + 4] = d.range.end.character;
      if (d.related?.length) (this.related ??= new Map()).set(i, d.related);
      if (d.aspects?.length) (this.aspects ??= new Map()).set(i, d.aspects.map(withoutFixes));
    });
  }

  /** What was found, without fixes: for the security report and for checking a reload. A new object at each call. */
  get summary(): FileReport {
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < this.strings.length / 3; i++) {
      const n = this.numbers.subarray(i * 5, i * 5 + 5);
      const related = this.related?.get(i);
      const aspects = this.aspects?.get(i);
      diagnostics.push({
        ruleId: this.strings[i * 3]!,
        severity: SEVERITIES[n[0]],
        message: this.strings[i * 3 + 1]!,
        range: { start: { line: n[1], character: n[2] }, end: { line: n[3], character: n[4] } },
        threat: this.strings[i * 3 + 2] as Diagnostic['threat'],
        fixes: [],
        ...(related ? { related } : {}),
        ...(aspects ? { aspects } : {}),
      });
    }
    return { path: this.reportPath, kind: this.kind, skipped: this.skipped, diagnostics };
  }

  /** The LSP diagnostics, as published. A new array at each call. */
  get diagnostics(): LspDiagnostic[] {
    const summary = this.summary;
    return summary.skipped
      ? [skippedDiagnostic(summary.skipped)]
      : toLspDiagnostics(summary, { uri: this.uri, path: this.path, folder: this.folder });
  }

  get text(): string {
    return this.load(this).text;
  }

  get report(): FileReport {
    return this.load(this).report;
  }
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A diagnostic's fields without its fixes, read one by one: spreading a lazy diagnostic would compute them. */
function withoutFixes(d: Diagnostic): Diagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    range: d.range,
    threat: d.threat,
    fixes: [],
    ...(d.related?.length ? { related: d.related } : {}),
  };
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

  /** How many files have a result, and how many of them were skipped (without loading any from disk). */
  counts(): { files: number; skipped: number } {
    let skipped = 0;
    for (const entry of this.entries.values())
      if (entry instanceof DiskEntry ? entry.skipped : entry.report.skipped) skipped++;
    return { files: this.entries.size, skipped };
  }

  /** Called after each change of the entries (the status item's totals). */
  onChange: () => void = () => undefined;

  set(entry: Entry): void {
    this.entries.set(entry.key, entry);
    this.onChange();
    this.publish(entry.uri, entry.diagnostics, entry.version);
  }

  delete(key: FileKey): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.onChange();
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

  /** The files whose last analysis read `path`, or listed a folder it is in (reads ending in the separator). */
  dependents(path: string): Entry[] {
    return this.all().filter(
      (entry) => entry.reads.has(path) || [...entry.reads].some((read) => read.endsWith(sep) && path.startsWith(read)),
    );
  }

  /** Resolves on the next change of any diagnostics (pull mode's long-poll). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private publish(uri: string, diagnostics: LspDiagnostic[], version: number | null): void {
    if (this.mode === 'push') {
      this.connection
        .sendDiagnostics({ uri, diagnostics, ...(version !== null ? { version } : {}) })
        .catch((error: unknown) => {
          this.log.error(`Could not publish diagnostics for ${uri}`, error);
        });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
