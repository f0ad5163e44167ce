/**
 * shared/src/dockerfile/raw-arguments-memo.ts replaces dockerfile-ast's `Instruction.prototype.getRawArguments` with a
 * memo. Every corpus Dockerfile (and a few written for the corners of the argument scanner) is parsed with the memo
 * and with the published method, and everything the AST answers about every instruction must be the same: arguments,
 * ranges, flags, heredocs, JSON strings, variables, properties, ONBUILD triggers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { rawArgumentsMemo } from '../../shared/src/dockerfile/raw-arguments-memo';
import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { corpusRoot, repoRoot } from '../../scripts/repo-root';

const prototype = Instruction.prototype as unknown as { getRawArguments: () => unknown };

/** Parses and describes with dockerfile-ast as published. */
function withoutMemo<T>(run: () => T): T {
  assert.ok(rawArgumentsMemo);
  prototype.getRawArguments = rawArgumentsMemo.original;
  try {
    return run();
  } finally {
    prototype.getRawArguments = rawArgumentsMemo.memoized;
  }
}

/** Zero-argument getters whose answer is not about this instruction's text (or would recurse into the whole file). */
const SKIPPED = new Set(['getDocument', 'getDockerfile']);

/**
 * Everything an AST object answers through its zero-argument `get…`/`is…`/`has…` methods, as plain data: the
 * private `getRawArguments` included. Objects that are data already (ranges, positions) are copied as they are.
 */
function describeValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => describeValue(item, depth));
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, describeValue(item, depth)]));
  }
  if (depth <= 0) return `<${proto.constructor.name}>`;
  const out: Record<string, unknown> = { class: proto.constructor.name };
  for (const name of methodNames(value)) {
    const method = (value as Record<string, unknown>)[name] as () => unknown;
    let answer: unknown;
    try {
      answer = method.call(value);
    } catch (error) {
      answer = `throws ${(error as Error).message}`;
    }
    out[name] = describeValue(answer, depth - 1);
  }
  return out;
}

function methodNames(value: object): string[] {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(value) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const member = (proto as Record<string, unknown>)[name];
      if (typeof member === 'function' && member.length === 0 && /^(get|is|has)[A-Z]/.test(name) && !SKIPPED.has(name))
        names.add(name);
    }
  }
  return [...names].sort();
}

function describeFile(text: string): unknown {
  const ast = DockerfileParser.parse(text);
  return {
    escape: ast.getEscapeCharacter(),
    comments: describeValue(ast.getComments(), 2),
    directives: describeValue(ast.getDirectives(), 2),
    instructions: describeValue(ast.getInstructions(), 3),
  };
}

/** The same file described twice with the memo (the second time from the memo only) and once without it. */
function assertSameWithAndWithoutMemo(name: string, text: string): void {
  const published = withoutMemo(() => describeFile(text));
  const ast = DockerfileParser.parse(text);
  const first = describeValue(ast.getInstructions(), 3);
  const again = describeValue(ast.getInstructions(), 3);
  assert.deepEqual(describeFile(text), published, `${name}: a file parsed with the memo answers differently`);
  assert.deepEqual(first, again, `${name}: the second answers of the memo differ from the first`);
}

const CORNERS: Record<string, string> = {
  'flags, JSON forms, continuations and comments': [
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'ARG A=1 B="two words"',
    'RUN --mount=type=cache,target=/root/.cache \\',
    '    # a comment inside the continuation',
    '    go build -o /out/app ./cmd/app \\   ',
    '    && echo done',
    'COPY --from=build --chown=1000:1000 /out/app /app',
    'ENV X=1 Y="a b" \\',
    '    Z=${A:-default}',
    'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]',
    'CMD ["/app", "--flag", "with \\"quote\\""]',
    'ENTRYPOINT []',
    'RUN',
    'LABEL a=b \\',
    '',
  ].join('\n'),
  'heredocs and ONBUILD': [
    'FROM alpine',
    'RUN <<EOF',
    'apk add curl',
    'EOF',
    'RUN <<-EOT bash',
    '\techo tabbed',
    '\tEOT',
    'COPY <<CONF /etc/app.conf',
    'key=value',
    'CONF',
    'ONBUILD RUN --network=none echo "$HOME" && ls',
    'ONBUILD COPY --chown=app . /src',
    'ONBUILD',
    'USER app',
  ].join('\n'),
  'backtick escape and CRLF': [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore',
    'RUN powershell -Command `',
    '    Write-Host hi ` ',
    '    ; echo $env:PATH',
    'WORKDIR C:\\app',
    '',
  ].join('\r\n'),
};

