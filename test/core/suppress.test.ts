import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../shared/src/engine';
import { isSuppressed, readSuppressions } from '../../shared/src/suppress';
import { SourceText } from '../../shared/src/text';
import sudo from '../../shared/src/rules/image/sudo';
import secretInBuild from '../../shared/src/rules/image/secret-in-build';

const RULES = [sudo, secretInBuild];

/** `ruleId line` (1-based) of every diagnostic the two rules give. */
function reported(code: string): string[] {
  return analyzeText('Dockerfile', code, 'dockerfile', { rules: RULES }).diagnostics.map(
    (d) => `${d.ruleId} ${d.range.start.line + 1}`,
  );
}

describe('suppressions read from comments', () => {
  it('the line before covers the next statement', () => {
    const s = readSuppressions(
      new SourceText('FROM debian:12\n# bulkhead-ignore image/sudo\nRUN sudo id\nRUN sudo id\n'),
    );
    assert.ok(isSuppressed(s, 'image/sudo', undefined, 2));
    assert.ok(!isSuppressed(s, 'image/sudo', undefined, 3), 'only the next statement');
    assert.ok(!isSuppressed(s, 'image/root-user', undefined, 2), 'only the named rule');
  });

  it('several ids, with commas and spaces, and a reason after --', () => {
    const s = readSuppressions(
      new SourceText('# bulkhead-ignore image/sudo, image/secret-in-build,syntax -- vendored file, reviewed\nRUN x\n'),
    );
    assert.deepEqual([...(s.lines.get(1) ?? [])].sort(), ['image/secret-in-build', 'image/sudo', 'syntax']);
  });

  it('blank and comment lines between the suppression and the statement are skipped', () => {
    const s = readSuppressions(new SourceText('# bulkhead-ignore image/sudo\n\n# why: legacy\nRUN sudo id\n'));
    assert.ok(isSuppressed(s, 'image/sudo', undefined, 3));
  });

  it('a suppression without an id suppresses nothing', () => {
    const s = readSuppressions(new SourceText('# bulkhead-ignore\nRUN sudo id\n# bulkhead-ignore-file\n'));
    assert.equal(s.lines.size, 0);
    assert.equal(s.file.size, 0);
  });

  it('hadolint ids are kept apart from rule ids and upper-cased', () => {
    const s = readSuppressions(new SourceText('# hadolint ignore=dl3004,DL3008\nRUN sudo apt-get install curl\n'));
    assert.ok(isSuppressed(s, 'image/sudo', ['DL3004'], 1));
    assert.ok(!isSuppressed(s, 'image/sudo', undefined, 1), 'a rule claiming no hadolint id');
    assert.ok(!isSuppressed(s, 'image/other', ['DL3020'], 1));
  });
});

