import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonReport, onlyRules, runCli, tempTree } from './harness';

// ADD of a text file beside the Dockerfile becomes COPY: a safe fix (COPY does exactly what ADD did there).
const RULE = 'image/add-instead-of-copy';
const CONFIG = onlyRules([RULE]);
const SOURCES = { 'app.py': 'print("hi")\n', 'conf.ini': '[app]\n' };

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

describe('bulkhead --fix', () => {
  it('removes only the fixed spans and keeps CRLF line endings and a UTF-8 BOM', () => {
    const original =
      '\ufeff# syntax=docker/dockerfile:1\r\nFROM debian:12\r\nADD app.py /app/\r\nADD conf.ini \\\r\n    /etc/app/\r\n# café\r\n';
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: original, ...SOURCES });
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      '\ufeff# syntax=docker/dockerfile:1\r\nFROM debian:12\r\nCOPY app.py /app/\r\nCOPY conf.ini \\\r\n    /etc/app/\r\n# café\r\n',
    );
    assert.match(run.stdout, /^Fixed 2 problems in 1 file:\n {2}Dockerfile: image\/add-instead-of-copy \(2\)$/m);
    assert.match(run.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\) in 1 file$/m);
  });

  it('keeps lone CR line breaks, after an escaped one and across a continuation', () => {
    // dockerfile-ast threw on an escaped lone CR before an LF, which hid every fix of the file.
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      Dockerfile: 'FROM debian:12\rADD app.py /app/\rADD conf.ini \\\r    /etc/app/\rRUN echo \\\r#t\n',
      ...SOURCES,
    });
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      'FROM debian:12\rCOPY app.py /app/\rCOPY conf.ini \\\r    /etc/app/\rRUN echo \\\r#t\n',
      run.stdout + run.stderr,
    );
    assert.match(run.stdout, /^Fixed 2 problems in 1 file:/m);
  });

  for (const endian of ['le', 'be'] as const) {
    it(`keeps UTF-16${endian.toUpperCase()} with its BOM`, () => {
      const dir = tempTree({
        '.bulkhead.yaml': CONFIG,
        Dockerfile: utf16('FROM debian:12\r\nADD app.py /app/\r\n# ünïcode\r\n', endian),
        ...SOURCES,
      });
      const run = runCli(['--fix'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.deepEqual(
        readFileSync(join(dir, 'Dockerfile')),
        utf16('FROM debian:12\r\nCOPY app.py /app/\r\n# ünïcode\r\n', endian),
      );
    });
  }

  it('keeps a latin1 file byte for byte outside the fix', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      Dockerfile: latin1('FROM debian:12\n# r\xe9sum\xe9 \xff\nADD app.py /app/\n'),
      ...SOURCES,
    });
    runCli(['--fix'], { cwd: dir });
    assert.deepEqual(
      readFileSync(join(dir, 'Dockerfile')),
      latin1('FROM debian:12\n# r\xe9sum\xe9 \xff\nCOPY app.py /app/\n'),
    );
  });

  // That fix-all repeats passes until nothing changes is tested on the core (test/fix-all.test.ts) with rules whose
  // fixes reveal others: no shipped safe fix does.
  it('applies every safe fix of a file, reports nothing left, and counts them on stderr with --format json', () => {
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      Dockerfile: 'FROM debian:12\nADD app.py /app/\nADD conf.ini /etc/app/\nADD app.py /srv/\n',
      ...SOURCES,
    });
    const run = runCli(['--fix', '--format', 'json'], { cwd: dir });
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      'FROM debian:12\nCOPY app.py /app/\nCOPY conf.ini /etc/app/\nCOPY app.py /srv/\n',
    );
    assert.deepEqual(jsonReport(run).diagnostics, []);
    assert.match(run.stderr, /Dockerfile: fixed 3 problems/);
  });

  it('never applies an unsafe fix, and reports the problem that remains', () => {
    // app.py is not in the tree: it could be an archive, which ADD unpacks and COPY does not.
    const original = 'FROM debian:12\nADD app.py /app/\n';
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      Dockerfile: original,
      'clean/Dockerfile': 'FROM debian:12\nRUN id\n',
    });
    const before = statSync(join(dir, 'Dockerfile')).mtimeMs;
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), original);
    assert.equal(statSync(join(dir, 'Dockerfile')).mtimeMs, before, 'a file with nothing to fix is not rewritten');
    assert.doesNotMatch(run.stdout, /Fixed/);
    assert.match(run.stdout, /^Dockerfile:2:1 warning image\/add-instead-of-copy /m);
  });

  it('writes in place through a link to a file in the folder, keeps the permissions and leaves no other file', () => {
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      'build/real.Dockerfile': 'FROM debian:12\nADD app.py /app/\n',
      'build/app.py': 'print(1)\n',
      Dockerfile: { link: 'build/real.Dockerfile' },
    });
    chmodSync(join(dir, 'build/real.Dockerfile'), 0o640);
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(join(dir, 'build/real.Dockerfile'), 'utf8'), 'FROM debian:12\nCOPY app.py /app/\n');
    assert.equal(statSync(join(dir, 'build/real.Dockerfile')).mode & 0o777, 0o640);
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink(), 'the link is still a link');
    assert.equal(readlinkSync(join(dir, 'Dockerfile')), 'build/real.Dockerfile');
    assert.deepEqual(readdirSync(join(dir, 'build')).sort(), ['app.py', 'real.Dockerfile']);
  });

  it(
    'exits 2 and leaves the file alone when it cannot be written',
    { skip: process.getuid?.() === 0 && 'root can write anywhere' },
    () => {
      const dir = tempTree({
        '.bulkhead.yaml': CONFIG,
        'ro/Dockerfile': 'FROM debian:12\nADD app.py /app/\n',
        'ro/app.py': 'print(1)\n',
      });
      // Written in place: the file's own permissions decide, as for any editor.
      chmodSync(join(dir, 'ro/Dockerfile'), 0o444);
      const run = runCli(['--fix', '--exit-zero'], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /ro\/Dockerfile: not fixed: permission denied/);
      assert.match(run.stdout, /^ro\/Dockerfile:2:1 warning image\/add-instead-of-copy /m);
      assert.equal(readFileSync(join(dir, 'ro/Dockerfile'), 'utf8'), 'FROM debian:12\nADD app.py /app/\n');
    },
  );
});

