import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { isInside } from '../../shared/src/io/read-file';
import { relativeTo } from './paths';
import type { ScannedFile } from './scan';

/** `--changed-since` cannot be answered (no Git, not a repository, an unknown ref): exit 2 with the message. */
export class ChangedLinesError extends Error {}

/** Per file (by real path): its 0-based lines changed since the ref, or `all` (new since the ref, untracked). */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/**
 * The lines of `files` that changed between `ref` and the files as they are on disk, read with the user's own `git`.
 *
 * Bulkhead never executes anything from a workspace, and a repository's `.git/config` is workspace content (a folder
 * copied or unpacked whole brings its own): it can name programs that `git diff` runs over the work tree (clean
 * filters through `.gitattributes`, `core.fsmonitor`, external diff drivers, textconv). So the repository is only read
 * with plumbing that runs none of them: `rev-parse` (the ref) and `cat-file --batch` (the files as the ref has them,
 * raw blobs, no filters). The comparison itself is `git diff --no-index` of two temporary folders, run outside the
 * repository so no repository configuration applies, with `--no-ext-diff --no-textconv`. `core.fsmonitor=false` and
 * `core.hooksPath=/dev/null` are set on every call as well. The user's own (global, system) configuration still applies:
 * it is theirs, like the `git` binary, which is looked up on `PATH` in absolute folders only, so a workspace (the
 * working directory, a relative `PATH` entry) cannot put its own `git` first. `GIT_NO_LAZY_FETCH` keeps a partial
 * clone from fetching missing objects: the scan never uses the network.
 */
