import { statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BulkheadConfig } from '../../shared/src/config';
import type { DecodedText } from '../../shared/src/io/decode';
import { readFileWithin, readRoots, type ReadRoots } from '../../shared/src/io/read-file';

/** `bytes` and `stats` as read: `--fix` writes only over a file that still holds them. */
export type SourceFile =
  { decoded: DecodedText; stats: Stats; bytes: Uint8Array; skipped?: undefined } | { skipped: string };

/**
 * The folders the CLI reads in: each PATH on the command line (the folder of a PATH that is a file, whose `.env` and
 * Dockerfiles sit beside it), widened to the Git work tree that holds it, so `cd deploy && bulkhead .` still reads the
 * `../app` a service builds in the same repository. Not the working directory as such: `cd / && bulkhead ~/app` must
 * not let `~/app` reach `/etc`. Anything else a scanned file names is `not read: outside the scanned folders`.
 */
export function scanRoots(paths: readonly string[], cwd: string): ReadRoots {
  const folders = paths.map((path) => {
    const absolute = resolve(cwd, path);
    const folder =
      statSync(absolute, { throwIfNoEntry: false })?.isDirectory() === false ? dirname(absolute) : absolute;
    return enclosingWorkTree(folder) ?? folder;
  });
  return readRoots(folders, 'outside the scanned folders');
}

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a file in a linked work tree). */
function enclosingWorkTree(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    try {
      if (statSync(join(dir, '.git'), { throwIfNoEntry: false })) return dir;
    } catch {
      // Unreadable on the way up: no work tree found there.
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads and decodes a file, or says why not: outside the roots, not a regular file, unreadable, too large (checked
 * before reading, so a huge file costs nothing), binary. Never throws, never blocks.
 */
export function readSource(path: string, config: BulkheadConfig, roots: ReadRoots): SourceFile {
  const read = readFileWithin(path, { roots, maxFileSize: config.maxFileSize });
  if (read.notRead === undefined) return { decoded: read.decoded, stats: read.stats, bytes: read.bytes };
  return { skipped: read.unfit ? read.notRead : `cannot read the file (${read.notRead})` };
}
