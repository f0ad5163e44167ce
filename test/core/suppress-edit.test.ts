// Where "ignore this rule" writes its comment, checked against what the suppression reader then silences.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ignoreFileEdit, ignoreInstructionEdit, ignoreLineEdit } from '../../shared/src/suppress-edit';
import { readSuppressions, isSuppressed, dockerfileStatementEnd } from '../../shared/src/suppress';
import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { SourceText, applyEdits } from '../../shared/src/text';

const line = (kind: 'dockerfile' | 'compose', text: string, id: string, at: number) => {
  const edit = ignoreLineEdit(kind, text, id, at);
  assert.ok(edit, `a line suppression for line ${at + 1}`);
  return applyEdits(text, [edit]);
};

/** The lines (1-based) where `id` is suppressed in a Dockerfile text. */
function silencedLines(text: string, id: string): number[] {
  const source = new SourceText(text);
  const s = readSuppressions(source, dockerfileStatementEnd(parseDockerfile(text)));
  const lines: number[] = [];
  for (let l = 0; l < source.lineCount; l++) if (isSuppressed(s, id, undefined, l)) lines.push(l + 1);
  return lines;
}
const file = (kind: 'dockerfile' | 'compose', text: string, id: string) =>
  applyEdits(text, [ignoreFileEdit(kind, text, id)]);

describe('ignore comment edits', () => {
  it('a Dockerfile finding on a continuation line: for the instruction, above it, with its indentation', () => {
    const text = 'FROM debian:12\n\tRUN a && \\\n\t    sudo b\n';
    assert.equal(
      applyEdits(text, [ignoreInstructionEdit(text, 'image/sudo', 2)]),
      'FROM debian:12\n\t# bulkhead-ignore image/sudo\n\tRUN a && \\\n\t    sudo b\n',
    );
  });

  it('for this line, in a continued instruction: that line only, its first or a continuation line', () => {
    const text =
      'FROM debian:12\nRUN wget --no-check-certificate https://a/x && \\\n    curl -k https://b/y && \\\n    make\n';
    const id = 'image/tls-verification-disabled';
    const second = line('dockerfile', text, id, 2);
    assert.equal(
      second,
      'FROM debian:12\nRUN wget --no-check-certificate https://a/x && \\\n    # bulkhead-ignore-next-line image/tls-verification-disabled\n    curl -k https://b/y && \\\n    make\n',
    );
    assert.deepEqual(silencedLines(second, id), [4], 'only the curl line (now line 4)');
    const first = line('dockerfile', text, id, 1);
    assert.equal(first.split('\n')[1], '# bulkhead-ignore-next-line image/tls-verification-disabled');
    assert.deepEqual(silencedLines(first, id), [3], 'only the wget line (now line 3)');
    const instruction = applyEdits(text, [ignoreInstructionEdit(text, id, 2)]);
    assert.deepEqual(silencedLines(instruction, id), [3, 4, 5], 'the whole instruction');
    // The comment line inside the instruction is dropped by the parser: the instruction and its words stay.
    const parsed = parseDockerfile(second).ast.getInstructions()[1];
    assert.equal(parsed.getRange().end.line, 4);
    assert.ok(!parsed.getArguments().some((a) => a.getValue().includes('bulkhead')));
  });

  it('never writes a comment into a here-document body', () => {
    const text = 'FROM debian:12\nRUN <<EOF\nwget --no-check-certificate https://a/x\nEOF\n';
    assert.equal(ignoreLineEdit('dockerfile', text, 'image/tls-verification-disabled', 2), undefined);
    assert.ok(ignoreLineEdit('dockerfile', text, 'image/tls-verification-disabled', 1));
  });

  it('extends the comment above, keeping its reason, and adds nothing when the id is there', () => {
    const text = 'FROM debian:12\n# bulkhead-ignore image/a -- why\nRUN x\n';
    assert.equal(
      line('dockerfile', text, 'image/b', 2),
      'FROM debian:12\n# bulkhead-ignore image/a,image/b -- why\nRUN x\n',
    );
    assert.equal(ignoreLineEdit('dockerfile', text, 'image/a', 2)?.newText, '');
  });

  it('a file suppression goes below all parser directives, or extends an existing one', () => {
    assert.equal(
      file('dockerfile', '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM x\n', 'image/sudo'),
      '# syntax=docker/dockerfile:1\n# check=skip=all\n# bulkhead-ignore-file image/sudo\nFROM x\n',
    );
    assert.equal(
      file('dockerfile', '# a comment\n# syntax=x\nFROM x\n', 'image/sudo'),
      '# bulkhead-ignore-file image/sudo\n# a comment\n# syntax=x\nFROM x\n',
    );
    assert.equal(
      file('dockerfile', 'FROM x\n# bulkhead-ignore-file image/a\n', 'image/b'),
      'FROM x\n# bulkhead-ignore-file image/a,image/b\n',
    );
    assert.equal(
      file('dockerfile', '# escape=`', 'image/b'),
      '# escape=`\n# bulkhead-ignore-file image/b\n',
      'a file without a final line break',
    );
  });

  it('compose: a YAML comment at the top, and above the line, in the file’s line endings', () => {
    assert.equal(
      file('compose', 'services: {}\r\n', 'container/privileged'),
      '# bulkhead-ignore-file container/privileged\r\nservices: {}\r\n',
    );
    assert.equal(
      line('compose', 'services:\n  a:\n    privileged: true\n', 'container/privileged', 2),
      'services:\n  a:\n    # bulkhead-ignore container/privileged\n    privileged: true\n',
    );
  });
});