export async function changedLines(ref: string, files: readonly string[], root: string): Promise<ChangedLines> {
  const git = findGit(process.env);
  const top = await gitTopLevel(git, root);
  const commit = await run(git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top).then(
    (out) => out.toString('utf8').trim(),
    () => {
      throw new ChangedLinesError(`--changed-since: unknown Git ref ${JSON.stringify(ref)} in ${top}`);
    },
  );
  const changed: ChangedLines = new Map();
  const tracked: { real: string; rel: string }[] = [];
  for (const real of files) {
    const rel = relativeTo(top, real);
    // A file outside the repository, or one whose name `cat-file --batch` cannot take (a line break): all new.
    if (!isInside(real, top) || /[\n\r]/.test(rel)) changed.set(real, 'all');
    else tracked.push({ real, rel });
  }
  if (!tracked.length) return changed;
  const input = tracked.map(({ rel }) => `${commit}:${rel}\n`).join('');
  const blobs = parseBatch(await run(git, ['cat-file', '--batch'], top, input), tracked.length);
  const scratch = mkdtempSync(join(tmpdir(), 'bulkhead-changed-'));
  try {
    mkdirSync(join(scratch, 'old'));
    mkdirSync(join(scratch, 'new'));
    const compared: number[] = [];
    tracked.forEach(({ real }, i) => {
      const blob = blobs[i];
      if (blob === undefined) return changed.set(real, 'all');
      changed.set(real, new Set());
      writeFileSync(join(scratch, 'old', String(i)), blob);
      copyFileSync(real, join(scratch, 'new', String(i)));
      compared.push(i);
    });
    if (compared.length) {
      const diff = await run(
        git,
        ['diff', '--no-index', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--', 'old', 'new'],
        scratch,
        undefined,
        [0, 1],
      );
      for (const [index, lines] of parseDiff(diff.toString('utf8'))) {
        const real = tracked[index]?.real;
        if (real !== undefined) changed.set(real, lines);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return changed;
}

/** Leaves out of `files` the findings on no changed line; returns how many. `realOf`: a reported path's real path. */
export function keepChanged(files: ScannedFile[], changed: ChangedLines, realOf: Map<string, string>): number {
  let unchanged = 0;
  for (const file of files) {
    const lines = changed.get(realOf.get(file.path) ?? '');
    if (lines === 'all') continue;
    const kept = file.diagnostics.map((d) => {
      if (!lines) return false;
      for (let line = d.range.start.line; line <= d.range.end.line; line++) if (lines.has(line)) return true;
      return false;
    });
    unchanged += kept.filter((k) => !k).length;
    file.diagnostics = file.diagnostics.filter((_, i) => kept[i]);
    file.fingerprints = file.fingerprints?.filter((_, i) => kept[i]);
  }
  return unchanged;
}

function findGit(env: NodeJS.ProcessEnv): string {
  const names = process.platform === 'win32' ? ['git.exe'] : ['git'];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(folder)) continue;
    for (const name of names) {
      const candidate = join(folder, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not there: the next folder.
      }
    }
  }
  throw new ChangedLinesError('--changed-since needs Git, and no `git` was found on PATH');
}

async function gitTopLevel(git: string, folder: string): Promise<string> {
  try {
    const out = await run(git, ['rev-parse', '--show-toplevel'], folder);
    return realpathSync(out.toString('utf8').trim());
  } catch (error) {
    const reason = error instanceof GitFailed ? error.firstLine : String(error);
    throw new ChangedLinesError(`--changed-since: ${folder} is not in a Git repository (${reason})`);
  }
}

class GitFailed extends Error {
  constructor(readonly firstLine: string) {
    super(firstLine);
  }
}

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];
/** The repository's files are at most the scan's size limit each; a diff of all of them stays far below this. */
const MAX_OUTPUT = 1024 * 1024 * 1024;

function run(
  git: string,
  args: readonly string[],
  cwd: string,
  input?: string,
  okStatuses: readonly number[] = [0],
): Promise<Buffer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_NO_LAZY_FETCH: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
  };
  delete env.GIT_EXTERNAL_DIFF;
  return new Promise((resolve, reject) => {
    const child = execFile(
      git,
      [...SAFE_CONFIG, ...args],
      { cwd, env, encoding: 'buffer', maxBuffer: MAX_OUTPUT, windowsHide: true },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (okStatuses.includes(status)) return resolve(stdout);
        const line = stderr.toString('utf8').split('\n')[0].trim() || (error?.message ?? `exit ${status}`);
        reject(new GitFailed(line.replace(/^fatal: /, '')));
      },
    );
    // A git that exits without reading its input (it failed) closes the pipe: its status says what went wrong.
    child.stdin?.on('error', () => undefined);
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** `cat-file --batch` answers, in order: each blob's bytes, or undefined for a path the ref does not have. */
function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < count && at < out.length; i++) {
    const end = out.indexOf(10, at);
    const header = out.subarray(at, end < 0 ? out.length : end).toString('utf8');
    at = end < 0 ? out.length : end + 1;
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) {
      blobs.push(undefined); // `missing` (new since the ref) or `ambiguous`
      continue;
    }
    const size = Number(match[2]);
    blobs.push(match[1] === 'blob' ? out.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return blobs;
}

/** The changed lines of each compared file (by its index), from `diff --unified=0`. */
function parseDiff(diff: string): Map<number, Set<number> | 'all'> {
  const result = new Map<number, Set<number> | 'all'>();
  let current: number | undefined;
  for (const line of diff.split('\n')) {
    const header = /^diff --git a\/old\/(\d+) b\/new\/(\d+)$/.exec(line);
    if (header) {
      current = Number(header[1]);
      result.set(current, new Set());
      continue;
    }
    if (current === undefined) continue;
    const lines = result.get(current);
    if (line.startsWith('Binary files ')) result.set(current, 'all');
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !(lines instanceof Set)) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    // Lines only removed: the lines on either side are where the change is (a deleted `USER` shows on its stage).
    if (count === 0) for (const l of [start - 1, start]) lines.add(l);
    for (let l = start; l < start + count; l++) lines.add(l - 1);
  }
  return result;
}
