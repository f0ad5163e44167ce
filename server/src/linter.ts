import type { FileReport } from '../../shared/src/engine';
import { textSkipReason } from '../../shared/src/file-fit';
import type { FileKind } from '../../shared/src/types';
import type { Analyzer } from './analysis';
import type { Configuration } from './configuration';
import { readForAnalysisSync } from './files';
import type { FileKey } from './paths';
import { DiskEntry, type DiagnosticsStore, type Entry } from './store';
import { skippedDiagnostic, toLspDiagnostics } from './to-lsp';
import type { Logger } from './log';

const NO_READS: ReadonlySet<string> = new Set();
/** Full entries (text, report with fixes) of files read from disk, loaded for code actions and hovers: the last few. */
const LOADED_ENTRIES = 16;
/** Interned messages kept at most: past this the table starts again (it must not grow with every edit of a session). */
const MAX_INTERNED = 100_000;

/** `FileReport.skipped` of a file whose kind the engine cannot parse yet: known, but nothing to show. */

export interface LintTarget {
  key: FileKey;
  uri: string;
  path?: string;
  kind: FileKind;
  /** The open document's version, or null for a file read from disk. */
  version: number | null;
}

/**
 * From a file's text to its stored, published diagnostics, whatever the file's origin (an open document or the
 * workspace scan): configuration, excludes, the size and binary checks, the analysis, the LSP shape.
 */
export class Linter {
  private loaded = new Map<DiskEntry, Entry>();
  private strings = new Map<string, string>();

  constructor(
    private readonly config: Configuration,
    private readonly analyzer: Analyzer,
    private readonly store: DiagnosticsStore,
    private readonly log: Logger,
  ) {}

  /** Whether the file is analysed at all: enabled, and not excluded by `bulkhead.exclude` or `.bulkhead.yaml`. */
  wants(path: string | undefined): boolean {
    const config = this.config.forFile(path);
    return config.settings.enable && !(path && this.config.isExcluded(path, config, false));
  }

  /** `fitChecked`: the text was read through files.ts, which applied the size and binary test (file-fit.ts). */
  lint(target: LintTarget, text: string, fitChecked = false): Entry | undefined {
    if (!this.wants(target.path)) {
      this.store.delete(target.key);
      return undefined;
    }
    const config = this.config.forFile(target.path);
    const skipped = fitChecked ? null : textSkipReason(text, config.engine);
    if (skipped) return this.skipped(target, skipped);
    // An open document's fixes are computed when a code action reads them; a file read from disk lists its problems,
    // and its fixes come from a new analysis when a code action asks (`complete`).
    const fromDisk = target.version === null;
    const { report, reads } = this.analyzer.run({
      ...target,
      text,
      config,
      fixes: fromDisk ? false : 'lazy',
      fitChecked: true,
    });
    if (fromDisk) return this.saveFromDisk(target, report, reads);
    const diagnostics = report.skipped
      ? [skippedDiagnostic(report.skipped)]
      : toLspDiagnostics(report, { uri: target.uri, path: target.path, folder: config.folder });
    return this.save(target, text, report, reads, diagnostics);
  }

  /** A workspace scan worker's result for a file read from disk (reported without fixes). */
  accept(target: LintTarget & { path: string }, report: FileReport, reads: readonly string[]): Entry | undefined {
    if (!this.wants(target.path)) {
      this.store.delete(target.key);
      return undefined;
    }
    return this.saveFromDisk(target, report, new Set(reads));
  }

  /**
   * The entry with its text and its report with every fix: what code actions and hovers need. An entry of a file read
   * from disk keeps neither, so the file is read and analysed again (the last few are cached). When the file changed on
   * disk since its diagnostics were published, the new result is stored and published, and returned.
   */
  complete(entry: Entry): Entry {
    if (!(entry instanceof DiskEntry)) return entry;
    const cached = this.loaded.get(entry);
    if (cached) {
      this.loaded.delete(entry);
      this.loaded.set(entry, cached);
      return cached;
    }
    const full = this.load(entry);
    this.loaded.set(entry, full);
    if (this.loaded.size > LOADED_ENTRIES) this.loaded.delete(this.loaded.keys().next().value!);
    return full;
  }

