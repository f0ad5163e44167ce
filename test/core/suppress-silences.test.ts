/**
 * "Ignore this rule" actions are offered only when the comment they insert really silences the finding. The server
 * decides that from the comment grammar (`suppressionSilences`) instead of analysing the edited text; this checks the
 * decision against a full analysis of the edited text on real files, and the YAML places where a `#` line is not a
 * comment.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { analyzeText } from '../../shared/src/engine';
import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { ruleMeta } from '../../shared/src/hover/index';
import {
  ignoreFileEdit,
  ignoreInstructionEdit,
  ignoreLineEdit,
  suppressionSilences,
  type SuppressionTarget,
} from '../../shared/src/suppress-edit';
import { applyEdits } from '../../shared/src/text';
import type { Diagnostic, FileKind, TextEdit } from '../../shared/src/types';
import { detectKind } from '../../shared/src/detect';
import { corpusRoot, repoRoot } from '../../scripts/repo-root';

/** Findings checked per file, spread over it: enough to meet every rule, few enough to keep the suite quick. */
const FINDINGS_PER_FILE = 3;

function targetOf(kind: FileKind, text: string): SuppressionTarget {
  return kind === 'dockerfile'
    ? { kind, text, model: parseDockerfile(text) }
    : { kind, text, document: parseDocument(text, { uniqueKeys: false }) };
}

/**
 * The reference: analyse the edited text. A finding is silenced when no diagnostic of its rule and message is left on
 * its (moved) line, and the edit added no syntax problem.
 */
