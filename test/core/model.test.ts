import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  allRuns,
  baseClass,
  isExecForm,
  parseDockerfile,
  rootStage,
  type DockerfileModel,
} from '../../shared/src/dockerfile/model';
import { substitute } from '../../shared/src/dockerfile/expand';
import { analyzeText } from '../../shared/src/engine';
import { defaultConfig } from '../../shared/src/config';
import type { SimpleCommand } from '../../shared/src/dockerfile/shell';

/** Each command of each RUN as its word values, nested commands marked. */
function commands(model: DockerfileModel): string[][] {
  return allRuns(model).map((run) => run.script.commands.map(describeCommand));
}

function describeCommand(cmd: SimpleCommand): string {
  return `${cmd.nested ? `${cmd.nested}: ` : ''}${cmd.words.map((w) => w.value).join(' ')}`;
}

describe('parseDockerfile: stages', () => {
  const model = parseDockerfile(
    'FROM golang:1.22 AS Build\nRUN go build -o /app\nFROM BUILD AS test\nRUN go test ./...\nFROM gcr.io/distroless/static-debian12:nonroot AS final\nCOPY --from=build /app /app\n',
  );

  it('one stage per FROM, aliases lower-cased, the last one final', () => {
    assert.deepEqual(
      model.stages.map((s) => [s.index, s.name, s.isFinal]),
      [
        [0, 'build', false],
        [1, 'test', false],
        [2, 'final', true],
      ],
    );
    assert.equal(model.finalStage, model.stages[2]);
  });

  it('a stage built FROM an earlier alias has that parent, whatever the case, and no image', () => {
    const [build, test, final] = model.stages;
    assert.equal(test.parent, build);
    assert.equal(test.image, undefined);
    assert.equal(rootStage(test), build);
    assert.equal(final.parent, undefined);
    assert.equal(rootStage(final), final);
  });

  it('images parsed, base class read through the parent chain', () => {
    const [build, test, final] = model.stages;
    assert.deepEqual(build.image && { path: build.image.path, tag: build.image.tag, registry: build.image.registry }, {
      path: 'golang',
      tag: '1.22',
      registry: undefined,
    });
    assert.deepEqual(final.image && { registry: final.image.registry, name: final.image.name, tag: final.image.tag }, {
      registry: 'gcr.io',
      name: 'static-debian12',
      tag: 'nonroot',
    });
    assert.equal(baseClass(test), baseClass(build));
    assert.equal(baseClass(final), 'distroless');
  });

  it('instructions and runs belong to their stage', () => {
    assert.deepEqual(
      model.stages.map((s) => s.instructions.map((i) => i.getKeyword())),
      [['RUN'], ['RUN'], ['COPY']],
    );
    assert.deepEqual(
      model.stages.map((s) => s.runs.length),
      [1, 1, 0],
    );
    assert.deepEqual(
      model.stages.map((s) => [s.range.start.line, s.range.end.line]),
      [
        [0, 1],
        [2, 3],
        [4, 5],
      ],
    );
  });

  it('a FROM naming a later stage is an image, not a parent', () => {
    const m = parseDockerfile('FROM later AS first\nFROM alpine:3.20 AS later\n');
    assert.equal(m.stages[0].parent, undefined);
    assert.equal(m.stages[0].image?.name, 'later');
  });
});

describe('parseDockerfile: ARG before FROM', () => {
  const model = parseDockerfile(
    'ARG REGISTRY=docker.io\nARG BASE=alpine\nARG TAG\nFROM ${REGISTRY}/${BASE}:${TAG:-3.20} AS a\nFROM $BASE AS b\nFROM ${UNKNOWN}/x AS c\nFROM base:${TAG} AS d\n',
  );

  it('global ARGs with their defaults, undefined when none', () => {
    assert.deepEqual(
      [...model.globalArgs],
      [
        ['REGISTRY', 'docker.io'],
        ['BASE', 'alpine'],
        ['TAG', undefined],
      ],
    );
  });

  it('an ARG that declares several names, defaults that use earlier ARGs', () => {
    const m = parseDockerfile(
      'ARG REGISTRY=ghcr.io OWNER=acme\nARG IMAGE=${REGISTRY}/${OWNER}/app\nFROM ${IMAGE}:1.0\n',
    );
    assert.deepEqual(
      [...m.globalArgs],
      [
        ['REGISTRY', 'ghcr.io'],
        ['OWNER', 'acme'],
        ['IMAGE', 'ghcr.io/acme/app'],
      ],
    );
    assert.equal(m.stages[0].image?.text, 'ghcr.io/acme/app:1.0');
  });

  it('FROM images substituted; an unknown variable leaves the image unknown', () => {
    assert.deepEqual(
      model.stages.map((s) => [s.imageText, s.image?.text]),
      [
        ['${REGISTRY}/${BASE}:${TAG:-3.20}', 'docker.io/alpine:3.20'],
        ['$BASE', 'alpine'],
        ['${UNKNOWN}/x', undefined],
        ['base:${TAG}', undefined],
      ],
    );
    assert.equal(model.stages[0].image?.registry, undefined, 'docker.io is Docker Hub');
    assert.equal(baseClass(model.stages[2]), 'unknown');
  });
});

