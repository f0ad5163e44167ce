// Quick fixes, fix-all and suppressions through the protocol: each action's WorkspaceEdit is applied the way an
// editor applies it, and the server's next diagnostics must show the finding gone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../shared/src/text';
import { fixAll } from '../../shared/src/fix-all';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../scripts/repo-root';
import { LspClient, FULL_CAPABILITIES, ofRule, tempWorkspace } from './lsp-client';

// ADD of a text file beside the Dockerfile becomes COPY: the safe fix these tests apply (the sources are on disk, where
// the fix looks to know the file is no archive).
const ws = tempWorkspace({
  'quickfix/app.py': 'print(1)\n',
  'fixall/app.py': 'print(1)\n',
  'fixall/conf.ini': '[app]\n',
  'fixall-trigger/app.py': 'print(1)\n',
});

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action carries its edit');
  if (edit.documentChanges) {
    const changes = (edit.documentChanges as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri);
    return changes.flatMap((c) => c.edits as TextEdit[]);
  }
  return edit.changes?.[uri] ?? [];
}

async function actionsAt(
  client: LspClient,
  uri: string,
  diagnostics: Diagnostic[],
  only?: string[],
): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

/** Applies an action's edit to the document, sends the change, and answers the new text and diagnostics. */
async function apply(
  client: LspClient,
  uri: string,
  text: string,
  action: CodeAction,
): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const next = applyEdits(text, editsOf(action.edit, uri));
  const since = client.mark();
  const version = await client.change(uri, next);
  const diagnostics = await client.diagnostics(uri, (_d, p) => p.version === version, since);
  return { text: next, diagnostics };
}

