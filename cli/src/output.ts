import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { showControls } from '../../shared/src/visible-controls';
import { describeFsError } from '../../shared/src/io/fs-errors';

/**
 * Writes the report to standard output or `--output FILE`. Never `process.exit()` after this: a large report written
 * to a pipe is still being flushed, and exiting would cut it short; callers set `process.exitCode` and return.
 * Returns an error message when the file cannot be written.
 */
export function writeReport(text: string, outputPath: string | undefined, cwd: string): string | undefined {
  if (outputPath === undefined) {
    process.stdout.write(text);
    return undefined;
  }
  try {
    writeFileSync(resolve(cwd, outputPath), text);
    return undefined;
  } catch (error) {
    return `cannot write ${outputPath} (${describeFsError(error)})`;
  }
}

/** Pieces are gathered up to this size before each write: one write per diagnostic would cost a system call each. */
const CHUNK = 1 << 20;

/**
 * As `writeReport`, for a report written in pieces (`produce` calls `write` for each): the whole text is never held.
 * Returns an error message when the file cannot be written.
 */
export function writeReportInPieces(
  produce: (write: (piece: string) => void) => void,
  outputPath: string | undefined,
  cwd: string,
): string | undefined {
  let fd: number | undefined;
  try {
    if (outputPath !== undefined) fd = openSync(resolve(cwd, outputPath), 'w');
    let pending = '';
    const flush = () => {
      if (fd === undefined) process.stdout.write(pending);
      else writeSync(fd, pending);
      pending = '';
    };
    produce((piece) => {
      pending += piece;
      if (pending.length >= CHUNK) flush();
    });
    flush();
    return undefined;
  } catch (error) {
    if (outputPath === undefined) throw error;
    return `cannot write ${outputPath} (${describeFsError(error)})`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A reader that stops early (`bulkhead | head`) is not an error of ours: stop writing, keep the exit status. */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}

/**
 * One line on standard error. Notices and errors quote paths and configuration keys, which a CI log must not read as
 * lines of their own (`::error`): a line break in `message` is shown escaped, so text of several lines is several calls.
 */
export function warn(message: string): void {
  process.stderr.write(`bulkhead: ${showControls(message)}\n`);
}

/** Lines that stand on their own (a configuration's errors, each naming its file): escaped as `warn` does, unprefixed. */
export function writeErrorLines(lines: readonly string[]): void {
  process.stderr.write(lines.map((line) => `${showControls(line)}\n`).join(''));
}
