import { relative, sep } from 'node:path';

/** How a path is shown and reported: relative to the working directory, `/`-separated on every platform. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Whether `path` is `folder` or below it (both absolute and resolved). */
export function isInside(path: string, folder: string): boolean {
  if (path === folder) return true;
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !/^[a-zA-Z]:/.test(rel) && !rel.startsWith(sep);
}

/** A path relative to a folder, `/`-separated: what exclude globs are matched against. */
export function relativeTo(folder: string, absolute: string): string {
  const rel = relative(folder, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
