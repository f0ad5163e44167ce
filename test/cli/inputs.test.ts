import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { jsonReport, onlyRules, runCli, tempTree } from './harness';

const CONFIG = onlyRules(['image/sudo']);
const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';

/** `path rule line:col` (1-based) for each diagnostic: compact enough to compare whole reports. */
function found(dir: string, args: string[] = []): string[] {
  const report = jsonReport(runCli(['--format', 'json', ...args], { cwd: dir }));
  return report.diagnostics.map((d) => `${d.path} ${d.rule} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

function files(dir: string, args: string[] = []) {
  return jsonReport(runCli(['--format', 'json', ...args], { cwd: dir })).files;
}

describe('bulkhead scan: file names and links', () => {
  it('detects every Dockerfile and Compose naming convention, and nothing else', () => {
    const names = [
      'Dockerfile',
      'Dockerfile.dev',
      'api.Dockerfile',
      'worker.dockerfile',
      'Containerfile',
      'compose.yaml',
      'compose.yml',
      'compose.prod.yaml',
      'docker-compose.yml',
      'docker-compose.override.yaml',
    ];
    const others = ['dockerfile.txt.bak/readme', 'Dockerfiles.md', 'composer.yaml', 'values.yaml', 'mycompose.yml'];
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      ...Object.fromEntries([...names, ...others].map((n) => [n, '# x\n'])),
    });
    assert.deepEqual(
      files(dir)
        .map((f) => `${f.path} ${f.kind}`)
        .sort(),
      names.map((n) => `${n} ${/ya?ml$/.test(n) ? 'compose' : 'dockerfile'}`).sort(),
    );
  });

  it('scans a file named on the command line whatever its name: YAML as Compose, the rest as a Dockerfile', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, 'build.txt': SUDO, 'stack.yml': 'services: {}\n' });
    assert.deepEqual(
      files(dir, ['build.txt', 'stack.yml']).map((f) => `${f.path} ${f.kind}`),
      ['build.txt dockerfile', 'stack.yml compose'],
    );
    assert.deepEqual(found(dir, ['build.txt']), ['build.txt image/sudo 2:5']);
  });

  it('never loops on links, never follows them out of the folder, and scans each real file once', () => {
    const outside = tempTree({ Dockerfile: SUDO });
    const dir = tempTree({
      '.bulkhead.yaml': CONFIG,
      'app/Dockerfile': SUDO,
      'app/loop': { link: '..' },
      'app/self': { link: '.' },
      elsewhere: { link: outside },
      'Dockerfile.outside': { link: `${outside}/Dockerfile` },
      'Dockerfile.same': { link: 'app/Dockerfile' },
      'templates/base.txt': SUDO,
      'Dockerfile.template': { link: 'templates/base.txt' },
      'Dockerfile.broken': { link: 'no/such/file' },
    });
    const list = files(dir);
    assert.deepEqual(
      list.map((f) => `${f.path}: ${f.skipped ?? 'scanned'}`),
      [
        'Dockerfile.broken: broken symbolic link (no such file or folder, ENOENT)',
        'Dockerfile.outside: symbolic link to a file outside the scanned folder',
        'Dockerfile.template: scanned',
        'app/Dockerfile: scanned',
      ],
    );
    assert.deepEqual(found(dir), ['Dockerfile.template image/sudo 2:5', 'app/Dockerfile image/sudo 2:5']);
  });

  it('scans a real file once when two PATHs reach it', () => {
    const dir = tempTree({ '.bulkhead.yaml': CONFIG, 'app/Dockerfile': SUDO });
    assert.deepEqual(found(dir, ['.', 'app', 'app/Dockerfile']), ['app/Dockerfile image/sudo 2:5']);
  });
});

describe('bulkhead scan: bad input never crashes', () => {
  const lines = (text: string, eol: string) => text.replace(/\n/g, eol);
  /** `syntax`: the syntax diagnostics expected (none unless said). */
  const cases: { name: string; content: string | Uint8Array; expect: string[] | RegExp; syntax?: RegExp[] }[] = [
    { name: 'CRLF line endings', content: lines(SUDO, '\r\n'), expect: ['Dockerfile image/sudo 2:5'] },
    // Read as editors show it; Docker splits lines at LF only, which the syntax diagnostic says.
    {
      name: 'old Mac CR line endings',
      content: lines(SUDO, '\r'),
      expect: ['Dockerfile image/sudo 2:5'],
      syntax: [/Docker splits lines at `LF` only/],
    },
    {
      name: 'a UTF-8 BOM (stripped before parsing: no syntax error on FROM)',
      content: `\ufeff${SUDO}`,
      expect: ['Dockerfile image/sudo 2:5'],
    },
    {
      name: 'UTF-16LE with a BOM',
      content: Buffer.from(`\ufeff${SUDO}`, 'utf16le'),
      expect: ['Dockerfile image/sudo 2:5'],
    },
    {
      name: 'UTF-16BE with a BOM',
      content: Buffer.from(`\ufeff${SUDO}`, 'utf16le').swap16(),
      expect: ['Dockerfile image/sudo 2:5'],
    },
    {
      name: 'latin1 bytes that are not UTF-8',
      content: Buffer.from(`# \xe9t\xe9\n${SUDO}`, 'latin1'),
      expect: ['Dockerfile image/sudo 3:5'],
    },
    {
      name: 'a binary file',
      content: Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0xfe, 0]),
      expect: /binary file/,
    },
    { name: 'an empty file (a syntax problem, not a crash)', content: '', expect: /^syntax$/ },
    {
      name: 'a file of NUL-free garbage',
      content: Uint8Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 254)),
      expect: /./,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = tempTree({ '.bulkhead.yaml': CONFIG, Dockerfile: c.content });
      const run = runCli(['--format', 'json'], { cwd: dir });
      assert.notEqual(run.status, 2, run.stderr);
      assert.doesNotMatch(run.stderr, /internal error/);
      const report = jsonReport(run);
      if (Array.isArray(c.expect)) {
        assert.equal(report.files[0].skipped, null);
        assert.deepEqual(
          found(dir).filter((f) => !f.includes(' syntax ')),
          c.expect,
        );
        const syntax = report.diagnostics.filter((d) => d.rule === 'syntax');
        assert.equal(syntax.length, c.syntax?.length ?? 0, JSON.stringify(syntax));
        syntax.forEach((d, i) => assert.match(d.message, c.syntax![i]));
      } else {
        const outcome = report.files[0].skipped ?? report.diagnostics.map((d) => d.rule).join(',');
        assert.match(outcome || 'analysed, nothing found', c.expect);
      }
    });
  }

  it(
    'skips a folder it cannot read with a notice and scans the rest',
    { skip: process.getuid?.() === 0 && 'root reads every folder' },
    () => {
      const dir = tempTree({ '.bulkhead.yaml': CONFIG, 'locked/Dockerfile': SUDO, 'open/Dockerfile': SUDO });
      chmodSync(`${dir}/locked`, 0);
      try {
        const run = runCli(['--format', 'json'], { cwd: dir });
        assert.match(run.stderr, /cannot read folder locked \(permission denied, EACCES\)/);
        assert.deepEqual(
          jsonReport(run).files.map((f) => f.path),
          ['open/Dockerfile'],
        );
      } finally {
        chmodSync(`${dir}/locked`, 0o755);
      }
    },
  );
});
