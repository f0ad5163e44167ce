import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonReport, onlyRules, runCli, tempTree } from './harness';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';
const CLEAN = 'FROM debian:12\nRUN apt-get update\n';
const BROKEN = 'FROM debian:12\nRUNN echo hi\n';

/** A small project: two Dockerfiles with problems, one without, a compose file, and folders no one scans. */
function project(config = onlyRules(['image/sudo'])) {
  return tempTree({
    '.bulkhead.yaml': config,
    Dockerfile: SUDO,
    'api/Dockerfile.prod': BROKEN,
    'web/app.dockerfile': CLEAN,
    'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    'docs/readme.md': 'RUN sudo x\n',
    '.git/Dockerfile': SUDO,
    'node_modules/pkg/Dockerfile': SUDO,
  });
}

describe('bulkhead scan: text report', () => {
  it('prints path:line:col severity rule-id message per problem, grouped per file, and a summary', () => {
    const dir = project();
    const run = runCli([], { cwd: dir });
    const lines = run.stdout.split('\n');
    assert.equal(run.status, 1, run.stderr);
    const problems = lines.filter((l) => /^\S+:\d+:\d+ /.test(l));
    assert.deepEqual(
      problems.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['Dockerfile:2:5 warning image/sudo', 'api/Dockerfile.prod:2:1 error syntax'],
    );
    assert.match(problems[0], /^Dockerfile:2:5 warning image\/sudo `sudo` in RUN/);
    // Files are separated by a blank line, like a compiler's grouped output.
    assert.equal(lines[lines.indexOf(problems[0]) + 1], '');
    assert.ok(!run.stdout.includes('.git/') && !run.stdout.includes('node_modules'), run.stdout);
    // Compose files count once the compose parser analyses them; until then they are listed as skipped.
    const analysed = jsonReport(runCli(['--format', 'json'], { cwd: dir })).files.filter(
      (f) => f.skipped === null,
    ).length;
    assert.ok(analysed === 3 || analysed === 4);
    assert.match(
      run.stdout,
      new RegExp(`^2 problems \\(1 error, 1 warning, 0 infos\\) in ${analysed} files$`, 'm'),
      'removing sudo is not a safe fix: nothing is fixable with --fix',
    );
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when stdout is a pipe');
  });

  it('lists skipped files with their reason (a compose file before the compose parser lands, or analysed after)', () => {
    const dir = project();
    const report = jsonReport(runCli(['--format', 'json'], { cwd: dir }));
    const compose = report.files.find((f) => f.path === 'compose.yaml');
    assert.ok(compose, 'compose.yaml is detected');
    assert.equal(compose.kind, 'compose');
    const text = runCli([], { cwd: dir }).stdout;
    if (compose.skipped !== null)
      assert.match(text, new RegExp(`^Skipped 1 file:\\n  compose\\.yaml: ${escape(compose.skipped)}$`, 'm'));
    else assert.doesNotMatch(text, /Skipped/);
  });

  it('says so when there is nothing to scan, and exits 0', () => {
    const dir = tempTree({ 'readme.md': '# nothing\n' });
    const run = runCli([], { cwd: dir });
    assert.equal(run.status, 0);
    assert.match(
      run.stdout,
      /No Dockerfile or Compose file found\.\n0 problems \(0 errors, 0 warnings, 0 infos\) in 0 files\n$/,
    );
  });

  it('colours only on request through FORCE_COLOR, never with NO_COLOR', () => {
    const dir = project();
    assert.match(runCli([], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[33mwarning\u001b\[39m/);
    assert.doesNotMatch(runCli([], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
  });

  it('--quiet prints only the problems at or above --severity', () => {
    const dir = project();
    const run = runCli(['--quiet', '--severity', 'error'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stdout.split('\n').filter(Boolean).length, 1);
    assert.match(run.stdout, /^api\/Dockerfile\.prod:2:1 error syntax /);
    assert.equal(run.stderr, '');
  });
});

describe('bulkhead scan: JSON report', () => {
  it('has exactly the documented shape, with LSP ranges and paths relative to the working directory', () => {
    const dir = project();
    const run = runCli(['--format', 'json', 'api', 'Dockerfile'], { cwd: dir });
    const report = jsonReport(run);
    assert.deepEqual(Object.keys(report), ['version', 'files', 'diagnostics']);
    assert.equal(report.version, 1);
    assert.deepEqual(report.files, [
      { path: 'api/Dockerfile.prod', kind: 'dockerfile', skipped: null },
      { path: 'Dockerfile', kind: 'dockerfile', skipped: null },
    ]);
    const sudo = report.diagnostics.find((d) => d.rule === 'image/sudo');
    assert.deepEqual(sudo, {
      path: 'Dockerfile',
      rule: 'image/sudo',
      severity: 'warning',
      message: sudo?.message,
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
      threat: 'application',
      fixes: [
        {
          title: 'Remove `sudo`',
          safe: false,
          edits: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, newText: '' }],
        },
      ],
    });
    const syntax = report.diagnostics.find((d) => d.rule === 'syntax');
    assert.equal(syntax?.path, 'api/Dockerfile.prod');
    assert.equal(syntax?.severity, 'error');
    assert.equal(syntax?.threat, null);
  });

  it('reports paths from the working directory even when scanning elsewhere', () => {
    const dir = project();
    const report = jsonReport(runCli(['--format', 'json', '../api'], { cwd: join(dir, 'web') }));
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['../api/Dockerfile.prod'],
    );
  });

  it('counts characters in UTF-16 code units, as LSP does', () => {
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['image/sudo']),
      Dockerfile: 'FROM debian:12\nRUN echo 😀 && sudo true\n',
    });
    const [sudo] = jsonReport(runCli(['--format', 'json'], { cwd: dir })).diagnostics;
    // "RUN echo " is 9 units, the emoji 2, " && " 4.
    assert.deepEqual(sudo.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 19 } });
    assert.match(runCli([], { cwd: dir }).stdout, /^Dockerfile:2:16 warning image\/sudo/m);
  });
});

