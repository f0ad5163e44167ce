/**
 * Issue 13 (defects 2, 5, 7): files a workspace names that must not hang, blind or leak. A FIFO where a `.env`, a built
 * Dockerfile, an `extends.file` or an override file should be; links and paths out of the scanned folders; paths the
 * OS refuses (`build: ./Dockerfile`, a 300-character name). Each is a `not-checked` diagnostic at the line that names
 * it, every other finding stays, and nothing read from outside appears in any report.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { jsonReport, onlyRules, runCli, tempTree, writeTree, type JsonReport, type TreeSpec } from './harness';

/** Long enough for a FIFO to be noticed, short enough for a loaded machine: a blocked CLI never ends. */
const HANG_GUARD = { timeoutMs: 20_000 };
const GUARD = { timeout: 60_000 };

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const CONFIG = onlyRules(['not-checked', 'container/privileged', 'container/literal-secret', 'image/sudo']);

function tree(files: TreeSpec, fifos: string[] = []): string {
  const dir = tempTree({ '.bulkhead.yaml': CONFIG, ...files });
  for (const fifo of fifos) execFileSync('mkfifo', [join(dir, fifo)]);
  return dir;
}

function scan(dir: string, args: string[] = ['.']): { report: JsonReport; stdout: string } {
  const run = runCli(['--format', 'json', ...args], { cwd: dir, ...HANG_GUARD });
  return { report: jsonReport(run), stdout: run.stdout };
}

/** `path rule line:col message` for the problems of the engine's own rules, `path rule line:col` for the others. */
function found(report: JsonReport): string[] {
  return report.diagnostics.map(
    (d) =>
      `${d.path} ${d.rule} ${d.range.start.line + 1}:${d.range.start.character + 1}${d.rule === 'not-checked' || d.rule === 'internal-error' ? ` ${d.message}` : ''}`,
  );
}

describe('bulkhead scan: FIFOs are never opened', () => {
  it('a FIFO .env beside a compose file', GUARD, () => {
    const dir = tree({ 'compose.yaml': PRIVILEGED }, ['.env']);
    assert.deepEqual(found(scan(dir).report), [
      'compose.yaml not-checked 1:1 `.env` not read: not a regular file (a FIFO); its variables are not applied.',
      'compose.yaml container/privileged 4:5',
    ]);
  });

  it('a FIFO as the Dockerfile of a build:', GUARD, () => {
    // container/root-user reads the Dockerfile a service builds (on main, its open blocked on the FIFO).
    const dir = tempTree({
      '.bulkhead.yaml': onlyRules(['not-checked', 'container/privileged', 'container/root-user']),
      'compose.yaml': 'services:\n  web:\n    build: ./app\n    privileged: true\n',
      'app/.keep': '',
    });
    execFileSync('mkfifo', [join(dir, 'app/Dockerfile')]);
    const { report } = scan(dir);
    assert.deepEqual(found(report), [
      'compose.yaml not-checked 3:12 Dockerfile `./app/Dockerfile` not read: not a regular file (a FIFO); service `web` is checked without it.',
      'compose.yaml container/privileged 4:5',
    ]);
    assert.deepEqual(report.files.find((f) => f.path === 'app/Dockerfile')?.skipped, 'not a regular file (a FIFO)');
  });

  it('a FIFO as an extends.file', GUARD, () => {
    const dir = tree(
      { 'compose.yaml': 'services:\n  web:\n    extends: {file: base.yaml, service: base}\n    privileged: true\n' },
      ['base.yaml'],
    );
    assert.deepEqual(found(scan(dir).report), [
      'compose.yaml not-checked 3:14 `base.yaml` not read: not a regular file (a FIFO); service `web` is checked without what it extends from there.',
      'compose.yaml container/privileged 4:5',
    ]);
  });

  it(
    'a FIFO among the scanned files: listed as skipped, and an override FIFO is said so in its base file',
    GUARD,
    () => {
      const dir = tree({ 'compose.yaml': PRIVILEGED }, ['compose.override.yaml', 'Dockerfile']);
      const { report } = scan(dir);
      assert.deepEqual(
        report.files.map((f) => `${f.path}: ${f.skipped ?? 'scanned'}`),
        [
          'Dockerfile: not a regular file (a FIFO)',
          'compose.override.yaml: not a regular file (a FIFO)',
          'compose.yaml: scanned',
        ],
      );
      assert.deepEqual(found(report), [
        "compose.yaml not-checked 1:1 `compose.override.yaml` not read: not a regular file (a FIFO); its settings are not merged into this file's services.",
        'compose.yaml container/privileged 4:5',
      ]);
    },
  );

  it('a FIFO as the configuration file: a clear error, with --config or found in the root', GUARD, () => {
    const dir = tempTree({ 'compose.yaml': PRIVILEGED, 'conf/.keep': '' });
    execFileSync('mkfifo', [join(dir, 'conf/bulkhead.yaml')]);
    execFileSync('mkfifo', [join(dir, '.bulkhead.yaml')]);
    const explicit = runCli(['--config', 'conf/bulkhead.yaml', '.'], { cwd: dir, ...HANG_GUARD });
    assert.equal(explicit.status, 2);
    assert.match(
      explicit.stderr,
      /conf\/bulkhead\.yaml: cannot read the configuration file \(not a regular file \(a FIFO\)\)/,
    );
    const found = runCli(['.'], { cwd: dir, ...HANG_GUARD });
    assert.equal(found.status, 2);
    assert.match(
      found.stderr,
      /\.bulkhead\.yaml: cannot read the configuration file \(not a regular file \(a FIFO\)\)/,
    );
  });

  it('a FIFO named on the command line is a usage error, as before', GUARD, () => {
    const dir = tree({}, ['Dockerfile']);
    const run = runCli(['Dockerfile'], { cwd: dir, ...HANG_GUARD });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Dockerfile: not a regular file or folder/);
  });
});

