// A workspace folder's `.bulkhead-baseline.json`, written by the CLI: its findings are not published, a change to it
// applies without a restart, and an untrusted workspace's baseline says in itself what it hides.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli/harness';
import { messageOf, ofRule, published, tempWorkspace, withServer } from './lsp-client';

const SUDO = 'FROM debian:12\nRUN sudo apt-get update\n';
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

/** Entries in the folder's baseline, as the CLI wrote them (every rule's findings on the two files). */
function baselineSize(root: string): number {
  const file = JSON.parse(readFileSync(join(root, '.bulkhead-baseline.json'), 'utf8')) as {
    findings: Record<string, unknown[]>;
  };
  const size = Object.values(file.findings).reduce((n, entries) => n + entries.length, 0);
  assert.ok(size >= 2, 'the sudo and privileged findings at least');
  return size;
}

function baselinedWorkspace() {
  const ws = tempWorkspace({ 'api/Dockerfile': SUDO, 'deploy/compose.yaml': PRIVILEGED });
  const run = runCli(['baseline'], { cwd: ws.root });
  assert.equal(run.status, 0, run.stderr);
  return ws;
}

describe('language server: a baseline', () => {
  const ws = baselinedWorkspace();
  after(() => ws.remove());

  it('hides its findings, shows new ones, and shows them all once it is deleted', async () => {
    await withServer({ folders: [ws.root], settings: { bulkhead: { debounceMs: 10 } } }, async (client) => {
      // The workspace scan publishes the compose file without its baselined finding.
      const compose = await client.diagnostics(ws.uri('deploy/compose.yaml'));
      assert.deepEqual(ofRule(compose, 'container/privileged'), []);
      // An open document: the baselined `sudo` moved down by inserted lines stays hidden; a second one is new.
      const uri = ws.uri('api/Dockerfile');
      await client.open(uri, '# build image\n\nFROM debian:12\nRUN sudo apt-get update\nRUN sudo true\n');
      const open = await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length > 0);
      assert.deepEqual(
        ofRule(open, 'image/sudo').map((d) => d.range.start.line),
        [4],
      );
      // The baseline goes: everything is shown again, the open document and the file on disk alike.
      const since = client.mark();
      rmSync(ws.path('.bulkhead-baseline.json'));
      await client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: ws.uri('.bulkhead-baseline.json'), type: 3 }],
      });
      const reopened = await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 2, since);
      assert.equal(ofRule(reopened, 'image/sudo').length, 2);
      const shown = await client.diagnostics(
        ws.uri('deploy/compose.yaml'),
        (d) => ofRule(d, 'container/privileged').length === 1,
        since,
      );
      assert.equal(ofRule(shown, 'container/privileged').length, 1);
      // Written again: hidden again, without a restart.
      const again = client.mark();
      assert.equal(runCli(['baseline'], { cwd: ws.root }).status, 0);
      await client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: ws.uri('.bulkhead-baseline.json'), type: 1 }],
      });
      const hidden = await client.diagnostics(
        ws.uri('deploy/compose.yaml'),
        (d) => ofRule(d, 'container/privileged').length === 0,
        again,
      );
      assert.deepEqual(ofRule(hidden, 'container/privileged'), []);
    });
  });
});

describe('language server: a baseline in an untrusted workspace', () => {
  const ws = baselinedWorkspace();
  after(() => ws.remove());

  it('still applies, and says in the file how many findings it hides', async () => {
    await withServer({ folders: [ws.root], initializationOptions: { workspaceTrusted: false } }, async (client) => {
      const shown = await client.diagnostics(ws.uri('.bulkhead-baseline.json'), (d) => d.length === 1);
      assert.deepEqual(
        shown.map((d) => `${d.range.start.line} ${d.severity} ${messageOf(d)}`),
        [`0 3 Untrusted workspace: this baseline hides ${baselineSize(ws.root)} findings of this folder`],
      );
      const compose = await client.diagnostics(ws.uri('deploy/compose.yaml'));
      assert.deepEqual(ofRule(compose, 'container/privileged'), []);
    });
  });

  it('in a trusted workspace the file shows nothing', async () => {
    await withServer({ folders: [ws.root], initializationOptions: { workspaceTrusted: true } }, async (client) => {
      await client.diagnostics(ws.uri('deploy/compose.yaml'));
      assert.equal(published(client).get(ws.uri('.bulkhead-baseline.json')), undefined);
    });
  });
});

describe('language server: a baseline it cannot read', () => {
  const ws = tempWorkspace({ 'deploy/compose.yaml': PRIVILEGED, '.bulkhead-baseline.json': '{"version": 1,' });
  after(() => ws.remove());

  it('says why in the file and shows every finding', async () => {
    await withServer({ folders: [ws.root] }, async (client) => {
      const shown = await client.diagnostics(ws.uri('.bulkhead-baseline.json'), (d) => d.length === 1);
      assert.equal(shown[0].severity, 2);
      assert.match(messageOf(shown[0]), /^This baseline is not applied \(not JSON .*\): every finding is shown$/);
      const compose = await client.diagnostics(
        ws.uri('deploy/compose.yaml'),
        (d) => ofRule(d, 'container/privileged').length === 1,
      );
      assert.equal(ofRule(compose, 'container/privileged').length, 1);
    });
  });
});
