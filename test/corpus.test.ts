/**
 * Robustness and fix safety over real-world files (../shared/corpus/real/): every file is analysed without a crash and
 * quickly, and every fix offered on it, applied alone, leaves a file that parses, removes its own finding, changes
 * nothing outside its edits and is not offered again. A few corpus files are copied into test/fixtures/corpus/ so that
 * the same checks run where the shared corpus is absent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText, type FileReport } from '../shared/src/engine';
import type { FileKind, Fix } from '../shared/src/types';
import { countOf, fixFailures } from './fix-checks';
import { testRuleMeta } from './rule-tester';
import { defineRule, type AnyRule } from '../shared/src/rule';
import { kindFilesUnder } from '../scripts/kind-files';
import { corpusRoot, repoRoot } from '../scripts/repo-root';

/**
 * A hang guard, not a speed test (speed is `npm run bench`'s): the slowest corpus file takes about 75 ms on a quiet
 * machine, so only a file that runs away (quadratic or exponential work) reaches this on a loaded one.
 */
const HANG_GUARD_MS = 5_000;
const RUNS_PER_FILE = 3;

interface CorpusFile {
  name: string;
  kind: FileKind;
  text: string;
}

interface Results {
  files: number;
  findings: number;
  fixesChecked: number;
  slowest: { name: string; ms: number };
  failures: Record<'crash' | 'slow' | 'parse' | 'finding' | 'outside' | 'again' | 'edits', string[]>;
}

const realDir = join(corpusRoot(), 'real');
const fixtureDir = join(repoRoot(), 'test', 'fixtures', 'corpus');

describe('real-world corpus', () => {
  const absent = !existsSync(join(realDir, 'index.json'))
    ? `the shared corpus is not at ${realDir} (set BULKHEAD_CORPUS to the folder holding real/): the full-corpus checks cannot run`
    : false;
  if (absent) console.log(`corpus: ${absent}`);
  defineChecks('shared corpus', absent, () => readIndexedCorpus(realDir));
});

describe('corpus fixtures copied into the repository', () => {
  defineChecks('fixtures', false, () => readFolder(fixtureDir));
});

describe('the fix checker itself', () => {
  // A rule whose fixes break each promise once, to show that every check above can fail.
  const brokenFixes = defineRule({
    meta: testRuleMeta({ id: 'image/test-broken-fixes', fix: 'mixed', messages: { found: 'MAINTAINER' } }),
    check(model) {
      return model.ast
        .getInstructions()
        .filter((ins) => ins.getKeyword() === 'MAINTAINER')
        .map((ins) => ({ messageId: 'found' as const, range: ins.getInstructionRange() }));
    },
    fixes(finding, model) {
      const line = finding.range.start.line;
      const lineRange = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      return [
        { title: 'remove the line', safe: true, edits: [{ range: lineRange, newText: '' }] },
        { title: 'misspell the keyword', safe: false, edits: [{ range: finding.range, newText: 'MAINTAINERR' }] },
        {
          title: 'insert a comment',
          safe: false,
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# x\n' }],
        },
        {
          title: 'edit past the end',
          safe: false,
          edits: [
            {
              range: {
                start: { line: model.source.lineCount + 5, character: 0 },
                end: { line: model.source.lineCount + 5, character: 0 },
              },
              newText: 'x',
            },
          ],
        },
      ];
    },
  });
  const file: CorpusFile = {
    name: 'Dockerfile',
    kind: 'dockerfile',
    text: 'FROM debian:12\nMAINTAINER someone\nRUN true\n',
  };

  it('accepts a correct fix and reports each broken one under its promise', () => {
    const r = check('', [file], [brokenFixes]);
    assert.equal(r.fixesChecked, 4);
    assert.deepEqual(
      r.failures.parse.map((f) => f.split('"')[1]),
      ['misspell the keyword'],
    );
    assert.deepEqual(
      r.failures.finding.map((f) => f.split('"')[1]),
      ['insert a comment'],
    );
    assert.deepEqual(
      r.failures.again.map((f) => f.split('"')[1]),
      ['insert a comment'],
    );
    assert.deepEqual(
      r.failures.edits.map((f) => f.split('"')[1]),
      ['edit past the end'],
    );
    assert.deepEqual([...r.failures.crash, ...r.failures.slow, ...r.failures.outside], []);
  });
});