// Issue 13, defect 9: a fixed file is the same file, with its owner, mode and hard links.
describe('bulkhead --fix keeps the file', () => {
  const BEFORE = 'FROM debian:12\nADD app.py /app/\n';
  const AFTER = 'FROM debian:12\nCOPY app.py /app/\n';

  it('keeps its inode and hard links: every name of the file sees the fix', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: BEFORE, ...SOURCES });
    linkSync(join(dir, 'Dockerfile'), join(dir, 'also-named.txt'));
    const before = statSync(join(dir, 'Dockerfile'));
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const after = statSync(join(dir, 'Dockerfile'));
    assert.equal(after.ino, before.ino);
    assert.equal(after.nlink, 2);
    assert.equal(readFileSync(join(dir, 'also-named.txt'), 'utf8'), AFTER);
  });

  it('keeps its mode bits, setgid included', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: BEFORE, ...SOURCES });
    chmodSync(join(dir, 'Dockerfile'), 0o2640);
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), AFTER);
    assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o7777, 0o2640);
  });

  it(
    'keeps its owner and group',
    { skip: process.getuid?.() !== 0 && 'only root can give a file to another user: run as root to check owners' },
    () => {
      const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: BEFORE, ...SOURCES });
      chownSync(join(dir, 'Dockerfile'), 4321, 8765);
      const run = runCli(['--fix'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), AFTER);
      const after = statSync(join(dir, 'Dockerfile'));
      assert.deepEqual([after.uid, after.gid], [4321, 8765]);
    },
  );

  it('never reads or writes through a link named on the command line to a file outside its folder', () => {
    const outside = tempTree({ Dockerfile: BEFORE, ...SOURCES });
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      'build/Dockerfile': { link: join(outside, 'Dockerfile') },
      'build/app.py': SOURCES['app.py'],
    });
    const run = runCli(['--fix', '--exit-zero', 'build/Dockerfile'], { cwd: dir });
    // The reader refuses the file before --fix could write it: skipped, with the reason.
    assert.match(run.stdout + run.stderr, /build\/Dockerfile: cannot read the file \(outside the scanned folders\)/);
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), BEFORE);
    assert.doesNotMatch(run.stdout, /add-instead-of-copy/);
  });
});
