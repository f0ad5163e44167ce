/** `RecentMap` (shared/src/recent-map.ts): the bounded map behind the core's caches across analyses. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RecentMap } from '../../shared/src/recent-map';

const keys = (map: RecentMap<string, string>, candidates: string[]) =>
  candidates.filter((key) => map.get(key) !== undefined);

describe('RecentMap', () => {
  it('keeps the most recently set entries; reading does not make an entry recent, setting it again does', () => {
    const map = new RecentMap<string, string>(2);
    map.set('a', '1');
    map.set('b', '2');
    assert.equal(map.get('a'), '1');
    map.set('c', '3');
    assert.deepEqual(keys(map, ['a', 'b', 'c']), ['b', 'c'], 'a was the oldest set, though read last');
    map.set('b', '2');
    map.set('d', '4');
    assert.deepEqual(keys(map, ['b', 'c', 'd']), ['b', 'd']);
    assert.equal(map.size, 2);
  });

  it('bounds the total weight, and keeps no entry heavier than the bound alone (dropping the one it replaces)', () => {
    const map = new RecentMap<string, string>(10, (value) => value.length, 5);
    map.set('a', 'xx');
    map.set('b', 'xx');
    map.set('c', 'xx');
    assert.deepEqual(keys(map, ['a', 'b', 'c']), ['b', 'c'], 'six characters: the oldest goes');
    map.set('b', 'xxxxxx');
    assert.deepEqual(keys(map, ['a', 'b', 'c']), ['c'], 'too heavy alone: not kept, and the old b is gone');
    map.delete('c');
    map.set('d', 'xxxxx');
    assert.deepEqual(keys(map, ['c', 'd']), ['d'], 'the weight of deleted entries is given back');
    map.clear();
    map.set('e', 'xxxxx');
    assert.equal(map.size, 1, 'clear gives back all the weight');
  });
});
