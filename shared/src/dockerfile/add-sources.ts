/**
 * The local files a Dockerfile's `ADD` instructions name, read by the engine before the rules run: whether `ADD` of
 * each would unpack it is a question of its content (a tar archive is unpacked whatever its name), and rules read no
 * files. Read beside the Dockerfile, through the analysis's reader (workspace only, regular files within the size
 * limit).
 */
import type { WorkspaceReader } from '../context';
import { siblingPath } from '../compose/model';
import { isBinaryText } from '../file-fit';
import { copyArguments, placedInstructions } from './instructions';
import type { DockerfileModel } from './model';

/** `https://…`, `git://…`, `ssh://…` or scp-style `git@host:repo`. */
export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value);
}

/**
 * Names of files `ADD` may unpack: tar archives and compressed files (Docker looks inside; the name is our best guess).
 */
export function isArchiveName(path: string): boolean {
  return /\.(?:tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|gz|bz2|xz|lz|lzma|z|zst|lz4)$/i.test(path.replace(/\/+$/, ''));
}

/**
 * The paths (as `siblingPath` resolves the sources against the Dockerfile's path) of the `ADD` sources that are
 * readable text files. Sources that are URLs or archive names as written are not read: `ADD` fetches or unpacks
 * those whatever the file holds. A source with a variable is read as written, as the rule looks it up.
 */
export function readAddSources(model: DockerfileModel, context: WorkspaceReader): ReadonlySet<string> {
  const text = new Set<string>();
  if (!context.readFile) return text;
  const read = new Set<string>();
  for (const { instruction } of placedInstructions(model)) {
    if (instruction.getKeyword() !== 'ADD') continue;
    const args = copyArguments(instruction, model);
    if (args.heredoc) continue;
    for (const { value } of args.sources) {
      if (!value.includes('$') && (isUrl(value) || isArchiveName(value))) continue;
      const path = siblingPath(model.path, value);
      // A pattern names no one file to read.
      if (/[*?[]/.test(path) || read.has(path)) continue;
      read.add(path);
      const content = context.readFile(path);
      if (content !== undefined && !isBinaryText(content)) text.add(path);
    }
  }
  return text;
}