describe('bulkhead scan: exit status', () => {
  const cases: {
    name: string;
    files: Record<string, string>;
    args: string[];
    severities?: Record<string, string>;
    status: number;
  }[] = [
    { name: 'a warning fails at the default threshold', files: { Dockerfile: SUDO }, args: [], status: 1 },
    {
      name: 'a warning passes --severity error',
      files: { Dockerfile: SUDO },
      args: ['--severity', 'error'],
      status: 0,
    },
    { name: 'an error fails --severity error', files: { Dockerfile: BROKEN }, args: ['--severity=error'], status: 1 },
    {
      name: 'an info passes by default',
      files: { Dockerfile: SUDO },
      args: [],
      severities: { 'image/sudo': 'info' },
      status: 0,
    },
    {
      name: 'an info fails --severity info',
      files: { Dockerfile: SUDO },
      args: ['-s', 'info'],
      severities: { 'image/sudo': 'info' },
      status: 1,
    },
    {
      name: 'a rule set to off never fails',
      files: { Dockerfile: SUDO },
      args: ['--severity', 'info'],
      severities: { 'image/sudo': 'off' },
      status: 0,
    },
    { name: 'a clean tree passes', files: { Dockerfile: CLEAN }, args: ['--severity', 'info'], status: 0 },
    { name: '--exit-zero passes whatever is found', files: { Dockerfile: BROKEN }, args: ['--exit-zero'], status: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = tempTree({ '.bulkhead.yaml': onlyRules(['image/sudo'], c.severities), ...c.files });
      const run = runCli(c.args, { cwd: dir });
      assert.equal(run.status, c.status, run.stdout + run.stderr);
    });
  }

  const usage: { name: string; args: string[]; message: RegExp }[] = [
    {
      name: 'an unknown format',
      args: ['--format', 'xml', '--exit-zero'],
      message: /--format must be one of text, json, sarif \(got xml\)/,
    },
    {
      name: 'an unknown severity',
      args: ['--severity', 'fatal', '--exit-zero'],
      message: /--severity must be one of error, warning, info/,
    },
    { name: 'an unknown option', args: ['--frobnicate', '--exit-zero'], message: /unknown option --frobnicate/ },
    { name: 'an option without its value', args: ['--exit-zero', '--config'], message: /--config needs a value/ },
    {
      name: 'a path that does not exist',
      args: ['no-such-folder', '--exit-zero'],
      message: /no-such-folder: no such file or folder/,
    },
    {
      name: 'an option of another command',
      args: ['rules', '--fix'],
      message: /--fix does not apply to `bulkhead rules`/,
    },
  ];
  for (const c of usage) {
    it(`exits 2 on ${c.name}`, () => {
      const dir = tempTree({ Dockerfile: CLEAN });
      const run = runCli(c.args, { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, c.message);
      assert.equal(run.stdout, '');
    });
  }

  it('--help and --version exit 0', () => {
    const dir = tempTree({});
    const help = runCli(['--help'], { cwd: dir });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage:/);
    const version = runCli(['--version'], { cwd: dir });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\S*\n$/);
  });

  it('-o writes the report to a file', () => {
    const dir = tempTree({ '.bulkhead.yaml': onlyRules(['image/sudo']), Dockerfile: SUDO });
    const run = runCli(['-f', 'json', '-o', 'report.json'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const written = jsonReport({ status: 1, stdout: readFileSync(join(dir, 'report.json'), 'utf8'), stderr: '' });
    assert.equal(written.diagnostics[0].rule, 'image/sudo');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
