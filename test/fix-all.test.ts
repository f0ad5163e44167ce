import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineRule } from '../shared/src/rule';
import { fixAll, MAX_FIX_PASSES } from '../shared/src/fix-all';
import type { Fix } from '../shared/src/types';

/** A test rule: reports each `word` in a comment and fixes it with what `fixOf` returns. */
function wordRule(word: string, fixOf: (start: number, end: number, text: string) => Fix[]) {
  return defineRule({
    meta: {
      id: `test/${word}`,
      title: word,
      kind: 'dockerfile',
      severity: 'warning',
      threat: 'application',
      mitigation: '-',
      peers: {},
      references: [],
      fix: 'mixed',
      messages: { found: 'found' },
      docs: { description: '-', examples: { bad: [], good: [] } },
    },
    check(model) {
      return [...model.source.text.matchAll(new RegExp(word, 'g'))].map((m) => ({
        messageId: 'found' as const,
        range: model.source.rangeOf(m.index!, m.index! + word.length),
        fixData: m.index,
      }));
    },
    fixes(finding, model) {
      const start = finding.fixData as number;
      return fixOf(start, start + word.length, model.source.text);
    },
  });
}

const replace =
  (title: string, newText: string, safe = true) =>
  (start: number, end: number, text: string): Fix[] => {
    const at = (offset: number) => {
      const before = text.slice(0, offset).split(/\r\n|\r|\n/);
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    return [{ title, safe, edits: [{ range: { start: at(start), end: at(end) }, newText }] }];
  };

describe('fixAll', () => {
  it('applies every non-overlapping safe fix in one pass and only safe ones', () => {
    const rules = [wordRule('aaa', replace('to b', 'b')), wordRule('zzz', replace('to y', 'y', false))];
    const result = fixAll('Dockerfile', 'FROM x\n# aaa zzz aaa\n', 'dockerfile', { rules });
    assert.equal(result.text, 'FROM x\n# b zzz b\n');
    assert.deepEqual(
      result.applied.map((a) => a.ruleId),
      ['test/aaa', 'test/aaa'],
    );
    assert.deepEqual(
      result.report.diagnostics.map((d) => d.ruleId),
      ['test/zzz'],
    );
  });

  it('leaves an overlapping fix for the next pass, which re-analyses the new text', () => {
    // Both rules match inside "abcd"; the second's fix overlaps the first's and must wait.
    const rules = [wordRule('abc', replace('abc to X', 'X')), wordRule('bcd', replace('bcd to Y', 'Y'))];
    const result = fixAll('Dockerfile', 'FROM x\n# abcd\n', 'dockerfile', { rules });
    assert.equal(result.text, 'FROM x\n# Xd\n');
    assert.deepEqual(
      result.applied.map((a) => a.title),
      ['abc to X'],
    );
  });

  it('writes inserted line breaks as CRLF in a CRLF file', () => {
    const rules = [wordRule('aaa', replace('split', 'a\na'))];
    assert.equal(fixAll('Dockerfile', 'FROM x\r\n# aaa\r\n', 'dockerfile', { rules }).text, 'FROM x\r\n# a\r\na\r\n');
    assert.equal(fixAll('Dockerfile', 'FROM x\n# aaa\n', 'dockerfile', { rules }).text, 'FROM x\n# a\na\n');
  });

  it('writes inserted line breaks as CR in a file with lone CR line breaks', () => {
    const rules = [wordRule('aaa', replace('split', 'a\na'))];
    assert.equal(fixAll('Dockerfile', 'FROM x\r# aaa\r', 'dockerfile', { rules }).text, 'FROM x\r# a\ra\r');
  });

  it(`stops after ${MAX_FIX_PASSES} passes when fixes never settle`, () => {
    const rules = [wordRule('aaa', replace('grow', 'xaaa'))];
    const result = fixAll('Dockerfile', 'FROM x\n# aaa\n', 'dockerfile', { rules });
    assert.equal(result.applied.length, MAX_FIX_PASSES);
    assert.equal(result.text, `FROM x\n# ${'x'.repeat(MAX_FIX_PASSES)}aaa\n`);
    assert.equal(result.report.diagnostics.length, 1, 'the report is of the final text');
  });

  it('skips a fix whose own edits overlap instead of throwing', () => {
    const broken = (): Fix[] => [
      {
        title: 'broken',
        safe: true,
        edits: [
          { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, newText: 'x' },
          { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: 'y' },
        ],
      },
    ];
    const rules = [wordRule('aaa', broken), wordRule('zzz', replace('to y', 'y'))];
    const result = fixAll('Dockerfile', 'FROM x\n# aaa zzz\n', 'dockerfile', { rules });
    assert.equal(result.text, 'FROM x\n# aaa y\n');
  });
});
