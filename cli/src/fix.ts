import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { encodeText, UnencodableTextError, type TextEncodingInfo } from '../../shared/src/io/decode';
import { describeFsError } from '../../shared/src/io/fs-errors';

/**
 * Writes a fixed text back over the file it came from, in the file's own encoding and BOM, atomically: a temporary file
 * beside it, then a rename, so a crash or a full disk leaves the old file or the new one, never half of each.
 * Returns why it did not write, or undefined when it did.
 */
export function writeFixedFile(path: string, text: string, encoding: TextEncodingInfo, readStats: Stats): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = encodeText(text, encoding);
  } catch (error) {
    if (error instanceof UnencodableTextError) return `not written: the fixed text has a character the file's encoding cannot store (${error.message})`;
    throw error;
  }
  try {
    const now = statSync(path);
    if (now.mtimeMs !== readStats.mtimeMs || now.size !== readStats.size) return 'not written: the file changed while it was being fixed';
  } catch (error) {
    return `not written: ${describeFsError(error)}`;
  }
  const temporary = join(dirname(path), `.${basename(path)}.bulkhead-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: 'wx', mode: readStats.mode & 0o7777 });
    // The creation mode is masked by the umask; the fixed file keeps exactly the permissions it had.
    chmodSync(temporary, readStats.mode & 0o7777);
    renameSync(temporary, path);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created, or is already gone.
    }
    return `not written: ${describeFsError(error)}`;
  }
}
