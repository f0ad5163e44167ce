import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, knownRuleIds, skipReason } from '../../shared/src/engine';
import { defaultConfig, type BulkheadConfig } from '../../shared/src/config';
import { defineRule, formatMessage, type AnyRule } from '../../shared/src/rule';
import { allRuns } from '../../shared/src/dockerfile/model';
import { applyEdits } from '../../shared/src/text';
import type { Diagnostic, Severity, SeveritySetting } from '../../shared/src/types';
import { formatRange, testRuleMeta } from '../rule-tester';
import sudo from '../../shared/src/rules/image/sudo';
import { RULES } from '../../shared/src/rules/index';
import secretInBuild from '../../shared/src/rules/image/secret-in-build';
import addInsteadOfCopy from '../../shared/src/rules/image/add-instead-of-copy';

const REAL_RULES = [sudo, secretInBuild, addInsteadOfCopy];

function config(rules: Record<string, SeveritySetting> = {}, maxFileSize?: number): BulkheadConfig {
  return { ...defaultConfig(), rules, ...(maxFileSize ? { maxFileSize } : {}) };
}

/** A test rule: one finding on the FROM line, optionally with its own severity; counts its calls. */
function fromRule(id: string, severity?: Severity) {
  const calls = { check: 0 };
  const rule = defineRule({
    meta: testRuleMeta({ id, messages: { found: 'found in {{image}}' } }),
    check(model) {
      calls.check++;
      const stage = model.stages[0];
      if (!stage) return [];
      return [
        {
          messageId: 'found',
          data: { image: stage.imageText },
          range: stage.from.getRange(),
          ...(severity ? { severity } : {}),
        },
      ];
    },
  });
  return { rule, calls };
}

