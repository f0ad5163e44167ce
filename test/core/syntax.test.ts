import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../shared/src/engine';
import { defaultConfig } from '../../shared/src/config';
import { formatRange } from '../rule-tester';
import sudo from '../../shared/src/rules/image/sudo';

/** Syntax diagnostics as `range message`, ranges 1-based. */
function syntax(code: string): string[] {
  return analyzeText('Dockerfile', code, 'dockerfile', { rules: [] })
    .diagnostics.filter((d) => d.ruleId === 'syntax')
    .map((d) => `${formatRange(d.range)} ${d.message}`);
}

describe('syntax diagnostics', () => {
  it('none for a well-formed file, instructions in any case', () => {
    assert.deepEqual(
      syntax(
        '# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nfrom ${BASE} as build\nrun echo hi\nHEALTHCHECK NONE\n',
      ),
      [],
    );
  });

  it('unknown instruction, at its name', () => {
    assert.deepEqual(syntax('FROM alpine:3.20\nRUNN echo hi\n'), ['2:1-2:5 Unknown instruction `RUNN`.']);
  });

  it('instruction before FROM; ARG before FROM is fine', () => {
    assert.deepEqual(syntax('ARG TAG=3.20\nRUN echo hi\nFROM alpine:$TAG\n'), [
      '2:1-2:4 `RUN` before the first `FROM`: only `ARG` may come before it.',
    ]);
  });

  it('missing arguments', () => {
    assert.deepEqual(syntax('FROM alpine:3.20\nUSER\nWORKDIR\n'), [
      '2:1-2:5 `USER` has no arguments.',
      '3:1-3:8 `WORKDIR` has no arguments.',
    ]);
  });

  it('a heredoc RUN has arguments', () => {
    assert.deepEqual(syntax('FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n'), []);
  });

  it('no FROM at all', () => {
    assert.deepEqual(syntax('ARG X=1\n'), ['1:1-1:8 No `FROM` instruction: this is not a buildable Dockerfile.']);
  });

  it('an empty or comment-only file is not buildable either', () => {
    assert.deepEqual(
      syntax('').map((s) => s.replace(/^\S+ /, '')),
      ['No `FROM` instruction: this is not a buildable Dockerfile.'],
    );
    assert.equal(syntax('# nothing yet\n').length, 1);
  });

  it('duplicate stage names, compared case-insensitively, at the second alias', () => {
    assert.deepEqual(syntax('FROM golang:1.22 AS build\nFROM alpine:3.20 AS Build\n'), [
      '2:21-2:26 Stage name `build` is used twice.',
    ]);
  });

  it('forbidden ONBUILD triggers', () => {
    const problems = syntax(
      'FROM alpine:3.20\nONBUILD ONBUILD RUN x\nONBUILD FROM debian\nONBUILD maintainer me\nONBUILD RUN echo ok\n',
    );
    assert.deepEqual(problems, [
      '2:9-2:16 `ONBUILD ONBUILD` is not allowed.',
      '3:9-3:13 `ONBUILD FROM` is not allowed.',
      '4:9-4:19 `ONBUILD MAINTAINER` is not allowed.',
    ]);
  });

  it('heredoc bodies are not read as instructions', () => {
    assert.deepEqual(
      syntax('FROM alpine:3.20\nRUN <<EOF\nset -e\napk add curl\nEOF\nCOPY <<CONF /etc/app.conf\nlisten 80\nCONF\n'),
      [],
    );
  });

  it('each problem once, in file order, with the other problems of the file', () => {
    const problems = syntax('RUN echo early\nFROM alpine:3.20 AS a\nRUNN x\nFROM alpine:3.20 AS a\n');
    assert.deepEqual(
      problems.map((p) => p.split(' ').slice(1).join(' ')),
      [
        '`RUN` before the first `FROM`: only `ARG` may come before it.',
        'Unknown instruction `RUNN`.',
        'Stage name `a` is used twice.',
      ],
    );
  });
});

describe('the rest of the file is still checked after a syntax problem', () => {
  it('a rule finding after an unknown instruction is reported', () => {
    const report = analyzeText(
      'Dockerfile',
      'FROM debian:12\nRUNN apt-get update\nRUN sudo apt-get install -y curl\n',
      'dockerfile',
      { rules: [sudo] },
    );
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.ruleId} ${formatRange(d.range)}`),
      ['syntax 2:1-2:5', 'image/sudo 3:5-3:9'],
    );
    assert.equal(report.diagnostics[0].severity, 'error');
  });

  it('instructions before any FROM belong to no stage: only their syntax problems are reported', () => {
    const report = analyzeText('Dockerfile', 'RUN sudo id\n', 'dockerfile', { rules: [sudo] });
    assert.deepEqual(
      report.diagnostics.map((d) => d.ruleId),
      ['syntax', 'syntax'],
    );
  });

  it('a rule finding in the stage after a misplaced instruction is reported', () => {
    const report = analyzeText('Dockerfile', 'USER app\nFROM debian:12\nRUN sudo id\n', 'dockerfile', {
      rules: [sudo],
    });
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.ruleId} ${d.range.start.line + 1}`),
      ['syntax 1', 'image/sudo 3'],
    );
  });

  it('syntax follows configuration like any rule', () => {
    const code = 'FROM debian:12\nRUNN x\n';
    const off = { ...defaultConfig(), rules: { syntax: 'off' as const } };
    const warning = { ...defaultConfig(), rules: { syntax: 'warning' as const } };
    assert.deepEqual(analyzeText('Dockerfile', code, 'dockerfile', { rules: [], config: off }).diagnostics, []);
    assert.deepEqual(
      analyzeText('Dockerfile', code, 'dockerfile', { rules: [], config: warning }).diagnostics.map((d) => d.severity),
      ['warning'],
    );
  });
});
