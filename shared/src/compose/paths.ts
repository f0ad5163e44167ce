/**
 * Paths a compose file names, as the cross-file layer passes them to `WorkspaceReader.readFile`: resolved against the
 * path of the file that wrote them, so they are relative to whatever that path is relative to (the working directory
 * in the CLI) or absolute (the language server). Compose resolves them against the folder of the file that writes
 * them, which for a setting inherited from another file (`extends: {file: …}`, an override file) is that file.
 */
import type { Origin } from '../container/spec';
import { siblingPath } from './model';

/** `a/b/compose.yaml` + `../c/./Dockerfile` → `a/c/Dockerfile`; absolute paths are only normalised. */
export function resolveFrom(file: string, path: string): string {
  return normalizePath(siblingPath(file, path));
}

/** A `.` or `..` segment, an empty one (`//`, a trailing `/`). */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;

/** Collapses `.`, `x/..` and repeated slashes; leading `..` of a relative path stay. */
export function normalizePath(path: string): string {
  // Most paths are normal already (each service's Dockerfile and `extends` pass here at every analysis).
  if (path && !NOT_NORMAL.test(path)) return path;
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** The file an origin's text is written in: the last file a `via` crossed into, else the file being checked. */
export function fileOf(origin: Origin, checkedPath: string): string {
  for (let i = origin.via.length - 1; i >= 0; i--) {
    const path = origin.via[i].path;
    if (path !== undefined) return path;
  }
  return checkedPath;
}

/** `to` as seen from the folder of `fromFile` (`deploy/compose.yaml`, `app/Dockerfile` → `../app/Dockerfile`), for messages. */
export function relativeTo(fromFile: string, to: string): string {
  const from = normalizePath(siblingPath(fromFile, '.'));
  const target = normalizePath(to);
  if (from.startsWith('/') !== target.startsWith('/') || from.startsWith('..')) return target;
  const a = from === '.' ? [] : from.split('/').filter(Boolean);
  const b = target.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}