  private load(entry: DiskEntry): Entry {
    const asStored = (text: string, report: FileReport): Entry => ({
      key: entry.key,
      uri: entry.uri,
      path: entry.path,
      folder: entry.folder,
      kind: entry.kind,
      version: null,
      text,
      report,
      diagnostics: entry.diagnostics,
      reads: entry.reads,
      resultId: entry.resultId,
    });
    // Unpacked once: each reading of `summary` rebuilds it.
    const summary = entry.summary;
    if (summary.skipped || !entry.path) return asStored('', summary);
    const config = this.config.forFile(entry.path);
    const read = readForAnalysisSync(entry.path, config);
    if (!('text' in read))
      return asStored('', { ...summary, skipped: 'missing' in read ? read.missing : read.skipped });
    const { report, reads } = this.analyzer.run({
      key: entry.key,
      uri: entry.uri,
      path: entry.path,
      kind: entry.kind,
      text: read.text,
      version: null,
      config,
      fitChecked: true,
    });
    if (sameFindings(summary, report)) return asStored(read.text, report);
    // Changed on disk since the scan (the watcher's event is on its way, or there is no watcher): show the new result.
    const target: LintTarget = { key: entry.key, uri: entry.uri, path: entry.path, kind: entry.kind, version: null };
    const stored = this.saveFromDisk(target, report, reads);
    return {
      ...asStored(read.text, report),
      diagnostics: stored.diagnostics,
      reads: stored.reads,
      resultId: stored.resultId,
    };
  }

  private saveFromDisk(target: LintTarget, report: FileReport, reads: Set<string>): DiskEntry {
    const config = this.config.forFile(target.path);
    report.path = target.path ?? target.uri;
    const entry = new DiskEntry(
      target.key,
      target.uri,
      target.path,
      config.folder,
      target.kind,
      report,
      reads.size ? reads : (NO_READS as Set<string>),
      this.store.nextResultId(),
      (e) => this.complete(e),
      (text) => this.intern(text),
    );
    this.store.set(entry);
    return entry;
  }

  /** Messages repeat across files (the same unpinned package, the same missing limit): one string each. */
  private intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size >= MAX_INTERNED) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }

  /** A file not read at all (too large, binary): one informational diagnostic says why. */
  skipped(target: LintTarget, reason: string): Entry | undefined {
    if (!this.wants(target.path)) {
      this.store.delete(target.key);
      return undefined;
    }
    this.log.info(`Skipped ${target.path ?? target.uri}: ${reason}`);
    const report: FileReport = { path: target.path ?? target.uri, kind: target.kind, skipped: reason, diagnostics: [] };
    return this.save(target, '', report, new Set(), [skippedDiagnostic(reason)]);
  }

  private save(
    target: LintTarget,
    text: string,
    report: FileReport,
    reads: Set<string>,
    diagnostics: Entry['diagnostics'],
  ): Entry {
    const entry: Entry = {
      ...target,
      folder: this.config.forFile(target.path).folder,
      text,
      report,
      diagnostics,
      reads,
      resultId: this.store.nextResultId(),
    };
    this.store.set(entry);
    return entry;
  }
}

/** Whether a reanalysis found what the stored report lists, in the same order (its fixes then pair with the diagnostics). */
function sameFindings(stored: FileReport, fresh: FileReport): boolean {
  if (stored.skipped !== fresh.skipped || stored.diagnostics.length !== fresh.diagnostics.length) return false;
  return stored.diagnostics.every((d, i) => {
    const e = fresh.diagnostics[i];
    return (
      d.ruleId === e.ruleId &&
      d.message === e.message &&
      d.range.start.line === e.range.start.line &&
      d.range.start.character === e.range.start.character &&
      d.range.end.line === e.range.end.line &&
      d.range.end.character === e.range.end.character
    );
  });
}
