import { relative, sep } from 'node:path';

/** How a path is shown and reported: relative to the working directory, `/`-separated on every platform. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** A path relative to a folder, `/`-separated: what exclude globs are matched against. */
export function relativeTo(folder: string, absolute: string): string {
  const rel = relative(folder, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
