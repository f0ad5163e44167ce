// The code-action builder, pure: snippets for fixes that ask the user for a value, and fix-all's edits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeActionParams, SnippetTextEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { codeActions, fixAllEdits } from '../../server/src/code-actions';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import { applyEdits } from '../../shared/src/text';
import type { Entry } from '../../server/src/store';

const URI = 'file:///w/compose.yaml';

function entryOf(text: string, report: FileReport): Entry {
  return {
    key: '/w/compose.yaml',
    uri: URI,
    path: '/w/compose.yaml',
    kind: report.kind,
    version: 4,
    text,
    report,
    diagnostics: report.diagnostics.map((d) => ({
      range: d.range,
      message: d.message,
      code: d.ruleId,
      source: 'bulkhead',
    })),
    reads: new Set(),
    resultId: '1',
  };
}

const params = (line: number): CodeActionParams => ({
  textDocument: { uri: URI },
  range: { start: { line, character: 3 }, end: { line, character: 3 } },
  context: { diagnostics: [] },
});

describe('code action edits', () => {
  const text = 'services:\n  web:\n    image: nginx\n';
  const report: FileReport = {
    path: '/w/compose.yaml',
    kind: 'compose',
    skipped: null,
    diagnostics: [
      {
        ruleId: 'container/memory-unlimited',
        severity: 'warning',
        message: 'no memory limit',
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
        threat: 'host-container',
        fixes: [
          {
            title: 'Add `mem_limit`',
            safe: false,
            edits: [
              {
                range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
                newText: '    mem_limit: 512m # $HOME}\n',
              },
            ],
            placeholders: [{ edit: 0, start: 15, end: 19 }],
          },
        ],
      },
    ],
  };

  it('a fix with placeholders becomes a snippet edit where the client supports snippets, escaping the rest', () => {
    const [action] = codeActions(
      entryOf(text, report),
      params(1),
      { documentChanges: true, snippets: true, resolvesEdits: false },
      {},
    );
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: URI, version: 4 });
    const edit = change.edits[0] as SnippetTextEdit;
    assert.deepEqual(edit.snippet, { kind: 'snippet', value: '    mem_limit: ${1:512m} # \\$HOME\\}\n' });
  });

  it('plain text with the default value elsewhere', () => {
    const [action] = codeActions(
      entryOf(text, report),
      params(1),
      { documentChanges: true, snippets: false, resolvesEdits: false },
      {},
    );
    const edit = (action.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as TextEdit;
    assert.equal(edit.newText, '    mem_limit: 512m # $HOME}\n');
    const [plain] = codeActions(
      entryOf(text, report),
      params(1),
      { documentChanges: false, snippets: false, resolvesEdits: false },
      {},
    );
    assert.equal(plain.edit!.changes![URI][0].newText, '    mem_limit: 512m # $HOME}\n');
  });

  it('fix-all returns one pass’s own edits when they settle the file', () => {
    const dockerfile = 'FROM debian:12\nADD app.py /app/\nADD conf.ini /etc/\n';
    // The sources are text files beside the Dockerfile: ADD → COPY is then a safe fix.
    const options = {
      context: { readFile: (path: string) => (path === 'app.py' || path === 'conf.ini' ? 'text\n' : undefined) },
    };
    const entry = {
      ...entryOf(dockerfile, analyzeText('Dockerfile', dockerfile, 'dockerfile', options)),
      kind: 'dockerfile' as const,
      path: 'Dockerfile',
    };
    const edits = fixAllEdits(entry, options);
    assert.equal(edits.length, 2, 'two small edits, not one rewrite');
    assert.equal(applyEdits(dockerfile, edits), 'FROM debian:12\nCOPY app.py /app/\nCOPY conf.ini /etc/\n');
  });
});
