import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_MAX_FILE_SIZE,
  defaultConfig,
  formatConfigError,
  parseConfig,
  type ConfigError,
} from '../../shared/src/config';
import { matchesAny } from '../../shared/src/glob';

const PATH = 'repo/.bulkhead.yaml';
const KNOWN = new Set(['image/sudo', 'image/root-user', 'container/privileged', 'syntax', 'internal-error']);

function parse(text: string) {
  return parseConfig(text, PATH, KNOWN);
}

/** An error as `line:column key`, the part every error must carry, for compact comparisons. */
function where(e: ConfigError): string {
  return `${e.line}:${e.column} ${e.key}`;
}

function onlyError(text: string): ConfigError {
  const { errors } = parse(text);
  assert.equal(errors.length, 1, `expected one error, got ${JSON.stringify(errors)}`);
  assert.equal(errors[0].path, PATH);
  return errors[0];
}

describe('config: a valid file', () => {
  it('reads rules, exclude and maxFileSize', () => {
    const { config, errors } = parse(
      [
        '# Bulkhead settings',
        'rules:',
        '  image/sudo: off',
        '  image/root-user: error',
        '  container/privileged: info',
        '  syntax: warning',
        'exclude:',
        '  - node_modules/',
        '  - "**/testdata/**"',
        'maxFileSize: 2MiB',
        '',
      ].join('\n'),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, {
      'image/sudo': 'off',
      'image/root-user': 'error',
      'container/privileged': 'info',
      syntax: 'warning',
    });
    assert.deepEqual(config.exclude, ['node_modules/', '**/testdata/**']);
    assert.equal(config.excludePatterns.length, 2);
    assert.ok(matchesAny('web/node_modules/pkg/Dockerfile', config.excludePatterns));
    assert.ok(matchesAny('svc/testdata/compose.yaml', config.excludePatterns));
    assert.ok(!matchesAny('svc/Dockerfile', config.excludePatterns));
    assert.equal(config.maxFileSize, 2 * 1024 * 1024);
  });

  it('lists what it switches off, where: rules set to off and exclude patterns', () => {
    const { switchedOff } = parse('rules:\n  image/sudo: off\n  image/root-user: info\nexclude:\n  - "**"\n');
    assert.deepEqual(
      switchedOff.map((off) => `${where(off)} ${off.check}: ${off.message}`),
      [
        '2:15 rules.image/sudo image/sudo: switches `image/sudo` off: its findings are not reported.',
        '5:5 exclude exclude `**`: excludes `**`: files matching it are not checked.',
      ],
    );
  });

  it('accepts a single exclude pattern as a string', () => {
    const { config, errors } = parse('exclude: vendor/\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(config.exclude, ['vendor/']);
  });

  for (const [written, bytes] of [
    ['2048', 2048],
    ['512KB', 512_000],
    ['512kb', 512_000],
    ['512 KiB', 512 * 1024],
    ['2MiB', 2 * 1024 * 1024],
    ['1.5 MB', 1_500_000],
    ['1GiB', 1024 ** 3],
  ] as const) {
    it(`maxFileSize: ${written} is ${bytes} bytes`, () => {
      const { config, errors } = parse(`maxFileSize: ${written}\n`);
      assert.deepEqual(errors, []);
      assert.equal(config.maxFileSize, bytes);
    });
  }

  for (const [name, text] of [
    ['an empty file', ''],
    ['only comments', '# nothing configured yet\n'],
    ['only whitespace', '\n\n   \n'],
    ['an explicit null document', '~\n'],
    ['empty sections', 'rules:\nexclude:\n'],
  ]) {
    it(`${name} gives the defaults and no error`, () => {
      const { config, errors } = parse(text);
      assert.deepEqual(errors, []);
      assert.deepEqual(
        { ...config, excludePatterns: config.excludePatterns.length },
        { ...defaultConfig(), excludePatterns: 0 },
      );
      assert.equal(config.maxFileSize, DEFAULT_MAX_FILE_SIZE);
    });
  }
});

describe('config: every error names the file, a 1-based line and column, and the key', () => {
  it('unknown rule id, with a suggestion for a typo', () => {
    const e = onlyError('rules:\n  image/sudoo: error\n');
    assert.equal(where(e), '2:3 rules.image/sudoo');
    assert.match(e.message, /unknown rule id \(did you mean `image\/sudo`\?\)/);
  });

  it('unknown rule id, with a suggestion for a missing prefix and a partial name', () => {
    const { errors } = parse('rules:\n  sudo: off\n  image/root: error\n');
    assert.deepEqual(errors.map(where), ['2:3 rules.sudo', '3:3 rules.image/root']);
    assert.match(errors[0].message, /did you mean `image\/sudo`/);
    assert.match(errors[1].message, /did you mean `image\/root-user`/);
  });

  it('unknown rule id with nothing close gets no suggestion', () => {
    const e = onlyError('rules:\n  image/completely-different: off\n');
    assert.equal(e.message, 'unknown rule id.');
  });

  it('the valid entries of a half-broken file still apply', () => {
    const { config, errors } = parse('rules:\n  image/nope: off\n  image/sudo: info\n');
    assert.equal(errors.length, 1);
    assert.deepEqual(config.rules, { 'image/sudo': 'info' });
  });

  it('bad severity points at the value', () => {
    const e = onlyError('rules:\n  image/sudo: fatal\n');
    assert.equal(where(e), '2:15 rules.image/sudo');
    assert.match(e.message, /one of off, info, warning, error \(got fatal\)/);
  });

  it('a missing severity points at the rule', () => {
    const e = onlyError('rules:\n  image/sudo:\n');
    assert.equal(e.line, 2);
    assert.equal(e.key, 'rules.image/sudo');
    assert.match(e.message, /got nothing/);
  });

  it('rules that are not a mapping', () => {
    const e = onlyError('rules: [image/sudo]\n');
    assert.equal(where(e), '1:8 rules');
  });

  it('exclude that is not a list', () => {
    const e = onlyError('exclude:\n  vendor: true\n');
    assert.equal(where(e), '2:3 exclude');
    assert.match(e.message, /list of glob patterns/);
  });

  it('exclude entries that are not non-empty strings, each at its own line', () => {
    const { config, errors } = parse('exclude:\n  - ""\n  - 5\n  - docs/\n');
    assert.deepEqual(errors.map(where), ['2:5 exclude', '3:5 exclude']);
    assert.deepEqual(config.exclude, ['docs/']);
  });

  it('an exclude glob that cannot be read is an error at its line; the other settings still apply', () => {
    const { config, errors } = parse(
      'rules:\n  image/sudo: error\nexclude:\n  - vendor/\n  - "[z-a]"\n  - "!keep"\nmaxFileSize: 2KB\n',
    );
    assert.deepEqual(errors.map(where), ['5:5 exclude', '6:5 exclude']);
    assert.equal(errors[0].message, 'cannot read the pattern `[z-a]`: the range `z-a` runs backwards (write `a-z`).');
    assert.match(errors[1].message, /negated patterns/);
    assert.deepEqual(config.rules, { 'image/sudo': 'error' });
    assert.deepEqual(config.exclude, ['vendor/']);
    assert.ok(matchesAny('vendor/Dockerfile', config.excludePatterns));
    assert.equal(config.maxFileSize, 2000);
  });

  it('a pattern that backtracked for minutes as a RegExp is matched at once', () => {
    const { config, errors } = parse(`exclude:\n  - "${'**/'.repeat(12)}b"\n`);
    assert.deepEqual(errors, []);
    const deep = Array.from({ length: 28 }, (_, i) => `d${i}`).join('/');
    assert.equal(matchesAny(`${deep}/Dockerfile`, config.excludePatterns), false);
    assert.equal(matchesAny(`${deep}/b/Dockerfile`, config.excludePatterns), true);
  });

  for (const [written, column] of [
    ['lots', 14],
    ['-5', 14],
    ['0', 14],
    ['1.5XB', 14],
    ['"12 parsecs"', 14],
  ] as const) {
    it(`bad maxFileSize: ${written}`, () => {
      const e = onlyError(`maxFileSize: ${written}\n`);
      assert.equal(where(e), `1:${column} maxFileSize`);
      assert.match(e.message, /positive size/);
      assert.equal(parse(`maxFileSize: ${written}\n`).config.maxFileSize, DEFAULT_MAX_FILE_SIZE);
    });
  }

  it('unknown top-level key', () => {
    const e = onlyError('rules: {}\nrule:\n  image/sudo: off\n');
    assert.equal(where(e), '2:1 rule');
    assert.match(e.message, /unknown key; expected `rules`, `exclude` or `maxFileSize`/);
  });

  it('broken YAML reports where the parser stopped, and nothing else applies', () => {
    const { config, errors } = parse('rules:\n  image/sudo: off\n  image/root-user: [error\n');
    assert.ok(errors.length >= 1);
    for (const e of errors) {
      assert.equal(e.path, PATH);
      assert.ok(e.line >= 3 && e.line <= 4, `line ${e.line}`);
      assert.ok(e.column >= 1, `column ${e.column}`);
    }
    assert.deepEqual(config.rules, {});
  });

  it('a duplicate key is an error at the second one', () => {
    const { errors } = parse('rules:\n  image/sudo: off\nrules:\n  image/sudo: error\n');
    assert.ok(errors.length >= 1);
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /unique/i);
  });

  it('a root that is a list', () => {
    const e = onlyError('- rules\n- exclude\n');
    assert.equal(where(e), '1:1 ');
    assert.match(e.message, /must be a mapping/);
  });

  it('a root that is a plain string', () => {
    const e = onlyError('\n\nrules\n');
    assert.equal(e.line, 3);
    assert.match(e.message, /must be a mapping/);
  });

  it('positions are right in a CRLF file', () => {
    const e = onlyError('rules:\r\n  image/root-user: error\r\n  image/sudoo: off\r\n');
    assert.equal(where(e), '3:3 rules.image/sudoo');
  });

  it('formats as path:line:column: `key`: message', () => {
    const e = onlyError('rules:\n  image/sudo: fatal\n');
    assert.equal(formatConfigError(e), `${PATH}:2:15: \`rules.image/sudo\`: ${e.message}`);
    assert.equal(formatConfigError({ ...e, key: '' }), `${PATH}:2:15: ${e.message}`);
  });
});
