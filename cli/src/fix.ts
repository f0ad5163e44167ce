import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { encodeText, UnencodableTextError, type TextEncodingInfo } from '../../shared/src/io/decode';
import { describeFsError } from '../../shared/src/io/fs-errors';

/** The file as `--fix` read it: what it must still be when the fixed text is written over it. */
export interface ReadFile {
  stats: Stats;
  bytes: Uint8Array;
}

export const CHANGED = 'changed since it was read: not fixed';

/** On platforms without it (Windows) links are not followed by an open for writing anyway. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Writes a fixed text back into the file it came from, in the file's own encoding and BOM, in place: the same inode, so
 * its owner, group, mode, hard links and extended attributes stay as they were (a new file renamed over it would
 * belong to whoever runs `--fix`, root in CI, and would split its hard links). Never through a symbolic link.
 *
 * Just before writing, the open file is checked to be the one read: same device and inode, size and modification time,
 * and the same bytes (re-read: one more read of a file under `maxFileSize`, against a save whose timestamp did not
 * move). Otherwise nothing is written. A save that replaces the file (editors save by rename) after that check only
 * orphans what was written: the file the user saved is kept, and reported as not fixed.
 *
 * Only the bytes from the first one that differs are written, then the file is cut to its new length (write, then
 * truncate): the bytes before the first edit are never touched, and the file is never shorter than both versions, so
 * a reader never sees it empty. A crash in between can leave the new beginning with the old end, which the next run
 * reports; truncating first could leave it empty, or cut short, which is worse. Fixes are a few bytes in files under
 * `maxFileSize`: one write call, in practice.
 *
 * Returns why it did not write, or undefined when it did. `beforeWrite` is for tests: a save that lands then.
 */
export function writeFixedFile(
  path: string,
  text: string,
  encoding: TextEncodingInfo,
  read: ReadFile,
  beforeWrite?: () => void,
): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = encodeText(text, encoding);
  } catch (error) {
    if (error instanceof UnencodableTextError)
      return `not fixed: the fixed text has a character the file's encoding cannot store (${error.message})`;
    throw error;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return `${CHANGED} (it is now a symbolic link)`;
    return `not fixed: ${describeFsError(error)}`;
  }
  try {
    const now = fstatSync(fd);
    if (
      !sameFile(now, read.stats) ||
      now.size !== read.stats.size ||
      now.mtimeMs !== read.stats.mtimeMs ||
      !holds(fd, read.bytes)
    )
      return CHANGED;
    beforeWrite?.();
    const start = commonPrefix(read.bytes, bytes);
    writeAll(fd, bytes, start);
    if (bytes.length !== read.bytes.length) ftruncateSync(fd, bytes.length);
    // Replaced (not written into) since it was opened: what was written went to the file that is gone.
    if (!sameFile(lstatSync(path, { throwIfNoEntry: false }), now))
      return `${CHANGED} (it was replaced while being fixed)`;
    return undefined;
  } catch (error) {
    return `not fixed: ${describeFsError(error)}`;
  } finally {
    closeSync(fd);
  }
}

function sameFile(a: Stats | undefined, b: Stats): boolean {
  return a !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** Whether the open file holds exactly `expected` (one byte more is read, to notice a file that grew). */
function holds(fd: number, expected: Uint8Array): boolean {
  const buffer = Buffer.alloc(expected.length + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, length);
    if (n === 0) break;
    length += n;
    if (length === buffer.length) break;
  }
  return length === expected.length && buffer.subarray(0, length).equals(expected);
}

function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  const end = Math.min(a.length, b.length);
  let i = 0;
  while (i < end && a[i] === b[i]) i++;
  return i;
}

function writeAll(fd: number, bytes: Uint8Array, from: number): void {
  let at = from;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at, at);
}
