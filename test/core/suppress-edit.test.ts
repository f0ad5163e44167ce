// Where "ignore this rule" writes its comment, checked against what the suppression reader then silences.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ignoreFileEdit, ignoreLineEdit } from '../../shared/src/suppress-edit';
import { applyEdits } from '../../shared/src/text';

const line = (kind: 'dockerfile' | 'compose', text: string, id: string, at: number) =>
  applyEdits(text, [ignoreLineEdit(kind, text, id, at)]);
const file = (kind: 'dockerfile' | 'compose', text: string, id: string) =>
  applyEdits(text, [ignoreFileEdit(kind, text, id)]);

describe('ignore comment edits', () => {
  it('a Dockerfile finding on a continuation line: above the instruction, with its indentation', () => {
    const text = 'FROM debian:12\n\tRUN a && \\\n\t    sudo b\n';
    assert.equal(
      line('dockerfile', text, 'image/sudo', 2),
      'FROM debian:12\n\t# bulkhead-ignore image/sudo\n\tRUN a && \\\n\t    sudo b\n',
    );
  });

  it('extends the comment above, keeping its reason, and adds nothing when the id is there', () => {
    const text = 'FROM debian:12\n# bulkhead-ignore image/a -- why\nRUN x\n';
    assert.equal(
      line('dockerfile', text, 'image/b', 2),
      'FROM debian:12\n# bulkhead-ignore image/a,image/b -- why\nRUN x\n',
    );
    assert.equal(ignoreLineEdit('dockerfile', text, 'image/a', 2).newText, '');
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
