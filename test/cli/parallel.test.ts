// The CLI on many files: the analysis on worker threads (BULKHEAD_SCAN_WORKERS forces their number; 0 keeps it on the
// main thread) gives the same reports, byte for byte, and the same fixed files; JSON and SARIF written in pieces are
// the text one JSON.stringify gives.
import { scanRoots } from '../../cli/src/read';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatJson, writeJson } from '../../cli/src/formats/json';
import { formatSarif, writeSarif } from '../../cli/src/formats/sarif';
import { scanTargets, type ScanReport } from '../../cli/src/scan';
import { walk } from '../../cli/src/walk';
import { workerCount } from '../../cli/src/parallel';
import { defaultConfig } from '../../shared/src/config';
import { corpusRoot, repoRoot } from '../../scripts/repo-root';
import { runCli, tempTree, writeTree } from './harness';

/** A tree of real files with their folders: the shared corpus when present, else the fixtures' copy of a part of it. */
function realTree(): string {
  const real = join(corpusRoot(), 'real');
  const source = existsSync(join(real, 'index.json')) ? real : join(repoRoot(), 'test', 'fixtures', 'corpus');
  const root = tempTree({});
  for (const name of readdirSync(source))
    if (statSync(join(source, name)).isDirectory()) cpSync(join(source, name), join(root, name), { recursive: true });
  // The corpus holds Dockerfiles without their sources, so none of its fixes is safe: a few projects with theirs.
  for (let i = 0; i < 12; i++) {
    writeTree(root, {
      [`with-sources/app-${i}/Dockerfile`]: `FROM python:3.12-slim\nADD app.py /app/\nADD conf/app.ini /etc/app/\n`,
      [`with-sources/app-${i}/app.py`]: `print(${i})\n`,
      [`with-sources/app-${i}/conf/app.ini`]: '[app]\n',
    });
  }
  return root;
}

function filesOf(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else files.set(relative(root, path), readFileSync(path, 'latin1'));
    }
  };
  visit(root);
  return files;
}

describe('cli: many files', () => {
  const root = realTree();

  for (const format of ['text', 'json', 'sarif']) {
    it(`writes the same ${format} report with the analysis on worker threads`, () => {
      const main = runCli(['.', '--format', format, '--exit-zero'], { cwd: root, env: { BULKHEAD_SCAN_WORKERS: '0' } });
      const workers = runCli(['.', '--format', format, '--exit-zero'], {
        cwd: root,
        env: { BULKHEAD_SCAN_WORKERS: '2' },
      });
      assert.equal(main.status, 0, main.stderr);
      assert.equal(workers.status, 0, workers.stderr);
      assert.ok(main.stdout.length > 10_000, `${main.stdout.length} bytes`);
      assert.equal(workers.stdout, main.stdout);
      assert.equal(workers.stderr, main.stderr);
    });
  }

  it('writes JSON and SARIF in pieces as one JSON.stringify would', () => {
    const { targets } = walk(['.'], { cwd: root, root, excludes: [] });
    const report: ScanReport = {
      files: scanTargets(targets, { config: defaultConfig(), cwd: root, roots: scanRoots(['.'], root), fix: false }),
      notices: ['a notice'],
      cwd: root,
      threshold: 'info',
      fixed: false,
    };
    for (const [whole, pieces] of [
      [formatJson, writeJson],
      [formatSarif, writeSarif],
    ] as const) {
      let written = '';
      let count = 0;
      pieces(report, (piece) => {
        written += piece;
        count++;
      });
      assert.ok(count > 10);
      assert.equal(written, whole(report));
    }
    const empty: ScanReport = { ...report, files: [] };
    let written = '';
    writeJson(empty, (piece) => (written += piece));
    assert.equal(written, formatJson(empty));
  });

  it('fixes the same files the same way with the analysis on worker threads', () => {
    const onMain = realTree();
    const inWorkers = realTree();
    const main = runCli(['.', '--fix', '--exit-zero'], { cwd: onMain, env: { BULKHEAD_SCAN_WORKERS: '0' } });
    const workers = runCli(['.', '--fix', '--exit-zero'], { cwd: inWorkers, env: { BULKHEAD_SCAN_WORKERS: '2' } });
    assert.equal(main.status, 0, main.stderr);
    assert.match(main.stdout, /^Fixed \d+ problems/);
    assert.equal(workers.stdout, main.stdout);
    assert.deepEqual(filesOf(inWorkers), filesOf(onMain));
    assert.notDeepEqual(filesOf(onMain), filesOf(root));
  });
});

describe('CLI worker count', () => {
  it('uses workers only for many files on 4 or more cores, and obeys BULKHEAD_SCAN_WORKERS', () => {
    assert.equal(workerCount(5000, {}, 2), 0, '2 cores: measured slower with workers (BENCHMARKS.md)');
    assert.equal(workerCount(5000, {}, 4), 4);
    assert.equal(workerCount(5000, {}, 32), 4, 'at most 4');
    assert.equal(workerCount(10, {}, 32), 0, 'a few files stay on the main thread');
    assert.equal(workerCount(10, { BULKHEAD_SCAN_WORKERS: '2' }, 2), 2);
    assert.equal(workerCount(5000, { BULKHEAD_SCAN_WORKERS: '0' }, 32), 0);
  });
});
