/**
 * The CLI on files whose variables double at each line (issue 13, defect 1): the scan ends with its report, the
 * unexpanded part is `not-checked`, and `--severity error` still fails on `USER root` and `privileged: true`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempTree, type TreeSpec } from './harness';

function doubling(prefix: string, n = 27): string[] {
  const lines = [`${prefix}A1=${'x'.repeat(56)}`];
  for (let i = 2; i <= n; i++) lines.push(`${prefix}A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return lines;
}

const HANG_GUARD = { timeout: 60_000 };

interface Report {
  diagnostics: { path: string; rule: string; severity: string }[];
}

describe('bulkhead scan: variables that double at each line', () => {
  const cases: { name: string; files: TreeSpec; rule: string }[] = [
    {
      name: 'the 27-line ENV file',
      files: { Dockerfile: ['FROM debian:12', ...doubling('ENV '), 'USER root', ''].join('\n') },
      rule: 'image/root-user',
    },
    {
      name: 'global ARGs',
      files: { Dockerfile: [...doubling('ARG '), 'FROM debian:12', 'USER root', ''].join('\n') },
      rule: 'image/root-user',
    },
    {
      name: 'a compose .env',
      files: {
        'compose.yaml': 'services:\n  web:\n    image: nginx:${A27}\n    privileged: true\n',
        '.env': doubling('').join('\n') + '\n',
      },
      rule: 'container/privileged',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ends normally and exits 1 with --severity error`, HANG_GUARD, () => {
      const root = tempTree(c.files);
      const run = runCli(['scan', '.', '--severity', 'error', '--format', 'json'], { cwd: root });
      assert.equal(run.status, 1, run.stderr);
      const report = JSON.parse(run.stdout) as Report;
      const rules = report.diagnostics.map((d) => d.rule);
      assert.ok(rules.includes(c.rule), rules.join(' '));
      assert.equal(rules.filter((r) => r === 'not-checked').length, 1, rules.join(' '));
      assert.ok(!rules.includes('internal-error'), rules.join(' '));
    });
  }
});
