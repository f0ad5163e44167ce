/// <reference types="mocha" />
// Runs first (files load in name order): nothing has been opened yet, so activation can only come from the
// manifest's workspaceContains events.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, MANIFEST, workspaceDockerfiles } from './helpers';

suite('activation', () => {
  test('the extension activates on a workspace that contains Dockerfiles, before any file is opened', async () => {
    assert.ok((await workspaceDockerfiles()).length > 0, 'the test workspace should contain Dockerfiles');
    const opened = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file');
    assert.deepEqual(
      opened.map((d) => d.uri.fsPath),
      [],
      'no file should be open yet',
    );
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in this extension host`);
    // The API has no activation event to wait on: a bounded poll of isActive.
    await pollUntil(() => extension.isActive, 30_000);
    assert.ok(
      extension.isActive,
      `${EXTENSION_ID} did not activate within 30 s (activationEvents: ${JSON.stringify(MANIFEST.activationEvents)})`,
    );
  });

  test('every command the manifest contributes is registered', async () => {
    const contributed = (MANIFEST.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });
});

async function pollUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
}
