import { closeSync, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import type { BulkheadConfig } from '../../shared/src/config';
import { skipReason } from '../../shared/src/engine';
import { decodeBytes, type DecodedText } from '../../shared/src/io/decode';
import { describeFsError } from './fs-errors';

/** `bytes` and `stats` as read: `--fix` writes only over a file that still holds them. */
export type SourceFile = { decoded: DecodedText; stats: Stats; bytes: Uint8Array; skipped?: undefined } | { skipped: string };

/**
 * Reads and decodes a file, or says why not: unreadable, too large (checked before reading, so a huge file costs
 * nothing), binary. Never throws.
 */
export function readSource(path: string, config: BulkheadConfig): SourceFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { skipped: `cannot read the file (${describeFsError(error)})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { skipped: 'not a regular file' };
    const tooLarge = skipReason('', stats.size, config);
    if (tooLarge) return { skipped: tooLarge };
    const bytes = readFileSync(fd);
    const decoded = decodeBytes(bytes);
    const unfit = skipReason(decoded.text, bytes.length, config);
    if (unfit) return { skipped: unfit };
    return { decoded, stats, bytes };
  } catch (error) {
    return { skipped: `cannot read the file (${describeFsError(error)})` };
  } finally {
    closeSync(fd);
  }
}
