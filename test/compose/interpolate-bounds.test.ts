/**
 * Compose interpolation within bounds (issue 13, defect 1): `.env` values that double at each line, values nesting
 * defaults deeper than the stack, a long value referenced many times. Each is followed up to the bounds of
 * shared/src/expansion.ts, reported once as `not-checked`, and the file's other findings stay.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../shared/src/engine';
import { parseCompose } from '../../shared/src/compose/model';
import { interpolate, parseDotEnv, MAX_NESTING } from '../../shared/src/compose/interpolate';
import { MAX_EXPANDED_LENGTH, MAX_EXPANSION_WORK, TOO_LONG } from '../../shared/src/expansion';
import { formatRange } from '../rule-tester';
import type { Diagnostic } from '../../shared/src/types';

const HANG_GUARD = { timeout: 30_000 };

/** `A1` of 64 characters, then `A2=${A1}${A1}` … `A<n>`: `A11` is exactly 64 KiB, `A12` the first past it. */
function doublingDotEnv(n = 27): string {
  const lines = [`A1=${'x'.repeat(64)}`];
  for (let i = 2; i <= n; i++) lines.push(`A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return lines.join('\n') + '\n';
}

function analyze(compose: string, dotEnv?: string) {
  return analyzeText('compose.yaml', compose, 'compose', {
    context: { readFile: (path) => (path === '.env' ? dotEnv : undefined) },
  });
}

function notChecked(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.ruleId === 'not-checked').map((d) => `${formatRange(d.range)} ${d.message}`);
}

function privileged(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.ruleId === 'container/privileged' && d.severity === 'error');
}

describe('compose interpolation: .env values doubled at each line', () => {
  it('reports the first value past the bound once, and keeps `privileged: true`', HANG_GUARD, () => {
    const report = analyze('services:\n  web:\n    image: nginx:${A27}\n    privileged: true\n', doublingDotEnv());
    assert.ok(
      !report.diagnostics.some((d) => d.ruleId === 'internal-error'),
      JSON.stringify(report.diagnostics.map((d) => d.message)),
    );
    assert.deepEqual(notChecked(report.diagnostics), [
      '1:1-1:1 `A12`, set in `.env`, expands to more than 64 KiB: Bulkhead treats its value, and every value that uses it, as unknown.',
    ]);
    assert.ok(privileged(report.diagnostics));
  });

  it('A11 is known, A12 and after are past the bound; a value past it is set, not the default', HANG_GUARD, () => {
    const vars = parseDotEnv(doublingDotEnv());
    assert.equal((vars.get('A11') as string).length, MAX_EXPANDED_LENGTH);
    assert.equal(vars.get('A12'), TOO_LONG);
    assert.equal(vars.get('A27'), TOO_LONG);
    const model = parseCompose('services: {}\n', 'compose.yaml', {
      readFile: (path) => (path === '.env' ? doublingDotEnv(13) : undefined),
    });
    assert.equal(interpolate('${A13:-fallback}', model.variables), undefined);
    assert.equal(interpolate('${A13:+set}', model.variables), 'set');
    assert.equal(interpolate('${A13:?needed}', model.variables), undefined);
  });
});

describe('compose interpolation: nested defaults', () => {
  const nested = (depth: number) => '${U:-'.repeat(depth) + 'x' + '}'.repeat(depth);

  it(`follows ${MAX_NESTING} levels, and reports a value nesting deeper at its spot`, () => {
    assert.equal(interpolate(nested(MAX_NESTING), new Map()), 'x');
    const report = analyze(`services:\n  web:\n    image: "${nested(MAX_NESTING + 1)}"\n    privileged: true\n`);
    assert.deepEqual(
      notChecked(report.diagnostics).map((d) => d.replace(/-\d+:\d+ /, ' ')),
      ['3:12 This value nests `${…}` defaults more than 32 deep: Bulkhead treats it as unknown.'],
    );
    assert.ok(privileged(report.diagnostics));
  });

  it('a value nesting 100 000 deep neither exhausts the stack nor hides the other findings', HANG_GUARD, () => {
    const report = analyze(`services:\n  web:\n    image: "${nested(100_000)}"\n    privileged: true\n`);
    assert.ok(
      !report.diagnostics.some((d) => d.ruleId === 'internal-error'),
      JSON.stringify(report.diagnostics.map((d) => d.message)),
    );
    assert.equal(notChecked(report.diagnostics).length, 1);
    assert.ok(privileged(report.diagnostics));
  });
});

describe('compose interpolation: bounded length and work', () => {
  it('a value that passes the bound by itself is unknown, reported at the value', () => {
    const report = analyze(
      'services:\n  web:\n    image: "${L}${L}"\n    privileged: true\n',
      `L=${'z'.repeat(40 * 1024)}\n`,
    );
    assert.deepEqual(notChecked(report.diagnostics), [
      '3:12-3:22 This value expands to more than 64 KiB: Bulkhead treats it as unknown.',
    ]);
    assert.ok(privileged(report.diagnostics));
  });

  /** `L` of 60 KiB in `.env`, referenced by `n` environment values. */
  function manyReferences(n: number): string {
    const lines = ['services:', '  web:', '    image: nginx:1.27', '    privileged: true', '    environment:'];
    for (let i = 0; i < n; i++) lines.push(`      X${i}: \${L}`);
    return lines.join('\n') + '\n';
  }
  const dotEnv = `L=${'y'.repeat(60 * 1024)}\n`;

  it('stops at MAX_EXPANSION_WORK with one diagnostic; 4× the references, no more work', HANG_GUARD, () => {
    const spent = [100, 400].map((n) => {
      const model = parseCompose(manyReferences(n), 'compose.yaml', {
        readFile: (path) => (path === '.env' ? dotEnv : undefined),
      });
      return model.variables.budget.spent;
    });
    for (const work of spent) assert.ok(work <= MAX_EXPANSION_WORK + MAX_EXPANDED_LENGTH + 1, String(work));
    assert.equal(spent[1], spent[0]);
    const report = analyze(manyReferences(400), dotEnv);
    assert.deepEqual(
      notChecked(report.diagnostics).map((d) => d.replace(/^\S+ /, '')),
      [
        'Variables in this file expand to more than 4 Mi characters in all: Bulkhead treats this value and every later expanded one as unknown.',
      ],
    );
    assert.ok(privileged(report.diagnostics));
  });
});

describe('.env files: an unclosed double quote', () => {
  it('takes the rest of the file as the value, reading each line once', HANG_GUARD, () => {
    const lines = ['A="start'];
    for (let i = 0; i < 200_000; i++) lines.push(`B${i}=1`);
    const vars = parseDotEnv(lines.join('\n'));
    assert.deepEqual([...vars.keys()], ['A']);
    assert.equal((vars.get('A') as string).split('\n').length, 200_001);
  });
});