function throwingRule(id: string, where: 'check' | 'fixes'): AnyRule {
  return defineRule({
    meta: testRuleMeta({ id, title: 'crashes', fix: 'safe', messages: { found: 'found' } }),
    check(model) {
      if (where === 'check') throw new Error('boom: cannot read that\n    at stack frame');
      return allRuns(model).map((run) => ({ messageId: 'found' as const, range: run.instruction.getRange() }));
    },
    fixes() {
      throw new TypeError('fix exploded');
    },
  });
}

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.ruleId} ${d.severity} ${formatRange(d.range)}`);

describe('engine: rules that fail', () => {
  it('a rule that throws in check gives one internal-error, and the other rules still run', () => {
    const other = fromRule('test/other');
    const report = analyzeText('Dockerfile', 'FROM alpine:3.20\nRUN id\n', 'dockerfile', {
      rules: [throwingRule('test/crash', 'check'), other.rule],
    });
    assert.deepEqual(summary(report.diagnostics), ['internal-error warning 1:1-1:1', 'test/other warning 1:1-1:17']);
    const crash = report.diagnostics[0];
    assert.match(crash.message, /`test\/crash`/);
    assert.match(crash.message, /boom: cannot read that/);
    assert.doesNotMatch(crash.message, /stack frame/, 'only the first line of the error');
    assert.equal(other.calls.check, 1);
  });

  it('a rule whose fixes throw keeps its finding, without fixes, and adds an internal-error', () => {
    const report = analyzeText('Dockerfile', 'FROM alpine:3.20\nRUN id\n', 'dockerfile', {
      rules: [throwingRule('test/badfix', 'fixes')],
    });
    assert.deepEqual(summary(report.diagnostics), ['internal-error warning 1:1-1:1', 'test/badfix warning 2:1-2:7']);
    assert.deepEqual(report.diagnostics[1].fixes, []);
    assert.match(report.diagnostics[0].message, /fix exploded/);
  });

  it('lazy fixes: computed on first reading, once, equal to eager ones; a throwing fix reads as none', () => {
    const text = 'FROM debian:12\nRUN sudo apt-get update\nRUN sudo id\n';
    let calls = 0;
    const counting = {
      ...sudo,
      fixes: (...args: Parameters<NonNullable<typeof sudo.fixes>>) => (calls++, sudo.fixes!(...args)),
    } as AnyRule;
    const lazy = analyzeText('Dockerfile', text, 'dockerfile', { rules: [counting], fixes: 'lazy' });
    assert.equal(calls, 0, 'nothing computed by the analysis');
    const eager = analyzeText('Dockerfile', text, 'dockerfile', { rules: [sudo] });
    assert.deepEqual(lazy.diagnostics[0].fixes, eager.diagnostics[0].fixes);
    assert.equal(calls, 1, 'only the diagnostic read');
    assert.equal(lazy.diagnostics[0].fixes, lazy.diagnostics[0].fixes, 'the same list on every read');
    assert.equal(calls, 1);
    assert.deepEqual(
      JSON.parse(JSON.stringify(lazy.diagnostics)),
      JSON.parse(JSON.stringify(eager.diagnostics)),
      'serialised like eager ones',
    );
    assert.equal(calls, 2, 'serialising read the other diagnostic’s fixes');
    const failing = analyzeText('Dockerfile', 'FROM alpine:3.20\nRUN id\n', 'dockerfile', {
      rules: [throwingRule('test/badfix', 'fixes')],
      fixes: 'lazy',
    });
    assert.deepEqual(summary(failing.diagnostics), ['test/badfix warning 2:1-2:7']);
    assert.deepEqual(failing.diagnostics[0].fixes, []);
    const none = analyzeText('Dockerfile', text, 'dockerfile', { rules: [counting], fixes: false });
    assert.deepEqual(none.diagnostics[0].fixes, []);
    assert.equal(calls, 2, 'fixes: false computes nothing');
  });

  it('internal-error follows configuration', () => {
    const report = analyzeText('Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', {
      rules: [throwingRule('test/crash', 'check')],
      config: config({ 'internal-error': 'info' }),
    });
    assert.deepEqual(summary(report.diagnostics), ['internal-error info 1:1-1:1']);
  });
});

describe('engine: configuration', () => {
  it('off: the rule is not even run', () => {
    const { rule, calls } = fromRule('test/a');
    const report = analyzeText('Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', {
      rules: [rule],
      config: config({ 'test/a': 'off' }),
    });
    assert.deepEqual(report.diagnostics, []);
    assert.equal(calls.check, 0);
  });

  it('configured severity beats the finding severity, which beats the rule default', () => {
    const code = 'FROM alpine:3.20\n';
    const plain = fromRule('test/plain').rule;
    const own = fromRule('test/own', 'error').rule;
    assert.deepEqual(summary(analyzeText('Dockerfile', code, 'dockerfile', { rules: [plain, own] }).diagnostics), [
      'test/own error 1:1-1:17',
      'test/plain warning 1:1-1:17',
    ]);
    const configured = analyzeText('Dockerfile', code, 'dockerfile', {
      rules: [plain, own],
      config: config({ 'test/own': 'info', 'test/plain': 'error' }),
    });
    assert.deepEqual(summary(configured.diagnostics), ['test/own info 1:1-1:17', 'test/plain error 1:1-1:17']);
  });

  it('messages are filled from the finding data, and the threat comes from the rule', () => {
    const [d] = analyzeText('Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', {
      rules: [fromRule('test/a').rule],
    }).diagnostics;
    assert.equal(d.message, 'found in alpine:3.20');
    assert.equal(d.threat, 'application');
  });

  it('only rules of the file kind run', () => {
    const { rule, calls } = fromRule('test/a');
    const composeOnly = { ...rule, meta: { ...rule.meta, kind: 'compose' } } as unknown as AnyRule;
    analyzeText('Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', { rules: [composeOnly] });
    assert.equal(calls.check, 0);
  });

  it('knownRuleIds holds the builtins and the given rules', () => {
    assert.deepEqual([...knownRuleIds([sudo])].sort(), ['image/sudo', 'internal-error', 'not-checked', 'syntax']);
  });
});

describe('engine: inputs that are skipped', () => {
  it('a binary file (NUL bytes) is skipped with a reason', () => {
    const report = analyzeText('Dockerfile', 'FROM alpine\u0000\u0001\u0002RUN sudo id\n', 'dockerfile', {
      rules: REAL_RULES,
    });
    assert.equal(report.skipped, 'binary file (contains NUL bytes)');
    assert.deepEqual(report.diagnostics, []);
  });

  it('a file over maxFileSize is skipped with its size and the limit', () => {
    const text = `FROM alpine:3.20\n${'RUN sudo id\n'.repeat(200)}`;
    const report = analyzeText('Dockerfile', text, 'dockerfile', { rules: REAL_RULES, config: config({}, 1024) });
    assert.equal(report.skipped, 'file is 2.4 KiB, over maxFileSize (1.0 KiB)');
    assert.deepEqual(report.diagnostics, []);
  });

  it('maxFileSize counts UTF-8 bytes, not characters', () => {
    const text = `FROM alpine:3.20\nLABEL description="${'é'.repeat(600)}"\n`;
    assert.ok(text.length < 1024);
    assert.match(
      analyzeText('Dockerfile', text, 'dockerfile', { rules: [], config: config({}, 1024) }).skipped ?? '',
      /over maxFileSize/,
    );
    assert.equal(analyzeText('Dockerfile', text, 'dockerfile', { rules: [], config: config({}, 2048) }).skipped, null);
  });

  it('skipReason: size first, then NUL bytes near the start', () => {
    assert.equal(skipReason('abc', 3, config({}, 2)), 'file is 3 B, over maxFileSize (2 B)');
    assert.equal(skipReason('FROM x\n', 7, defaultConfig()), null);
    assert.equal(
      skipReason(`${'#'.repeat(10_000)}\u0000`, 10_001, defaultConfig()),
      null,
      'only the first 8 KiB are inspected',
    );
    assert.match(skipReason('x', 3 * 1024 * 1024, defaultConfig()) ?? '', /3\.0 MiB/);
  });
});

describe('engine: positions', () => {
  const LF =
    'FROM debian:12\nENV APP_ENV=prod \\\n    DB_PASSWORD=hunter2\nRUN apt-get update && \\\n    sudo apt-get install -y curl\nADD app.py /app/\n';

  it('a CRLF file gives the same findings at the same positions', () => {
    const lf = analyzeText('Dockerfile', LF, 'dockerfile', { rules: REAL_RULES });
    const crlf = analyzeText('Dockerfile', LF.replace(/\n/g, '\r\n'), 'dockerfile', { rules: REAL_RULES });
    assert.deepEqual(summary(lf.diagnostics), [
      'image/secret-in-build error 3:5-3:16',
      'image/sudo warning 5:5-5:9',
      'image/add-instead-of-copy warning 6:1-6:4',
    ]);
    assert.deepEqual(summary(crlf.diagnostics), summary(lf.diagnostics));
    assert.deepEqual(
      crlf.diagnostics.map((d) => d.message),
      lf.diagnostics.map((d) => d.message),
    );
  });

  it('fixes on a CRLF file keep its line breaks', () => {
    const crlf = LF.replace(/\n/g, '\r\n');
    const report = analyzeText('Dockerfile', crlf, 'dockerfile', { rules: REAL_RULES });
    const sudoFix = report.diagnostics.find((d) => d.ruleId === 'image/sudo')!.fixes[0];
    assert.equal(applyEdits(crlf, sudoFix.edits), crlf.replace('sudo apt-get', 'apt-get'));
    const envFix = report.diagnostics.find((d) => d.ruleId === 'image/secret-in-build')!.fixes[0];
    assert.equal(applyEdits(crlf, envFix.edits), crlf.replace(' \\\r\n    DB_PASSWORD=hunter2', ''));
  });

  it('a tab counts as one character', () => {
    const report = analyzeText(
      'Dockerfile',
      'FROM debian:12\nRUN\tapt-get update && \\\n\t\tsudo apt-get install -y curl\n',
      'dockerfile',
      { rules: [sudo] },
    );
    assert.deepEqual(summary(report.diagnostics), ['image/sudo warning 3:3-3:7']);
  });

  it('characters are UTF-16 units, as LSP counts them', () => {
    const report = analyzeText('Dockerfile', 'FROM debian:12\nRUN echo "😀 é" && sudo id\n', 'dockerfile', {
      rules: [sudo],
    });
    // `RUN echo "😀 é" && ` is 18 code points but 19 UTF-16 units (the emoji takes two).
    assert.deepEqual(summary(report.diagnostics), ['image/sudo warning 2:20-2:24']);
  });

  it('diagnostics are sorted by position, then rule id', () => {
    const report = analyzeText(
      'Dockerfile',
      'FROM debian:12\nADD a.txt /a\nRUN sudo id\nENV API_TOKEN=x\n',
      'dockerfile',
      { rules: [...REAL_RULES].reverse() },
    );
    assert.deepEqual(
      report.diagnostics.map((d) => d.range.start.line),
      [1, 2, 3],
    );
  });
});

describe('applyEdits', () => {
  const at = (line: number, character: number) => ({ line, character });
  const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

  it('applies edits given in any order and keeps every byte outside them', () => {
    const text = 'a\tb\r\nc😀d\r\ne\n';
    const out = applyEdits(text, [
      { range: range(2, 0, 2, 1), newText: 'E' },
      { range: range(0, 0, 0, 1), newText: 'A' },
      { range: range(1, 3, 1, 4), newText: 'D' },
    ]);
    assert.equal(out, 'A\tb\r\nc😀D\r\nE\n');
  });

  it('insertions, deletions and adjacent edits', () => {
    const text = 'RUN sudo apt-get update\n';
    assert.equal(applyEdits(text, [{ range: range(0, 4, 0, 9), newText: '' }]), 'RUN apt-get update\n');
    assert.equal(applyEdits(text, [{ range: range(0, 23, 0, 23), newText: ' -q' }]), 'RUN sudo apt-get update -q\n');
    assert.equal(
      applyEdits(text, [
        { range: range(0, 0, 0, 3), newText: 'run' },
        { range: range(0, 3, 0, 4), newText: '  ' },
      ]),
      'run  sudo apt-get update\n',
    );
  });

  it('no edits: the same text', () => {
    assert.equal(applyEdits('x\r\ny', []), 'x\r\ny');
  });

  it('refuses overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { range: range(0, 0, 0, 3), newText: 'x' },
          { range: range(0, 2, 0, 4), newText: 'y' },
        ]),
      /overlapping/,
    );
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { range: range(0, 1, 0, 5), newText: 'x' },
          { range: range(0, 2, 0, 3), newText: 'y' },
        ]),
      /overlapping/,
    );
  });
});

describe('formatMessage', () => {
  it('fills placeholders from data and leaves unknown ones as written', () => {
    assert.equal(formatMessage('plain text', undefined), 'plain text');
    assert.equal(formatMessage('{{a}} and {{ b }}, {{a}}!', { a: 'x', b: 2 }), 'x and 2, x!');
    assert.equal(formatMessage('{{a}} and {{  missing }} and {{a', { a: '$&' }), '$& and {{  missing }} and {{a');
    assert.equal(formatMessage('{{a}}', undefined), '{{a}}');
    assert.equal(formatMessage('', { a: 1 }), '');
  });

  it('gives what a regular-expression replacement gives, for every rule message', () => {
    let templates = 0;
    for (const rule of RULES) {
      for (const template of Object.values(rule.meta.messages) as string[]) {
        const names = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        // Every other placeholder filled, so both kept and filled ones are compared.
        const data = Object.fromEntries(names.filter((_, i) => i % 2 === 0).map((name, i) => [name, `<${name}-${i}>`]));
        const reference = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
          key in data ? String(data[key]) : whole,
        );
        assert.equal(formatMessage(template, data), reference, `${rule.meta.id}: ${template}`);
        templates++;
      }
    }
    assert.ok(templates > 40, `templates compared: ${templates}`);
  });
});
