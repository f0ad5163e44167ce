/**
 * Issue 13, defect 8: what the CLI writes for people quotes the workspace (folder names, image names, users, service
 * names, configuration keys). None of it may start a line of its own (a forged `::error` annotation in a GitHub Actions
 * log), reach the terminal as an escape sequence, or reorder what is shown (bidi overrides).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { runCli, tempTree } from './harness';

const INJECTED_FOLDER = 'a\n::error file=x::owned';
/** ESC, BEL, CSI (U+009B), next line, the line separators, bidi embeddings, overrides, isolates and marks. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** `FROM` clears the screen; `USER` reverses what follows, sets the window title and rings the bell. */
const HOSTILE_DOCKERFILE = 'FROM alp\u001b[2Jine\nUSER \u202eppa\u001b]0;owned\u0007\u2066x\u2069\n';
const HOSTILE_COMPOSE =
  'services:\n  "web\\e[2J\\u202e\\u0085::error::x":\n    image: nginx:1.27\n    privileged: true\n';

function assertNoForgedLine(output: string): void {
  for (const line of output.split('\n'))
    assert.ok(!line.startsWith('::'), `a line Bulkhead did not mean: ${JSON.stringify(line)}`);
}

describe('human-readable output escapes what it quotes', () => {
  it('keeps a folder name with a line break on its problem line in the text report', () => {
    const dir = tempTree({ [`${INJECTED_FOLDER}/Dockerfile`]: 'FROM debian:12\nRUN id\n' });
    const run = runCli(['.'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assertNoForgedLine(run.stdout);
    assert.match(run.stdout, /^a\\n::error file=x::owned\/Dockerfile:1:1 error image\/root-user /m);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
  });

  it('keeps a folder name with a line break on its line in --quiet output, and in a skipped file', () => {
    const dir = tempTree({
      [`${INJECTED_FOLDER}/Dockerfile`]: 'FROM debian:12\nRUN id\n',
      [`${INJECTED_FOLDER}/b/Dockerfile`]: { link: '/etc/hostname' },
    });
    const quiet = runCli(['.', '--quiet'], { cwd: dir });
    assertNoForgedLine(quiet.stdout);
    assert.match(quiet.stdout, /^a\\n::error/m);
    const full = runCli(['.'], { cwd: dir });
    assertNoForgedLine(full.stdout);
    assert.match(full.stdout, /^ {2}a\\n::error file=x::owned\/b\/Dockerfile: symbolic link to a file outside/m);
  });

  it('shows escape sequences and bidi controls of a Dockerfile as escapes in the text report', () => {
    const dir = tempTree({ Dockerfile: HOSTILE_DOCKERFILE, 'compose.yaml': HOSTILE_COMPOSE });
    const run = runCli(['.', '--exit-zero'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assertNoForgedLine(run.stdout);
    assert.match(run.stdout, /`alp\\x1b\[2Jine` has no tag/);
    assert.match(run.stdout, /Service `web\\x1b\[2J\\u202e\\x85::error::x`/);
  });

  it('with colours on, the only escape sequences are its own colours', () => {
    const dir = tempTree({ Dockerfile: HOSTILE_DOCKERFILE, 'compose.yaml': HOSTILE_COMPOSE });
    const run = runCli(['.', '--exit-zero'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.match(run.stdout, /\u001b\[31m/, 'colours are on');
    assert.doesNotMatch(run.stdout.replace(/\u001b\[\d+m/g, ''), RAW_CONTROL);
  });

  it('escapes what stderr quotes: usage errors, missing paths, configuration keys', () => {
    const dir = tempTree({ Dockerfile: 'FROM debian:12\n' });
    const usage = runCli(['--format', 'x\n::error::owned'], { cwd: dir });
    const missing = runCli(['nope\n::error::owned'], { cwd: dir });
    const config = runCli(['.'], {
      cwd: tempTree({
        Dockerfile: 'FROM debian:12\n',
        '.bulkhead.yaml': 'rules:\n  "a\\n::error file=x::owned": off\n',
      }),
    });
    const report = runCli(['report', '.', '--config', 'missing\n::error::owned.yaml'], { cwd: dir });
    for (const run of [usage, missing, config, report]) {
      assert.equal(run.status, 2, run.stderr);
      assert.notEqual(run.stderr, '');
      assertNoForgedLine(run.stderr);
      assert.doesNotMatch(run.stderr, RAW_CONTROL);
    }
    assert.match(usage.stderr, /\(got x\\n::error::owned\)\nbulkhead: Run `bulkhead --help`/);
    assert.match(config.stderr, /`rules\.a\\n::error file=x::owned`: unknown rule id/);
  });

  it('writes a Markdown report with no raw control character, HTML or link from the workspace', () => {
    const dir = tempTree({
      [`${INJECTED_FOLDER}/Dockerfile`]:
        'FROM alp\u001b[2Jine\nUSER \u202eppa\u001b[31m`<img src=x onerror=alert(1)>|[x](https://evil.example)\n',
      'compose.yaml': 'services:\n  "w|eb<b>x</b>`<img src=y>`":\n    image: "nginx:1.27\\u202e"\n',
    });
    const run = runCli(['report', '.'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assertNoForgedLine(run.stdout);
    const html = new MarkdownIt({ html: true }).render(run.stdout);
    assert.doesNotMatch(html, /<img|<b>|href="https:\/\/evil/, 'workspace text became markup');
    // Every row keeps its columns: a `|` in a service name does not add one.
    const header = html.match(/<thead>[\s\S]*?<\/thead>/)![0];
    const columns = (header.match(/<th[ >]/g) ?? []).length;
    const rows = html
      .match(/<tbody>[\s\S]*?<\/tbody>/)![0]
      .split('</tr>')
      .slice(0, -1);
    assert.equal(rows.length, 2);
    for (const row of rows) assert.equal((row.match(/<td[ >]/g) ?? []).length, columns, row);
    assert.match(run.stdout, /`alp\\x1b\[2Jine`/);
  });

  it('escapes control characters and embedded-link brackets in SARIF messages, which GitHub shows', () => {
    const dir = tempTree({
      Dockerfile: HOSTILE_DOCKERFILE,
      'compose.yaml': HOSTILE_COMPOSE.replace('::error::x', '[x](0)'),
    });
    const run = runCli(['.', '--format', 'sarif', '--exit-zero'], { cwd: dir });
    const log = JSON.parse(run.stdout) as { runs: { results: { message: { text: string } }[] }[] };
    const texts = log.runs[0].results.map((r) => r.message.text);
    assert.ok(
      texts.some((t) => t.includes('`alp\\x1b\\[2Jine`')),
      texts.join('\n'),
    );
    assert.ok(
      texts.some((t) => t.includes('\\[x\\](0)')),
      texts.join('\n'),
    );
    for (const text of texts) assert.doesNotMatch(text, RAW_CONTROL);
  });
});
