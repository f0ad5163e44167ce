import { readFileWithin } from '../../shared/src/io/read-file';
import type { FileConfig } from './configuration';

/** A workspace file's text; why it is not analysed (`skipped`, shown); or that it is not there (`missing`, forgotten). */
export type ReadResult = { text: string } | { skipped: string } | { missing: string };

/**
 * Reads a workspace file for analysis through the core reader (shared/src/io/read-file.ts), as the CLI does: inside
 * the workspace folders only (a link `Dockerfile -> /etc/shadow` is skipped, never published), never a FIFO, the size
 * checked before reading. Encodings are those the CLI reads (UTF-8, UTF-16 with BOM, latin1).
 */
export function readForAnalysisSync(path: string, config: Pick<FileConfig, 'engine' | 'roots'>): ReadResult {
  const read = readFileWithin(path, { roots: config.roots, maxFileSize: config.engine.maxFileSize });
  if (read.notRead === undefined) return { text: read.text };
  if (read.absent) return { missing: read.notRead };
  return { skipped: read.unfit ? read.notRead : `not read: ${read.notRead}` };
}

/** The same, for callers that await (the security report); the read itself is bounded and never blocks. */
export async function readForAnalysis(path: string, config: Pick<FileConfig, 'engine' | 'roots'>): Promise<ReadResult> {
  return readForAnalysisSync(path, config);
}
