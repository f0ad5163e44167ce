import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonReport, onlyRules, runCli, tempTree, type CliRun } from './harness';
import { file } from '../../shared/src/rule';

const CONFIG = onlyRules(['container/privileged', 'container/dangerous-capability', 'image/root-user']);

const COMPOSE = file`
  services:
    web:
      image: nginx:1.25
      privileged: true
    db:
      image: postgres:16
      cap_add: [SYS_ADMIN]
`;

const DOCKERFILE = file`
  FROM node:20 AS build
  RUN npm ci
  USER root
`;

function project(compose = COMPOSE, dockerfile = DOCKERFILE) {
  return tempTree({ '.bulkhead.yaml': CONFIG, 'compose.yaml': compose, 'app/Dockerfile': dockerfile });
}

interface BaselineJson {
  version: number;
  findings: Record<string, { rule: string; fingerprint: string; message: string }[]>;
}

function readBaseline(root: string, name = '.bulkhead-baseline.json'): BaselineJson {
  return JSON.parse(readFileSync(join(root, name), 'utf8')) as BaselineJson;
}

function rules(run: CliRun): string[] {
  return jsonReport(run)
    .diagnostics.map((d) => `${d.path} ${d.rule}`)
    .sort();
}

describe('bulkhead baseline', () => {
  it('writes every finding, sorted, by relative path, rule and fingerprint, without line numbers', () => {
    const root = project();
    const run = runCli(['baseline'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote 3 findings in 2 files to \.bulkhead-baseline\.json\n$/);
    const text = readFileSync(join(root, '.bulkhead-baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as BaselineJson;
    assert.equal(baseline.version, 1);
    assert.deepEqual(Object.keys(baseline.findings), ['app/Dockerfile', 'compose.yaml']);
    assert.deepEqual(
      baseline.findings['compose.yaml'].map((e) => e.rule),
      ['container/dangerous-capability', 'container/privileged'],
    );
    for (const entries of Object.values(baseline.findings))
      for (const entry of entries) {
        assert.deepEqual(Object.keys(entry), ['rule', 'fingerprint', 'message']);
        assert.match(entry.fingerprint, /^[0-9a-f]{16}:0$/);
      }
    assert.doesNotMatch(text, /"line"|"range"/);
    // Written again over the same files: byte for byte the same (a reviewed file must not churn).
    runCli(['baseline'], { cwd: root });
    assert.equal(readFileSync(join(root, '.bulkhead-baseline.json'), 'utf8'), text);
  });

  it('writes to -o FILE, with paths relative to that file', () => {
    const root = project();
    const run = runCli(['baseline', '-o', 'app/accepted.json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(Object.keys(readBaseline(root, 'app/accepted.json').findings), ['../compose.yaml', 'Dockerfile']);
    assert.equal(existsSync(join(root, '.bulkhead-baseline.json')), false);
    const scan = runCli(['--baseline', 'app/accepted.json', '--format', 'json'], { cwd: root });
    assert.equal(scan.status, 0, scan.stdout);
    assert.deepEqual(jsonReport(scan).diagnostics, []);
  });
});

describe('bulkhead scan with a baseline', () => {
  it('reports nothing for the baselined findings, says how many it hid, and exits 0', () => {
    const root = project();
    runCli(['baseline'], { cwd: root });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 0, run.stdout);
    assert.match(
      run.stdout,
      /^0 problems \(0 errors, 0 warnings, 0 infos\) in 2 files; 3 in the baseline not shown\n$/m,
    );
    const json = jsonReport(runCli(['--format', 'json'], { cwd: root }));
    assert.deepEqual((json as unknown as { baseline: unknown }).baseline, {
      path: '.bulkhead-baseline.json',
      baselined: 3,
      fixedSinceBaseline: 0,
    });
    assert.deepEqual(rules(runCli(['--no-baseline', '--format', 'json'], { cwd: root })), [
      'app/Dockerfile image/root-user',
      'compose.yaml container/dangerous-capability',
      'compose.yaml container/privileged',
    ]);
  });

  it('keeps them silent when unrelated lines are inserted above, edited, and the services renamed', () => {
    const root = project();
    runCli(['baseline'], { cwd: root });
    writeFileSync(
      join(root, 'compose.yaml'),
      file`
        # The shop's services.
        name: shop
        services:
          frontend:
            environment:
              MODE: production
            image: nginx:1.27
            privileged:   true
          database:
            cap_add:
              - SYS_ADMIN
            image: postgres:17
      `,
    );
    writeFileSync(
      join(root, 'app/Dockerfile'),
      file`
        # syntax=docker/dockerfile:1
        FROM node:22 AS build
        WORKDIR /app
        RUN npm ci \\
          && npm test
        USER   root
      `,
    );
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(jsonReport(run).diagnostics, []);
  });

  it('reports a new finding, also one identical to a baselined one, and counts what was fixed', () => {
    const root = project();
    runCli(['baseline'], { cwd: root });
    writeFileSync(
      join(root, 'compose.yaml'),
      file`
        services:
          web:
            image: nginx:1.25
            privileged: true
          web2:
            image: nginx:1.25
            privileged: true
          db:
            image: postgres:16
      `,
    );
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    const report = jsonReport(run) as ReturnType<typeof jsonReport> & { baseline: Record<string, unknown> };
    assert.deepEqual(
      report.diagnostics.map((d) => [d.rule, d.range.start.line]),
      [['container/privileged', 6]],
    );
    assert.deepEqual(report.baseline, { path: '.bulkhead-baseline.json', baselined: 2, fixedSinceBaseline: 1 });
    const text = runCli([], { cwd: root });
    assert.match(text.stdout, /compose\.yaml:7:5 error container\/privileged/);
    assert.match(text.stdout, /; 2 in the baseline not shown, 1 fixed since the baseline\n$/);
  });

  it('counts the findings of a deleted file as fixed, but not those of a file merely not scanned', () => {
    const root = project();
    runCli(['baseline'], { cwd: root });
    const onlyCompose = runCli(['compose.yaml', '--baseline', '.bulkhead-baseline.json'], { cwd: root });
    assert.match(onlyCompose.stdout, /; 2 in the baseline not shown\n$/);
    writeFileSync(join(root, 'app/Dockerfile'), 'FROM scratch\n');
    assert.match(runCli([], { cwd: root }).stdout, /; 2 in the baseline not shown, 1 fixed since the baseline\n$/);
  });

  it('fails with exit 2 on a baseline it cannot use', () => {
    const root = project();
    const missing = runCli(['--baseline', 'nope.json'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json/);
    writeFileSync(join(root, '.bulkhead-baseline.json'), '{"version": 7, "findings": {}}');
    const wrongVersion = runCli([], { cwd: root });
    assert.equal(wrongVersion.status, 2);
    assert.match(wrongVersion.stderr, /\.bulkhead-baseline\.json: version 7 is not 1/);
    writeFileSync(join(root, '.bulkhead-baseline.json'), '{"version": 1, "findings": {"a": [{}]}}');
    assert.match(runCli([], { cwd: root }).stderr, /lacks its `rule` or `fingerprint`/);
    const contradiction = runCli(['--baseline', 'x', '--no-baseline'], { cwd: root });
    assert.equal(contradiction.status, 2);
  });

  it('does not block on a FIFO named .bulkhead-baseline.json', { skip: process.platform === 'win32' }, () => {
    const root = project();
    execFileSync('mkfifo', [join(root, '.bulkhead-baseline.json')]);
    const run = runCli([], { cwd: root, timeoutMs: 20_000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read the baseline \.bulkhead-baseline\.json \(not a regular file/);
  });
});

describe('SARIF with a baseline', () => {
  interface Result {
    ruleId: string;
    partialFingerprints?: Record<string, string>;
    baselineState?: string;
  }
  const results = (run: CliRun) => (JSON.parse(run.stdout) as { runs: { results: Result[] }[] }).runs[0].results;

  it('gives every result a partialFingerprint that survives moved lines', () => {
    const root = project();
    const before = results(runCli(['-f', 'sarif'], { cwd: root }));
    assert.equal(before.length, 3);
    for (const r of before) {
      assert.match(r.partialFingerprints?.['bulkheadFingerprint/v1'] ?? '', /^[0-9a-f]{16}:\d+$/);
      assert.equal(r.baselineState, undefined, 'no baseline, no baselineState');
    }
    writeFileSync(join(root, 'compose.yaml'), `# moved\n\n${COMPOSE}`);
    const after = results(runCli(['-f', 'sarif'], { cwd: root }));
    assert.deepEqual(
      after.map((r) => r.partialFingerprints),
      before.map((r) => r.partialFingerprints),
    );
  });

  it('leaves the baselined results out and marks the others new', () => {
    const root = project();
    runCli(['baseline'], { cwd: root });
    writeFileSync(join(root, 'compose.yaml'), `${COMPOSE}  cache:\n    image: redis:7\n    privileged: true\n`);
    const run = runCli(['-f', 'sarif'], { cwd: root });
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as { runs: { results: Result[]; properties: Record<string, unknown> }[] };
    assert.deepEqual(
      log.runs[0].results.map((r) => [r.ruleId, r.baselineState]),
      [['container/privileged', 'new']],
    );
    assert.deepEqual(log.runs[0].properties, {
      baseline: '.bulkhead-baseline.json',
      baselined: 3,
      fixedSinceBaseline: 0,
    });
  });
});

const gitVersion = spawnSync('git', ['--version'], { encoding: 'utf8' });
const NO_GIT = gitVersion.status === 0 ? false : 'git is not installed: --changed-since cannot be tested here';

function git(root: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
}

function committedProject(): string {
  const root = project();
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'start');
  return root;
}

describe('bulkhead scan --changed-since', { skip: NO_GIT }, () => {
  it('reports only findings on lines changed since the ref, and new files whole', () => {
    const root = committedProject();
    writeFileSync(join(root, 'compose.yaml'), COMPOSE.replace('cap_add: [SYS_ADMIN]', 'cap_add: [SYS_ADMIN, ALL]'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\nUSER root\n');
    const run = runCli(['--changed-since', 'main', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(rules(run), [
      'Dockerfile image/root-user',
      'compose.yaml container/dangerous-capability',
      'compose.yaml container/dangerous-capability',
    ]);
    assert.deepEqual((jsonReport(run) as unknown as { changedSince: unknown }).changedSince, {
      ref: 'main',
      unchanged: 2,
    });
    const text = runCli(['--changed-since', 'main'], { cwd: root });
    assert.match(text.stdout, /; 2 on lines unchanged since main not shown\n$/);
  });

  it('reports nothing when nothing changed, and what changed since an older ref', () => {
    const root = committedProject();
    assert.equal(runCli(['--changed-since', 'HEAD'], { cwd: root }).status, 0);
    writeFileSync(join(root, 'app/Dockerfile'), DOCKERFILE.replace('npm ci', 'npm ci --ignore-scripts'));
    git(root, 'commit', '-q', '-am', 'second');
    assert.deepEqual(rules(runCli(['--changed-since', 'HEAD', '-f', 'json'], { cwd: root })), []);
    // A deleted line shows on the lines around it: here the `RUN` that replaced it sits beside `USER root`.
    writeFileSync(join(root, 'app/Dockerfile'), 'FROM node:20 AS build\nUSER root\n');
    assert.deepEqual(rules(runCli(['--changed-since', 'HEAD', '-f', 'json'], { cwd: root })), [
      'app/Dockerfile image/root-user',
    ]);
  });

  it('says so when the folder is not a Git repository or the ref is unknown', () => {
    const plain = project();
    const notRepo = runCli(['--changed-since', 'main'], { cwd: plain });
    assert.equal(notRepo.status, 2);
    assert.match(notRepo.stderr, /--changed-since: .* is not in a Git repository/);
    const root = committedProject();
    const unknown = runCli(['--changed-since', 'no-such-branch'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown Git ref "no-such-branch"/);
    const option = runCli(['--changed-since=--output=x'], { cwd: root });
    assert.equal(option.status, 2);
    assert.equal(existsSync(join(root, 'x')), false);
  });

  it('runs no program the repository configures (fsmonitor, clean filters, external diff)', () => {
    const root = committedProject();
    const marker = join(root, 'ran');
    const script = join(root, 'hook.sh');
    writeFileSync(script, `#!/bin/sh\necho ran >> ${JSON.stringify(marker)}\ncat\n`, { mode: 0o755 });
    git(root, 'config', 'core.fsmonitor', script);
    git(root, 'config', 'filter.evil.clean', script);
    git(root, 'config', 'diff.external', script);
    git(root, 'config', 'diff.evil.textconv', script);
    writeFileSync(join(root, '.gitattributes'), '* filter=evil diff=evil\n');
    // A `git` of the workspace's own, first on a PATH that names the working directory.
    writeFileSync(join(root, 'git'), `#!/bin/sh\necho ran >> ${JSON.stringify(marker)}\n`, { mode: 0o755 });
    writeFileSync(join(root, 'compose.yaml'), COMPOSE.replace('privileged: true', 'privileged: true\n    pid: host'));
    const run = runCli(['--changed-since', 'HEAD', '-f', 'json'], {
      cwd: root,
      env: { PATH: `.:${process.env.PATH}` },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(rules(run), []);
    assert.equal(existsSync(marker), false, 'a program configured by the repository ran');
  });
});
