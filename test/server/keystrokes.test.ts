// When the server analyses an edited document: at once when it is idle, once for a burst of edits that queued up
// (the newest text only), and after the quiet time of `debounceMs` when that is set. Checked by the order of messages,
// never by the clock: a request the client sends only after the previous answer came is a turn of the conversation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OUTPUT_QUEUE_REQUEST } from '../../server/src/transport';
import { LspClient, ofRule, tempWorkspace, type StartOptions } from './lsp-client';

const CLEAN = 'FROM debian:12\nRUN apt-get update\n';
/** The n-th text of a burst: its `sudo` finding is on (0-based) line n + 1, so a result tells which text it is of. */
const sudoOnLine = (n: number) => `FROM debian:12\n${'RUN true\n'.repeat(n)}RUN sudo id\n`;

/** The versions published for `uri` after `since`, in order. */
function publishedVersions(client: LspClient, uri: string, since: number): number[] {
  return client.received
    .slice(since)
    .filter((r) => r.method === 'textDocument/publishDiagnostics' && r.params.uri === uri)
    .map((r) => r.params.version);
}

/** Round trips of a request the server answers without analysing, each sent once the previous answer came. */
async function roundTrips(client: LspClient, count: number, until: () => boolean = () => false): Promise<number> {
  for (let n = 0; n < count; n++) {
    if (until()) return n;
    await client.request(OUTPUT_QUEUE_REQUEST, {});
  }
  return count;
}

function session(name: string, settings: StartOptions['settings']) {
  const state: { client?: LspClient } = {};
  const ws = tempWorkspace({});
  before(async () => {
    ({ client: state.client } = await LspClient.start({ folders: [ws.root], settings }));
  });
  after(async () => {
    assert.equal(await state.client!.stop(), 0, `${name}: the server exits with 0`);
    ws.remove();
  });
  return { ws, client: () => state.client! };
}

/** Opens `uri` with CLEAN and waits for its first diagnostics. */
async function opened(client: LspClient, uri: string): Promise<void> {
  await client.open(uri, CLEAN);
  await client.diagnostics(uri, (_d, p) => p.version === 1);
}

describe('language server: keystrokes at default settings', () => {
  // No settings at all: what `workspace/configuration` answers is null, every default applies.
  const { ws, client } = session('default settings', {});

  it("publishes an edit's diagnostics before the client's next turn, without waiting for a pause", async () => {
    const uri = ws.uri('now/Dockerfile');
    await opened(client(), uri);
    const since = client().mark();
    const version = await client().change(uri, sudoOnLine(1));
    const published = () => publishedVersions(client(), uri, since).includes(version);
    // With a debounce the analysis waits for quiet, and a client keeps talking meanwhile: dozens of round trips
    // pass. Analysed at once, the diagnostics come before the answer to one of the first requests sent after (the
    // analysis lets a request that came with the edit go first), in one stream, in order.
    // How many exactly depends on the machine: the analysis also waits while requests keep arriving (at most
    // 100 ms), and on a loaded machine 4 were seen. The 100 ms debounce this replaces published after none of 20.
    const turns = await roundTrips(client(), 20, published);
    assert.ok(turns < 20, `published after ${turns} round trips (20: not yet)`);
    const diagnostics = await client().diagnostics(uri, (_d, p) => p.version === version, since);
    assert.deepEqual(
      ofRule(diagnostics, 'image/sudo').map((d) => d.range.start.line),
      [2],
    );
  });

  it('analyses a burst of edits written at once once, for the newest text', async () => {
    const uri = ws.uri('burst/Dockerfile');
    await opened(client(), uri);
    const since = client().mark();
    const texts = Array.from({ length: 10 }, (_, n) => sudoOnLine(n + 1));
    const versions = client().changeAtOnce(uri, texts);
    const last = versions[versions.length - 1];
    const diagnostics = await client().diagnostics(uri, (_d, p) => p.version === last, since);
    assert.deepEqual(
      ofRule(diagnostics, 'image/sudo').map((d) => d.range.start.line),
      [texts.length + 1],
    );
    // Anything published late would come before the answer to a request sent now.
    await roundTrips(client(), 1);
    assert.deepEqual(publishedVersions(client(), uri, since), [last], 'the texts typed over were never published');
  });
});

describe('language server: keystrokes with debounceMs 0 set', () => {
  // The same as the default since debounceMs defaults to 0; set here as a client that chose no debounce sets it.
  const { ws, client } = session('debounce 0', { bulkhead: { workspaceScan: false, debounceMs: 0 } });

  it('analyses a burst of edits once, for the newest text, and the next edit on its own', async () => {
    const uri = ws.uri('burst/Dockerfile');
    await opened(client(), uri);
    const since = client().mark();
    const versions = client().changeAtOnce(
      uri,
      Array.from({ length: 10 }, (_, n) => sudoOnLine(n + 1)),
    );
    const last = versions[versions.length - 1];
    await client().diagnostics(uri, (_d, p) => p.version === last, since);
    const next = await client().change(uri, CLEAN);
    const diagnostics = await client().diagnostics(uri, (_d, p) => p.version === next, since);
    assert.deepEqual(ofRule(diagnostics, 'image/sudo'), [], 'the next edit published for its own text');
    assert.deepEqual(publishedVersions(client(), uri, since), [last, next]);
  });
});

describe('language server: keystrokes with a debounce set', () => {
  const { ws, client } = session('debounce 5000', { bulkhead: { workspaceScan: false, debounceMs: 5000 } });

  it('waits for the quiet time before analysing an edit; a request for the document analyses it at once', async () => {
    const uri = ws.uri('debounced/Dockerfile');
    await opened(client(), uri);
    const since = client().mark();
    const version = await client().change(uri, sudoOnLine(1));
    await roundTrips(client(), 5);
    assert.deepEqual(publishedVersions(client(), uri, since), [], 'nothing published while the debounce runs');
    // A hover needs the current text's results: the pending analysis runs now (the debounce is no staleness).
    const hover = await client().request('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 5 },
    });
    assert.ok(hover, 'the hover of the edited text');
    const diagnostics = await client().diagnostics(uri, (_d, p) => p.version === version, since);
    assert.equal(ofRule(diagnostics, 'image/sudo').length, 1);
    assert.deepEqual(publishedVersions(client(), uri, since), [version], 'published once, not again at the timer');
  });
});
