// What the server sends for people to read: diagnostics in the Problems view and log lines in the output channel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RemoteConsole } from 'vscode-languageserver';
import { Logger } from '../../server/src/log';
import { configErrorDiagnostics, skippedDiagnostic, toLspDiagnostic } from '../../server/src/to-lsp';

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('server output for people', () => {
  it('sends diagnostic messages with bidi overrides and line breaks shown as escapes', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const lsp = toLspDiagnostic(
      {
        ruleId: 'image/root-user',
        severity: 'error',
        message: 'The last USER is `\u202etoor`,\nso',
        range,
        threat: 'host-container',
        fixes: [],
        related: [{ range, message: 'set \u001b[2J here' }],
      },
      { uri: 'file:///w/Dockerfile' },
    );
    assert.equal(lsp.message, 'The last USER is `\\u202etoor`,\\nso');
    assert.equal(lsp.relatedInformation?.[0].message, 'set \\x1b[2J here');
    assert.doesNotMatch(String(skippedDiagnostic('cannot read a\u2028b').message), RAW_CONTROL);
    const [config] = configErrorDiagnostics(
      [{ path: '.bulkhead.yaml', line: 2, column: 3, key: 'rules.a\n::error::x', message: 'unknown rule id' }],
      'rules:\n  x: off\n',
    );
    assert.equal(config.message, '`rules.a\\n::error::x`: unknown rule id');
  });

  it('writes log lines that quote a path with a line break as one line, keeping a stack’s own lines', () => {
    const lines: string[] = [];
    const record = (line: string) => void lines.push(line);
    const log = new Logger({ error: record, warn: record, info: record, debug: record } as unknown as RemoteConsole);
    log.verbose = true;
    log.info('analysed /w/a\n[Error] forged');
    log.warn('skipped /w/\u001b[2J');
    log.debug(() => 'read /w/\u202eb');
    const error = new Error('cannot read /w/a\nforged');
    log.error('scan failed', error);
    assert.deepEqual(lines.slice(0, 3), ['analysed /w/a\\n[Error] forged', 'skipped /w/\\x1b[2J', 'read /w/\\u202eb']);
    const [first, ...stack] = lines[3].split('\n');
    assert.equal(first, 'scan failed: Error: cannot read /w/a\\nforged');
    assert.ok(stack.length > 0 && stack.every((line) => line.trimStart().startsWith('at ')), lines[3]);
  });
});
