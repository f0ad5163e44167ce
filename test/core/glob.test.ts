import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileGlob,
  matchesAny,
  matchesGlob,
  MAX_PATTERN_LENGTH,
  type Glob,
  type GlobWork,
} from '../../shared/src/glob';

function glob(pattern: string): Glob {
  const { glob, error } = compileGlob(pattern);
  assert.ok(glob, `${pattern} compiles (${error})`);
  return glob;
}

/** Each pattern with the relative paths it must match and must not match. */
const CASES: { pattern: string; match: string[]; miss: string[] }[] = [
  {
    pattern: 'node_modules',
    match: ['node_modules', 'node_modules/a/Dockerfile', 'web/node_modules/x/compose.yaml'],
    miss: ['node_modules2/Dockerfile', 'my_node_modules/Dockerfile'],
  },
  {
    pattern: 'vendor/',
    match: ['vendor/Dockerfile', 'svc/vendor/lib/Dockerfile'],
    miss: ['vendors/Dockerfile', 'svc/vendorx/Dockerfile'],
  },
  {
    pattern: '*.dev.yaml',
    match: ['compose.dev.yaml', 'svc/compose.dev.yaml'],
    miss: ['compose.dev.yml', 'compose.yaml'],
  },
  { pattern: '/Dockerfile', match: ['Dockerfile'], miss: ['svc/Dockerfile'] },
  { pattern: 'docs/**', match: ['docs/Dockerfile', 'docs/a/b/Dockerfile'], miss: ['docs', 'src/docs/Dockerfile'] },
  {
    pattern: '**/testdata/*.Dockerfile',
    match: ['testdata/a.Dockerfile', 'x/y/testdata/b.Dockerfile'],
    miss: ['testdata/sub/a.Dockerfile', 'testdata/a.dockerfile'],
  },
  {
    pattern: 'a/**/Dockerfile',
    match: ['a/Dockerfile', 'a/b/Dockerfile', 'a/b/c/Dockerfile'],
    miss: ['b/a/Dockerfile', 'a/Dockerfile.dev'],
  },
  { pattern: 'svc/*/Dockerfile', match: ['svc/api/Dockerfile'], miss: ['svc/Dockerfile', 'svc/api/v1/Dockerfile'] },
  { pattern: 'Dockerfile.?', match: ['Dockerfile.a'], miss: ['Dockerfile.ab', 'Dockerfile.'] },
  {
    pattern: 'compose.{dev,test}.yaml',
    match: ['compose.dev.yaml', 'x/compose.test.yaml'],
    miss: ['compose.prod.yaml', 'compose.{dev,test}.yaml'],
  },
  { pattern: 'Dockerfile.[ab]', match: ['Dockerfile.a', 'Dockerfile.b'], miss: ['Dockerfile.c'] },
  { pattern: 'Dockerfile.[!ab]', match: ['Dockerfile.c'], miss: ['Dockerfile.a'] },
  // Regex metacharacters in a pattern are literal.
  { pattern: 'c++(old).Dockerfile', match: ['c++(old).Dockerfile'], miss: ['cc(old).Dockerfile', 'c++old.Dockerfile'] },
  { pattern: 'a.b', match: ['a.b'], miss: ['axb'] },
  { pattern: '**', match: ['Dockerfile', 'a/b/compose.yaml'], miss: [] },
];

describe('compileGlob', () => {
  for (const { pattern, match, miss } of CASES) {
    it(pattern, () => {
      const compiled = glob(pattern);
      for (const path of match) assert.ok(matchesGlob(compiled, path), `${pattern} should match ${path}`);
      for (const path of miss) assert.ok(!matchesGlob(compiled, path), `${pattern} should not match ${path}`);
    });
  }

  it('an unclosed brace or bracket is literal', () => {
    assert.ok(matchesGlob(glob('a{b'), 'a{b'));
    assert.ok(matchesGlob(glob('a[b'), 'a[b'));
    assert.ok(matchesGlob(glob('a}b'), 'a}b'));
  });

  it('leading and trailing spaces in a pattern are ignored', () => {
    assert.ok(matchesGlob(glob('  vendor/  '), 'vendor/Dockerfile'));
  });
});

describe('matchesAny', () => {
  const patterns = ['vendor/', '*.tmp.yaml'].map(glob);

  it('normalises Windows separators and a leading ./', () => {
    assert.ok(matchesAny('svc\\vendor\\Dockerfile', patterns));
    assert.ok(matchesAny('./vendor/Dockerfile', patterns));
    assert.ok(matchesAny('.\\x\\compose.tmp.yaml', patterns));
  });

  it('is false when no pattern matches, and for an empty list', () => {
    assert.ok(!matchesAny('svc/Dockerfile', patterns));
    assert.ok(!matchesAny('svc/Dockerfile', []));
  });

  it('a Windows-style pattern works like its slash form', () => {
    assert.ok(matchesAny('svc/gen/Dockerfile', [glob('svc\\gen\\')]));
  });
});