describe('language server: code actions', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { workspaceScan: false, debounceMs: 10 } },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('offers each fix as a preferred quick fix that removes the finding', async () => {
    const uri = ws.uri('quickfix/Dockerfile');
    const text = 'FROM debian:12\nADD app.py /app/\n';
    await client.open(uri, text);
    const add = ofRule(
      await client.diagnostics(uri, (d) => ofRule(d, 'image/add-instead-of-copy').length === 1),
      'image/add-instead-of-copy',
    );
    const actions = await actionsAt(client, uri, add);
    const fix = actions.find((a) => a.title === 'Replace `ADD` with `COPY`');
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true, 'a safe fix is the preferred one');
    assert.deepEqual(
      fix.diagnostics?.map((d) => d.code),
      ['image/add-instead-of-copy'],
    );
    assert.equal(
      (fix.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version,
      1,
      'the edit is tied to the version it was computed on',
    );
    const after = await apply(client, uri, text, fix);
    assert.equal(after.text, 'FROM debian:12\nCOPY app.py /app/\n');
    assert.deepEqual(ofRule(after.diagnostics, 'image/add-instead-of-copy'), []);
  });

  it('shows a bidi override in a fix title (a service name it quotes) as an escape', async () => {
    const uri = ws.uri('bidi/compose.yaml');
    await client.open(uri, 'services:\n  "w\\u202eeb":\n    image: nginx:1.27\n');
    const group = ofRule(
      await client.diagnostics(uri, (d) => ofRule(d, 'container/missing-hardening').length === 1),
      'container/missing-hardening',
    );
    const titles = (await actionsAt(client, uri, group)).map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Harden service `w\\u202eeb`')),
      titles.join('\n'),
    );
    for (const title of titles) assert.doesNotMatch(title, /[\u202a-\u202e\u2066-\u2069\u0000-\u001f]/);
  });

  it('does not mark an unsafe fix as preferred', async () => {
    const uri = ws.uri('unsafe/Dockerfile');
    const text = 'FROM debian:12\nRUN sudo make install\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    const fix = (await actionsAt(client, uri, sudo)).find((a) => a.title === 'Remove `sudo`');
    assert.ok(fix);
    assert.equal(fix.isPreferred, undefined);
  });

  it('fixes all safe problems in one source.fixAll.bulkhead action, as the core fix-all does', async () => {
    const uri = ws.uri('fixall/Dockerfile');
    const text = 'FROM debian:12\nADD app.py /app/\nADD conf.ini /etc/app/\nRUN sudo apt-get update\n';
    await client.open(uri, text);
    const before = await client.diagnostics(uri, (d) => ofRule(d, 'image/add-instead-of-copy').length === 2);
    const actions = await actionsAt(client, uri, [], ['source.fixAll']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all Bulkhead safe problems', 'source.fixAll.bulkhead']],
    );
    assert.equal(actions[0].diagnostics!.length, 2, 'it names the diagnostics it fixes');
    const after = await apply(client, uri, text, actions[0]);
    const root = ws.path('');
    assert.equal(
      after.text,
      fixAll(`${root}/fixall/Dockerfile`, text, 'dockerfile', {
        context: { readFile: (p) => (p.endsWith('.py') || p.endsWith('.ini') ? 'text\n' : undefined) },
      }).text,
      'the same text as the core fix-all',
    );
    assert.ok(ofRule(before, 'image/add-instead-of-copy').length > 0);
    assert.deepEqual(ofRule(after.diagnostics, 'image/add-instead-of-copy'), [], 'gone after fix-all');
    assert.equal(ofRule(after.diagnostics, 'image/sudo').length, 1, 'an unsafe fix is left for the user');
    assert.deepEqual(await actionsAt(client, uri, [], ['source.fixAll']), [], 'nothing left to fix: no action');
  });

  it('leaves fix-all out of the lightbulb’s automatic requests, and offers it when asked explicitly', async () => {
    const uri = ws.uri('fixall-trigger/Dockerfile');
    await client.open(uri, 'FROM debian:12\nADD app.py /app/\n');
    const add = ofRule(
      await client.diagnostics(uri, (d) => ofRule(d, 'image/add-instead-of-copy').length === 1),
      'image/add-instead-of-copy',
    );
    const ask = (triggerKind: number) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: add[0].range,
        context: { diagnostics: add, triggerKind },
      });
    const kinds = async (triggerKind: number) => (await ask(triggerKind)).map((a) => a.kind);
    assert.ok(!(await kinds(2)).includes('source.fixAll.bulkhead'), 'automatic: no fix-all');
    assert.ok((await kinds(1)).includes('source.fixAll.bulkhead'), 'invoked: fix-all');
  });

  it('offers fix-all in the quick-fix menu too (Ctrl+. asks for quick fixes only), resolved to the same edit', async () => {
    const uri = ws.uri('fixall-menu/Dockerfile');
    const text = 'FROM debian:12\nADD app.py /app/\nADD app.py /srv/\n';
    ws.write('fixall-menu/app.py', 'print(1)\n');
    await client.open(uri, text);
    const add = ofRule(
      await client.diagnostics(uri, (d) => ofRule(d, 'image/add-instead-of-copy').length === 2),
      'image/add-instead-of-copy',
    );
    const actions = await actionsAt(client, uri, [add[0]], ['quickfix']);
    const fixAllInMenu = actions.filter((a) => a.title === 'Fix all Bulkhead safe problems in this file');
    assert.equal(fixAllInMenu.length, 1, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fixAllInMenu[0].kind, 'quickfix');
    const resolved = await client.request<CodeAction>('codeAction/resolve', fixAllInMenu[0]);
    const fixed = applyEdits(text, editsOf(resolved.edit, uri));
    assert.equal(
      fixed,
      fixAll(ws.path('fixall-menu/Dockerfile'), text, 'dockerfile', {
        context: { readFile: (p) => (p.endsWith('.py') ? 'print(1)\n' : undefined) },
      }).text,
    );
    assert.equal(fixed, 'FROM debian:12\nCOPY app.py /app/\nCOPY app.py /srv/\n');
    assert.equal(ofRule((await apply(client, uri, text, resolved)).diagnostics, 'image/add-instead-of-copy').length, 0);
  });

  it('offers "Show documentation for <rule>" last, once per rule, and shows the shipped page', async () => {
    const uri = ws.uri('docs/Dockerfile');
    await client.open(uri, 'FROM debian:12\nRUN sudo a && sudo b\n');
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 2), 'image/sudo');
    const actions = await actionsAt(client, uri, sudo, ['quickfix']);
    const docs = actions.filter((a) => a.title.startsWith('Show documentation'));
    assert.deepEqual(
      docs.map((a) => a.title),
      ['Show documentation for image/sudo'],
    );
    assert.equal(actions[actions.length - 1], docs[0], 'last in the menu');
    assert.equal(docs[0].edit, undefined);
    const since = client.requests.length;
    const shown = await client.request<boolean>('workspace/executeCommand', {
      command: docs[0].command!.command,
      arguments: docs[0].command!.arguments,
    });
    assert.equal(shown, true);
    const request = await client.waitForRequest('window/showDocument', () => true, since);
    assert.equal(request.uri, pathToFileURL(join(repoRoot(), 'docs', 'rules', 'image', 'sudo.md')).href);
    assert.equal(request.external, undefined, 'in the editor, not a browser');
  });

  it('shows no page for an id that is not a rule: the argument cannot name another file', async () => {
    const since = client.requests.length;
    for (const id of ['../../package', 'image/../../../etc/passwd', 42]) {
      const shown = await client.request<boolean>('workspace/executeCommand', {
        command: 'bulkhead.server.showRuleDocumentation',
        arguments: [id],
      });
      assert.equal(shown, false, String(id));
    }
    assert.equal(
      client.requests.slice(since).filter((r) => r.method === 'window/showDocument').length,
      0,
      'no document shown',
    );
  });

  it('offers no quick fixes when only fix-all is asked for (as on save)', async () => {
    const uri = ws.uri('fixall/Dockerfile');
    const actions = await actionsAt(client, uri, [], ['source.fixAll.bulkhead']);
    assert.ok(actions.every((a) => a.kind === 'source.fixAll.bulkhead'));
  });

  it('ignores a rule for one line of a continued RUN: the other lines keep their findings', async () => {
    const uri = ws.uri('ignore-line/Dockerfile');
    const id = 'image/tls-verification-disabled';
    const text =
      'FROM debian:12 AS build\n  RUN wget --no-check-certificate https://a.example/x && \\\n      curl -k https://b.example/y\n';
    await client.open(uri, text);
    const tls = ofRule(await client.diagnostics(uri, (d) => ofRule(d, id).length === 2), id);
    const actions = await actionsAt(client, uri, [tls[0]]);
    const titles = actions.map((a) => a.title);
    const ignore = actions.find((a) => a.title === `Ignore ${id} for this line`);
    assert.ok(ignore, `offered: ${titles.join(', ')}`);
    assert.ok(titles.includes(`Ignore ${id} for this instruction`), `offered: ${titles.join(', ')}`);
    const after = await apply(client, uri, text, ignore);
    assert.equal(
      after.text,
      `FROM debian:12 AS build\n  # bulkhead-ignore-next-line ${id}\n  RUN wget --no-check-certificate https://a.example/x && \\\n      curl -k https://b.example/y\n`,
    );
    assert.deepEqual(
      ofRule(after.diagnostics, id).map((d) => d.range.start.line),
      [3],
      'curl -k on the next line is still reported',
    );
  });

  it('ignores a rule for a whole continued instruction: the comment goes above it, indented like it', async () => {
    const uri = ws.uri('ignore-instruction/Dockerfile');
    const text = 'FROM debian:12 AS build\n  RUN apt-get update && \\\n      sudo make install\nRUN sudo true\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 2), 'image/sudo');
    const actions = await actionsAt(client, uri, [sudo[0]]);
    const ignore = actions.find((a) => a.title === 'Ignore image/sudo for this instruction');
    assert.ok(ignore, `offered: ${actions.map((a) => a.title).join(', ')}`);
    const after = await apply(client, uri, text, ignore);
    assert.equal(
      after.text,
      'FROM debian:12 AS build\n  # bulkhead-ignore image/sudo\n  RUN apt-get update && \\\n      sudo make install\nRUN sudo true\n',
    );
    assert.deepEqual(
      ofRule(after.diagnostics, 'image/sudo').map((d) => d.range.start.line),
      [4],
      'only the other sudo is left',
    );
  });

  it('offers no "for this instruction" on an instruction of one line: "for this line" is the same', async () => {
    const uri = ws.uri('ignore-single/Dockerfile');
    const text = 'FROM debian:12\nRUN sudo true\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    const titles = (await actionsAt(client, uri, sudo)).map((a) => a.title);
    assert.ok(titles.includes('Ignore image/sudo for this line'), titles.join(', '));
    assert.ok(!titles.includes('Ignore image/sudo for this instruction'), titles.join(', '));
  });

  it('ignores a rule for the file below the parser directives, which must stay first', async () => {
    const uri = ws.uri('ignore-file/Dockerfile');
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM debian:12\nRUN sudo true\nRUN sudo id\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 2), 'image/sudo');
    const ignore = (await actionsAt(client, uri, [sudo[0]])).find((a) => a.title === 'Ignore image/sudo for this file');
    assert.ok(ignore);
    const after = await apply(client, uri, text, ignore);
    assert.equal(
      after.text,
      '# syntax=docker/dockerfile:1\n# escape=\\\n# bulkhead-ignore-file image/sudo\nFROM debian:12\nRUN sudo true\nRUN sudo id\n',
    );
    assert.deepEqual(ofRule(after.diagnostics, 'image/sudo'), []);
  });

  it('extends an existing suppression comment instead of stacking another', async () => {
    const uri = ws.uri('ignore-extend/Dockerfile');
    const text =
      'FROM debian:12\n# bulkhead-ignore image/install-recommends -- minimal image later\nRUN sudo apt-get install -y curl\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    const ignore = (await actionsAt(client, uri, sudo)).find((a) => a.title === 'Ignore image/sudo for this line');
    assert.ok(ignore);
    const after = await apply(client, uri, text, ignore);
    assert.equal(
      after.text,
      'FROM debian:12\n# bulkhead-ignore image/install-recommends,image/sudo -- minimal image later\nRUN sudo apt-get install -y curl\n',
    );
    assert.deepEqual(ofRule(after.diagnostics, 'image/sudo'), []);
  });

  it('writes CRLF line breaks into a CRLF file', async () => {
    const uri = ws.uri('crlf/Dockerfile');
    const text = 'FROM debian:12\r\nRUN sudo true\r\n';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    const ignore = (await actionsAt(client, uri, sudo)).find((a) => a.title === 'Ignore image/sudo for this line');
    assert.ok(ignore);
    assert.equal(
      (await apply(client, uri, text, ignore)).text,
      'FROM debian:12\r\n# bulkhead-ignore image/sudo\r\nRUN sudo true\r\n',
    );
  });

  it('writes CR line breaks into a file with lone CR line breaks', async () => {
    const uri = ws.uri('cr/Dockerfile');
    const text = 'FROM debian:12\rRUN sudo true\r';
    await client.open(uri, text);
    const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    assert.equal(sudo[0].range.start.line, 1);
    const ignore = (await actionsAt(client, uri, sudo)).find((a) => a.title === 'Ignore image/sudo for this line');
    assert.ok(ignore);
    assert.equal(
      (await apply(client, uri, text, ignore)).text,
      'FROM debian:12\r# bulkhead-ignore image/sudo\rRUN sudo true\r',
    );
  });

  it('ignores a compose rule with a YAML comment above the line', async () => {
    const uri = ws.uri('compose.yaml');
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    await client.open(uri, text, 'dockercompose');
    const found = ofRule(
      await client.diagnostics(uri, (d) => ofRule(d, 'container/privileged').length === 1),
      'container/privileged',
    );
    const ignore = (await actionsAt(client, uri, found)).find(
      (a) => a.title === 'Ignore container/privileged for this line',
    );
    assert.ok(ignore);
    const after = await apply(client, uri, text, ignore);
    assert.equal(
      after.text,
      'services:\n  web:\n    image: nginx:1.27\n    # bulkhead-ignore container/privileged\n    privileged: true\n',
    );
    assert.deepEqual(ofRule(after.diagnostics, 'container/privileged'), []);
  });
});

