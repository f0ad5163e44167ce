// A devcontainer.json through the language server: diagnostics when opened as `jsonc`, the finding's hover, a quick
// fix whose edit keeps the comments and removes the finding, a `//` suppression, the workspace scan finding it, and
// the Dockerfile it builds followed as it is edited.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../shared/src/text';
import { LspClient, messageOf, ofRule, tempWorkspace } from '../server/lsp-client';

const TEXT = `{
  // Docker inside the dev container
  "image": "alpine:3.20",
  "privileged": true, // for dockerd
  "remoteUser": "vscode"
}
`;

const ws = tempWorkspace({
  'scanned/.devcontainer/devcontainer.json': '{ "image": "alpine:3.20", "capAdd": ["SYS_ADMIN"] }\n',
  'scanned/config/devcontainer.json': '{ "image": "alpine:3.20", "capAdd": ["SYS_ADMIN"] }\n',
  'built/.devcontainer/Dockerfile': 'FROM alpine:3.20\nRUN apk add git\n',
});

describe('language server: devcontainer.json', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start({
      folders: [ws.root],
      settings: { bulkhead: { debounceMs: 10 } },
    }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('the workspace scan reports the configurations where the Dev Container CLI reads them', async () => {
    const scanned = ws.uri('scanned/.devcontainer/devcontainer.json');
    const diagnostics = await client.diagnostics(
      scanned,
      (d) => ofRule(d, 'container/dangerous-capability').length > 0,
    );
    assert.deepEqual(
      ofRule(diagnostics, 'container/dangerous-capability').map((d) => [d.range.start, d.source, d.code]),
      [[{ line: 0, character: 37 }, 'bulkhead', 'container/dangerous-capability']],
    );
    const result = await client.request<{ files: number }>('bulkhead/scanWorkspace', {});
    // The configuration and built/.devcontainer/Dockerfile: config/devcontainer.json is not a configuration.
    assert.equal(result.files, 2);
  });

  it('an opened one gets diagnostics, a hover and a fix that keeps its comments', async () => {
    const uri = ws.uri('open/.devcontainer/devcontainer.json');
    await client.open(uri, TEXT, 'jsonc');
    const diagnostics = await client.diagnostics(uri, (d) => ofRule(d, 'container/privileged').length === 1);
    const [privileged] = ofRule(diagnostics, 'container/privileged');
    assert.deepEqual(privileged.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 20 } });
    assert.equal(privileged.severity, 1);

    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 5 },
    });
    const markdown = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, /container\/privileged/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: privileged.range,
      context: { diagnostics: [privileged] },
    });
    const remove = actions.find((a) => a.title === 'Remove `"privileged": true`');
    assert.ok(remove, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(remove.isPreferred, undefined, 'an unsafe fix is not preferred');
    const edits = (remove.edit?.changes?.[uri] ??
      remove.edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : []))) as TextEdit[];
    const fixed = applyEdits(TEXT, edits);
    assert.equal(fixed, TEXT.replace('  "privileged": true, // for dockerd\n', ''));
    const since = client.mark();
    const version = await client.change(uri, fixed);
    const after: Diagnostic[] = await client.diagnostics(uri, (_d, p) => p.version === version, since);
    assert.deepEqual(ofRule(after, 'container/privileged'), []);

    // The ignore action writes a comment JSONC reads, and it silences the finding.
    const ignore = actions.find((a) => a.title === 'Ignore container/privileged for this line');
    assert.ok(ignore);
    const ignoreEdits = (ignore.edit?.changes?.[uri] ??
      ignore.edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : []))) as TextEdit[];
    const ignored = applyEdits(TEXT, ignoreEdits);
    assert.match(ignored, /\n {2}\/\/ bulkhead-ignore container\/privileged\n {2}"privileged": true/);
    const since2 = client.mark();
    const version2 = await client.change(uri, ignored);
    const silenced = await client.diagnostics(uri, (_d, p) => p.version === version2, since2);
    assert.deepEqual(ofRule(silenced, 'container/privileged'), []);
    assert.deepEqual(ofRule(silenced, 'syntax'), []);
  });

  it('follows the Dockerfile it builds: a USER typed there clears the root finding', async () => {
    const config = ws.uri('built/.devcontainer/devcontainer.json');
    const dockerfile = ws.uri('built/.devcontainer/Dockerfile');
    const text = '{ "build": { "dockerfile": "Dockerfile" }, "runArgs": ["--cap-drop=ALL"] }\n';
    await client.open(config, text, 'jsonc');
    const rooted = await client.diagnostics(config, (d) => ofRule(d, 'container/root-user').length === 1);
    assert.match(messageOf(ofRule(rooted, 'container/root-user')[0]), /`Dockerfile` sets no USER/);
    await client.open(dockerfile, 'FROM alpine:3.20\nRUN apk add git\n');
    const since = client.mark();
    await client.change(dockerfile, 'FROM alpine:3.20\nRUN apk add git\nUSER 1000\n');
    const after = await client.diagnostics(config, (d) => ofRule(d, 'container/root-user').length === 0, since);
    assert.deepEqual(ofRule(after, 'container/root-user'), []);
  });
});
