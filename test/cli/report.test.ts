import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonReport, runCli, tempTree } from './harness';

describe('bulkhead report', () => {
  const cwd = tempTree({
    'compose.yaml':
      'services:\n  db:\n    image: postgres:16\n  api:\n    image: acme/api:1.2\n    user: "1000:1000"\n    cap_drop: [ALL]\n  web:\n    build: ./web\n',
    'web/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
  });

  it('writes the posture matrix as Markdown: a table, then what is missing, unknown and in place, with profile facts', () => {
    const run = runCli(['report', '.'], { cwd });
    assert.equal(run.status, 0, run.stderr);
    const md = run.stdout;
    assert.match(md, /^# Security posture\n/);
    assert.match(md, /\| Runs as \| File \| Non-root \| Capabilities dropped \|/);
    assert.match(md, /\| service `db` \| `compose.yaml` \| ✓ \| ✗ \|/);
    assert.match(md, /\| service `api` \| `compose.yaml` \| ✓ \| ✓ \|/);
    assert.match(md, /\| service `web` \| `compose.yaml` \| ✓ \|/);
    assert.match(md, /\| final stage \| `web\/Dockerfile` \| ✓ \| – \|/);
    assert.match(
      md,
      /Image profile `postgres` \(PostgreSQL \(Docker official image\)\): starts as root, steps down to `postgres` \(999:999\) with gosu/,
    );
    assert.match(md, /- ✓ \*\*Non-root\*\*: postgres: starts as root, steps down to `postgres` with gosu/);
    assert.match(
      md,
      /- ✗ \*\*Capabilities dropped\*\*: line 2, \[`container\/capabilities-not-dropped`\]\([^)]+\): Service `db` keeps/,
    );
    assert.match(md, /- ✓ \*\*Non-root\*\*: `web\/Dockerfile` ends with `USER node`/);
  });

  it('writes to a file with -o, and exits 0 even with problems', () => {
    const run = runCli(['report', '.', '-o', 'posture.md'], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(join(cwd, 'posture.md'), 'utf8'), /\| service `db` \|/);
  });

  it('rejects scan options', () => {
    const run = runCli(['report', '--format', 'json'], { cwd });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format does not apply to `bulkhead report`/);
  });

  it('scan JSON lists a group finding’s aspects and each fix’s basis', () => {
    const report = jsonReport(runCli(['scan', '.', '--format', 'json', '--exit-zero'], { cwd }));
    const group = report.diagnostics.find(
      (d) => d.rule === 'container/missing-hardening' && d.message.includes('`db`'),
    );
    assert.ok(group, 'db is missing several settings');
    assert.deepEqual(
      group.aspects?.map((a) => a.rule),
      [
        'container/capabilities-not-dropped',
        'container/writable-root-fs',
        'container/no-new-privileges',
        'container/memory-unlimited',
        'container/cpu-unlimited',
        'container/pids-unlimited',
      ],
    );
    assert.deepEqual(group.fixes[0].basis?.facts, ['the `postgres` image profile']);
  });
});
