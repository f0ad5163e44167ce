/**
 * docker-compose (Debian's 1.29) as a validator: `config -q` parses and validates a compose file without an engine.
 * A Python docker-compose is run in one interpreter for all files (its own `main()`, once per file), which takes
 * milliseconds per file instead of a second; without it, the command itself runs, two at a time.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Fix } from '../shared/src/types';

const RUNNER_TIMEOUT_MS = 240_000;

export interface Check {
  code: number;
  message: string;
}

export interface ComposeJob {
  /** The folder relative paths resolve in: the original file's folder. */
  project: string;
  file: string;
  env: Record<string, string>;
}

/** Variables a fix makes mandatory (`${NAME:?…}`, `${NAME?…}`), set to a dummy value for docker-compose. */
export function requiredVariables(fix: Fix): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const edit of fix.edits)
    for (const m of edit.newText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) vars[m[1]] = 'bulkhead-check';
  return vars;
}

export function baseEnv(work: string): Record<string, string> {
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
}

export function writeJob(work: string, id: string, text: string, name = 'compose.yaml'): string {
  const dir = join(work, id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export interface DockerCompose {
  path?: string;
  version?: string;
  /** The Python interpreter docker-compose runs on, when it is the Python docker-compose. */
  python?: string;
  why?: string;
}

export function findDockerCompose(): DockerCompose {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'docker-compose'))
    .find((p) => existsSync(p));
  if (!path) return { why: 'docker-compose is not on the PATH' };
  const version = spawnSync(path, ['version', '--short'], { encoding: 'utf8', timeout: 30_000 });
  if (version.status !== 0)
    return { why: `docker-compose does not run: ${(version.stderr || String(version.error)).trim().split('\n')[0]}` };
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(path, 'utf8').slice(0, 200))?.[1];
  const python =
    shebang && spawnSync(shebang, ['-c', 'import compose.cli.main'], { timeout: 30_000 }).status === 0
      ? shebang
      : undefined;
  return { path, version: version.stdout.trim(), ...(python ? { python } : {}) };
}

/**
 * Runs `docker-compose --project-directory P -f F config -q` for each job, in docker-compose's own `main()`, reading
 * jobs as JSON lines; an exit code and the last words of stderr come back per job.
 */
const RUNNER = String.raw`
import contextlib, io, json, logging, os, sys
from compose.cli.main import main
saved = dict(os.environ)
for line in sys.stdin:
    job = json.loads(line)
    os.environ.clear(); os.environ.update(job["env"]); os.chdir(job["project"])
    sys.argv = ["docker-compose", "--project-directory", job["project"], "-f", job["file"], "config", "-q"]
    for handler in list(logging.getLogger().handlers): logging.getLogger().removeHandler(handler)
    err, code = io.StringIO(), 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            main()
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except Exception as error:
            code, _ = 1, err.write(repr(error))
    os.environ.clear(); os.environ.update(saved)
    print(json.dumps({"code": code, "message": err.getvalue().strip()[-400:]}), flush=True)
`;

export async function runJobs(dockerCompose: DockerCompose, jobs: ComposeJob[], work: string): Promise<Check[]> {
  if (!jobs.length) return [];
  if (dockerCompose.python) {
    const stdout = await new Promise<string>((resolveRun, reject) => {
      const child = execFile(
        dockerCompose.python!,
        ['-c', RUNNER],
        { cwd: work, maxBuffer: 64 * 1024 * 1024, timeout: RUNNER_TIMEOUT_MS },
        (error, out, err) =>
          error ? reject(new Error(`docker-compose runner failed: ${error.message}\n${err}`)) : resolveRun(out),
      );
      child.stdin!.end(jobs.map((job) => JSON.stringify(job)).join('\n') + '\n');
    });
    const lines = stdout.trim().split('\n').filter(Boolean);
    assert.equal(lines.length, jobs.length, 'one result per docker-compose job');
    return lines.map((line) => JSON.parse(line) as Check);
  }
  // Two at a time: each run is mostly interpreter start-up on one core.
  const results: Check[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      results[i] = await new Promise<Check>((done) =>
        execFile(
          dockerCompose.path!,
          ['--project-directory', job.project, '-f', job.file, 'config', '-q'],
          { cwd: job.project, env: job.env, timeout: 60_000 },
          (error, _out, err) =>
            done({
              code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
              message: String(err).trim().slice(-400),
            }),
        ),
      );
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}
