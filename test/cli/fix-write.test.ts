/**
 * `writeFixedFile` (cli/src/fix.ts), the last step of `--fix`: it writes only over the file it read, as it read it.
 * A save that lands between the read and the write is made here, between the two calls, or by the hook that runs
 * just before the write: no timing, no second process.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../shared/src/config';
import { CHANGED, writeFixedFile } from '../../cli/src/fix';
import { readSource } from '../../cli/src/read';
import { readRoots } from '../../shared/src/io/read-file';
import { dirname } from 'node:path';
import { tempTree } from './harness';

const BEFORE = 'FROM debian:12\nADD app.py /app/\n';
const AFTER = 'FROM debian:12\nCOPY app.py /app/\n';

function read(path: string) {
  const source = readSource(path, defaultConfig(), readRoots([dirname(path)], 'outside the test folder'));
  assert.equal(source.skipped, undefined);
  return source as Exclude<typeof source, { skipped: string }>;
}

/**
 * A timestamp every file system stores exactly: a save within the same clock tick, or by a tool that keeps times, is
 * made by setting it on the file before it is read and again after the save.
 */
const TICK = 1_700_000_000;

function setTimes(path: string): void {
  utimesSync(path, TICK, TICK);
}

describe('writeFixedFile', () => {
  it('writes the fixed text over the file it read', () => {
    const path = join(tempTree({ Dockerfile: BEFORE }), 'Dockerfile');
    const source = read(path);
    assert.equal(writeFixedFile(path, AFTER, source.decoded.encoding, source), undefined);
    assert.equal(readFileSync(path, 'utf8'), AFTER);
  });

  it('cuts the file to a shorter fixed text and extends it to a longer one', () => {
    const path = join(tempTree({ Dockerfile: 'FROM debian:12\nRUN a && b && c\n# tail\n' }), 'Dockerfile');
    let source = read(path);
    assert.equal(writeFixedFile(path, 'FROM debian:12\nRUN a\n', source.decoded.encoding, source), undefined);
    assert.equal(readFileSync(path, 'utf8'), 'FROM debian:12\nRUN a\n');
    source = read(path);
    assert.equal(
      writeFixedFile(path, 'FROM debian:12\nRUN a\n# a longer ending than before\n', source.decoded.encoding, source),
      undefined,
    );
    assert.equal(readFileSync(path, 'utf8'), 'FROM debian:12\nRUN a\n# a longer ending than before\n');
  });

  it('does not write over a file whose bytes changed since it was read, even with the same size and time', () => {
    const path = join(tempTree({ Dockerfile: BEFORE }), 'Dockerfile');
    setTimes(path);
    const source = read(path);
    const saved = BEFORE.replace('app.py', 'api.py');
    writeFileSync(path, saved);
    setTimes(path);
    assert.equal(statSync(path).mtimeMs, source.stats.mtimeMs, 'the save left no trace in the timestamps');
    assert.equal(writeFixedFile(path, AFTER, source.decoded.encoding, source), CHANGED);
    assert.equal(readFileSync(path, 'utf8'), saved);
  });

  it('does not write over a file replaced since it was read, even by one with the same bytes and time', () => {
    const dir = tempTree({ Dockerfile: BEFORE });
    const path = join(dir, 'Dockerfile');
    setTimes(path);
    const source = read(path);
    writeFileSync(join(dir, 'saved'), BEFORE);
    setTimes(join(dir, 'saved'));
    renameSync(join(dir, 'saved'), path);
    assert.equal(writeFixedFile(path, AFTER, source.decoded.encoding, source), CHANGED);
    assert.equal(readFileSync(path, 'utf8'), BEFORE);
  });

  it('keeps a save that replaces the file while it is being written, and says it was not fixed', () => {
    const dir = tempTree({ Dockerfile: BEFORE });
    const path = join(dir, 'Dockerfile');
    const source = read(path);
    const saved = '# saved by the editor\n' + BEFORE;
    const result = writeFixedFile(path, AFTER, source.decoded.encoding, source, () => {
      writeFileSync(join(dir, 'saved'), saved);
      renameSync(join(dir, 'saved'), path);
    });
    assert.match(result ?? '', new RegExp(`^${CHANGED}`));
    assert.equal(readFileSync(path, 'utf8'), saved);
  });

  it('does not write a file that has become a symbolic link', () => {
    const outside = join(tempTree({ Dockerfile: BEFORE }), 'Dockerfile');
    const dir = tempTree({ Dockerfile: BEFORE });
    const path = join(dir, 'Dockerfile');
    const source = read(path);
    tempLink(outside, path);
    assert.match(writeFixedFile(path, AFTER, source.decoded.encoding, source) ?? '', new RegExp(`^${CHANGED}`));
    assert.equal(readFileSync(outside, 'utf8'), BEFORE);
  });
});

function tempLink(target: string, path: string): void {
  const dir = tempTree({ link: { link: target } });
  renameSync(join(dir, 'link'), path);
}
