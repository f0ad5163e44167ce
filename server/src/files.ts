import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { decodeBytes } from '../../shared/src/io/decode';
import { skipReason } from '../../shared/src/engine';
import type { BulkheadConfig } from '../../shared/src/config';

export type ReadResult = { text: string; size: number } | { skipped: string; size: number } | { missing: string };

/**
 * Reads a workspace file for analysis. The size is checked before reading, so a 10 MB file costs a `stat`, not a
 * read; binary content is found in the first bytes. Encodings are those the CLI reads (UTF-8, UTF-16 with BOM, latin1).
 */
export async function readForAnalysis(path: string, config: BulkheadConfig): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { missing: 'not a regular file' };
    const tooLarge = skipReason('', info.size, config);
    if (tooLarge) return { skipped: tooLarge, size: info.size };
    return fromBytes(await readFile(path), config);
  } catch (error) {
    return { missing: describeFsError(error) };
  }
}

/** The same, synchronously: for a rule that reads another file in the middle of an analysis. */
export function readForAnalysisSync(path: string, config: BulkheadConfig): ReadResult {
  try {
    // A rule asks for files that often do not exist (the Dockerfile of every `build:` context), at every keystroke: an
    // answer without an exception, whose stack trace cost more than the read.
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return { missing: 'no such file' };
    if (!info.isFile()) return { missing: 'not a regular file' };
    const tooLarge = skipReason('', info.size, config);
    if (tooLarge) return { skipped: tooLarge, size: info.size };
    return fromBytes(readFileSync(path), config);
  } catch (error) {
    return { missing: describeFsError(error) };
  }
}

function fromBytes(bytes: Uint8Array, config: BulkheadConfig): ReadResult {
  const { text } = decodeBytes(bytes);
  const skipped = skipReason(text, bytes.length, config);
  return skipped ? { skipped, size: bytes.length } : { text, size: bytes.length };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
