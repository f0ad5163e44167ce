import { analyzeText, type AnalyzeOptions, type FileReport } from '../../shared/src/engine';
import { INTERNAL_ERROR } from '../../shared/src/rules/builtin';
import type { FileKind } from '../../shared/src/types';
import { resolve, sep } from 'node:path';
import { isUnder, listFolderWithin, readFileWithin } from '../../shared/src/io/read-file';
import type { FolderListings } from './folder-listings';
import type { ReadOutcome, WorkspaceReader } from '../../shared/src/context';
import { relativePosix, resolveRelated, type FileKey } from './paths';
import { fingerprintDiagnostics } from '../../shared/src/baseline/fingerprint';
import { splitByBaseline } from '../../shared/src/baseline/filter';
import type { FileConfig } from './configuration';
import type { Logger } from './log';

export interface AnalysisInput {
  key: FileKey;
  uri: string;
  path?: string;
  kind: FileKind;
  text: string;
  /** The open document's version, or null for a file read from disk. */
  version: number | null;
  config: Pick<FileConfig, 'engine' | 'folder' | 'roots' | 'baseline'>;
  /**
   * Fixes (see `AnalyzeOptions.fixes`): an open document's are computed when a code action reads them; a file read
   * from disk lists its problems, and its fixes come from a new analysis when a code action asks.
   */
  fixes?: AnalyzeOptions['fixes'];
  /** The text passed the size and binary test already (`AnalyzeOptions.fitChecked`). */
  fitChecked?: boolean;
}

export interface Analysis {
  report: FileReport;
  /** Other files the rules read (a Compose file's Dockerfile): when one changes, this file is analysed again. */
  reads: Set<string>;
}

/**
 * Runs the engine on one text. The engine already turns a throwing rule into one `internal-error` diagnostic; this
 * also logs it, and survives the engine itself throwing, so one file can never take the server down.
 */
export class Analyzer {
  constructor(
    private readonly log: Logger,
    /** The text of an open document, which wins over the file on disk (it may hold unsaved edits). */
    private readonly openText: (path: string) => string | undefined,
    /** Listings kept between analyses where file events keep them true (the server's own thread); none otherwise. */
    private readonly listings?: FolderListings,
  ) {}

  /** Engine options for a file: its configuration, and cross-file reads that prefer open documents. */
  optionsFor(
    input: Omit<AnalysisInput, 'text' | 'version' | 'key' | 'uri' | 'kind'>,
    reads = new Set<string>(),
  ): AnalyzeOptions {
    return {
      config: input.config.engine,
      ...(input.fixes !== undefined ? { fixes: input.fixes } : {}),
      ...(input.fitChecked ? { fitChecked: true } : {}),
      // What a code action or a hover reads (fixes, the parsed text) is kept with a report that has fixes.
      keepModel: input.fixes !== false,
      // An open document (its fixes lazy) is analysed again at its next edit.
      keepParse: input.fixes === 'lazy',
      context: this.contextFor(input, reads),
    };
  }

  /**
   * Cross-file reads within the file's roots (`FileConfig.roots`): an open document wins over the disk, but only at a
   * path the disk read would allow, so an open file outside the workspace is not a way out of it either.
   */
  private contextFor(
    input: Omit<AnalysisInput, 'text' | 'version' | 'key' | 'uri' | 'kind'>,
    reads: Set<string>,
  ): WorkspaceReader {
    const readFileResult = (requested: string): ReadOutcome => {
      if (!input.path) return { notRead: 'the document has no file', absent: true };
      const path = resolveRelated(input.path, requested, input.config.folder);
      reads.add(path);
      const limits = { roots: input.config.roots, maxFileSize: input.config.engine.maxFileSize };
      const open = this.openText(path);
      if (open !== undefined)
        return isUnder(resolve(path), [...limits.roots.given, ...limits.roots.real])
          ? { text: open }
          : { notRead: limits.roots.outside, absent: false };
      const read = readFileWithin(path, limits);
      return read.notRead === undefined ? { text: read.text } : { notRead: read.notRead, absent: read.absent };
    };
    const listFolder = (requested: string) => {
      if (!input.path) return undefined;
      const path = resolveRelated(input.path, requested, input.config.folder);
      // A listed folder is kept as a read ending in the separator: a file created or deleted below it is a change.
      reads.add(`${path.replace(/[/\\]+$/, '')}${sep}`);
      return this.listings
        ? this.listings.listWithin(path, input.config.roots)
        : listFolderWithin(path, input.config.roots);
    };
    return { readFileResult, readFile: (requested) => readFileResult(requested).text, listFolder };
  }

  run(input: AnalysisInput): Analysis {
    const reads = new Set<string>();
    const started = performance.now();
    const name = input.path ?? input.uri;
    let report: FileReport;
    try {
      report = analyzeText(name, input.text, input.kind, this.optionsFor(input, reads));
    } catch (error) {
      this.log.error(`Analysis of ${name} failed`, error);
      report = {
        path: name,
        kind: input.kind,
        skipped: 'Bulkhead failed on this file (see the Bulkhead log)',
        diagnostics: [],
      };
    }
    for (const d of report.diagnostics) if (d.ruleId === INTERNAL_ERROR.id) this.log.error(`${name}: ${d.message}`);
    const { baseline, folder } = input.config;
    if (baseline && folder !== undefined && input.path !== undefined && report.diagnostics.length) {
      // What the folder's baseline accepts is not published (README: "Adopting Bulkhead on an existing codebase").
      const fingerprints = fingerprintDiagnostics(input.kind, input.text, report.diagnostics);
      report.diagnostics = splitByBaseline(
        baseline,
        relativePosix(folder, input.path),
        report.diagnostics,
        fingerprints,
      ).fresh;
    }
    this.log.debug(
      () =>
        `Analysed ${name}${input.version !== null ? ` v${input.version}` : ''} in ${(performance.now() - started).toFixed(1)} ms: ${report.diagnostics.length} diagnostics`,
    );
    return { report, reads };
  }
}
