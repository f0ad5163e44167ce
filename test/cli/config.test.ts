import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { jsonReport, onlyRules, runCli, tempTree } from './harness';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';

describe('bulkhead scan: configuration', () => {
  it('reads .bulkhead.yaml in the first PATH when it is a folder', () => {
    const dir = tempTree({
      'app/.bulkhead.yaml': onlyRules(['image/sudo'], { 'image/sudo': 'error' }),
      'app/Dockerfile': SUDO,
    });
    const report = jsonReport(runCli(['--format', 'json', 'app'], { cwd: dir }));
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.rule} ${d.severity}`),
      ['image/sudo error'],
    );
  });

  it('reads --config FILE instead', () => {
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['image/sudo']),
      'strict.yaml': onlyRules(['image/sudo'], { 'image/sudo': 'info' }),
      Dockerfile: SUDO,
    });
    const run = runCli(['--format', 'json', '--config', 'strict.yaml'], { cwd: dir });
    assert.equal(run.status, 0, 'an info does not fail the default threshold');
    assert.deepEqual(
      jsonReport(run).diagnostics.map((d) => d.severity),
      ['info'],
    );
  });

  it('skips files matching exclude globs, relative to the scanned root', () => {
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(
        ['image/sudo'],
        {},
        'exclude:\n  - vendor/\n  - "**/*.test.Dockerfile"\n  - /only-at-root/Dockerfile\n',
      ),
      Dockerfile: SUDO,
      'vendor/lib/Dockerfile': SUDO,
      'svc/app.test.Dockerfile': SUDO,
      'svc/Dockerfile': SUDO,
      'only-at-root/Dockerfile': SUDO,
      'deep/only-at-root/Dockerfile': SUDO,
    });
    const report = jsonReport(runCli(['--format', 'json'], { cwd: dir }));
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['Dockerfile', 'deep/only-at-root/Dockerfile', 'svc/Dockerfile'],
    );
  });

  it('scans a file named on the command line even when an exclude matches it', () => {
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['image/sudo'], {}, 'exclude: [vendor]\n'),
      'vendor/Dockerfile': SUDO,
    });
    const report = jsonReport(runCli(['--format', 'json', 'vendor/Dockerfile'], { cwd: dir }));
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['vendor/Dockerfile'],
    );
  });

  it('skips files over maxFileSize with a notice, without failing the run', () => {
    const big = SUDO + `# ${'x'.repeat(300)}\n`;
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['image/sudo'], {}, 'maxFileSize: 200\n'),
      Dockerfile: big,
      'small/Dockerfile': 'FROM debian:12\n',
    });
    const json = runCli(['--format', 'json'], { cwd: dir });
    assert.equal(json.status, 0);
    const report = jsonReport(json);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.files[0].path, 'Dockerfile');
    assert.match(report.files[0].skipped ?? '', /over maxFileSize \(200 B\)/);
    assert.equal(report.files[1].skipped, null);
    assert.match(
      runCli([], { cwd: dir }).stdout,
      /^Skipped 1 file:\n {2}Dockerfile: file is \d+ B, over maxFileSize \(200 B\)$/m,
    );
  });

  it('skips a file over the default limit of 1 MiB', () => {
    const dir = tempTree({ Dockerfile: SUDO + '#'.repeat(1024 * 1024 + 1) + '\n' });
    const report = jsonReport(runCli(['--format', 'json'], { cwd: dir }));
    assert.match(report.files[0].skipped ?? '', /1\.0 MiB, over maxFileSize \(1\.0 MiB\)/);
  });

  const bad: { name: string; config: string; error: RegExp }[] = [
    {
      name: 'an invalid severity',
      config: 'rules:\n  image/sudo: loud\n',
      error:
        /^\.bulkhead\.yaml:2:15: `rules\.image\/sudo`: severity must be one of off, info, warning, error \(got loud\)/m,
    },
    {
      name: 'an unknown rule',
      config: 'rules:\n  image/sudoo: off\n',
      error: /^\.bulkhead\.yaml:2:3: `rules\.image\/sudoo`: unknown rule id/m,
    },
    {
      name: 'an unknown key',
      config: 'exclude: []\nrulez: {}\n',
      error: /^\.bulkhead\.yaml:2:1: `rulez`: unknown key/m,
    },
    { name: 'broken YAML', config: 'rules:\n  image/sudo: [off\n', error: /^\.bulkhead\.yaml:\d+:\d+: /m },
    {
      name: 'a bad maxFileSize',
      config: 'maxFileSize: lots\n',
      error: /^\.bulkhead\.yaml:1:14: `maxFileSize`: expected a positive size/m,
    },
    {
      name: 'an exclude glob that cannot be read',
      config: 'exclude:\n  - vendor/\n  - "[z-a]"\n',
      error:
        /^\.bulkhead\.yaml:3:5: `exclude`: cannot read the pattern `\[z-a\]`: the range `z-a` runs backwards \(write `a-z`\)\.$/m,
    },
  ];
  for (const c of bad) {
    it(`exits 2 on ${c.name}, naming file, line, column and key`, () => {
      const dir = tempTree({ '.bulkhead.yaml': c.config, Dockerfile: SUDO });
      for (const format of ['text', 'json']) {
        const run = runCli(['--format', format, '--exit-zero'], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, c.error);
        assert.equal(run.stdout, '', 'no report from a configuration that says something else');
        assert.doesNotMatch(run.stderr, /internal error|^\s+at /m, 'a configuration problem, not a crash');
      }
    });
  }

  it('an exclude glob that backtracked for minutes on a deep tree: the scan finishes', () => {
    const deep = Array.from({ length: 28 }, (_, i) => `d${i}`).join('/');
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['image/sudo'], {}, `exclude:\n  - "${'**/'.repeat(12)}b"\n`),
      [`${deep}/Dockerfile`]: SUDO,
      [`${deep}/b/Dockerfile`]: SUDO,
    });
    const report = jsonReport(runCli(['--format', 'json'], { cwd: dir, timeoutMs: 30_000 }));
    assert.deepEqual(
      report.files.map((f) => f.path),
      [`${deep}/Dockerfile`],
    );
  });

  it('names a configuration file by its path from the working directory', () => {
    const dir = tempTree({ 'app/.bulkhead.yaml': 'rules:\n  image/sudo: loud\n', 'app/Dockerfile': SUDO });
    const run = runCli(['app'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^app\/\.bulkhead\.yaml:2:15: /m);
  });

  it('exits 2 when --config names a file that is not there', () => {
    const dir = tempTree({ Dockerfile: SUDO });
    const run = runCli(['--config', join('conf', 'missing.yaml')], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /conf\/missing\.yaml: cannot read the configuration file \(no such file or folder, ENOENT\)/,
    );
  });
});
