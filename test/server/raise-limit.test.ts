// The notice on a file skipped for its size offers to raise the limit in the project's .bulkhead.yaml; once saved, the
// file is analysed. The edit itself is a pure function over the file's text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { limitFor, maxFileSizeEdits } from '../../server/src/raise-limit';
import { applyEdits } from '../../shared/src/text';
import { parseConfig } from '../../shared/src/config';
import { LspClient, FULL_CAPABILITIES, messageOf, ofRule, tempWorkspace } from './lsp-client';

const edited = (text: string | undefined, limit: string) => {
  const edits = maxFileSizeEdits(text, limit);
  return edits && applyEdits(text ?? '', edits);
};

describe('raising maxFileSize in .bulkhead.yaml', () => {
  it('writes the limit as the next whole MiB above the size', () => {
    assert.equal(limitFor(10), '1MiB');
    assert.equal(limitFor(1024 * 1024), '2MiB');
    assert.equal(limitFor(10.7 * 1024 * 1024), '11MiB');
  });

  it('creates the file, appends the key, or replaces a lower value, keeping the rest byte for byte', () => {
    assert.equal(edited(undefined, '2MiB'), 'maxFileSize: 2MiB\n');
    assert.equal(edited('', '2MiB'), 'maxFileSize: 2MiB\n');
    assert.equal(
      edited('exclude:\n  - vendor/ # theirs\n', '2MiB'),
      'exclude:\n  - vendor/ # theirs\nmaxFileSize: 2MiB\n',
    );
    assert.equal(edited('exclude: [a]', '2MiB'), 'exclude: [a]\nmaxFileSize: 2MiB\n');
    assert.equal(edited('rules: {}\r\n', '2MiB'), 'rules: {}\r\nmaxFileSize: 2MiB\r\n');
    assert.equal(edited('maxFileSize: 512KB # small\nrules: {}\n', '2MiB'), 'maxFileSize: 2MiB # small\nrules: {}\n');
    assert.equal(edited('maxFileSize: 1000\n', '1MiB'), 'maxFileSize: 1MiB\n');
    for (const text of [edited('exclude: [a]', '2MiB')!, edited('maxFileSize: 512KB # small\nrules: {}\n', '2MiB')!]) {
      const { config, errors } = parseConfig(text, '.bulkhead.yaml', new Set());
      assert.deepEqual(errors, []);
      assert.equal(config.maxFileSize, 2 * 1024 * 1024);
    }
  });

  it('edits nothing it cannot edit safely, nor a limit already as high', () => {
    assert.equal(maxFileSizeEdits('maxFileSize: 4MiB\n', '2MiB'), undefined);
    assert.equal(maxFileSizeEdits('{ rules: {} }\n', '2MiB'), undefined, 'a flow mapping');
    assert.equal(maxFileSizeEdits('- a\n- b\n', '2MiB'), undefined, 'not a mapping');
    assert.equal(maxFileSizeEdits('rules: [\n', '2MiB'), undefined, 'not YAML');
  });
});

describe('language server: the skip notice raises the limit', () => {
  // 4 KB over a 1 KB limit: skipped, then admitted by the action.
  const big = `FROM debian:12\nRUN sudo true\n${'# padding\n'.repeat(400)}`;
  const ws = tempWorkspace({ 'big/Dockerfile': big, '.bulkhead.yaml': 'maxFileSize: 1KB\n' });
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { debounceMs: 10 } } }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('offers "Raise maxFileSize in .bulkhead.yaml to 1MiB"; saved, the file is analysed', async () => {
    const uri = ws.uri('big/Dockerfile');
    const [notice] = await client.diagnostics(uri, (d) => d.length === 1 && /over maxFileSize/.test(messageOf(d[0])));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: notice.range,
      context: { diagnostics: [notice] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Raise maxFileSize in .bulkhead.yaml to 1MiB (save it to analyse the file)'],
    );
    const changes = actions[0].edit!.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.equal(changes[0].textDocument.uri, ws.uri('.bulkhead.yaml'));
    const text = applyEdits('maxFileSize: 1KB\n', changes[0].edits as TextEdit[]);
    assert.equal(text, 'maxFileSize: 1MiB\n');
    const since = client.mark();
    ws.write('.bulkhead.yaml', text);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.bulkhead.yaml'), type: 2 }] });
    await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1, since);
  });

  it('creates .bulkhead.yaml where there is none, when the client can create files', async () => {
    const other = tempWorkspace({ Dockerfile: big });
    const { client: c } = await LspClient.start({
      folders: [other.root],
      settings: { bulkhead: { maxFileSize: '1KB' } },
      capabilities: {
        ...FULL_CAPABILITIES,
        workspace: {
          ...FULL_CAPABILITIES.workspace,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        },
      },
    });
    try {
      const uri = other.uri('Dockerfile');
      const [notice] = await c.diagnostics(uri, (d) => d.length === 1 && /over maxFileSize/.test(messageOf(d[0])));
      const [action] = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: notice.range,
        context: { diagnostics: [notice] },
      });
      const [create, write] = action.edit!.documentChanges as [{ kind: string; uri: string }, TextDocumentEdit];
      assert.deepEqual(create, { kind: 'create', uri: other.uri('.bulkhead.yaml'), options: { ignoreIfExists: true } });
      assert.equal(applyEdits('', write.edits as TextEdit[]), 'maxFileSize: 1MiB\n');
    } finally {
      await c.stop();
      other.remove();
    }
  });
});
