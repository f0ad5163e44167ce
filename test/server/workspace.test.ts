// The workspace-wide listing: files found and analysed without being opened, with work-done progress; excludes,
// size and binary limits; file system events; configuration changes applied without a restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, rmSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, messageOf, ofRule, published, tempWorkspace, withServer, type Received } from './lsp-client';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';

/** The progress notifications of one token, in order: begin, report…, end. */
function progressOf(client: LspClient, token: string | number): Received[] {
  return client.received.filter((r) => r.method === '$/progress' && r.params.token === token);
}

async function scanEnd(client: LspClient, since = 0): Promise<string | number> {
  const created = await client.waitForRequest('window/workDoneProgress/create', () => true, 0);
  const token = created.token;
  await client.waitFor('$/progress', (p) => p.token === token && p.value.kind === 'end', since);
  return token;
}

describe('language server: workspace scan', () => {
  const ws = tempWorkspace({
    'api/Dockerfile': SUDO,
    'deploy/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    'node_modules/pkg/Dockerfile': SUDO,
    'hidden/Dockerfile': SUDO,
    'vendor/Dockerfile': SUDO,
    'notes.txt': 'FROM debian:12\nRUN sudo true\n',
    '.bulkhead.yaml': 'exclude:\n  - vendor/\n',
    'binary/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff, 0x00]),
  });
  // Over the default 1 MiB limit (10 MiB as the issue says): skipped by size without being read.
  ws.write('huge/Dockerfile', `FROM debian:12\n${'RUN sudo true\n'.repeat(800_000)}`);
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { debounceMs: 10 }, 'files.exclude': { '**/hidden': true, '**/.git': true } },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('lists problems of files never opened, with begin/report/end progress', async () => {
    const token = await scanEnd(client);
    const kinds = progressOf(client, token).map((r) => r.params.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'), `reports in ${kinds.join(',')}`);
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.equal(progressOf(client, token)[0].params.value.cancellable, true);
    const shown = published(client);
    assert.deepEqual(
      ofRule(shown.get(ws.uri('api/Dockerfile')) ?? [], 'image/sudo').map((d) => d.range.start.line),
      [1],
    );
    assert.equal(ofRule(shown.get(ws.uri('deploy/compose.yaml')) ?? [], 'container/privileged').length, 1);
  });

  it('skips node_modules, files.exclude and .bulkhead.yaml excludes, and files with other names', () => {
    const shown = published(client);
    for (const rel of ['node_modules/pkg/Dockerfile', 'hidden/Dockerfile', 'vendor/Dockerfile', 'notes.txt']) {
      assert.equal(shown.has(ws.uri(rel)), false, `${rel} is not analysed`);
    }
  });

  it('skips a binary and an oversized file with one informational diagnostic each', () => {
    const shown = published(client);
    const binary = shown.get(ws.uri('binary/Dockerfile'));
    const huge = shown.get(ws.uri('huge/Dockerfile'));
    assert.equal(binary?.length, 1);
    assert.equal(binary[0].severity, 3);
    assert.match(messageOf(binary[0]), /did not analyse this file: binary/);
    assert.equal(huge?.length, 1);
    assert.match(messageOf(huge[0]), /did not analyse this file: file is 10\.7 MiB, over maxFileSize \(1\.0 MiB\)/);
  });

  it('registers file watchers dynamically', async () => {
    const registration = await client.waitForRequest('client/registerCapability', (p) =>
      p.registrations.some((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    const watchers = registration.registrations.find(
      (r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles',
    ).registerOptions.watchers;
    assert.ok(watchers.some((w: { globPattern: string }) => w.globPattern === '**/.bulkhead.yaml'));
    // Created (1) and deleted (4) folders: their files may come as one event for the folder.
    assert.ok(watchers.some((w: { globPattern: string; kind?: number }) => w.globPattern === '**/*' && w.kind === 5));
  });

  it('analyses a file again when it changes on disk, and only that file', async () => {
    const since = client.mark();
    ws.write('api/Dockerfile', 'FROM debian:12\nRUN apt-get update\nRUN sudo true\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('api/Dockerfile'), type: 2 }] });
    const diagnostics = await client.diagnostics(ws.uri('api/Dockerfile'), () => true, since);
    assert.deepEqual(
      ofRule(diagnostics, 'image/sudo').map((d) => d.range.start.line),
      [2],
    );
    assert.deepEqual([...published(client, since).keys()], [ws.uri('api/Dockerfile')]);
  });

  it('analyses again what read a changed file: a compose file when its .env changes', async () => {
    const compose = ws.uri('vars/compose.yaml');
    let since = client.mark();
    ws.write('vars/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV:-false}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: compose, type: 1 }] });
    await client.diagnostics(compose, (d) => d.length > 0 && ofRule(d, 'container/privileged').length === 0, since);
    since = client.mark();
    ws.write('vars/.env', 'PRIV=true\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('vars/.env'), type: 1 }] });
    await client.diagnostics(compose, (d) => ofRule(d, 'container/privileged').length === 1, since);
  });

  it('analyses a Dockerfile again when a file of its build context or its .dockerignore changes', async () => {
    const dockerfile = ws.uri('ctx/Dockerfile');
    const secretFindings = (d: Diagnostic[]) => ofRule(d, 'image/context-secret-copied').length;
    let since = client.mark();
    ws.write('ctx/Dockerfile', 'FROM debian:12\nCOPY . /app\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfile, type: 1 }] });
    await client.diagnostics(dockerfile, (d) => d.length > 0 && secretFindings(d) === 0, since);
    since = client.mark();
    ws.write('ctx/keys/id_rsa', 'not a real key\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ctx/keys/id_rsa'), type: 1 }] });
    await client.diagnostics(dockerfile, (d) => secretFindings(d) === 1, since);
    since = client.mark();
    ws.write('ctx/.dockerignore', 'keys/\n');
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('ctx/.dockerignore'), type: 1 }],
    });
    await client.diagnostics(dockerfile, (d) => d.length > 0 && secretFindings(d) === 0, since);
  });

  it('picks up a created file and clears a deleted one', async () => {
    let since = client.mark();
    ws.write('new/Containerfile', SUDO);
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('new/Containerfile'), type: 1 }],
    });
    await client.diagnostics(ws.uri('new/Containerfile'), (d) => ofRule(d, 'image/sudo').length === 1, since);
    since = client.mark();
    rmSync(ws.path('new'), { recursive: true });
    // A deleted folder arrives as one event for the folder.
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('new'), type: 3 }] });
    await client.diagnostics(ws.uri('new/Containerfile'), (d) => d.length === 0, since);
  });

  it('picks up a folder created with its files from the one event for the folder, as git pull sends it', async () => {
    const since = client.mark();
    ws.write('pulled/api/Dockerfile', SUDO);
    ws.write('pulled/deploy/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    ws.write('pulled/node_modules/dep/Dockerfile', SUDO);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('pulled'), type: 1 }] });
    await client.diagnostics(ws.uri('pulled/api/Dockerfile'), (d) => ofRule(d, 'image/sudo').length === 1, since);
    await client.diagnostics(
      ws.uri('pulled/deploy/compose.yaml'),
      (d) => ofRule(d, 'container/privileged').length === 1,
      since,
    );
    assert.equal(published(client, since).has(ws.uri('pulled/node_modules/dep/Dockerfile')), false);
  });

  it('moves the diagnostics of a renamed folder: delete of the old path, create of the new', async () => {
    ws.write('before/Dockerfile', SUDO);
    let since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('before'), type: 1 }] });
    await client.diagnostics(ws.uri('before/Dockerfile'), (d) => ofRule(d, 'image/sudo').length === 1, since);
    since = client.mark();
    renameSync(ws.path('before'), ws.path('after'));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: ws.uri('before'), type: 3 },
        { uri: ws.uri('after'), type: 1 },
      ],
    });
    await client.diagnostics(ws.uri('before/Dockerfile'), (d) => d.length === 0, since);
    await client.diagnostics(ws.uri('after/Dockerfile'), (d) => ofRule(d, 'image/sudo').length === 1, since);
  });

  it('clears the diagnostics of a closed document whose file was deleted while it was open', async () => {
    ws.write('doomed/Dockerfile', SUDO);
    const uri = ws.uri('doomed/Dockerfile');
    let since = client.mark();
    await client.open(uri, 'FROM debian:12\nRUN sudo a\nRUN sudo b\n');
    await client.diagnostics(uri, (d, p) => p.version === 1 && ofRule(d, 'image/sudo').length === 2, since);
    rmSync(ws.path('doomed'), { recursive: true });
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('doomed'), type: 3 }] });
    since = client.mark();
    await client.close(uri);
    await client.diagnostics(uri, (d) => d.length === 0, since);
  });

  it('hands a file to the editor while it is open, and takes it back from disk when closed', async () => {
    const uri = ws.uri('api/Dockerfile');
    let since = client.mark();
    await client.open(uri, 'FROM debian:12\nRUN sudo a\nRUN sudo b\nRUN sudo c\n');
    await client.diagnostics(uri, (d, p) => p.version === 1 && ofRule(d, 'image/sudo').length === 3, since);
    since = client.mark();
    await client.close(uri);
    // Back to the file on disk: one sudo on line 3.
    await client.diagnostics(uri, (d, p) => p.version === undefined && ofRule(d, 'image/sudo').length === 1, since);
  });

  it('applies a settings change without a restart: a rule turned off disappears everywhere', async () => {
    const openUri = ws.uri('open/Dockerfile');
    await client.open(openUri, SUDO);
    await client.diagnostics(openUri, (d) => ofRule(d, 'image/sudo').length === 1);
    const since = client.mark();
    client.settings = { ...client.settings, bulkhead: { debounceMs: 10, rules: { 'image/sudo': 'off' } } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(openUri, (d) => d.length > 0 && ofRule(d, 'image/sudo').length === 0, since);
    await client.diagnostics(
      ws.uri('api/Dockerfile'),
      (d) => d.length > 0 && ofRule(d, 'image/sudo').length === 0,
      since,
    );
  });

  it('reports a bad .bulkhead.yaml in that file at the line and key, and clears it once fixed', async () => {
    const config = ws.uri('.bulkhead.yaml');
    let since = client.mark();
    ws.write('.bulkhead.yaml', 'exclude:\n  - vendor/\nrules:\n  image/sudoo: error\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    const [problem] = await client.diagnostics(config, (d) => d.length === 1, since);
    assert.equal(problem.range.start.line, 3);
    assert.equal(problem.severity, 1);
    assert.match(messageOf(problem), /`rules\.image\/sudoo`: unknown rule id \(did you mean `image\/sudo`\?\)/);
    since = client.mark();
    ws.write('.bulkhead.yaml', 'exclude:\n  - vendor/\nrules:\n  image/sudo: error\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    await client.diagnostics(config, (d) => d.length === 0, since);
    // The file wins over the settings for the project: sudo is back, as an error.
    const diagnostics = await client.diagnostics(
      ws.uri('api/Dockerfile'),
      (d) => ofRule(d, 'image/sudo').length === 1,
      since,
    );
    assert.equal(ofRule(diagnostics, 'image/sudo')[0].severity, 1);
  });
});

describe('language server: cancelling the workspace scan', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`s${String(i).padStart(3, '0')}/Dockerfile`] = SUDO;
  const ws = tempWorkspace(files);

  it('stops analysing when the client cancels the progress', async () => {
    const { client } = await LspClient.start({ folders: [ws.root] });
    try {
      const created = await client.waitForRequest('window/workDoneProgress/create');
      await client.waitFor('$/progress', (p) => p.token === created.token && p.value.kind === 'begin');
      await client.notify('window/workDoneProgress/cancel', { token: created.token });
      await client.waitFor('$/progress', (p) => p.token === created.token && p.value.kind === 'end');
      const analysed = [...published(client).keys()].length;
      assert.ok(analysed < 400, `${analysed} of 400 files analysed after cancelling`);
      // The server is still there: an explicit scan finishes the job.
      const result = await client.request<{ files: number; cancelled: boolean }>('bulkhead/scanWorkspace', {});
      assert.deepEqual(result, { files: 400, cancelled: false });
      assert.equal([...published(client).keys()].length, 400);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});

/** Runs `use` against a server started for this test alone, and stops it whatever happens. */
describe('language server: a .bulkhead.yaml with a pattern it cannot read', () => {
  const ws = tempWorkspace({
    '.bulkhead.yaml': 'rules:\n  image/sudo: error\nexclude:\n  - vendor/\n  - "[z-a]"\n',
    'api/Dockerfile': SUDO,
    'vendor/Dockerfile': SUDO,
  });
  after(() => ws.remove());

  it('shows the problem on the file at its line and in the log, and still applies the rest of the file', async () => {
    await withServer({ folders: [ws.root] }, async (client) => {
      const [problem] = await client.diagnostics(ws.uri('.bulkhead.yaml'), (d) => d.length === 1);
      assert.equal(problem.range.start.line, 4);
      assert.equal(problem.severity, 1);
      assert.match(messageOf(problem), /`exclude`: cannot read the pattern `\[z-a\]`: the range `z-a` runs backwards/);
      await client.waitFor('window/logMessage', (p) =>
        /\.bulkhead\.yaml:5:5: `exclude`: cannot read the pattern `\[z-a\]`/.test(p.message),
      );
      await scanEnd(client);
      const sudo = ofRule(published(client).get(ws.uri('api/Dockerfile')) ?? [], 'image/sudo');
      assert.deepEqual(
        sudo.map((d) => d.severity),
        [1],
        'the rule severity of the file applies',
      );
      assert.equal(published(client).has(ws.uri('vendor/Dockerfile')), false, 'the valid exclude applies');
    });
  });
});

describe('language server: an exclude glob that backtracked for minutes', () => {
  const deep = Array.from({ length: 28 }, (_, i) => `d${i}`).join('/');
  const ws = tempWorkspace({
    '.bulkhead.yaml': `exclude:\n  - "${'**/'.repeat(12)}b"\n`,
    [`${deep}/Dockerfile`]: SUDO,
    [`${deep}/b/Dockerfile`]: SUDO,
  });
  after(() => ws.remove());

  it('does not stop the scan of a tree 28 folders deep', { timeout: 30_000 }, async () => {
    await withServer({ folders: [ws.root] }, async (client) => {
      await scanEnd(client);
      assert.equal(ofRule(published(client).get(ws.uri(`${deep}/Dockerfile`)) ?? [], 'image/sudo').length, 1);
      assert.equal(published(client).has(ws.uri(`${deep}/b/Dockerfile`)), false);
    });
  });
});

describe('language server: what an untrusted workspace switches off', () => {
  const ws = tempWorkspace({
    '.bulkhead.yaml': 'rules:\n  image/sudo: off\nexclude:\n  - vendor/\n',
    'api/Dockerfile': SUDO,
    'vendor/Dockerfile': SUDO,
  });
  after(() => ws.remove());

  it('is shown in its .bulkhead.yaml at each line, and logged as a warning', async () => {
    await withServer({ folders: [ws.root], initializationOptions: { workspaceTrusted: false } }, async (client) => {
      const shown = await client.diagnostics(ws.uri('.bulkhead.yaml'), (d) => d.length === 2);
      assert.deepEqual(
        shown.map((d) => `${d.range.start.line} ${d.severity} ${messageOf(d)}`),
        [
          '1 3 Untrusted workspace: this file switches `image/sudo` off: its findings are not reported.',
          '3 3 Untrusted workspace: this file excludes `vendor/`: files matching it are not checked.',
        ],
      );
      await client.waitFor(
        'window/logMessage',
        (p) =>
          p.type === 2 &&
          /switches off 2 checks: image\/sudo, exclude `vendor\/` \(in a workspace you have not trusted\)/.test(
            p.message,
          ),
      );
      await scanEnd(client);
      assert.equal(
        ofRule(published(client).get(ws.uri('api/Dockerfile')) ?? [], 'image/sudo').length,
        0,
        'the file still applies',
      );
    });
  });

  it('in a trusted workspace only the log says it', async () => {
    await withServer({ folders: [ws.root], initializationOptions: { workspaceTrusted: true } }, async (client) => {
      await client.waitFor(
        'window/logMessage',
        (p) => p.type === 3 && /switches off 2 checks: image\/sudo, exclude `vendor\/`$/.test(p.message),
      );
      await scanEnd(client);
      assert.deepEqual(published(client).get(ws.uri('.bulkhead.yaml')) ?? [], []);
    });
  });
});
