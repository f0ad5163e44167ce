/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULES } from '../../../shared/src/rules/index';
import {
  coreFixAll,
  openEditor,
  readText,
  revertAndClose,
  waitForCoreDiagnostics,
  waitForEvent,
  workspaceDockerfiles,
  workspaceRoot,
} from './helpers';

const FIX_ALL_ON_SAVE = { 'source.fixAll.bulkhead': 'explicit' };

suite('fix-all on save', () => {
  let original: string;
  /** Each test saves its own copy: rewriting one file on disk under an open editor would race the editor's reload. */
  let uri: vscode.Uri;
  let copies = 0;

  suiteSetup(async () => {
    original = await readText(await fileWithSafeFixes());
  });

  setup(async () => {
    uri = vscode.Uri.joinPath(workspaceRoot(), `fix-all-test-${++copies}`, 'Dockerfile');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
  });

  teardown(async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await revertAndClose();
  });

  test('without the setting, saving writes the text as typed', async () => {
    const typed = await saveEdited();
    assert.equal(await readText(uri), typed);
  });

  test('with editor.codeActionsOnSave { "source.fixAll.bulkhead": "explicit" }, saving applies every safe fix', async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', FIX_ALL_ON_SAVE, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(vscode.workspace.getConfiguration('editor').get('codeActionsOnSave'), FIX_ALL_ON_SAVE);
    const typed = await saveEdited();
    const expected = await coreFixAll(uri, typed);
    assert.notEqual(expected, typed, 'the core should have safe fixes for this text');
    assert.equal(await readText(uri), expected);
    await waitForCoreDiagnostics(uri, expected, 'diagnostics after fix-all');
  });

  /** Opens the file, types a comment at its end (a save must have something to save), saves as Ctrl+S does. */
  async function saveEdited(): Promise<string> {
    const editor = await openEditor(uri);
    await waitForCoreDiagnostics(uri, editor.document.getText(), 'diagnostics before saving');
    const end = editor.document.positionAt(editor.document.getText().length);
    const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const prefix = editor.document.getText().endsWith(eol) || editor.document.getText() === '' ? '' : eol;
    assert.ok(await editor.edit((edit) => edit.insert(end, `${prefix}# edited by the fix-all test${eol}`)));
    const typed = editor.document.getText();
    const saved = waitForEvent(
      vscode.workspace.onDidSaveTextDocument,
      (d) => d.uri.toString() === uri.toString(),
      'the save',
    );
    await vscode.commands.executeCommand('workbench.action.files.save');
    await saved;
    assert.equal(editor.document.isDirty, false);
    return typed;
  }
});

/**
 * A Dockerfile of the workspace that fix-all changes; when none does, one written from the first rule example that
 * fix-all changes (so the test keeps working whatever the examples hold).
 */
async function fileWithSafeFixes(): Promise<vscode.Uri> {
  for (const uri of await workspaceDockerfiles()) {
    const text = await readText(uri);
    if ((await coreFixAll(uri, text)) !== text) return uri;
  }
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'fix-all-test', 'Dockerfile');
  for (const rule of RULES) {
    for (const example of rule.meta.kind === 'dockerfile' ? rule.meta.docs.examples.bad : []) {
      if ((await coreFixAll(uri, example)) === example) continue;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example));
      return uri;
    }
  }
  throw new Error('neither the workspace nor any rule example has a safe fix: fix-all cannot be tested');
}