describe('getRawArguments memo (dockerfile-ast)', () => {
  it('is installed on the dockerfile-ast this product ships with', () => {
    assert.ok(rawArgumentsMemo, 'the expected getRawArguments was not found: the memo is off and parsing is slower');
    assert.equal(prototype.getRawArguments, rawArgumentsMemo.memoized);
  });

  it('hands out a fresh array each call, so that callers shifting flags off it change nothing', () => {
    const [run] = DockerfileParser.parse('RUN --mount=type=cache,target=/x make all').getInstructions();
    assert.deepEqual(
      run.getArguments().map((a) => a.getValue()),
      ['make', 'all'],
    );
    assert.deepEqual(
      run.getArguments().map((a) => a.getValue()),
      ['make', 'all'],
    );
    const raw = (run as unknown as { getRawArguments: () => unknown[] }).getRawArguments();
    raw.length = 0;
    assert.equal((run as unknown as { getRawArguments: () => unknown[] }).getRawArguments().length, 3);
  });

  it('hands out new arguments each call: From.getImageNameRange moves the ends of the range it is given', () => {
    const text = 'FROM registry.example.com/team/app:1.2@sha256:' + '0'.repeat(64) + ' AS app';
    const [from] = DockerfileParser.parse(text).getFROMs();
    const before = from.getImageRange();
    assert.equal(from.getImageName(), 'team/app');
    assert.deepEqual(from.getImageRange(), before);
    assert.deepEqual(before, {
      start: { line: 0, character: 5 },
      end: { line: 0, character: 5 + text.split(' ')[1].length },
    });
  });

  it('the model of a file does not change with the memo', () => {
    for (const [name, text] of Object.entries(CORNERS)) {
      const plain = (model: ReturnType<typeof parseDockerfile>) => ({
        stages: model.stages.map((s) => ({
          name: s.name,
          imageText: s.imageText,
          imageRange: s.imageRange,
          range: s.range,
          runs: s.runs.map((r) => ({ form: r.form, script: r.script })),
        })),
        globalArgs: [...model.globalArgs],
        syntax: model.syntaxProblems,
      });
      assert.deepEqual(
        plain(parseDockerfile(text)),
        withoutMemo(() => plain(parseDockerfile(text))),
        name,
      );
    }
  });

  for (const [name, text] of Object.entries(CORNERS)) {
    it(`answers as published: ${name}`, () => assertSameWithAndWithoutMemo(name, text));
  }

  const real = join(corpusRoot(), 'real');
  const index = join(real, 'index.json');
  const fixtures = join(repoRoot(), 'test', 'fixtures', 'corpus');
  it(
    'answers as published on every corpus Dockerfile',
    { skip: !existsSync(index) && `the shared corpus is not at ${real}` },
    () => {
      const entries = (JSON.parse(readFileSync(index, 'utf8')) as { file: string; kind: string }[]).filter(
        (e) => e.kind === 'dockerfile',
      );
      assert.ok(entries.length > 100);
      for (const entry of entries)
        assertSameWithAndWithoutMemo(entry.file, readFileSync(join(real, entry.file), 'utf8'));
    },
  );

  it('answers as published on the corpus fixtures copied into the repository', () => {
    const files = walk(fixtures).filter((path) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.[Dd]ockerfile$/.test(path));
    assert.ok(files.length > 0);
    for (const path of files) assertSameWithAndWithoutMemo(path, readFileSync(path, 'utf8'));
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
