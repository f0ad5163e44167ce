/**
 * Hostile trees through the built CLI (dist/cli.js as a child process, under a hang guard): huge, binary and UTF-16
 * files, a tree 200 folders deep, symbolic link loops, a link to nothing, 10,000 files in one folder, a 5 MB line,
 * files deleted while the scan runs. Each file is reported, with its findings or a clear skip message; the CLI never
 * crashes or hangs, and its output stays in proportion to what it found.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../cli/harness';
import { longLine, MANY_DOCKERFILES, writeHostileTree, type Expected } from './trees';

const HANG_GUARD_MS = 120_000;

interface JsonReport {
  files: { path: string; kind: string; skipped: string | null }[];
  diagnostics: { path: string; rule: string; message: string }[];
}

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'bulkhead-hostile-'));
  roots.push(root);
  return root;
}

function scan(
  cwd: string,
  args: string[] = [],
): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const run = spawnSync(process.execPath, [CLI, '.', '--format', 'json', '--exit-zero', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** Every expected file in the report, with its finding or its skip message. */
function assertReported(report: JsonReport, expected: readonly Expected[]): void {
  const files = new Map(report.files.map((f) => [f.path, f]));
  const missing: string[] = [];
  for (const e of expected) {
    const file = files.get(e.path);
    if (!file) missing.push(`${e.path}: not in the report`);
    else if (e.skipped && !(file.skipped && e.skipped.test(file.skipped)))
      missing.push(`${e.path}: skipped ${JSON.stringify(file.skipped)}, expected ${e.skipped}`);
    else if (e.finding && !report.diagnostics.some((d) => d.path === e.path && d.rule === e.finding))
      missing.push(`${e.path}: no ${e.finding} (skipped: ${file.skipped})`);
  }
  assert.deepEqual(missing, []);
}

describe('CLI: hostile trees', () => {
  it(
    'reports every file of the hostile tree, by findings or a skip message, and lists no file twice',
    { timeout: HANG_GUARD_MS + 10_000 },
    () => {
      const root = tempRoot();
      const expected = writeHostileTree(root);
      const run = scan(root);
      assert.equal(run.signal, null, 'the hang guard stopped the CLI');
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const report = JSON.parse(run.stdout) as JsonReport;
      assertReported(report, expected);
      const gone = report.files.find((f) => f.path === 'gone/Dockerfile');
      assert.match(gone?.skipped ?? '', /broken symbolic link/);
      // The loops lead back into the tree: every file once, however many ways lead to it.
      const paths = report.files.map((f) => f.path);
      assert.equal(new Set(paths).size, paths.length, 'a file listed twice');
      assert.equal(paths.filter((p) => p.startsWith('many/')).length, MANY_DOCKERFILES);
      // Bounded output: what the report says is in proportion to the files found, whatever the tree held.
      assert.ok(
        run.stdout.length < 64 * 1024 * report.files.length,
        `${run.stdout.length} bytes of report for ${report.files.length} files`,
      );
    },
  );

  it('analyses a 5 MB single line when maxFileSize allows it', { timeout: HANG_GUARD_MS + 10_000 }, () => {
    const root = tempRoot();
    writeFileSync(join(root, 'Dockerfile'), longLine());
    writeFileSync(join(root, '.bulkhead.yaml'), 'maxFileSize: 10000000\n');
    const run = scan(root);
    assert.equal(run.signal, null, 'the hang guard stopped the CLI');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assertReported(report, [{ path: 'Dockerfile', finding: 'image/sudo' }]);
    // The line is not echoed back: messages stay short whatever the input.
    assert.ok(run.stdout.length < 64 * 1024, `${run.stdout.length} bytes of report`);
  });

  it(
    'goes on when files vanish while the scan runs, and reports every file still there',
    { timeout: HANG_GUARD_MS + 10_000 },
    async (t) => {
      const root = tempRoot();
      const count = 4000;
      mkdirSync(join(root, 'app'));
      for (let i = 0; i < count; i++)
        writeFileSync(join(root, 'app', `Dockerfile.${i}`), 'FROM debian:12\nRUN sudo true\n');
      const child = spawn(process.execPath, [CLI, '.', '--format', 'json', '--exit-zero'], { cwd: root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += String(c)));
      child.stderr.on('data', (c) => (stderr += String(c)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const guard = setTimeout(() => child.kill(), HANG_GUARD_MS);
      // Once the CLI is under way (its start takes longer than deleting would), delete the odd files from the last one
      // down, a few at a time, while it walks and reads. Which files it meets deleted varies from run to run: the
      // diagnostic below says; what is asserted holds for any interleaving.
      await new Promise((r) => setTimeout(r, 150));
      const deleted = new Set<number>();
      for (let i = count - 1; i > 0 && child.exitCode === null; i -= 2) {
        unlinkSync(join(root, 'app', `Dockerfile.${i}`));
        deleted.add(i);
        if (i % 10 === 1) await new Promise((r) => setTimeout(r, 1));
      }
      const code = await exited;
      clearTimeout(guard);
      assert.equal(code, 0, stderr);
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as JsonReport;
      const kept = Array.from({ length: count }, (_, i) => i).filter((i) => !deleted.has(i));
      assertReported(
        report,
        kept.map((i) => ({ path: `app/Dockerfile.${i}`, finding: 'image/sudo' })),
      );
      // A deleted file is absent (gone before the walk), analysed (read before it went) or skipped with the reason.
      for (const f of report.files) {
        if (f.skipped)
          assert.match(f.skipped, /cannot read|no such file|broken symbolic link/, `${f.path}: ${f.skipped}`);
      }
      const listed = new Map(report.files.map((f) => [f.path, f]));
      const ofDeleted = [...deleted].map((i) => listed.get(`app/Dockerfile.${i}`));
      t.diagnostic(
        `${deleted.size} deleted during the scan: ${ofDeleted.filter((f) => f && !f.skipped).length} analysed, ${ofDeleted.filter((f) => f?.skipped).length} skipped, ${ofDeleted.filter((f) => !f).length} never listed`,
      );
    },
  );
});
