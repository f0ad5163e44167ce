// Folder listings kept between analyses while the client reports created and deleted paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FolderListings } from '../../server/src/folder-listings';
import { readRoots } from '../../shared/src/io/read-file';

function counting() {
  const calls: string[] = [];
  const lister = (path: string) => {
    calls.push(path);
    return path === '/w/missing' ? undefined : [{ name: `${path.split('/').pop()}-entry`, folder: false }];
  };
  return { calls, listings: new FolderListings(lister) };
}

describe('folder listings', () => {
  const roots = readRoots(['/w']);

  it('lists every time while the client does not watch files', () => {
    const { calls, listings } = counting();
    listings.listWithin('/w/ctx', roots);
    listings.listWithin('/w/ctx', roots);
    assert.deepEqual(calls, ['/w/ctx', '/w/ctx']);
  });

  it('keeps a listing, and a folder it could not list, until a path is created or deleted', () => {
    const { calls, listings } = counting();
    listings.watched = true;
    const first = listings.listWithin('/w/ctx', roots);
    assert.equal(listings.listWithin('/w/ctx', roots), first);
    assert.equal(listings.listWithin('/w/missing', roots), undefined);
    assert.equal(listings.listWithin('/w/missing', roots), undefined);
    assert.deepEqual(calls, ['/w/ctx', '/w/missing']);
    listings.forget();
    assert.deepEqual(listings.listWithin('/w/ctx', roots), first);
    assert.deepEqual(calls, ['/w/ctx', '/w/missing', '/w/ctx']);
  });

  it('lists again under other roots: a listing is what its roots allow', () => {
    const { calls, listings } = counting();
    listings.watched = true;
    listings.listWithin('/w/ctx', roots);
    listings.listWithin('/w/ctx', readRoots(['/w']));
    assert.deepEqual(calls, ['/w/ctx', '/w/ctx']);
  });
});