describe('suppressions through analyzeText', () => {
  const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';

  it('without a suppression the finding is reported', () => {
    assert.deepEqual(reported(SUDO), ['image/sudo 2']);
  });

  it('on the line before', () => {
    assert.deepEqual(
      reported(
        'FROM debian:12\n# bulkhead-ignore image/sudo -- the base image has no root shell\nRUN sudo apt-get update\n',
      ),
      [],
    );
  });

  it('on the line before, covering every line of a continued RUN', () => {
    const code =
      'FROM debian:12\n# bulkhead-ignore image/sudo\nRUN apt-get update && \\\n    sudo apt-get install -y curl && \\\n    sudo rm -rf /var/lib/apt/lists/*\nRUN sudo id\n';
    assert.deepEqual(reported(code), ['image/sudo 6']);
  });

  it('at the end of the line', () => {
    assert.deepEqual(reported('FROM debian:12\nRUN sudo apt-get update # bulkhead-ignore image/sudo\nRUN sudo id\n'), [
      'image/sudo 3',
    ]);
  });

  it('at the end of the last line of a continued RUN', () => {
    assert.deepEqual(
      reported('FROM debian:12\nRUN true && \\\n    sudo make install # bulkhead-ignore image/sudo\n'),
      [],
    );
  });

  it('a comment line inside a continued RUN covers the line after it', () => {
    const code =
      'FROM debian:12\nRUN apt-get update && \\\n    # bulkhead-ignore image/sudo\n    sudo apt-get install -y curl && \\\n    sudo true\n';
    assert.deepEqual(reported(code), ['image/sudo 5']);
  });

  it('another rule id does not suppress', () => {
    assert.deepEqual(reported('FROM debian:12\n# bulkhead-ignore image/root-user\nRUN sudo apt-get update\n'), [
      'image/sudo 3',
    ]);
  });

  it('a prefix of the id does not suppress', () => {
    assert.deepEqual(reported('FROM debian:12\n# bulkhead-ignore image/sud\nRUN sudo apt-get update\n'), [
      'image/sudo 3',
    ]);
  });

  it('two rules on one statement, one suppressed', () => {
    const code = 'FROM debian:12\n# bulkhead-ignore image/secret-in-build\nENV API_TOKEN=abc123\nRUN sudo id\n';
    assert.deepEqual(reported(code), ['image/sudo 4']);
  });

  it('bulkhead-ignore-file, written anywhere, covers the whole file for the named rules only', () => {
    const code =
      'FROM debian:12\nRUN sudo id\nENV API_TOKEN=abc123\nRUN sudo true\n# bulkhead-ignore-file image/sudo\n';
    assert.deepEqual(reported(code), ['image/secret-in-build 3']);
  });

  it('# hadolint ignore= suppresses rules that claim that hadolint id', () => {
    assert.deepEqual(reported('FROM debian:12\n# hadolint ignore=DL3004\nRUN sudo apt-get update\n'), []);
    assert.deepEqual(reported('FROM debian:12\n# hadolint ignore=DL3008,DL3004\nRUN sudo apt-get update\n'), []);
  });

  it('# hadolint stage ignore= covers the rest of the stage, not the next one', () => {
    const code =
      'FROM debian:12 AS build\nRUN sudo id\n# hadolint stage ignore=DL3004\nRUN sudo a\nRUN sudo b\nFROM debian:12\nRUN sudo c\n';
    assert.deepEqual(reported(code), ['image/sudo 2', 'image/sudo 7']);
  });

  it('# hadolint stage ignore= above FROM covers the whole stage', () => {
    const code = '# hadolint stage ignore=DL3004, DL3008\nFROM debian:12\nRUN sudo a\nRUN sudo b\n';
    assert.deepEqual(reported(code), []);
  });

  it('# hadolint global ignore= covers the whole file', () => {
    const code = 'FROM debian:12 AS a\nRUN sudo a\nFROM debian:12\nRUN sudo b\n# hadolint global ignore=DL3004\n';
    assert.deepEqual(reported(code), []);
    assert.deepEqual(reported('FROM debian:12\n# hadolint global ignore=DL3008\nRUN sudo b\n'), ['image/sudo 3']);
  });

  it('# hadolint ignore= with an id no rule claims suppresses nothing', () => {
    assert.deepEqual(reported('FROM debian:12\n# hadolint ignore=DL3008\nRUN sudo apt-get update\n'), ['image/sudo 3']);
  });

  it('works the same in a CRLF file', () => {
    assert.deepEqual(
      reported('FROM debian:12\r\n# bulkhead-ignore image/sudo\r\nRUN sudo apt-get update\r\nRUN sudo id\r\n'),
      ['image/sudo 4'],
    );
  });

  it('suppresses syntax diagnostics by their id too', () => {
    const diagnostics = (code: string) =>
      analyzeText('Dockerfile', code, 'dockerfile', { rules: [] }).diagnostics.map((d) => d.ruleId);
    assert.deepEqual(diagnostics('FROM debian:12\nRUNN x\n'), ['syntax']);
    assert.deepEqual(diagnostics('FROM debian:12\n# bulkhead-ignore syntax\nRUNN x\n'), []);
    assert.deepEqual(diagnostics('# bulkhead-ignore-file syntax\nFROM debian:12\nRUNN x\n'), []);
  });
});
