import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectKind } from '../../shared/src/detect';
import { matchesAny, type Glob } from '../../shared/src/glob';
import type { FileKind } from '../../shared/src/types';
import { describeFsError } from '../../shared/src/io/fs-errors';
import { displayPath, relativeTo } from './paths';
import { isInside } from '../../shared/src/io/read-file';

/** A file to scan. */
export interface Target {
  /** The path as reached (possibly through a link), absolute. */
  absolute: string;
  /** The file it really is: what is read, and what a fix writes (renaming over a link would replace the link). */
  real: string;
  /** Reported path: relative to the working directory, `/`-separated. */
  display: string;
  kind: FileKind;
  /** Why it is not scanned, known before reading it (a link that leads out of the folder). */
  skipped?: string;
  /** Reached through a symbolic link of its own name. */
  viaLink: boolean;
}

export interface WalkResult {
  targets: Target[];
  /** Folders that could not be read, and the like: worth a line on stderr, not a failed run. */
  notices: string[];
}

/** A PATH on the command line that names nothing scannable: a usage error. */
export class PathError extends Error {}

export interface WalkOptions {
  cwd: string;
  /** The scanned root: exclude globs are relative to it. */
  root: string;
  excludes: readonly Glob[];
}

/** Folders no one wants scanned: version control metadata and installed dependencies. */
const SKIPPED_FOLDERS = new Set(['.git', '.hg', '.svn', 'node_modules']);

/**
 * Lists the files to scan under each PATH, in a stable order (PATHs in order, names sorted within a folder), each real
 * file once.
 *
 * Links to folders are never followed: inside the scanned folder their target is walked under its own name anyway, and
 * outside it is out of scope; so no walk can loop. A link to a file is followed when the file is inside the scanned
 * folder (its name may be the only thing that marks it as a Dockerfile) and reported as skipped when it leads outside.
 */
export function walk(paths: readonly string[], options: WalkOptions): WalkResult {
  const found: Target[] = [];
  const notices: string[] = [];
  const root = resolve(options.root);
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new PathError(`${path}: ${describeFsError(error)}`);
    }
    if (stats.isDirectory()) {
      const base = isInside(absolute, root) ? root : absolute;
      const realBase = realpathSync(absolute);
      walkFolder(absolute, realBase, { ...options, base, realBase, found, notices });
    } else if (stats.isFile()) {
      found.push({
        absolute,
        real: realpathSync(absolute),
        display: displayPath(absolute, options.cwd),
        kind: kindOfNamedFile(absolute),
        viaLink: false,
      });
    } else {
      throw new PathError(`${path}: not a regular file or folder`);
    }
  }
  return { targets: onePerRealFile(found), notices };
}

/**
 * A file named on the command line is scanned whatever its name: YAML as Compose, a `devcontainer.json` or
 * `.devcontainer.json` in any folder as a dev container, anything else as a Dockerfile.
 */
export function kindOfNamedFile(path: string): FileKind {
  return (
    detectKind(path) ??
    (/\.ya?ml$/i.test(path)
      ? 'compose'
      : /(?:^|[\\/])\.?devcontainer\.json$/.test(path)
        ? 'devcontainer'
        : 'dockerfile')
  );
}

interface WalkState extends WalkOptions {
  /** What exclude globs are relative to: the root, or the PATH when it lies outside the root. */
  base: string;
  /** The real path of the walked PATH: links may not lead out of it. */
  realBase: string;
  found: Target[];
  notices: string[];
}

function walkFolder(folder: string, realFolder: string, state: WalkState): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    state.notices.push(`cannot read folder ${displayPath(folder, state.cwd)} (${describeFsError(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(folder, entry.name);
    if (state.excludes.length && matchesAny(relativeTo(state.base, absolute), state.excludes, entry.isDirectory()))
      continue;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walkFolder(absolute, join(realFolder, entry.name), state);
    } else if (entry.isFile()) {
      const kind = detectKind(absolute);
      if (kind)
        state.found.push({
          absolute,
          real: join(realFolder, entry.name),
          display: displayPath(absolute, state.cwd),
          kind,
          viaLink: false,
        });
    } else if (entry.isSymbolicLink()) {
      const kind = detectKind(absolute);
      if (kind) state.found.push(linkedFile(absolute, kind, state));
    } else {
      // A FIFO, socket or device named like a Dockerfile: listed as skipped, never opened (a FIFO would block).
      const kind = detectKind(absolute);
      if (kind)
        state.found.push({
          absolute,
          real: absolute,
          display: displayPath(absolute, state.cwd),
          kind,
          viaLink: false,
          skipped: `not a regular file (${entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device'})`,
        });
    }
  }
}

function linkedFile(absolute: string, kind: FileKind, state: WalkState): Target {
  const target: Target = { absolute, real: absolute, display: displayPath(absolute, state.cwd), kind, viaLink: true };
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    return { ...target, skipped: `broken symbolic link (${describeFsError(error)})` };
  }
  if (!isInside(real, state.realBase))
    return { ...target, skipped: 'symbolic link to a file outside the scanned folder' };
  try {
    if (!statSync(real).isFile())
      return { ...target, skipped: 'symbolic link to something that is not a regular file' };
  } catch (error) {
    return { ...target, skipped: `cannot read the link's target (${describeFsError(error)})` };
  }
  return { ...target, real };
}

/** Each real file once: under its own name when it was also reached through a link, else where it was first met. */
function onePerRealFile(found: readonly Target[]): Target[] {
  const chosen = new Map<string, Target>();
  for (const target of found) {
    if (target.skipped) continue;
    const previous = chosen.get(target.real);
    if (!previous || (previous.viaLink && !target.viaLink)) chosen.set(target.real, target);
  }
  return found.filter((target) => target.skipped || chosen.get(target.real) === target);
}