describe('bulkhead scan: nothing outside the scanned folders is read', () => {
  // Values of the outside files that a message would quote: an image name, a variable's value.
  const SECRET = 'leaked-7f3a';
  const outside = tempTree({
    Dockerfile: `FROM ${SECRET}/base:1\nRUN sudo true\n`,
    'base.yaml': `services:\n  db:\n    image: ${SECRET}/db:16\n`,
    'vars.env': `TAG=${SECRET}\n`,
  });
  const LEAK_CONFIG = onlyRules(['not-checked', 'container/unpinned-image', 'container/root-user']);
  const leakTree = (files: TreeSpec) => tempTree({ '.bulkhead.yaml': LEAK_CONFIG, ...files });

  /** Neither the JSON nor the SARIF report holds anything of the outside files. */
  function assertNoLeak(dir: string): void {
    for (const format of ['json', 'sarif', 'text']) {
      const run = runCli(['--format', format, '.'], { cwd: dir, ...HANG_GUARD });
      assert.equal(run.stdout.includes(SECRET), false, `${format} report leaks:\n${run.stdout}`);
    }
  }

  it('a built Dockerfile that is a link out of the folder', GUARD, () => {
    const dir = leakTree({
      'compose.yaml': 'services:\n  web:\n    build: ./app\n',
      'app/Dockerfile': { link: join(outside, 'Dockerfile') },
    });
    assertNoLeak(dir);
    assert.deepEqual(found(scan(dir).report), [
      'compose.yaml not-checked 3:12 Dockerfile `./app/Dockerfile` not read: outside the scanned folders; service `web` is checked without it.',
    ]);
  });

  it('extends: a file up and out of the folder', GUARD, () => {
    const dir = leakTree({});
    const file = relative(dir, join(outside, 'base.yaml'));
    writeTree(dir, { 'compose.yaml': `services:\n  web:\n    extends: {file: ${file}, service: db}\n` });
    assertNoLeak(dir);
    assert.deepEqual(found(scan(dir).report), [
      `compose.yaml not-checked 3:14 \`${file}\` not read: outside the scanned folders; service \`web\` is checked without what it extends from there.`,
    ]);
  });

  it('build: {context: <elsewhere>, dockerfile: …}', GUARD, () => {
    const dir = leakTree({
      'compose.yaml': `services:\n  web:\n    build: {context: ${outside}, dockerfile: Dockerfile}\n`,
    });
    assertNoLeak(dir);
    const { report } = scan(dir);
    assert.deepEqual(
      found(report).map((line) => line.replace(outside, '<outside>')),
      [
        'compose.yaml not-checked 3:12 Dockerfile `<outside>/Dockerfile` not read: outside the scanned folders; service `web` is checked without it.',
      ],
    );
  });

  it('a .env that is a link out of the folder: its values never reach a message', GUARD, () => {
    const dir = leakTree({
      'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n',
      '.env': { link: join(outside, 'vars.env') },
    });
    assertNoLeak(dir);
    assert.deepEqual(found(scan(dir).report), [
      'compose.yaml not-checked 1:1 `.env` not read: outside the scanned folders; its variables are not applied.',
    ]);
  });

  it('an env_file out of the folder (a FIFO there) is never opened: Bulkhead does not read env_file', GUARD, () => {
    const fifo = join(tempTree({}), 'secrets.env');
    execFileSync('mkfifo', [fifo]);
    const dir = tree({
      'compose.yaml': `services:\n  web:\n    image: nginx:1.27\n    env_file: ${fifo}\n    privileged: true\n`,
    });
    assert.deepEqual(found(scan(dir).report), ['compose.yaml container/privileged 5:5']);
  });

  it('a Dockerfile linked from outside is skipped by the walk, as before', GUARD, () => {
    const dir = leakTree({ Dockerfile: { link: join(outside, 'Dockerfile') } });
    assertNoLeak(dir);
    const { report } = scan(dir);
    assert.deepEqual(
      report.files.map((f) => `${f.path}: ${f.skipped}`),
      ['Dockerfile: symbolic link to a file outside the scanned folder'],
    );
  });

  it('reads a sibling folder of the same Git work tree when scanning a subfolder', GUARD, () => {
    const dir = leakTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/Dockerfile': 'FROM debian:12\nUSER root\n',
      'deploy/compose.yaml': 'services:\n  web:\n    build: ../app\n',
      'deploy/.bulkhead.yaml': onlyRules(['not-checked', 'container/root-user']),
    });
    const run = runCli(['--format', 'json', '.'], { cwd: join(dir, 'deploy'), ...HANG_GUARD });
    assert.deepEqual(found(jsonReport(run)), ['compose.yaml container/root-user 2:3']);
  });
});

