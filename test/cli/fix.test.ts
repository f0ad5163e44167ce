import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
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
    const original = '\ufeff# syntax=docker/dockerfile:1\r\nFROM debian:12\r\nADD app.py /app/\r\nADD conf.ini \\\r\n    /etc/app/\r\n# café\r\n';
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
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: 'FROM debian:12\rADD app.py /app/\rADD conf.ini \\\r    /etc/app/\rRUN echo \\\r#t\n', ...SOURCES });
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM debian:12\rCOPY app.py /app/\rCOPY conf.ini \\\r    /etc/app/\rRUN echo \\\r#t\n', run.stdout + run.stderr);
    assert.match(run.stdout, /^Fixed 2 problems in 1 file:/m);
  });

  for (const endian of ['le', 'be'] as const) {
    it(`keeps UTF-16${endian.toUpperCase()} with its BOM`, () => {
      const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: utf16('FROM debian:12\r\nADD app.py /app/\r\n# ünïcode\r\n', endian), ...SOURCES });
      const run = runCli(['--fix'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.deepEqual(readFileSync(join(dir, 'Dockerfile')), utf16('FROM debian:12\r\nCOPY app.py /app/\r\n# ünïcode\r\n', endian));
    });
  }

  it('keeps a latin1 file byte for byte outside the fix', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: latin1('FROM debian:12\n# r\xe9sum\xe9 \xff\nADD app.py /app/\n'), ...SOURCES });
    runCli(['--fix'], { cwd: dir });
    assert.deepEqual(readFileSync(join(dir, 'Dockerfile')), latin1('FROM debian:12\n# r\xe9sum\xe9 \xff\nCOPY app.py /app/\n'));
  });

  // That fix-all repeats passes until nothing changes is tested on the core (test/fix-all.test.ts) with rules whose
  // fixes reveal others: no shipped safe fix does.
  it('applies every safe fix of a file, reports nothing left, and counts them on stderr with --format json', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: 'FROM debian:12\nADD app.py /app/\nADD conf.ini /etc/app/\nADD app.py /srv/\n', ...SOURCES });
    const run = runCli(['--fix', '--format', 'json'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM debian:12\nCOPY app.py /app/\nCOPY conf.ini /etc/app/\nCOPY app.py /srv/\n');
    assert.deepEqual(jsonReport(run).diagnostics, []);
    assert.match(run.stderr, /Dockerfile: fixed 3 problems/);
  });

  it('never applies an unsafe fix, and reports the problem that remains', () => {
    // app.py is not in the tree: it could be an archive, which ADD unpacks and COPY does not.
    const original = 'FROM debian:12\nADD app.py /app/\n';
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: original, 'clean/Dockerfile': 'FROM debian:12\nRUN id\n' });
    const before = statSync(join(dir, 'Dockerfile')).mtimeMs;
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), original);
    assert.equal(statSync(join(dir, 'Dockerfile')).mtimeMs, before, 'a file with nothing to fix is not rewritten');
    assert.doesNotMatch(run.stdout, /Fixed/);
    assert.match(run.stdout, /^Dockerfile:2:1 warning image\/add-instead-of-copy /m);
  });

  it('writes atomically, keeps the permissions, leaves no temporary file and writes through a link', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, 'build/real.Dockerfile': 'FROM debian:12\nADD app.py /app/\n', 'build/app.py': 'print(1)\n', Dockerfile: { link: 'build/real.Dockerfile' } });
    chmodSync(join(dir, 'build/real.Dockerfile'), 0o640);
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(join(dir, 'build/real.Dockerfile'), 'utf8'), 'FROM debian:12\nCOPY app.py /app/\n');
    assert.equal(statSync(join(dir, 'build/real.Dockerfile')).mode & 0o777, 0o640);
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink(), 'the link is still a link');
    assert.equal(readlinkSync(join(dir, 'Dockerfile')), 'build/real.Dockerfile');
    assert.deepEqual(readdirSync(join(dir, 'build')).sort(), ['app.py', 'real.Dockerfile']);
  });

  it('exits 2 and leaves the file alone when it cannot be written', { skip: process.getuid?.() === 0 && 'root can write anywhere' }, () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, 'ro/Dockerfile': 'FROM debian:12\nADD app.py /app/\n', 'ro/app.py': 'print(1)\n' });
    chmodSync(join(dir, 'ro'), 0o555);
    try {
      const run = runCli(['--fix', '--exit-zero'], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /ro\/Dockerfile: not written: permission denied/);
      assert.match(run.stdout, /^ro\/Dockerfile:2:1 warning image\/add-instead-of-copy /m);
    } finally {
      chmodSync(join(dir, 'ro'), 0o755);
    }
  });
});
