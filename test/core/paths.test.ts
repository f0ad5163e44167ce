/**
 * `normalizePath` (shared/src/compose/paths.ts) answers the paths Compose files name: relative to whatever the file's
 * own path is relative to, or absolute. It returns a path that is normal already without rebuilding it; both ways
 * must give what Node's POSIX `normalize` gives, without its trailing slash.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { normalizePath, resolveFrom } from '../../shared/src/compose/paths';
import { mulberry32 } from '../../scripts/bench/stats';

function expected(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

describe('normalizePath', () => {
  it('on written cases', () => {
    const cases: [string, string][] = [
      ['', '.'],
      ['.', '.'],
      ['./', '.'],
      ['/', '/'],
      ['a', 'a'],
      ['a/b/Dockerfile', 'a/b/Dockerfile'],
      ['/w/app/Dockerfile', '/w/app/Dockerfile'],
      ['a/./b', 'a/b'],
      ['a//b/', 'a/b'],
      ['a/../../b', '../b'],
      ['../x', '../x'],
      ['/../x', '/x'],
      ['a/..', '.'],
      ['.env', '.env'],
      ['a/.env', 'a/.env'],
      ['a/..b/c.', 'a/..b/c.'],
      ['docker/Dockerfile..dev', 'docker/Dockerfile..dev'],
    ];
    for (const [path, normal] of cases) assert.equal(normalizePath(path), normal, path);
    assert.equal(resolveFrom('deploy/compose.yaml', '../app/./Dockerfile'), 'app/Dockerfile');
  });

  it('agrees with posix.normalize on 20,000 generated paths', () => {
    const random = mulberry32(7);
    const segments = ['a', 'b', '..', '.', '', 'x.y', '..a', 'a..', '.b', 'Dockerfile'];
    for (let i = 0; i < 20_000; i++) {
      const count = 1 + Math.floor(random() * 6);
      const parts = Array.from({ length: count }, () => segments[Math.floor(random() * segments.length)]);
      const path = (random() < 0.4 ? '/' : '') + parts.join('/');
      assert.equal(normalizePath(path), expected(path), JSON.stringify(path));
    }
  });
});