describe('compileGlob: gitignore details', () => {
  it('a trailing slash matches a folder, not a file of that name, and everything below either way', () => {
    const vendor = glob('vendor/');
    assert.ok(matchesGlob(vendor, 'svc/vendor', true));
    assert.ok(!matchesGlob(vendor, 'svc/vendor', false));
    assert.ok(matchesGlob(vendor, 'svc/vendor/Dockerfile', false));
    assert.ok(matchesAny('vendor', [vendor], true));
  });

  it('a bracket set never matches a slash, negated or not', () => {
    assert.ok(!matchesGlob(glob('a[!b]c'), 'a/c'));
    assert.ok(matchesGlob(glob('a[!b]c'), 'axc'));
    assert.ok(!matchesGlob(glob('a?c'), 'a/c'));
  });

  it('reads ranges, a leading ] as a member, and ^ as negation', () => {
    assert.ok(matchesGlob(glob('v[0-9].Dockerfile'), 'v7.Dockerfile'));
    assert.ok(!matchesGlob(glob('v[0-9].Dockerfile'), 'vx.Dockerfile'));
    assert.ok(matchesGlob(glob('a[]]b'), 'a]b'));
    assert.ok(matchesGlob(glob('x[^a]'), 'xb'));
    assert.ok(!matchesGlob(glob('x[^a]'), 'xa'));
    assert.ok(matchesGlob(glob('x[a-]'), 'x-'), 'a - before ] is a member');
  });

  it('nests braces and matches wildcards across the alternatives', () => {
    const nested = glob('compose.{dev,{test,ci}}.yaml');
    for (const name of ['compose.dev.yaml', 'compose.test.yaml', 'compose.ci.yaml'])
      assert.ok(matchesGlob(nested, name), name);
    assert.ok(!matchesGlob(nested, 'compose.prod.yaml'));
    assert.ok(matchesGlob(glob('{a,b}/**/Dockerfile'), 'b/x/y/Dockerfile'));
  });

  it('reads a character outside the BMP as one character', () => {
    assert.ok(matchesGlob(glob('?.Dockerfile'), '🐳.Dockerfile'));
  });
});

describe('compileGlob: patterns it cannot read', () => {
  const refused: [string, RegExp][] = [
    ['[z-a]', /the range `z-a` runs backwards \(write `a-z`\)/],
    ['svc/[9-0]*/Dockerfile', /the range `9-0` runs backwards/],
    ['!vendor/keep', /negated patterns/],
    ['/', /names no file or folder/],
    ['   ', /empty/],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), /longer than 1024 characters/],
    ['{'.repeat(20) + 'a' + '}'.repeat(20), /nested more than 8 deep/],
  ];
  for (const [pattern, message] of refused) {
    it(`refuses ${pattern.slice(0, 30)}`, () => {
      const { glob, error } = compileGlob(pattern);
      assert.equal(glob, undefined);
      assert.match(error ?? '', message);
    });
  }
});

describe('compileGlob: work is linear in the path length', () => {
  const deep = (levels: number) => Array.from({ length: levels }, (_, i) => `d${i}`).join('/') + '/Dockerfile';

  /** The automaton states the matcher entered to decide (none for moves it remembers). */
  function work(compiled: Glob, path: string): number {
    const counter: GlobWork = { states: 0 };
    matchesGlob(compiled, path, false, counter);
    return counter.states;
  }

  it('twelve `**/` against a path 28 folders deep: no more than one pass over the states per character', () => {
    const compiled = glob('**/'.repeat(12) + 'b');
    const path = deep(28);
    assert.equal(matchesGlob(compiled, path), false);
    assert.ok(
      work(compiled, path) <= (path.length + 1) * compiled.states.length,
      `${work(compiled, path)} states entered`,
    );
    assert.ok(matchesGlob(compiled, deep(28) + '/b'), 'and it still matches what it should');
  });

  for (const pattern of [
    '**/'.repeat(12) + 'b',
    '**/a*/'.repeat(8) + 'b',
    '*a'.repeat(8) + '*b',
    '{a,a*,*a}'.repeat(6) + 'b',
  ]) {
    it(`${pattern}: a path four times as long costs at most four times the work`, () => {
      // Each on a pattern compiled afresh: what the first path taught the matcher must not help the second.
      const short = work(glob(pattern), 'a/'.repeat(100) + 'a'.repeat(100));
      const long = work(glob(pattern), 'a/'.repeat(400) + 'a'.repeat(400));
      assert.ok(short > 0);
      // Linear work grows 4 times (a little more while the first characters fill the state set); quadratic, 16 times.
      assert.ok(long <= 4.5 * short, `${short} states for n, ${long} for 4n`);
    });
  }
});
