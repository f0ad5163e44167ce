import { resolve } from 'node:path';
import type { BulkheadConfig } from '../../shared/src/config';
import { analyzeText } from '../../shared/src/engine';
import { fingerprintDiagnostics } from '../../shared/src/baseline/fingerprint';
import { fixAll } from '../../shared/src/fix-all';
import { listFolderWithin, readFileWithin, type ReadRoots } from '../../shared/src/io/read-file';
import type { ReadOutcome, WorkspaceReader } from '../../shared/src/context';
import type { Diagnostic, FileKind, Severity } from '../../shared/src/types';
import { writeFixedFile } from './fix';
import { isInside } from '../../shared/src/io/read-file';
import { readSource } from './read';
import type { Target } from './walk';

export interface ScannedFile {
  /** Relative to the working directory, `/`-separated. */
  path: string;
  kind: FileKind;
  skipped: string | null;
  diagnostics: Diagnostic[];
  /** With `--fix`: the fixes applied and written. */
  fixed: { ruleId: string; title: string }[];
  /** With `--fix`: why fixes found for this file were not written. */
  fixError?: string;
  /** Diagnostics with a safe fix, counted before fixes were dropped (see `ScanOptions.keepFixes`). */
  fixable?: number;
  /** With `ScanOptions.fingerprints`: each diagnostic's (`fingerprintDiagnostics`), in the same order. */
  fingerprints?: string[];
}

export interface ScanOptions {
  config: BulkheadConfig;
  cwd: string;
  fix: boolean;
  /** The folders files are read in (`scanRoots`): nothing elsewhere is read, links included. */
  roots: ReadRoots;
  /** Keep each diagnostic's fixes in the result (the JSON and SARIF reports print them); default true. */
  keepFixes?: boolean;
  /**
   * With `fix`: the real paths of the scanned folders (a PATH that names a file: its folder). A fix is written only to a
   * file inside one, so a symbolic link never leads `--fix` to write outside what it was asked to scan.
   */
  fixRoots?: readonly string[];
  /** Fingerprint each diagnostic (a baseline, SARIF's `partialFingerprints`). */
  fingerprints?: boolean;
}

/** Reads, analyses and (with `fix`) fixes each target. One file's trouble never stops the others. */
export function scanTargets(targets: readonly Target[], options: ScanOptions): ScannedFile[] {
  const context = fileContext(options);
  return targets.map((target) => scanTarget(target, options, context));
}

/** One target, as `scanTargets` does it; `context` from `fileContext`. */
export function scanTarget(
  target: Target,
  options: ScanOptions,
  context: WorkspaceReader = fileContext(options),
): ScannedFile {
  const [file, text] = scanAndFix(target, options, context);
  if (options.fingerprints && text !== undefined)
    file.fingerprints = fingerprintDiagnostics(file.kind, text, file.diagnostics);
  file.fixable = file.diagnostics.filter((d) => d.fixes.some((f) => f.safe)).length;
  // The text report only counts what is fixable: a report of thousands of files need not hold every fix.
  if (options.keepFixes === false) for (const d of file.diagnostics) d.fixes = NO_FIXES;
  // The same messages repeat across files (the same unpinned package, the same missing limit): one string each.
  for (const d of file.diagnostics) d.message = intern(d.message);
  return file;
}

const NO_FIXES: Diagnostic['fixes'] = Object.freeze([]) as unknown as Diagnostic['fixes'];
const messages = new Map<string, string>();

function intern(text: string): string {
  const known = messages.get(text);
  if (known !== undefined) return known;
  messages.set(text, text);
  return text;
}

/** The scanned file, and the text its diagnostics are about (after `--fix`, the fixed text). */
function scanAndFix(target: Target, options: ScanOptions, context: WorkspaceReader): [ScannedFile, string?] {
  const base: ScannedFile = { path: target.display, kind: target.kind, skipped: null, diagnostics: [], fixed: [] };
  if (target.skipped) return [{ ...base, skipped: target.skipped }];
  const source = readSource(target.real, options.config, options.roots);
  if (source.skipped !== undefined) return [{ ...base, skipped: source.skipped }];
  const { text, encoding } = source.decoded;
  // readSource tested the file's size and bytes under the same config.
  const analyzeOptions = { config: options.config, context, fitChecked: true };
  if (!options.fix) {
    const report = analyzeText(target.display, text, target.kind, analyzeOptions);
    return [{ ...base, skipped: report.skipped, diagnostics: report.diagnostics }, text];
  }
  const result = fixAll(target.display, text, target.kind, analyzeOptions);
  if (result.text === text)
    return [{ ...base, skipped: result.report.skipped, diagnostics: result.report.diagnostics }, text];
  const outside = !options.fixRoots?.some((root) => isInside(target.real, root));
  const writeError = outside
    ? `not fixed: it is a symbolic link to ${target.real}, outside the scanned folders`
    : writeFixedFile(target.real, result.text, encoding, source);
  if (writeError) {
    // The file is as it was: report its problems as they are in it.
    const report = analyzeText(target.display, text, target.kind, analyzeOptions);
    return [{ ...base, skipped: report.skipped, diagnostics: report.diagnostics, fixError: writeError }, text];
  }
  return [
    { ...base, skipped: result.report.skipped, diagnostics: result.report.diagnostics, fixed: result.applied },
    result.text,
  ];
}

/**
 * Lets a rule read another file of the scanned folders (a compose service's Dockerfile), under the same limits as a
 * scanned file, and say why one was not read.
 */
export function fileContext(options: ScanOptions): WorkspaceReader {
  const readFileResult = (path: string): ReadOutcome => {
    const read = readFileWithin(resolve(options.cwd, path), {
      roots: options.roots,
      maxFileSize: options.config.maxFileSize,
    });
    return read.notRead === undefined ? { text: read.text } : { notRead: read.notRead, absent: read.absent };
  };
  return {
    readFileResult,
    readFile: (path) => readFileResult(path).text,
    listFolder: (path) => listFolderWithin(resolve(options.cwd, path), options.roots),
  };
}

/** Everything a report format needs. */
export interface ScanReport {
  files: ScannedFile[];
  /** Folders not read and the like. */
  notices: string[];
  cwd: string;
  /** Problems at or above it fail the run. */
  threshold: Severity;
  /** Whether `--fix` ran. */
  fixed: boolean;
  /** With a baseline: the findings it accepted (left out of `files`), and those it lists that are gone. */
  baseline?: { path: string; baselined: number; fixedSince: number };
  /** With `--changed-since`: the ref, and the findings left out because their lines did not change. */
  changedSince?: { ref: string; unchanged: number };
}
