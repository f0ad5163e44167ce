import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isInside } from '../../shared/src/io/read-file';

/**
 * Files are known by their path on disk when they have one: clients spell the same file's URI differently
 * (`%2B` or `+`), and the workspace scan finds paths, not URIs. Other documents (`untitled:`) are known by their URI.
 */
export type FileKey = string;

export function keyOfUri(uri: string): FileKey {
  const path = pathOfUri(uri);
  return path ?? uri;
}

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}

/** The innermost workspace folder that holds a path. */
export function folderOf(path: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) if (isInside(path, folder) && (!best || folder.length > best.length)) best = folder;
  return best;
}

/** `a/b/Dockerfile`: how exclude globs see a path. */
export function relativePosix(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

/** A path a finding names (`related.path`): absolute as is, relative to the workspace folder, else to the file. */
export function resolveRelated(fromFile: string, path: string, folder: string | undefined): string {
  if (isAbsolute(path)) return path;
  return resolve(folder ?? dirname(fromFile), path);
}
