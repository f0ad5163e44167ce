/**
 * How the model layer reaches the files beside the analysed one (a compose file's `.env`, `extends` files, the
 * Dockerfiles its services build, the files a Dockerfile's `ADD` names). The parsers read through it while they build
 * the model; rules get the model only and read nothing.
 */

/** The analysis's reader of other workspace files (the CLI's and the server's keep to the workspace roots). */
export interface WorkspaceReader {
  /**
   * Reads another workspace file, or undefined when it is not there or not readable. Never executes anything.
   *
   * `path` is absolute, or relative to what the analysed file's own path is relative to: the model resolves a path a
   * file names (`build: ../app`) against that file's path, so with the CLI's paths (relative to the working
   * directory) it is relative to the working directory, and with the server's (absolute) it is absolute.
   */
  readFile?(path: string): string | undefined;
  /**
   * The same read, saying why a file was not read: what lets a compose file report `extends: ../x.yaml` that is
   * outside the workspace or a FIFO at the line that names it. Contexts without it are read through `readFile`
   * (`readThrough`).
   */
  readFileResult?(path: string): ReadOutcome;
  /**
   * The entries of a workspace folder (one level), or undefined when it is not there, not a folder, outside the roots
   * or not readable. A link is listed as what it is, never followed: Docker sends the link, not what it points to.
   * `path` is read as `readFile` reads its.
   */
  listFolder?(path: string): readonly FolderEntry[] | undefined;
}

/** One entry of a listed folder: `folder` is false for files and links alike. */
export interface FolderEntry {
  name: string;
  folder: boolean;
}

/** A file read through a `WorkspaceReader`, or why not (`absent`: nothing there, which optional files stay quiet about). */
export type ReadOutcome =
  { text: string; notRead?: undefined } | { text?: undefined; notRead: string; absent: boolean };

/** Reads through `readFileResult` when the context has it, else `readFile`; undefined when the context reads nothing. */
export function readThrough(context: WorkspaceReader, path: string): ReadOutcome | undefined {
  if (context.readFileResult) return context.readFileResult(path);
  if (!context.readFile) return undefined;
  const text = context.readFile(path);
  return text === undefined ? { notRead: 'not readable', absent: true } : { text };
}

/**
 * A workspace held in memory, by path as the model asks for it (`app/.env`): what rule tests and documented examples
 * are analysed in. Folders are the paths' parents; `.` or `''` is the top.
 */
export function memoryWorkspace(files: Readonly<Record<string, string>>): WorkspaceReader {
  const folders = new Map<string, Map<string, boolean>>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      let entries = folders.get(parent);
      if (!entries) folders.set(parent, (entries = new Map()));
      entries.set(parts[i], i < parts.length - 1 || entries.get(parts[i]) === true);
    }
  }
  return {
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    listFolder: (path) => {
      const entries = folders.get(path === '.' ? '' : path.replace(/\/+$/, ''));
      return entries && [...entries].map(([name, folder]) => ({ name, folder }));
    },
  };
}
