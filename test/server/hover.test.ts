// Hovers through the protocol: over a finding (rule, threat, mitigation, link) and over a keyword that is
// fine (USER), in Dockerfiles and Compose files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ruleDocUrl } from '../../shared/src/docs';
import { THREATS } from '../../shared/src/threats';
import { RULES } from '../../shared/src/rules/index';
import { LspClient, messageOf, ofRule, tempWorkspace } from './lsp-client';

const ws = tempWorkspace({});

function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'a hover is shown');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('language server: hover', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ folders: [ws.root], settings: { bulkhead: { workspaceScan: false } } }));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('explains a finding: rule, threat vector and impact, mitigation, documentation link; not its message', async () => {
    const uri = ws.uri('Dockerfile');
    await client.open(uri, 'FROM debian:12\nRUN sudo apt-get update\nUSER 10001:10001\n');
    const [sudo] = ofRule(await client.diagnostics(uri, (d) => ofRule(d, 'image/sudo').length === 1), 'image/sudo');
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 6 },
    });
    const text = markdownOf(hover);
    const meta = RULES.find((r) => r.meta.id === 'image/sudo')!.meta;
    const threat = THREATS[meta.threat];
    // The editor shows the diagnostic's message beside the hover: saying it again was the complaint.
    assert.ok(!text.includes(messageOf(sudo)), 'the finding message is not repeated');
    assert.ok(text.includes(meta.title), 'the rule title');
    assert.ok(text.includes(threat.vector), 'the threat vector');
    assert.ok(text.includes(threat.impact), 'what an attacker gains');
    assert.ok(text.includes(meta.mitigation), 'the mitigation');
    assert.ok(text.includes(ruleDocUrl('image/sudo')), 'the documentation link');
    assert.deepEqual(hover.range, sudo.range);
  });

  it('explains USER even when it is fine: non-root, numeric, the final stage', async () => {
    const uri = ws.uri('Dockerfile');
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 1 },
    });
    const text = markdownOf(hover);
    assert.match(text, /\*\*USER\*\*/);
    assert.match(text, /`10001:10001` is not root/);
    assert.match(text, /final stage/);
    assert.deepEqual(hover.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
  });

  it('says nothing over a line with no finding and no security keyword', async () => {
    const uri = ws.uri('other/Dockerfile');
    await client.open(uri, 'FROM scratch\nCOPY app /app\n');
    await client.diagnostics(uri);
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }),
      null,
    );
  });

  it('explains a capability in a compose file', async () => {
    const uri = ws.uri('compose.yaml');
    await client.open(
      uri,
      'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_ADMIN\n',
      'dockercompose',
    );
    await client.diagnostics(uri);
    const text = markdownOf(
      await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: 10 },
      }),
    );
    assert.match(text, /CAP_NET_ADMIN/);
    assert.match(text, /Added here/);
  });
});
