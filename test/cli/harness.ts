/**
 * Runs the built CLI (`dist/cli.js`, from `npm run build`) as a child process on temporary folders, as a user or a CI
 * job would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { repoRoot } from '../../scripts/repo-root';

export const CLI = join(repoRoot(), 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `timeoutMs`: a hang guard for inputs that could block the CLI (a FIFO); the run then fails with ETIMEDOUT. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number },
): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const env: Record<string, string | undefined> = { ...process.env };
  // Colour settings of the shell running the tests must not leak into the CLI's output.
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Files to create: text, bytes, or a symbolic link (`{ link: target }`). */
export type TreeSpec = Record<string, string | Uint8Array | { link: string }>;

const created: string[] = [];
after(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder holding these files, removed when the test file ends. */
export function tempTree(files: TreeSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'bulkhead-cli-'));
  created.push(root);
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: TreeSpec): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, full);
    else writeFileSync(full, content);
  }
}

let ruleIds: string[] | undefined;

/** Every rule id the built CLI knows, from `bulkhead rules --format json`. */
export function allRuleIds(): string[] {
  if (!ruleIds) {
    const run = runCli(['rules', '--format', 'json'], { cwd: repoRoot() });
    ruleIds = (JSON.parse(run.stdout) as { rules: { id: string }[] }).rules.map((r) => r.id);
  }
  return ruleIds;
}

/**
 * A `.bulkhead.yaml` that turns off every rule but `keep` (and the engine's own diagnostics), so that a test's
 * expectations hold whatever rules are added to the registry later; `severities` sets kept rules, `extra` adds keys.
 */
export function onlyRules(keep: readonly string[], severities: Record<string, string> = {}, extra = ''): string {
  const settings = new Map<string, string>();
  // The group id is left on: turned off, it would hide the aspects it lists of the rules kept.
  for (const id of allRuleIds())
    if (!keep.includes(id) && id !== 'syntax' && id !== 'internal-error' && id !== 'container/missing-hardening')
      settings.set(id, 'off');
  for (const [id, severity] of Object.entries(severities)) settings.set(id, severity);
  const rules = settings.size
    ? `rules:\n${[...settings].map(([id, severity]) => `  ${id}: ${severity}`).join('\n')}\n`
    : '';
  return rules + extra;
}

export interface JsonReport {
  version: number;
  files: { path: string; kind: string; skipped: string | null }[];
  diagnostics: {
    path: string;
    rule: string;
    severity: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    threat: string | null;
    fixes: {
      title: string;
      safe: boolean;
      edits: { range: unknown; newText: string }[];
      basis?: { facts: string[]; assumption?: string };
    }[];
    aspects?: { rule: string; severity: string; message: string }[];
  }[];
}

export function jsonReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${run.status}):\n${run.stdout.slice(0, 2000)}\n--- stderr:\n${run.stderr}`);
  }
}