describe('substitute', () => {
  const vars = new Map<string, string | undefined>([
    ['SET', 'v'],
    ['EMPTY', ''],
    ['NODEFAULT', undefined],
  ]);
  const cases: [string, string | undefined][] = [
    ['plain', 'plain'],
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['a${SET}b$SET', 'avbv'],
    ['${SET:-d}', 'v'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${MISSING:-d}', 'd'],
    ['${MISSING-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${MISSING:+alt}', ''],
    ['$MISSING', undefined],
    ['${NODEFAULT}', undefined],
    ['x-${MISSING}-y', undefined],
  ];
  for (const [text, expected] of cases)
    it(`${text} → ${expected}`, () => assert.equal(substitute(text, vars), expected));
});

describe('parseDockerfile: the escape directive', () => {
  const model = parseDockerfile(
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hello\nCOPY C:\\app\\ C:\\app\\\n',
  );

  it('is read', () => assert.equal(model.escapeChar, '`'));

  it('backtick continues a RUN, and the continued line is part of the script', () => {
    assert.deepEqual(commands(model), [['powershell -Command Write-Host hello']]);
  });

  it('a backslash at the end of a line is a path, not a continuation', () => {
    const copy = model.stages[0].instructions[1];
    assert.equal(copy.getKeyword(), 'COPY');
    assert.equal(copy.getRange().start.line, copy.getRange().end.line);
  });

  it('the default is the backslash', () => assert.equal(parseDockerfile('FROM alpine\n').escapeChar, '\\'));
});

describe('parseDockerfile: RUN forms', () => {
  it('a heredoc RUN is read as shell when the shell reads it', () => {
    const model = parseDockerfile(
      'FROM debian:12\nRUN <<EOF\napt-get update\nsudo apt-get install -y curl\nEOF\nRUN bash <<EOF\nset -e\nsudo id\nEOF\n',
    );
    assert.deepEqual(commands(model), [
      ['apt-get update', 'sudo apt-get install -y curl'],
      ['set -e', 'sudo id'],
    ]);
    assert.deepEqual(
      allRuns(model).map((r) => r.form),
      ['heredoc', 'heredoc'],
    );
  });

  it('a heredoc fed to another program is data, not shell', () => {
    const model = parseDockerfile('FROM python:3.12\nRUN python3 <<EOF\nimport os\nos.system("sudo rm -rf /")\nEOF\n');
    assert.deepEqual(commands(model), [['python3']]);
  });

  it('a heredoc with a non-shell shebang is not shell', () => {
    const model = parseDockerfile('FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nprint("sudo")\nEOF\n');
    assert.deepEqual(commands(model), [[]]);
  });

  it('exec form, with sh -c read as nested commands at their offsets in the file', () => {
    const text = 'FROM alpine:3.20\nRUN ["sh", "-c", "apk update && sudo apk add curl"]\n';
    const model = parseDockerfile(text);
    const [run] = allRuns(model);
    assert.equal(run.form, 'exec');
    assert.ok(isExecForm(run.instruction));
    assert.deepEqual(run.script.commands.map(describeCommand), [
      'sh -c apk update && sudo apk add curl',
      'shell-c: apk update',
      'shell-c: sudo apk add curl',
    ]);
    const sudo = run.script.commands[2].words[0];
    assert.equal(text.slice(sudo.start, sudo.end), 'sudo');
  });

  it('shell form words keep offsets across continuation lines', () => {
    const text = 'FROM alpine:3.20\nRUN apk update && \\\n    apk add curl\n';
    const [run] = allRuns(parseDockerfile(text));
    assert.equal(run.form, 'shell');
    const curl = run.script.commands[1].words[2];
    assert.equal(text.slice(curl.start, curl.end), 'curl');
  });

  it('ONBUILD RUN triggers are runs marked onbuild', () => {
    const model = parseDockerfile('FROM alpine:3.20\nONBUILD RUN apk add curl\nRUN echo now\n');
    const runs = allRuns(model);
    assert.deepEqual(
      runs.map((r) => [r.instruction.getKeyword(), !!r.onbuild]),
      [
        ['RUN', true],
        ['RUN', false],
      ],
    );
    assert.deepEqual(commands(model), [['apk add curl'], ['echo now']]);
  });

  it('RUN flags are not part of the script', () => {
    const model = parseDockerfile('FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n');
    assert.deepEqual(commands(model), [['apk add curl']]);
  });
});

describe('parseDockerfile: robustness', () => {
  /** Parses and analyses with every registered rule: nothing may throw, no rule may crash. */
  function survives(text: string): DockerfileModel {
    const model = parseDockerfile(text);
    const report = analyzeText('Dockerfile', text, 'dockerfile', {
      config: { ...defaultConfig(), maxFileSize: 64 * 1024 * 1024 },
    });
    const crashes = report.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => d.message);
    assert.deepEqual(crashes, []);
    return model;
  }

  it('an empty file', () => {
    const model = survives('');
    assert.deepEqual(model.stages, []);
    assert.equal(model.finalStage, undefined);
  });

  it('only comments and blank lines', () => {
    assert.deepEqual(survives('# a comment\n\n   # another\r\n').stages, []);
  });

  /** Continued RUNs with pipes and echo: the shapes rules look hardest at. */
  function bigDockerfile(bytes: number): string {
    let text = 'FROM debian:12\n';
    for (let i = 0; text.length < bytes; i++)
      text += `RUN apt-get install -y pkg${i} && echo "step ${i}" | tee -a /tmp/log \\\n    && rm -rf /tmp/${i}\n`;
    return text;
  }

  it('a 1 MB file parses in reasonable time', () => {
    const text = bigDockerfile(1024 * 1024);
    const started = Date.now();
    const model = parseDockerfile(text);
    assert.ok(model.stages[0].runs.length > 5000);
    assert.equal(model.stages[0].runs[5000].script.commands.length, 4);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    const report = analyzeText('Dockerfile', text, 'dockerfile', {
      rules: [],
      config: { ...defaultConfig(), maxFileSize: 2 * 1024 * 1024 },
    });
    assert.deepEqual(report.diagnostics, []);
  });

  // Half a megabyte: linear rules take about a second here, a rule quadratic in the number of RUNs a minute or more.
  // The bound only catches such hangs; speed itself is measured by `npm run bench`.
  it('every registered rule checks a 512 KB file without hanging', () => {
    const started = Date.now();
    survives(bigDockerfile(512 * 1024));
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  });

  it('binary garbage', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let text = '';
    for (let i = 0; i < 50_000; i++) text += String.fromCharCode(Math.floor(random() * 0x10000));
    parseDockerfile(text);
    // NUL bytes make the engine skip the file; without them every rule runs on the garbage.
    survives(text.replace(/\u0000/g, ''));
  });

  it('odd unicode without a BOM: emoji, combining marks, right-to-left override, lone surrogates, separators', () => {
    const text =
      'FROM alpine:3.20 AS 𝒷𝓊𝒾𝓁𝒹\nLABEL note="e\u0301\u202e 😀 \uD800 \uDFFF"\nRUN echo "\u2028\u2029\u00a0\u200b" && sudo id\nENV T\u00d6KEN=x\nCOPY ["\uD83D\uDE00.key", "/k/"]\n';
    const model = survives(text);
    assert.equal(model.stages.length, 1);
    assert.deepEqual(commands(model), [['echo \u2028\u2029\u00a0\u200b', 'sudo id']]);
  });

  it('Dockerfile-like fragments in random order', () => {
    const pieces = [
      'FROM ',
      'RUN ',
      'ONBUILD ',
      'ARG ',
      'ENV ',
      'COPY ',
      'ADD ',
      'alpine',
      ' AS x',
      ' ',
      '\n',
      '\r\n',
      '\\\n',
      '<<EOF',
      'EOF\n',
      '"',
      "'",
      '$(',
      ')',
      '`',
      '${',
      '}',
      '[',
      ']',
      ',',
      '#',
      '&&',
      '|',
      'sudo ',
      'sh -c ',
      '--mount=type=secret ',
      'DB_PASSWORD=x ',
      'id_rsa ',
      'https://h/a.tgz ',
      '😀',
      '\t',
      '=',
    ];
    for (let seed = 1; seed <= 300; seed++) {
      let state = seed;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let text = '';
      for (let i = 0, n = 5 + Math.floor(random() * 60); i < n; i++)
        text += pieces[Math.floor(random() * pieces.length)];
      assert.doesNotThrow(() => survives(text), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });
});
