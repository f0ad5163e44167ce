import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, matchesAny } from '../../shared/src/glob';

/** Each pattern with the relative paths it must match and must not match. */
const CASES: { pattern: string; match: string[]; miss: string[] }[] = [
  { pattern: 'node_modules', match: ['node_modules', 'node_modules/a/Dockerfile', 'web/node_modules/x/compose.yaml'], miss: ['node_modules2/Dockerfile', 'my_node_modules/Dockerfile'] },
  { pattern: 'vendor/', match: ['vendor/Dockerfile', 'svc/vendor/lib/Dockerfile'], miss: ['vendors/Dockerfile', 'svc/vendorx/Dockerfile'] },
  { pattern: '*.dev.yaml', match: ['compose.dev.yaml', 'svc/compose.dev.yaml'], miss: ['compose.dev.yml', 'compose.yaml'] },
  { pattern: '/Dockerfile', match: ['Dockerfile'], miss: ['svc/Dockerfile'] },
  { pattern: 'docs/**', match: ['docs/Dockerfile', 'docs/a/b/Dockerfile'], miss: ['docs', 'src/docs/Dockerfile'] },
  { pattern: '**/testdata/*.Dockerfile', match: ['testdata/a.Dockerfile', 'x/y/testdata/b.Dockerfile'], miss: ['testdata/sub/a.Dockerfile', 'testdata/a.dockerfile'] },
  { pattern: 'a/**/Dockerfile', match: ['a/Dockerfile', 'a/b/Dockerfile', 'a/b/c/Dockerfile'], miss: ['b/a/Dockerfile', 'a/Dockerfile.dev'] },
  { pattern: 'svc/*/Dockerfile', match: ['svc/api/Dockerfile'], miss: ['svc/Dockerfile', 'svc/api/v1/Dockerfile'] },
  { pattern: 'Dockerfile.?', match: ['Dockerfile.a'], miss: ['Dockerfile.ab', 'Dockerfile.'] },
  { pattern: 'compose.{dev,test}.yaml', match: ['compose.dev.yaml', 'x/compose.test.yaml'], miss: ['compose.prod.yaml', 'compose.{dev,test}.yaml'] },
  { pattern: 'Dockerfile.[ab]', match: ['Dockerfile.a', 'Dockerfile.b'], miss: ['Dockerfile.c'] },
  { pattern: 'Dockerfile.[!ab]', match: ['Dockerfile.c'], miss: ['Dockerfile.a'] },
  // Regex metacharacters in a pattern are literal.
  { pattern: 'c++(old).Dockerfile', match: ['c++(old).Dockerfile'], miss: ['cc(old).Dockerfile', 'c++old.Dockerfile'] },
  { pattern: 'a.b', match: ['a.b'], miss: ['axb'] },
  { pattern: '**', match: ['Dockerfile', 'a/b/compose.yaml'], miss: [] },
];

describe('globToRegExp', () => {
  for (const { pattern, match, miss } of CASES) {
    it(pattern, () => {
      const re = globToRegExp(pattern);
      for (const path of match) assert.ok(re.test(path), `${pattern} should match ${path} (${re})`);
      for (const path of miss) assert.ok(!re.test(path), `${pattern} should not match ${path} (${re})`);
    });
  }

  it('an unclosed brace or bracket is literal', () => {
    assert.ok(globToRegExp('a{b').test('a{b'));
    assert.ok(globToRegExp('a[b').test('a[b'));
  });

  it('leading and trailing spaces in a pattern are ignored', () => {
    assert.ok(globToRegExp('  vendor/  ').test('vendor/Dockerfile'));
  });
});

describe('matchesAny', () => {
  const patterns = ['vendor/', '*.tmp.yaml'].map(globToRegExp);

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
    assert.ok(matchesAny('svc/gen/Dockerfile', [globToRegExp('svc\\gen\\')]));
  });
});
