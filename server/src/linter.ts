import { parseFile, skipReason, type FileReport } from '../../shared/src/engine';
import type { FileKind } from '../../shared/src/types';
import type { Analyzer } from './analysis';
import type { Configuration } from './configuration';
import type { FileKey } from './paths';
import type { DiagnosticsStore, Entry } from './store';
import { skippedDiagnostic, toLspDiagnostics } from './to-lsp';
import type { Logger } from './log';

/** `FileReport.skipped` of a file whose kind the engine cannot parse yet: known, but nothing to show. */
export const UNSUPPORTED_KIND = 'not supported yet';

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
  private unsupportedLogged = new Set<FileKind>();

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

  lint(target: LintTarget, text: string): Entry | undefined {
    if (!this.wants(target.path)) {
      this.store.delete(target.key);
      return undefined;
    }
    const config = this.config.forFile(target.path);
    const skipped = skipReason(text, Buffer.byteLength(text, 'utf8'), config.engine);
    if (skipped) return this.skipped(target, skipped);
    if (!canParse(target.kind)) {
      if (!this.unsupportedLogged.has(target.kind)) this.log.info(`${target.kind} files are not analysed by this version of Bulkhead yet`);
      this.unsupportedLogged.add(target.kind);
      return this.save(target, text, { path: target.path ?? target.uri, kind: target.kind, skipped: UNSUPPORTED_KIND, diagnostics: [] }, new Set(), []);
    }
    const { report, reads } = this.analyzer.run({ ...target, text, config });
    const diagnostics = report.skipped
      ? [skippedDiagnostic(report.skipped)]
      : toLspDiagnostics(report, { uri: target.uri, path: target.path, folder: config.folder, version: target.version });
    return this.save(target, text, report, reads, diagnostics);
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

  private save(target: LintTarget, text: string, report: FileReport, reads: Set<string>, diagnostics: Entry['diagnostics']): Entry {
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

const parsable = new Map<FileKind, boolean>();

/** Whether the engine has a parser for the kind (Compose support arrives with its own module). */
function canParse(kind: FileKind): boolean {
  let known = parsable.get(kind);
  if (known === undefined) {
    try {
      known = parseFile(kind, '', kind === 'compose' ? 'compose.yaml' : 'Dockerfile') !== undefined;
    } catch {
      known = true; // a parser that dislikes empty text is still a parser
    }
    parsable.set(kind, known);
  }
  return known;
}