function silencedByAnalysis(after: Diagnostic[], before: Diagnostic[], finding: Diagnostic, edit: TextEdit): boolean {
  if (edit.newText === '') return false;
  const inserted = edit.newText.split('\n').length - 1;
  const at = edit.range.start;
  const line = finding.range.start.line;
  const moved = line > at.line || (line === at.line && at.character === 0) ? line + inserted : line;
  const syntax = (list: Diagnostic[]) => list.filter((d) => d.ruleId === 'syntax').length;
  const left = after.some(
    (d) => d.ruleId === finding.ruleId && d.message === finding.message && d.range.start.line === moved,
  );
  return !left && syntax(after) <= syntax(before);
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe('suppressionSilences', () => {
  it('agrees with a full analysis of the edited text on real files', (t) => {
    const real = join(corpusRoot(), 'real');
    const root = existsSync(real) ? real : join(repoRoot(), 'test', 'fixtures', 'corpus');
    if (root !== real) t.diagnostic(`../shared/corpus/real is absent: checking the copies in ${root} only`);
    let checked = 0;
    const offered = { yes: 0, no: 0 };
    const disagreements: string[] = [];
    for (const path of files(root)) {
      const kind = detectKind(path);
      if (!kind) continue;
      const text = readFileSync(path, 'utf8');
      const analysed = analyzeText(path, text, kind, { keepModel: true });
      const before = analysed.diagnostics;
      const candidates = before.filter((d) => d.ruleId !== 'syntax' && d.ruleId !== 'internal-error');
      if (!candidates.length) continue;
      // The server reads the analysis' own model when it kept one (an open document), else parses the text: both count.
      const model = analysed.model;
      const targets: [string, SuppressionTarget][] = [['parsed', targetOf(kind, text)]];
      if (model?.kind === 'dockerfile') targets.push(['analysis model', { kind: 'dockerfile', text, model }]);
      if (model?.kind === 'compose' && model.doc)
        targets.push(['analysis model', { kind: 'compose', text, document: model.doc }]);
      assert.equal(targets.length, 2, `${path}: the analysis kept its model`);
      const step = Math.max(1, Math.floor(candidates.length / FINDINGS_PER_FILE));
      for (let i = 0; i < candidates.length && i < step * FINDINGS_PER_FILE; i += step) {
        const suppressed = candidates[i];
        const line = suppressed.range.start.line;
        const edits = [
          ignoreLineEdit(kind, text, suppressed.ruleId, line),
          kind === 'dockerfile' ? ignoreInstructionEdit(text, suppressed.ruleId, line) : undefined,
          ignoreFileEdit(kind, text, suppressed.ruleId),
        ];
        for (const edit of edits) {
          if (!edit) continue;
          const after = edit.newText === '' ? before : analyzeText(path, applyEdits(text, [edit]), kind).diagnostics;
          // Every finding of the same rule: the one the comment is for, and the others it must (or must not) cover.
          for (const finding of candidates.filter((d) => d.ruleId === suppressed.ruleId)) {
            const findingLine = finding.range.start.line;
            const expected = silencedByAnalysis(after, before, finding, edit);
            checked++;
            for (const [name, target] of targets) {
              const decided = suppressionSilences(
                target,
                edit,
                finding.ruleId,
                ruleMeta(finding.ruleId)?.peers?.hadolint,
                findingLine,
              );
              if (name === 'parsed') offered[decided ? 'yes' : 'no']++;
              if (decided !== expected)
                disagreements.push(
                  `${path}:${findingLine + 1} ${finding.ruleId} (${JSON.stringify(edit.newText)} at ${line + 1}), ${name}: decided ${decided}, analysis ${expected}`,
                );
            }
          }
        }
      }
    }
    t.diagnostic(`${checked} (suppression, finding) pairs checked: ${offered.yes} silenced, ${offered.no} not`);
    assert.ok(offered.yes > 50 && offered.no > 50, `enough of both answers checked (${offered.yes} / ${offered.no})`);
    assert.deepEqual(disagreements, []);
  });

  it('never offers a comment line inside a YAML block scalar, multi-line string or flow collection', () => {
    const text = [
      'services:',
      '  app:',
      '    command: |',
      '      run',
      '      serve',
      '    environment: {',
      '      A: b,',
      '      C: d }',
      '    entrypoint: "one',
      '      two"',
      '    privileged: true',
      '',
    ].join('\n');
    const target = targetOf('compose', text);
    const insertAt = (line: number): TextEdit => ({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: '    # bulkhead-ignore x/y\n',
    });
    for (const line of [4, 6, 7, 9])
      assert.equal(suppressionSilences(target, insertAt(line), 'x/y', undefined, line), false, `line ${line + 1}`);
    for (const line of [2, 5, 8, 10])
      assert.equal(suppressionSilences(target, insertAt(line), 'x/y', undefined, line), true, `line ${line + 1}`);
  });

  it('covers every line of a continued Dockerfile instruction, and none of the next', () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n    sudo make install\nRUN sudo id\n';
    const target = targetOf('dockerfile', text);
    const edit = ignoreInstructionEdit(text, 'image/sudo', 2);
    assert.equal(edit.range.start.line, 1, 'the comment goes above the instruction');
    assert.equal(suppressionSilences(target, edit, 'image/sudo', undefined, 2), true);
    assert.equal(suppressionSilences(target, edit, 'image/sudo', undefined, 3), false);
    assert.equal(suppressionSilences(target, edit, 'image/other', undefined, 2), false, 'another rule is not silenced');
  });

  it('reads a hadolint id on an extended comment, and refuses an edit that adds nothing', () => {
    const text = 'FROM debian:12\n# bulkhead-ignore image/sudo\nRUN sudo id\n';
    const target = targetOf('dockerfile', text);
    const again = ignoreLineEdit('dockerfile', text, 'image/sudo', 2)!;
    assert.equal(again.newText, '', 'already ignored: nothing to insert');
    assert.equal(suppressionSilences(target, again, 'image/sudo', undefined, 2), false);
    const extend = ignoreLineEdit('dockerfile', text, 'image/apt-pin', 2)!;
    assert.equal(extend.newText, ',image/apt-pin');
    assert.equal(suppressionSilences(target, extend, 'image/apt-pin', undefined, 2), true);
  });
});
