import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonReport, onlyRules, runCli, tempTree } from './harness';

/**
 * Node cuts standard output short when a process exits while a pipe is still draining (64 KiB on Linux): a CI job
 * piping the report into a file or `jq` would get half a JSON document. These reports are megabytes.
 */
describe('large reports through a pipe', () => {
  const FILES = 4;
  const PER_FILE = 1000;
  const body = `FROM debian:12\n${'RUN sudo true\n'.repeat(PER_FILE)}`;
  const dir = tempTree({
    '.bulkhead.yaml': onlyRules(['image/sudo']),
    ...Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`svc${i}/Dockerfile`, body])),
  });

  it('JSON arrives complete', () => {
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.ok(run.stdout.length > 1024 * 1024, `${run.stdout.length} bytes`);
    const report = jsonReport(run);
    assert.equal(report.diagnostics.length, FILES * PER_FILE);
    assert.equal(run.status, 1);
  });

  it('SARIF and text arrive complete', () => {
    const sarif = runCli(['--format', 'sarif'], { cwd: dir });
    assert.equal(
      (JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0].results.length,
      FILES * PER_FILE,
    );
    const text = runCli([], { cwd: dir });
    assert.equal(text.stdout.split('\n').filter((l) => / warning image\/sudo /.test(l)).length, FILES * PER_FILE);
    assert.match(
      text.stdout,
      new RegExp(
        `^${FILES * PER_FILE} problems \\(0 errors, ${FILES * PER_FILE} warnings, 0 infos\\) in ${FILES} files`,
        'm',
      ),
    );
  });
});