describe('bulkhead scan: file-system errors are diagnostics, never lost rules', () => {
  const RULES = onlyRules([
    'not-checked',
    'container/privileged',
    'container/root-user',
    'container/no-new-privileges',
    'container/memory-unlimited',
  ]);

  /** The findings for a compose file, and for the same file with the reference replaced by an absent one. */
  function compare(compose: string, broken: string, absent: string): { broken: string[]; control: string[] } {
    const run = (text: string) =>
      found(
        scan(tempTree({ '.bulkhead.yaml': RULES, Dockerfile: 'FROM debian:12\nUSER app\n', 'compose.yaml': text }), [
          'compose.yaml',
        ]).report,
      );
    return { broken: run(compose.replace('$REF', broken)), control: run(compose.replace('$REF', absent)) };
  }

  it('build: ./Dockerfile (a file where a folder belongs) says so and keeps every other finding', GUARD, () => {
    const { broken, control } = compare(
      'services:\n  web:\n    build: $REF\n    privileged: true\n',
      './Dockerfile',
      './nowhere',
    );
    assert.deepEqual(
      broken.sort(),
      [
        'compose.yaml not-checked 3:12 Dockerfile `./Dockerfile/Dockerfile` not read: not a folder, ENOTDIR; service `web` is checked without it.',
        ...control,
      ].sort(),
    );
    assert.ok(
      control.some((line) => line.includes('container/privileged')),
      control.join('\n'),
    );
  });

  it('an extends.file name over 255 characters says so and keeps every other finding', GUARD, () => {
    const long = `${'x'.repeat(300)}.yaml`;
    const { broken, control } = compare(
      'services:\n  web:\n    image: nginx:1.27\n    extends: {file: $REF, service: base}\n    privileged: true\n',
      long,
      'absent.yaml',
    );
    assert.deepEqual(
      broken.sort(),
      [
        `compose.yaml not-checked 4:14 \`${long}\` not read: name too long, ENAMETOOLONG; service \`web\` is checked without what it extends from there.`,
        ...control,
      ].sort(),
    );
    assert.ok(
      control.some((line) => line.includes('container/privileged')),
      control.join('\n'),
    );
  });
});
