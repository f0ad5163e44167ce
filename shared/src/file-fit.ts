/**
 * Whether a file's bytes are worth (and safe) analysing: within `maxFileSize`, and text. The one test of both, for
 * files read from disk (io/read-file.ts), texts handed to the engine (an editor's open document) and the files a
 * model reads beside its own.
 */
import type { BulkheadConfig } from './config';

/** How far into a text a NUL byte marks it as binary: far enough for any archive or executable header. */
const BINARY_PROBE = 8192;

/** Whether a text holds NUL bytes near its start, as archives, executables and images do and text files do not. */
export function isBinaryText(text: string): boolean {
  return text.slice(0, BINARY_PROBE).includes('\u0000');
}

/** How a skip reason for a file over `maxFileSize` starts (the editor offers to raise the limit on it). */
export const SKIPPED_FOR_SIZE = 'file is ';

/** Bytes-level checks done before parsing: what makes a file not worth (or not safe) to analyse. */
export function skipReason(text: string, size: number, config: Pick<BulkheadConfig, 'maxFileSize'>): string | null {
  if (size > config.maxFileSize)
    return `${SKIPPED_FOR_SIZE}${formatBytes(size)}, over maxFileSize (${formatBytes(config.maxFileSize)})`;
  if (isBinaryText(text)) return 'binary file (contains NUL bytes)';
  return null;
}

/**
 * `skipReason` for a decoded text: maxFileSize counts bytes, as files on disk are measured, and a UTF-16 length
 * undercounts non-ASCII text.
 */
export function textSkipReason(text: string, config: Pick<BulkheadConfig, 'maxFileSize'>): string | null {
  return skipReason(text, text.length * 3 <= config.maxFileSize ? text.length : utf8Length(text), config);
}

/** Bytes of a text in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