function defineChecks(label: string, skip: string | false, load: () => CorpusFile[]): void {
  let cached: Results | undefined;
  const results = (): Results => (cached ??= check(label, load()));
  const failing = (key: keyof Results['failures'], what: string) => {
    const list = results().failures[key];
    assert.equal(
      list.length,
      0,
      `${list.length} ${what}:\n${list.slice(0, 15).join('\n')}${list.length > 15 ? '\n…' : ''}`,
    );
  };
  it('reads the files', { skip }, () => {
    assert.ok(results().files > 0, 'no file read');
  });
  it('analyses every file without a crash or an internal error', { skip }, () =>
    failing('crash', 'files crashed a rule'),
  );
  it(
    `analyses every file without running away (median under ${HANG_GUARD_MS} ms; the slowest is reported)`,
    { skip },
    () => failing('slow', 'files ran away'),
  );
  it('offers fixes with sorted, non-overlapping edits inside the file', { skip }, () =>
    failing('edits', 'fixes have malformed edits'),
  );
  it('every fix leaves a file that parses as well as before', { skip }, () =>
    failing('parse', 'fixes break the syntax'),
  );
  it('every fix removes its own finding', { skip }, () => failing('finding', 'fixes leave their finding'));
  it('every fix changes nothing outside its edits', { skip }, () =>
    failing('outside', 'fixes change bytes outside their edits'),
  );
  it('no fix is offered again on its own output', { skip }, () => failing('again', 'fixes are not idempotent'));
}

function check(label: string, files: CorpusFile[], rules?: readonly AnyRule[]): Results {
  const r: Results = {
    files: 0,
    findings: 0,
    fixesChecked: 0,
    slowest: { name: '', ms: 0 },
    failures: { crash: [], slow: [], parse: [], finding: [], outside: [], again: [], edits: [] },
  };
  for (const file of files) {
    r.files++;
    let report: FileReport | undefined;
    try {
      report = analyzeText(file.name, file.text, file.kind, { rules });
    } catch (error) {
      r.failures.crash.push(`${file.name}: ${error instanceof Error ? error.stack : String(error)}`);
      continue;
    }
    const ms = medianTime(file, rules);
    if (ms > r.slowest.ms) r.slowest = { name: file.name, ms };
    if (ms >= HANG_GUARD_MS) r.failures.slow.push(`${file.name}: ${ms.toFixed(1)} ms`);
    for (const d of report.diagnostics)
      if (d.ruleId === 'internal-error') r.failures.crash.push(`${file.name}: ${d.message}`);

    const findings = report.diagnostics.filter((d) => d.ruleId !== 'syntax' && d.ruleId !== 'internal-error');
    r.findings += findings.length;
    const syntaxBefore = countOf(report, 'syntax');
    for (const d of findings) {
      for (const fix of d.fixes) {
        r.fixesChecked++;
        checkFix(r, file, fix, d.ruleId, d.message, countOf(report, d.ruleId, d.message), syntaxBefore, rules);
      }
    }
  }
  if (label)
    console.log(
      `corpus (${label}): ${r.files} files, ${r.findings} findings, ${r.fixesChecked} fixes checked, slowest ${r.slowest.ms.toFixed(1)} ms (median of ${RUNS_PER_FILE} runs) on ${r.slowest.name || '—'}`,
    );
  return r;
}

function checkFix(
  r: Results,
  file: CorpusFile,
  fix: Fix,
  ruleId: string,
  message: string,
  findingsBefore: number,
  syntaxBefore: number,
  rules?: readonly AnyRule[],
): void {
  const where = `${file.name}: ${ruleId} "${fix.title}"`;
  for (const failure of fixFailures(file, fix, ruleId, message, findingsBefore, syntaxBefore, { rules })) {
    r.failures[failure.kind].push(
      failure.kind === 'outside' || failure.kind === 'finding' || failure.kind === 'again'
        ? where
        : `${where}: ${failure.detail}`,
    );
  }
}

/** Median wall time of analysing a file RUNS_PER_FILE times; the median drops a cold first run and one-off pauses. */
function medianTime(file: CorpusFile, rules: readonly AnyRule[] | undefined): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS_PER_FILE; run++) {
    const started = performance.now();
    analyzeText(file.name, file.text, file.kind, { rules });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS_PER_FILE / 2)];
}

function readIndexedCorpus(dir: string): CorpusFile[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { file: string; kind: FileKind }[];
  return index.map((e) => ({ name: e.file, kind: e.kind, text: readFileSync(join(dir, e.file), 'utf8') }));
}

function readFolder(dir: string): CorpusFile[] {
  if (!existsSync(dir)) return [];
  return kindFilesUnder(dir).map((f) => ({ name: f.rel, kind: f.kind, text: readFileSync(f.path, 'utf8') }));
}
