// A file known from the workspace scan is kept packed (DiskEntry): what it gives back must be what was analysed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../shared/src/engine';
import { DiskEntry } from '../../server/src/store';
import { skippedDiagnostic, toLspDiagnostics } from '../../server/src/to-lsp';

const COMPOSE =
  'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';
const DOCKERFILE = 'FROM debian:12\nRUN sudo apt-get install -y curl\nRUN curl -k https://example.com/x | sh\n';

function entryOf(path: string, text: string, kind: 'dockerfile' | 'compose') {
  const report = analyzeText(path, text, kind, { fixes: false });
  const entry = new DiskEntry(path, `file://${path}`, path, '/w', kind, report, new Set(), '1', () => {
    throw new Error('not loaded in this test');
  });
  return { report, entry };
}

describe('DiskEntry', () => {
  for (const [path, text, kind] of [
    ['/w/compose.yaml', COMPOSE, 'compose'],
    ['/w/Dockerfile', DOCKERFILE, 'dockerfile'],
  ] as const) {
    it(`gives back the ${kind} report (without fixes) and the LSP diagnostics it was made from`, () => {
      const { report, entry } = entryOf(path, text, kind);
      assert.ok(report.diagnostics.length >= 3, 'findings to pack');
      assert.deepEqual(entry.summary, report);
      assert.deepEqual(entry.diagnostics, toLspDiagnostics(report, { uri: entry.uri, path, folder: '/w' }));
    });
  }

  it('keeps related locations and a skip reason', () => {
    const related = [
      { message: 'defined here', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } },
    ];
    const report = {
      path: '/w/Dockerfile',
      kind: 'dockerfile' as const,
      skipped: null,
      diagnostics: [
        {
          ruleId: 'image/root-user',
          severity: 'error' as const,
          message: 'm',
          range: { start: { line: 2, character: 1 }, end: { line: 2, character: 9 } },
          threat: 'host-container' as const,
          fixes: [],
          related,
        },
      ],
    };
    const entry = new DiskEntry(
      '/w/Dockerfile',
      'file:///w/Dockerfile',
      '/w/Dockerfile',
      '/w',
      'dockerfile',
      report,
      new Set(),
      '2',
      () => {
        throw new Error('not loaded');
      },
    );
    assert.deepEqual(entry.summary, report);
    const skipped = new DiskEntry(
      '/w/big',
      'file:///w/big',
      '/w/big',
      '/w',
      'dockerfile',
      { ...report, skipped: 'too large', diagnostics: [] },
      new Set(),
      '3',
      () => {
        throw new Error('not loaded');
      },
    );
    assert.deepEqual(skipped.diagnostics, [skippedDiagnostic('too large')]);
  });
});
