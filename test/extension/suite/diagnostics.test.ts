/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  coreDiagnostics,
  describeCore,
  dockerfileWithProblems,
  openEditor,
  readText,
  revertAndClose,
  waitForCoreDiagnostics,
  workspaceDockerfiles,
} from './helpers';

suite('diagnostics', () => {
  test('the workspace scan lists the problems of Dockerfiles that are not open, as the core reports them', async () => {
    const files = await workspaceDockerfiles();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let withProblems = 0;
    for (const uri of files) {
      assert.ok(!open.has(uri.toString()), `${vscode.workspace.asRelativePath(uri)} should not be open for this test`);
      const text = await readText(uri);
      if ((await coreDiagnostics(uri, text)).length) withProblems++;
      await waitForCoreDiagnostics(uri, text, 'the workspace scan');
    }
    // Files without problems pass trivially; the scan is only shown working by files that have some.
    assert.ok(withProblems > 0, 'no Dockerfile in the test workspace has a problem: the scan was not exercised');
  });

  test('an opened Dockerfile gets diagnostics with rule ids, documentation links and source "bulkhead"', async () => {
    const uri = await dockerfileWithProblems();
    const editor = await openEditor(uri);
    const shown = await waitForCoreDiagnostics(uri, editor.document.getText(), 'diagnostics of the opened file');
    for (const diagnostic of shown) {
      assert.equal(diagnostic.source, 'bulkhead');
      assert.equal(
        typeof diagnostic.code,
        'object',
        `${codeOf(diagnostic)}: the code should carry a documentation link`,
      );
      const target = (diagnostic.code as { target: vscode.Uri }).target;
      assert.match(target.toString(), /^https?:\/\//, `${codeOf(diagnostic)}: documentation link`);
      assert.ok(
        target.toString().includes(codeOf(diagnostic)!),
        `${target} should name the rule ${codeOf(diagnostic)}`,
      );
    }
    await revertAndClose();
  });

  test('diagnostics follow edits, and the last edit of a quick series wins', async () => {
    const uri = await dockerfileWithProblems();
    const editor = await openEditor(uri);
    const original = editor.document.getText();
    const others = await otherDockerfileTexts(uri, original);
    assert.ok(others.length > 0, 'needs a second Dockerfile with other findings to edit towards');
    // Several whole-text replacements without waiting: a result computed for an older text must not stay on screen.
    const series = [...others, original, ...others].slice(0, 5);
    for (const text of series) {
      const ok = await editor.edit((edit) => edit.replace(fullRange(editor.document), text));
      assert.ok(ok, 'the edit was not applied');
    }
    const last = series[series.length - 1];
    assert.equal(editor.document.getText(), last);
    await waitForCoreDiagnostics(uri, last, 'diagnostics of the last edit');
    await revertAndClose();
    await waitForCoreDiagnostics(uri, original, 'diagnostics after the revert');
  });
});

/** Texts of other Dockerfiles whose findings differ from `text`'s. */
async function otherDockerfileTexts(uri: vscode.Uri, text: string): Promise<string[]> {
  const own = (await coreDiagnostics(uri, text)).map(describeCore).join('\n');
  const texts: string[] = [];
  for (const other of await workspaceDockerfiles()) {
    if (other.toString() === uri.toString()) continue;
    const otherText = await readText(other);
    if ((await coreDiagnostics(uri, otherText)).map(describeCore).join('\n') !== own) texts.push(otherText);
  }
  return texts;
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}