describe('language server: code actions for a client without documentChanges', () => {
  it('sends plain `changes`', async () => {
    const capabilities = {
      ...FULL_CAPABILITIES,
      workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: false } },
    };
    const { client } = await LspClient.start({
      folders: [ws.root],
      capabilities,
      settings: { bulkhead: { workspaceScan: false } },
    });
    try {
      const uri = ws.uri('plain/Dockerfile');
      await client.open(uri, 'FROM debian:12\nRUN sudo true\n');
      const sudo = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
      const fix = (await actionsAt(client, uri, sudo)).find((a) => a.title === 'Remove `sudo`');
      assert.ok(fix?.edit?.changes?.[uri]);
      assert.equal(fix.edit.documentChanges, undefined);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: a fix that asks for a value', () => {
  it('is a snippet edit with the value as a placeholder where the client supports snippets, plain text otherwise', async () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const snippets = {
      ...FULL_CAPABILITIES,
      workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
    };
    for (const [capabilities, expectSnippet] of [
      [snippets, true],
      [FULL_CAPABILITIES, false],
    ] as const) {
      const { client } = await LspClient.start({
        folders: [ws.root],
        capabilities,
        settings: { bulkhead: { workspaceScan: false } },
      });
      try {
        const uri = ws.uri(`snippet-${expectSnippet}/compose.yaml`);
        await client.open(uri, text, 'dockercompose');
        // The memory limit is one of the settings the service's hardening finding lists, with its own fix beside Harden.
        const found = ofRule(
          await client.diagnostics(uri, (d) => ofRule(d, 'container/missing-hardening').length === 1),
          'container/missing-hardening',
        );
        const fix = (await actionsAt(client, uri, found)).find((a) => a.title.startsWith('Add `mem_limit'));
        assert.ok(fix, 'a memory limit fix');
        const edit = (fix.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as TextEdit & {
          snippet?: { kind: string; value: string };
        };
        if (expectSnippet) {
          assert.equal(edit.snippet?.kind, 'snippet');
          assert.match(edit.snippet!.value, /mem_limit: \$\{1:512m\}/);
        } else {
          assert.equal(edit.snippet, undefined);
          assert.match(edit.newText, /mem_limit: 512m/);
        }
      } finally {
        await client.stop();
      }
    }
  });
});

describe('language server: fix-all for a client that resolves edits', () => {
  it('offers fix-all without its edit, and computes the same edit on codeAction/resolve', async () => {
    const resolving = {
      ...FULL_CAPABILITIES,
      textDocument: {
        ...FULL_CAPABILITIES.textDocument,
        codeAction: { ...FULL_CAPABILITIES.textDocument!.codeAction, resolveSupport: { properties: ['edit'] } },
      },
    };
    const { client, result } = await LspClient.start({
      folders: [ws.root],
      capabilities: resolving,
      settings: { bulkhead: { workspaceScan: false, debounceMs: 10 } },
    });
    try {
      assert.equal((result.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
      const uri = ws.uri('resolve/Dockerfile');
      ws.write('resolve/app.py', 'print(1)\n');
      ws.write('resolve/conf.ini', '[app]\n');
      const text = 'FROM debian:12\nADD app.py /app/\nADD conf.ini /etc/app/\n';
      await client.open(uri, text);
      await client.diagnostics(uri, (d) => ofRule(d, 'image/add-instead-of-copy').length === 2);
      const [offered] = await actionsAt(client, uri, [], ['source.fixAll']);
      assert.equal(offered?.kind, 'source.fixAll.bulkhead');
      assert.equal(offered.edit, undefined, 'the edit is left for resolve');
      const resolved = await client.request<CodeAction>('codeAction/resolve', offered);
      assert.equal(resolved.data, undefined, 'the resolved action no longer needs its data');
      const after = await apply(client, uri, text, resolved);
      assert.equal(
        after.text,
        'FROM debian:12\nCOPY app.py /app/\nCOPY conf.ini /etc/app/\n',
        'what the core fix-all writes',
      );
      assert.deepEqual(ofRule(after.diagnostics, 'image/add-instead-of-copy'), []);
      assert.deepEqual(await actionsAt(client, uri, [], ['source.fixAll']), [], 'nothing left to fix: no action');
      const stale = await client.request<CodeAction>('codeAction/resolve', offered);
      assert.equal(stale.edit, undefined, 'an action offered on the old text resolves to nothing left to fix');
    } finally {
      await client.stop();
    }
  });
});
