import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempTree } from './harness';

interface ListedRule {
  id: string;
  title: string;
  kind: string;
  severity: string;
  threat: string | null;
  fix: string;
  cis: string | null;
  peers: Record<string, string[]>;
}

describe('bulkhead rules', () => {
  const cwd = tempTree({});

  it('lists every rule with its metadata as JSON', () => {
    const run = runCli(['rules', '--format', 'json'], { cwd });
    assert.equal(run.status, 0);
    const { version, rules } = JSON.parse(run.stdout) as { version: number; rules: ListedRule[] };
    assert.equal(version, 1);
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    const sudo = rules.find((r) => r.id === 'image/sudo');
    assert.deepEqual(
      { ...sudo, peers: { hadolint: sudo?.peers.hadolint } },
      {
        ...sudo,
        title: 'sudo in a build step',
        kind: 'dockerfile',
        severity: 'warning',
        threat: 'application',
        fix: 'unsafe',
        peers: { hadolint: ['DL3004'] },
      },
    );
    const syntax = rules.find((r) => r.id === 'syntax');
    assert.equal(syntax?.kind, 'any');
    assert.equal(syntax?.threat, null, 'engine diagnostics carry no threat, as their diagnostics do not');
    for (const rule of rules) {
      assert.ok(['dockerfile', 'compose', 'any'].includes(rule.kind), rule.id);
      assert.ok(['error', 'warning', 'info'].includes(rule.severity), rule.id);
      assert.ok(['none', 'safe', 'unsafe', 'mixed'].includes(rule.fix), rule.id);
    }
  });

  it('lists every rule as text: id and title, then kind, severity, threat, fix and peers', () => {
    const run = runCli(['rules'], { cwd });
    assert.equal(run.status, 0);
    const count = (JSON.parse(runCli(['rules', '--format', 'json'], { cwd }).stdout) as { rules: unknown[] }).rules
      .length;
    assert.match(
      run.stdout,
      /^image\/sudo +sudo in a build step\n +dockerfile · warning · threat application · fix unsafe\n +same as: hadolint DL3004; /m,
    );
    assert.match(run.stdout, new RegExp(`\\n${count} rules\\n$`));
  });

  it('refuses a format it does not have, and paths', () => {
    assert.equal(runCli(['rules', '--format', 'sarif'], { cwd }).status, 2);
    const run = runCli(['rules', 'somewhere'], { cwd });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bulkhead scan rules/);
  });

  it('scans a folder named rules when told to', () => {
    const dir = tempTree({ 'rules/Dockerfile': 'FROM debian:12\n' });
    const scan = runCli(['scan', 'rules', '--format', 'json', '--exit-zero'], { cwd: dir });
    assert.deepEqual(
      (JSON.parse(scan.stdout) as { files: { path: string }[] }).files.map((f) => f.path),
      ['rules/Dockerfile'],
    );
    const dashed = runCli(['--format', 'json', '--exit-zero', '--', 'rules'], { cwd: dir });
    assert.deepEqual(
      (JSON.parse(dashed.stdout) as { files: { path: string }[] }).files.map((f) => f.path),
      ['rules/Dockerfile'],
    );
  });
});
