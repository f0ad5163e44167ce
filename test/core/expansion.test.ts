/**
 * Dockerfile variable expansion within bounds (issue 13, defect 1): a value that doubles at each line, or a long value
 * referenced many times, is followed up to MAX_EXPANDED_LENGTH and MAX_EXPANSION_WORK, reported once at its spot as
 * `not-checked`, and every other finding of the file stays.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../shared/src/engine';
import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { MAX_EXPANDED_LENGTH, MAX_EXPANSION_WORK, TOO_LONG } from '../../shared/src/expansion';
import { formatRange } from '../rule-tester';
import type { Diagnostic } from '../../shared/src/types';

/** `A1` of 64 characters, then `A2=${A1}${A1}` … `A<n>`: `A11` is exactly 64 KiB, `A12` the first past it. */
function doubling(keyword: 'ENV' | 'ARG', n = 27): string[] {
  const lines = [`${keyword} A1=${'x'.repeat(64)}`];
  for (let i = 2; i <= n; i++) lines.push(`${keyword} A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return lines;
}

const HANG_GUARD = { timeout: 30_000 };

function notChecked(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.ruleId === 'not-checked').map((d) => `${formatRange(d.range)} ${d.message}`);
}

function rules(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => d.ruleId))].sort();
}

describe('Dockerfile expansion: a value doubled at each line', () => {
  it('ENV in the final stage: A12 reported once, at its spot; USER root still an error', HANG_GUARD, () => {
    const text = ['FROM debian:12', ...doubling('ENV'), 'EXPOSE ${A27}', 'USER root', ''].join('\n');
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    assert.ok(!rules(report.diagnostics).includes('internal-error'), JSON.stringify(rules(report.diagnostics)));
    assert.deepEqual(notChecked(report.diagnostics), [
      '13:5-13:21 `A12` expands to more than 64 KiB: Bulkhead treats its value, and every value that uses it, as unknown.',
    ]);
    const root = report.diagnostics.find((d) => d.ruleId === 'image/root-user');
    assert.equal(root?.severity, 'error');
  });

  it('global ARG: the file is still read; A11 is known, A12 and after are past the bound', HANG_GUARD, () => {
    const text = [...doubling('ARG'), 'FROM debian:12', 'USER root', ''].join('\n');
    const model = parseDockerfile(text);
    assert.equal((model.globalArgs.get('A11') as string).length, MAX_EXPANDED_LENGTH);
    assert.equal(model.globalArgs.get('A12'), TOO_LONG);
    assert.equal(model.globalArgs.get('A27'), TOO_LONG);
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    assert.deepEqual(notChecked(report.diagnostics), [
      '12:5-12:21 `A12` expands to more than 64 KiB: Bulkhead treats its value, and every value that uses it, as unknown.',
    ]);
    assert.ok(report.diagnostics.some((d) => d.ruleId === 'image/root-user' && d.severity === 'error'));
    assert.ok(!rules(report.diagnostics).includes('internal-error'));
  });

  it(
    'global ARG used by FROM: the image is unknown, reported where the ARG is set, not again at FROM',
    HANG_GUARD,
    () => {
      const text = [...doubling('ARG', 13), 'FROM ${A13}', 'USER root', ''].join('\n');
      const report = analyzeText('Dockerfile', text, 'dockerfile');
      assert.equal(parseDockerfile(text).stages[0].image, undefined);
      assert.equal(notChecked(report.diagnostics).length, 1);
      assert.match(notChecked(report.diagnostics)[0], /^12:5-.* `A12` expands/);
      assert.ok(report.diagnostics.some((d) => d.ruleId === 'image/root-user'));
    },
  );

  it('stage ARG, and a bare ARG taking a global default past the bound', HANG_GUARD, () => {
    const stageArgs = ['FROM debian:12', ...doubling('ARG'), 'EXPOSE ${A27}', 'USER root', ''].join('\n');
    const report = analyzeText('Dockerfile', stageArgs, 'dockerfile');
    assert.deepEqual(
      notChecked(report.diagnostics).map((d) => d.split(' ')[0]),
      ['13:5-13:21'],
    );
    assert.ok(report.diagnostics.some((d) => d.ruleId === 'image/root-user'));

    const bare = [...doubling('ARG', 12), 'FROM debian:12', 'ARG A12', 'ENV B=${A12}', ''].join('\n');
    const model = parseDockerfile(bare);
    const stage = model.stages[0];
    assert.equal(stage.variables.before(Number.POSITIVE_INFINITY).get('B'), TOO_LONG);
    assert.equal(model.notChecked.length, 1, 'B takes in A12: not reported again');
  });

  it('a value past the bound is set: `${X:-22}` is not 22, `${X:+22}` is', () => {
    const text = ['FROM debian:12', ...doubling('ENV', 12), 'EXPOSE ${A12:-22}', 'EXPOSE ${A12:+22}', ''].join('\n');
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    const ssh = report.diagnostics.filter((d) => d.ruleId === 'image/ssh-server').map((d) => d.range.start.line + 1);
    assert.deepEqual(ssh, [15]);
  });
});

describe('Dockerfile expansion: bounded work', () => {
  /** `L` of 60 KiB, referenced by `n` ENV values: `n` × 60 KiB of insertions unless bounded. */
  function manyReferences(n: number): string {
    const lines = ['FROM debian:12', `ENV L=${'y'.repeat(60 * 1024)}`];
    for (let i = 0; i < n; i++) lines.push(`ENV X${i}=\${L}`);
    lines.push('EXPOSE 22', 'USER root', '');
    return lines.join('\n');
  }

  it(
    'stops at MAX_EXPANSION_WORK: one diagnostic, where the work ran out; 4× the references, no more work',
    HANG_GUARD,
    () => {
      const small = parseDockerfile(manyReferences(100));
      const large = parseDockerfile(manyReferences(400));
      for (const model of [small, large])
        assert.ok(
          model.expander.budget.spent <= MAX_EXPANSION_WORK + MAX_EXPANDED_LENGTH + 1,
          String(model.expander.budget.spent),
        );
      assert.equal(large.expander.budget.spent, small.expander.budget.spent);
      // 68 × 60 KiB is past 4 Mi characters: the 69th reference (X68, line 71) is where the work ran out.
      const report = analyzeText('Dockerfile', manyReferences(400), 'dockerfile');
      assert.deepEqual(notChecked(report.diagnostics), [
        '71:5-71:13 Variables in this file expand to more than 4 Mi characters in all: Bulkhead treats this value and every later expanded one as unknown.',
      ]);
      assert.ok(report.diagnostics.some((d) => d.ruleId === 'image/root-user'));
      assert.ok(
        report.diagnostics.some((d) => d.ruleId === 'image/ssh-server'),
        'a literal EXPOSE 22 needs no expansion',
      );
    },
  );

  it('a use that passes the bound by itself is reported at the use, once', () => {
    const text = ['FROM debian:12', `ENV A=${'z'.repeat(40 * 1024)}`, 'EXPOSE ${A}${A}', 'USER root', ''].join('\n');
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    assert.deepEqual(notChecked(report.diagnostics), [
      '3:8-3:16 This value expands to more than 64 KiB: Bulkhead treats it as unknown.',
    ]);
  });
});

describe('Dockerfile expansion: what each instruction sees', () => {
  const model = parseDockerfile(
    [
      'ARG G=global',
      'FROM alpine:3.20 AS base',
      'ARG G',
      'ARG LOCAL=base-arg',
      'ENV PORT=80 SAME=x',
      'ENV SAME=y COPY=$SAME',
      'ARG PORT=9',
      'FROM base AS app',
      'ENV FROM_G=${G:-unset}',
      '',
    ].join('\n'),
  );
  const [base, app] = model.stages;
  const end = Number.POSITIVE_INFINITY;

  it('a bare ARG takes the global default; the pairs of one ENV see the values from before it', () => {
    assert.equal(base.variables.before(end).get('G'), 'global');
    assert.equal(base.variables.before(end).get('COPY'), 'x');
    assert.equal(base.variables.before(5).get('SAME'), 'x');
  });

  it('ENV wins over an ARG of the same name; a stage built on another inherits its ENV, not its ARGs', () => {
    assert.equal(base.variables.before(end).get('PORT'), '80');
    assert.equal(app.variables.before(end).get('PORT'), '80');
    assert.equal(app.variables.before(end).get('LOCAL'), undefined);
    assert.equal(app.variables.before(end).get('FROM_G'), 'unset');
  });
});
