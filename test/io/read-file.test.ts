/**
 * The core reader (shared/src/io/read-file.ts) that the CLI and the server read every file through: it answers why a
 * file is not read instead of throwing, never opens a FIFO, and never reads outside its roots, links included.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileWithin, readRoots, type FileRead } from '../../shared/src/io/read-file';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-read-'));
  made.push(dir);
  return dir;
}

const workspace = folder();
const outside = folder();
writeFileSync(join(workspace, 'Dockerfile'), 'FROM debian:12\n');
writeFileSync(join(outside, 'shadow'), 'root:$6$secret:19000:0:99999:7:::\n');
symlinkSync(join(outside, 'shadow'), join(workspace, 'Dockerfile.link'));
symlinkSync(outside, join(workspace, 'elsewhere'));
execFileSync('mkfifo', [join(workspace, 'fifo')]);
writeFileSync(join(workspace, 'big'), 'x'.repeat(2000));
mkdirSync(join(workspace, 'sub'));

const limits = { roots: readRoots([workspace]), maxFileSize: 1000 };
const why = (read: FileRead) =>
  read.notRead === undefined ? `text: ${read.text}` : `${read.notRead}${read.absent ? ' (absent)' : ''}`;

describe('readFileWithin', () => {
  it('reads a regular file inside the roots', () => {
    assert.equal(why(readFileWithin(join(workspace, 'Dockerfile'), limits)), 'text: FROM debian:12\n');
  });

  it('refuses a FIFO without opening it', { timeout: 30_000 }, () => {
    assert.equal(why(readFileWithin(join(workspace, 'fifo'), limits)), 'not a regular file (a FIFO)');
  });

  it('refuses a folder, and says a path through a file is not a folder (ENOTDIR)', () => {
    assert.equal(why(readFileWithin(join(workspace, 'sub'), limits)), 'not a regular file (a folder)');
    assert.equal(why(readFileWithin(join(workspace, 'Dockerfile', 'Dockerfile'), limits)), 'not a folder, ENOTDIR');
  });

  it('says a name is too long (ENAMETOOLONG) instead of throwing', () => {
    assert.equal(
      why(readFileWithin(join(workspace, `${'x'.repeat(300)}.yaml`), limits)),
      'name too long, ENAMETOOLONG',
    );
  });

  it('calls a missing file absent, which optional files stay quiet about', () => {
    assert.equal(why(readFileWithin(join(workspace, '.env'), limits)), 'no such file or folder, ENOENT (absent)');
  });

  it('never reads outside the roots: by path, through a link to a file, or through a linked folder', () => {
    assert.equal(why(readFileWithin(join(outside, 'shadow'), limits)), 'outside the workspace');
    assert.equal(why(readFileWithin(join(workspace, '..', '..', 'etc', 'passwd'), limits)), 'outside the workspace');
    assert.equal(why(readFileWithin(join(workspace, 'Dockerfile.link'), limits)), 'outside the workspace');
    assert.equal(why(readFileWithin(join(workspace, 'elsewhere', 'shadow'), limits)), 'outside the workspace');
  });

  it('names the roots as the caller knows them', () => {
    const cli = { roots: readRoots([workspace], 'outside the scanned folders'), maxFileSize: 1000 };
    assert.equal(why(readFileWithin(join(outside, 'shadow'), cli)), 'outside the scanned folders');
  });

  it('checks the size before reading', () => {
    const read = readFileWithin(join(workspace, 'big'), limits);
    assert.equal(read.notRead, 'file is 2.0 KiB, over maxFileSize (1000 B)');
    assert.equal(read.notRead !== undefined && read.unfit, true);
  });
});
