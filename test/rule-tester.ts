/**
 * A table-driven tester for one rule, in the spirit of ESLint's RuleTester. The tester, not each test, enforces the
 * discipline: exact finding count and positions, known message ids, no duplicate cases, and for every fix: the
 * expected output, a file that still parses as well as before, the fixed finding gone, and the fix not offered again.
 *
 * Ranges are written `line:col-line:col`, 1-based, as an editor's status bar shows them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../shared/src/engine';
import { applyEdits } from '../shared/src/text';
import type { AnyRule, RuleMeta } from '../shared/src/rule';
import { memoryWorkspace, type WorkspaceReader } from '../shared/src/context';
import type { Finding, Fix, Range } from '../shared/src/types';

export interface ExpectedFix {
  /** The fix's title, exactly. */
  title: string;
  safe: boolean;
  /** The whole file after applying this fix alone. */
  output: string;
}

export interface ExpectedFinding {
  messageId: string;
  /** `line:col-line:col`, 1-based. */
  range: string;
  /** Exactly the fixes offered, in order; required when the rule has fixes. */
  fixes?: ExpectedFix[];
  /** Expected severity when the finding overrides the rule's default. */
  severity?: 'error' | 'warning' | 'info';
  /** Expected related locations, each `path@range` (`@range` for the same file), when the test cares. */
  related?: string[];
}

export interface InvalidCase {
  name?: string;
  code: string;
  /** File name, when the rule cares (defaults per kind). */
  path?: string;
  /** Other workspace files the model may read or list (`memoryWorkspace`), keyed by the path it asks for. */
  files?: Record<string, string>;
  findings: ExpectedFinding[];
}

export interface ValidCase {
  name?: string;
  code: string;
  path?: string;
  files?: Record<string, string>;
}

export interface RuleTests {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

const DEFAULT_PATH = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  devcontainer: '.devcontainer/devcontainer.json',
} as const;

/** Metadata of a Dockerfile rule a test makes up: its id and messages, placeholders for what every rule must say. */
export function testRuleMeta<MessageId extends string>(
  meta: Pick<RuleMeta<MessageId, 'dockerfile'>, 'id' | 'messages'> & Partial<RuleMeta<MessageId, 'dockerfile'>>,
): RuleMeta<MessageId, 'dockerfile'> {
  return {
    title: 'test rule',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'application',
    mitigation: 'none',
    peers: {},
    references: [],
    fix: 'none',
    docs: { description: 'test', examples: { bad: [], good: [] } },
    ...meta,
  };
}

export function formatRange(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

export function findingsOf(
  rule: AnyRule,
  code: string,
  path?: string,
  files?: Record<string, string>,
): { findings: Finding[]; fixes: Fix[][]; syntaxCount: number } {
  const kind = rule.meta.kind;
  const context: WorkspaceReader = files ? memoryWorkspace(files) : {};
  const parsed = parseFile(kind, code, path ?? DEFAULT_PATH[kind], context);
  assert.ok(parsed, `no parser for ${kind}`);
  // As the engine does: a finding placed in another file of the project is that file's to report.
  const findings = rule.check(parsed.model).filter((f) => f.path === undefined);
  const fixes = findings.map((f) => rule.fixes?.(f, parsed.model) ?? []);
  return { findings, fixes, syntaxCount: parsed.syntax.length };
}

export function runRuleTests(rule: AnyRule, tests: RuleTests): void {
  const { meta } = rule;
  describe(meta.id, () => {
    it('has valid and invalid cases, none twice', () => {
      assert.ok(tests.valid.length > 0, 'at least one valid case');
      assert.ok(tests.invalid.length > 0, 'at least one invalid case');
      const key = (c: { code: string; files?: Record<string, string> }) =>
        c.files ? `${c.code}\n${JSON.stringify(c.files)}` : c.code;
      const codes = [...tests.valid.map((v) => (typeof v === 'string' ? v : key(v))), ...tests.invalid.map(key)];
      const seen = new Set<string>();
      for (const code of codes) {
        assert.ok(!seen.has(code), `duplicate case:\n${code}`);
        seen.add(code);
      }
    });

    tests.valid.forEach((v, index) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { findings } = findingsOf(rule, c.code, c.path, c.files);
        assert.deepEqual(
          findings.map((f) => `${f.messageId} ${formatRange(f.range)}`),
          [],
          `expected no finding in:\n${c.code}`,
        );
      });
    });

    tests.invalid.forEach((c, index) => {
      it(`invalid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { findings, fixes, syntaxCount } = findingsOf(rule, c.code, c.path, c.files);
        for (const f of findings) assert.ok(f.messageId in meta.messages, `unknown messageId ${f.messageId}`);
        for (const e of c.findings)
          assert.ok(e.messageId in meta.messages, `test names unknown messageId ${e.messageId}`);
        assert.deepEqual(
          findings.map((f) => `${f.messageId} ${formatRange(f.range)}`),
          c.findings.map((e) => `${e.messageId} ${e.range}`),
          `findings in:\n${c.code}`,
        );
        c.findings.forEach((expected, i) => {
          if (expected.severity) assert.equal(findings[i].severity ?? meta.severity, expected.severity, 'severity');
          if (expected.related)
            assert.deepEqual(
              (findings[i].related ?? []).map((r) => `${r.path ?? ''}@${formatRange(r.range)}`),
              expected.related,
              'related locations',
            );
          const offered = fixes[i];
          if (meta.fix === 'none') {
            assert.equal(offered.length, 0, 'a rule with fix kind none offers no fix');
            return;
          }
          assert.ok(expected.fixes, `finding ${i + 1} must list its expected fixes ([] for none)`);
          assert.deepEqual(
            offered.map((f) => ({ title: f.title, safe: f.safe })),
            expected.fixes.map((f) => ({ title: f.title, safe: f.safe })),
            'fixes offered',
          );
          expected.fixes.forEach((expectedFix, j) =>
            checkFix(rule, c, offered[j], expectedFix, findings, findings[i].messageId, syntaxCount),
          );
        });
      });
    });
  });
}

function checkFix(
  rule: AnyRule,
  c: InvalidCase,
  fix: Fix,
  expected: ExpectedFix,
  findingsBefore: Finding[],
  messageId: string,
  syntaxBefore: number,
): void {
  const output = applyEdits(c.code, fix.edits);
  assert.equal(output, expected.output, `output of "${fix.title}"`);
  const after = findingsOf(rule, output, c.path, c.files);
  assert.ok(after.syntaxCount <= syntaxBefore, `"${fix.title}" leaves a file that no longer parses:\n${output}`);
  // One fewer finding of the fixed kind: a fix may leave a milder one behind (a writable mount made read-only).
  const count = (list: Finding[]) => list.filter((f) => f.messageId === messageId).length;
  assert.ok(count(after.findings) < count(findingsBefore), `"${fix.title}" does not remove its finding:\n${output}`);
  // Applying a fix twice must not be possible: the same edits are not offered again.
  const again = after.fixes
    .flat()
    .some(
      (f) =>
        f.title === fix.title &&
        applyEdits(output, f.edits) !== output &&
        JSON.stringify(f.edits) === JSON.stringify(fix.edits),
    );
  assert.ok(!again, `"${fix.title}" is offered again on its own output`);
}
