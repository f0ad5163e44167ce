import { dirname, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import {
  BASELINE_FILE_NAME,
  BASELINE_MAX_SIZE,
  formatBaseline,
  parseBaseline,
  type Baseline,
} from '../../shared/src/baseline/file';
import { splitByBaseline } from '../../shared/src/baseline/filter';
import { readFileWithin, readRoots } from '../../shared/src/io/read-file';
import { relativeTo } from './paths';
import type { ScannedFile } from './scan';

/** A baseline that cannot be used as asked: exit 2 with the message. */
export class BaselineError extends Error {}

export interface LoadedBaseline {
  /** As given or found, for messages and reports. */
  path: string;
  /** Entry paths are relative to it. */
  folder: string;
  baseline: Baseline;
}

/** Where `bulkhead baseline` writes and `bulkhead scan` looks: beside `.bulkhead.yaml`, in the scanned root. */
export function defaultBaselinePath(root: string): string {
  return join(root, BASELINE_FILE_NAME);
}

/**
 * The baseline to apply: `--baseline FILE` (which must exist), else the scanned root's `.bulkhead-baseline.json` when
 * there is one. Read through the project's reader: a FIFO there must not block the run, nor a huge file fill memory.
 */
export function loadBaseline(
  given: string | undefined,
  root: string,
  cwd: string,
  displayed: (absolute: string) => string,
): LoadedBaseline | undefined {
  const absolute = given !== undefined ? resolve(cwd, given) : defaultBaselinePath(root);
  const folder = dirname(absolute);
  const read = readFileWithin(absolute, { roots: readRoots([folder]), maxFileSize: BASELINE_MAX_SIZE });
  const path = given ?? displayed(absolute);
  if (read.notRead !== undefined) {
    if (read.absent && given === undefined) return undefined;
    throw new BaselineError(`cannot read the baseline ${path} (${read.notRead})`);
  }
  const parsed = parseBaseline(read.text);
  if ('error' in parsed) throw new BaselineError(`${path}: ${parsed.error}`);
  return { path, folder, baseline: parsed.baseline };
}

/** A scanned file's path as a baseline names it: relative to the baseline's folder, `/`-separated. */
export function baselinePathOf(file: Pick<ScannedFile, 'path'>, folder: string, cwd: string): string {
  return relativeTo(folder, resolve(cwd, file.path));
}

/**
 * Leaves out of `files` the findings the baseline accepts. Returns how many it left out, and how many the baseline
 * lists that are gone: in a scanned file, or in a file that no longer exists (a file merely not scanned this time is
 * not counted).
 */
export function applyBaseline(
  files: ScannedFile[],
  loaded: LoadedBaseline,
  cwd: string,
): { baselined: number; fixedSince: number } {
  const { baseline, folder } = loaded;
  let baselined = 0;
  let fixedSince = 0;
  const scanned = new Set<string>();
  for (const file of files) {
    const path = baselinePathOf(file, folder, cwd);
    if (file.skipped !== null) continue;
    scanned.add(path);
    const split = splitByBaseline(baseline, path, file.diagnostics, file.fingerprints ?? []);
    file.diagnostics = split.fresh;
    file.fingerprints = split.freshFingerprints;
    baselined += split.baselined;
    fixedSince += (baseline.counts.get(path) ?? 0) - split.baselined;
  }
  for (const [path, count] of baseline.counts) {
    if (scanned.has(path)) continue;
    if (!statSync(resolve(folder, path), { throwIfNoEntry: false })) fixedSince += count;
  }
  return { baselined, fixedSince };
}

/** The baseline file's text for these scanned files. */
export function baselineText(files: readonly ScannedFile[], folder: string, cwd: string): string {
  return formatBaseline(
    files.flatMap((file) => {
      const path = baselinePathOf(file, folder, cwd);
      return file.diagnostics.map((d, i) => ({
        path,
        rule: d.ruleId,
        fingerprint: file.fingerprints?.[i] ?? '',
        message: d.message,
      }));
    }),
  );
}
