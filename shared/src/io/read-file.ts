/**
 * The one way Bulkhead reads a file from disk, for the CLI and the language server alike: a file a workspace names
 * (a scanned Dockerfile, a compose file's `.env`, `extends.file`, built Dockerfile) may be a link out of the workspace,
 * a FIFO that blocks whoever opens it, a device, or a path the OS refuses. Each of those is an answer saying why, never
 * an exception, a hang, or text from outside the allowed roots.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { decodeBytes, type DecodedText } from './decode';
import { describeFsError } from './fs-errors';
import { skipReason } from '../file-fit';

/** Folders a read may reach, each as given and as its real path (`/tmp` may be a link to `/private/tmp`). */
export interface ReadRoots {
  readonly given: readonly string[];
  readonly real: readonly string[];
  /** Why a file elsewhere is not read, as users know the roots: `outside the workspace`. */
  readonly outside: string;
}

/** The roots for these folders (absolute, or resolved against the working directory). */
export function readRoots(folders: readonly string[], outside = 'outside the workspace'): ReadRoots {
  const given = folders.map((folder) => resolve(folder));
  const real = given.map((folder) => {
    try {
      return realpathSync(folder);
    } catch {
      return folder;
    }
  });
  return { given, real, outside };
}

export interface ReadLimits {
  roots: ReadRoots;
  /** Larger files are not read (checked before reading). */
  maxFileSize: number;
}

export type FileRead =
  | { text: string; decoded: DecodedText; bytes: Uint8Array; stats: Stats; real: string; notRead?: undefined }
  | {
      /** Why not, for a message: `outside the workspace`, `not a regular file (a FIFO)`, `not a folder, ENOTDIR`. */
      notRead: string;
      /** Nothing is there (ENOENT): what a caller that looks for optional files (`.env`, overrides) stays quiet about. */
      absent: boolean;
      /** The file is there but past a limit (size, binary): a scanned file's skip reason rather than a read error. */
      unfit?: boolean;
    };

/**
 * Reads and decodes `path` if it is a regular file whose real path is inside the roots, within the size limit, and
 * not binary. Never throws, never blocks on a FIFO, never reads outside the roots.
 *
 * The path is checked before the disk is touched (a path that names a folder outside is not even looked at), then by
 * its real path (links). It is stat'ed before it is opened, opened non-blocking (a FIFO swapped in after the stat
 * cannot block the open) and without following a last link (a link swapped in cannot lead out), and the open file is
 * checked again; the read stops at the size limit whatever the file grew to.
 */
export function readFileWithin(path: string, limits: ReadLimits): FileRead {
  const absolute = resolve(path);
  if (!isUnder(absolute, limits.roots.given) && !isUnder(absolute, limits.roots.real))
    return refused(limits.roots.outside);
  let stats: Stats | undefined;
  let real: string;
  try {
    // Most asked-for files are absent (the Dockerfile of every `build:` context): an answer without an exception.
    stats = statSync(absolute, { throwIfNoEntry: false });
    if (!stats) return { notRead: describeFsError({ code: 'ENOENT' }), absent: true };
    real = realpathSync(absolute);
  } catch (error) {
    return failed(error);
  }
  if (!isUnder(real, limits.roots.real)) return refused(limits.roots.outside);
  if (!stats.isFile()) return refused(notRegular(stats));
  const tooLarge = skipReason('', stats.size, limits);
  if (tooLarge) return { notRead: tooLarge, absent: false, unfit: true };
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return failed(error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return refused(notRegular(opened));
    const bytes = readUpTo(fd, limits.maxFileSize);
    if (!bytes) return { notRead: skipReason('', limits.maxFileSize + 1, limits)!, absent: false, unfit: true };
    const decoded = decodeBytes(bytes);
    const unfit = skipReason(decoded.text, bytes.length, limits);
    if (unfit) return { notRead: unfit, absent: false, unfit: true };
    return { text: decoded.text, decoded, bytes, stats: opened, real };
  } catch (error) {
    return failed(error);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is `folder` or below it (both absolute). A name that merely starts with `..` is inside. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\') && !isAbsolute(rel));
}

/** Whether `path` is one of the folders or below one (all absolute). */
export function isUnder(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => isInside(path, folder));
}

/** What a non-regular file is, for `not a regular file (a FIFO)`. */
function notRegular(stats: Stats): string {
  const what = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a FIFO'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'a device'
          : 'not a file';
  return `not a regular file (${what})`;
}

/** The whole file, or undefined when it holds more than `max` bytes (it may have grown since the stat). */
function readUpTo(fd: number, max: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, max - total + 1));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > max) return undefined;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
}

function refused(reason: string): FileRead {
  return { notRead: reason, absent: false };
}

function failed(error: unknown): FileRead {
  return { notRead: describeFsError(error), absent: (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' };
}

/**
 * The entries of `path` if it is a folder whose real path is inside the roots, or undefined. Links are listed as
 * entries that are not folders, never followed.
 */
export function listFolderWithin(path: string, roots: ReadRoots): { name: string; folder: boolean }[] | undefined {
  const absolute = resolve(path);
  if (!isUnder(absolute, roots.given) && !isUnder(absolute, roots.real)) return undefined;
  try {
    if (!isUnder(realpathSync(absolute), roots.real)) return undefined;
    return readdirSync(absolute, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      folder: entry.isDirectory(),
    }));
  } catch {
    return undefined;
  }
}
