/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits } from '../../../shared/src/text';
import type { Diagnostic as CoreDiagnostic } from '../../../shared/src/types';
import {
  EVENT_TIMEOUT_MS,
  codeOf,
  coreDiagnostics,
  openEditor,
  readText,
  revertAndClose,
  waitForCoreDiagnostics,
  workspaceDockerfiles,
} from './helpers';

/** The rule whose fix a person meets first in the example ("add USER"); any fixable finding serves when it is absent. */
const PREFERRED_RULE = 'image/root-user';

suite('quick fixes', () => {
  test('a quick fix edits the file as the core says and its diagnostic goes away', async () => {
    const { uri, finding } = await fixableFinding();
    const editor = await openEditor(uri);
    const original = editor.document.getText();
    const shown = await waitForCoreDiagnostics(uri, original, 'diagnostics before the fix');
    const fix = finding.fixes[0];

    const actions = await quickFixesFor(uri, finding);
    const action = actions.find((a) => a.title === fix.title);
    assert.ok(
      action,
      `no quick fix titled "${fix.title}" for ${finding.ruleId}; offered: ${JSON.stringify(actions.map((a) => a.title))}`,
    );
    // (vscode.executeCodeActionProvider does not carry an action's `diagnostics` over to the API: nothing to check there.)
    await applyAction(action);

    const expected = applyEdits(original, fix.edits);
    assert.equal(editor.document.getText(), expected);
    const after = await waitForCoreDiagnostics(uri, expected, 'diagnostics after the fix');
    const count = (list: vscode.Diagnostic[]) => list.filter((d) => codeOf(d) === finding.ruleId).length;
    assert.ok(count(after) < count(shown), `${finding.ruleId} should have fewer diagnostics after its fix`);
    await revertAndClose();
  });

  test('the first safe fix of a diagnostic is its one preferred quick fix; an unsafe fix is never preferred', async () => {
    const { uri, finding } = await fixableFinding((f) => f.fixes.some((fix) => fix.safe));
    await openEditor(uri);
    await waitForCoreDiagnostics(uri, await readText(uri), 'diagnostics');
    const titles = new Set(finding.fixes.map((f) => f.title));
    const fixes = (await quickFixesFor(uri, finding)).filter((a) => titles.has(a.title));
    assert.equal(fixes.length, finding.fixes.length, `the core's fixes: ${JSON.stringify([...titles])}`);
    const preferred = fixes.filter((a) => a.isPreferred).map((a) => a.title);
    assert.deepEqual(preferred, [finding.fixes.find((f) => f.safe)!.title], `${finding.ruleId}: preferred quick fixes`);
    const { uri: unsafeUri, finding: unsafe } = await fixableFinding((f) => f.fixes.some((fix) => !fix.safe));
    const unsafeTitles = new Set(unsafe.fixes.filter((f) => !f.safe).map((f) => f.title));
    await openEditor(unsafeUri);
    await waitForCoreDiagnostics(unsafeUri, await readText(unsafeUri), 'diagnostics');
    const preferredUnsafe = (await quickFixesFor(unsafeUri, unsafe)).filter(
      (a) => unsafeTitles.has(a.title) && a.isPreferred,
    );
    assert.deepEqual(
      preferredUnsafe.map((a) => a.title),
      [],
      `${unsafe.ruleId}: unsafe fixes marked preferred`,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Ctrl+. offers "Fix all Bulkhead safe problems in this file" beside a finding with a safe fix', async () => {
    const { uri, finding } = await fixableFinding((f) => f.fixes.some((fix) => fix.safe));
    await openEditor(uri);
    await waitForCoreDiagnostics(uri, await readText(uri), 'diagnostics');
    const titles = (await quickFixesFor(uri, finding)).map((a) => a.title);
    assert.ok(titles.includes('Fix all Bulkhead safe problems in this file'), JSON.stringify(titles));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('"Show documentation for <rule>" opens the page shipped with the extension in the Markdown preview', async () => {
    const { uri, finding } = await fixableFinding();
    await openEditor(uri);
    await waitForCoreDiagnostics(uri, await readText(uri), 'diagnostics');
    const actions = await quickFixesFor(uri, finding);
    const action = actions.find((a) => a.title === `Show documentation for ${finding.ruleId}`);
    assert.ok(action?.command, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const page = `${finding.ruleId.split('/').pop()}.md`;
    const preview = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find(
          (tab) =>
            tab.input instanceof vscode.TabInputWebview &&
            /markdown\.preview/.test(tab.input.viewType) &&
            tab.label.includes(page),
        );
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (!preview() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    assert.ok(preview(), `a Markdown preview of ${page} should open; tabs: ${JSON.stringify(tabs)}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const scope of ['line', 'file'] as const) {
    test(`"Ignore <rule> for this ${scope}" inserts a suppression comment and the diagnostic goes away`, async () => {
      const { uri, finding } = await fixableFinding();
      const editor = await openEditor(uri);
      const before = await waitForCoreDiagnostics(uri, editor.document.getText(), 'diagnostics before ignoring');
      const actions = await quickFixesFor(uri, finding);
      const ignore = actions.find(
        (a) => /ignore/i.test(a.title) && a.title.includes(finding.ruleId) && a.title.toLowerCase().includes(scope),
      );
      assert.ok(
        ignore,
        `no "Ignore ${finding.ruleId} for this ${scope}" action; offered: ${JSON.stringify(actions.map((a) => a.title))}`,
      );
      await applyAction(ignore);
      const text = editor.document.getText();
      assert.match(
        text,
        new RegExp(
          `#\\s*bulkhead-ignore${scope === 'file' ? '-file' : '(?:-next-line)?'}\\s+[^\\n]*${escape(finding.ruleId)}`,
        ),
      );
      const after = await waitForCoreDiagnostics(uri, text, 'diagnostics after ignoring');
      const count = (list: vscode.Diagnostic[]) => list.filter((d) => codeOf(d) === finding.ruleId).length;
      if (scope === 'file')
        assert.equal(count(after), 0, `${finding.ruleId} is still shown after ignoring it for the file`);
      else
        assert.equal(
          count(after),
          count(before) - 1,
          `${finding.ruleId}: one diagnostic fewer after ignoring it for the line`,
        );
      await revertAndClose();
    });
  }
});

/** A Dockerfile finding with a fix (that `accept` takes), the preferred rule's if some file has one. */
async function fixableFinding(
  accept: (finding: CoreDiagnostic) => boolean = () => true,
): Promise<{ uri: vscode.Uri; finding: CoreDiagnostic }> {
  let fallback: { uri: vscode.Uri; finding: CoreDiagnostic } | undefined;
  for (const uri of await workspaceDockerfiles()) {
    for (const finding of await coreDiagnostics(uri, await readText(uri))) {
      if (!finding.fixes.length || !accept(finding)) continue;
      if (finding.ruleId === PREFERRED_RULE) return { uri, finding };
      fallback ??= { uri, finding };
    }
  }
  if (!fallback) throw new Error('no Dockerfile in the test workspace has a finding with such a fix');
  return fallback;
}

/** The quick fixes VS Code's code action providers offer at a finding's range, with their edits resolved. */
async function quickFixesFor(uri: vscode.Uri, finding: CoreDiagnostic): Promise<vscode.CodeAction[]> {
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
    100,
  );
  // A bare Command has a string `command`; a CodeAction's `command`, if any, is an object.
  return (result ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit)
    assert.ok(await vscode.workspace.applyEdit(action.edit), `workspace.applyEdit refused "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" has neither an edit nor a command`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
