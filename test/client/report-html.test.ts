// The security report page, pure: a strict content security policy, escaped text, and cells that link to findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayPath, renderReportPage } from '../../client/src/report-html';
import { postureMatrix } from '../../shared/src/report/posture';
import type { SecurityReport } from '../../server/src/protocol';

const matrix = postureMatrix([
  {
    report: {
      path: '/w/compose.yaml',
      kind: 'compose',
      skipped: null,
      diagnostics: [
        {
          ruleId: 'container/privileged',
          severity: 'error',
          message: 'Service `<web>` runs "privileged"',
          range: { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } },
          threat: 'host-container',
          fixes: [],
        },
      ],
    },
    subjects: [
      {
        path: '/w/compose.yaml',
        kind: 'compose',
        name: '<script>alert(1)</script>',
        range: { start: { line: 1, character: 2 }, end: { line: 4, character: 0 } },
      },
    ],
    activeRules: new Set(['container/privileged', 'container/capabilities-not-dropped']),
  },
]);
const report: SecurityReport = {
  matrix,
  uris: { '/w/compose.yaml': 'file:///w/compose.yaml' },
  folders: ['/w'],
  ruleDocs: {},
};

describe('security report page', () => {
  const html = renderReportPage(report, { nonce: 'N0NCE' });

  it('allows nothing but its own nonce-marked style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-N0NCE'; script-src 'nonce-N0NCE'");
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.match(html, /<script nonce="N0NCE">/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /https?:\/\//, 'nothing remote');
  });

  it('escapes names and messages', () => {
    assert.ok(html.includes('service &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('Service `&lt;web&gt;` runs &quot;privileged&quot;'));
  });

  it('a missing cell links to the finding; an unknown one says why; the others say their status', () => {
    assert.match(
      html,
      /<td class="missing"><button type="button" class="cell" title="[^"]*" data-action="open" data-uri="file:\/\/\/w\/compose.yaml" data-line="3" data-character="4">✗<\/button>/,
    );
    assert.match(html, /data-action="doc" data-rule="container\/privileged"/);
    assert.match(html, /<td class="not-applicable"/);
    assert.match(
      html,
      /<td class="unknown" title="unknown: its rules are turned off \(image\/root-user\)|<td class="unknown" title="unknown: its rules are turned off/,
    );
  });

  it('a header that stays in view, a filter and sortable columns', () => {
    assert.match(html, /thead th \{[^}]*position: sticky; top: 0/);
    assert.match(html, /<input type="search" data-action="filter"/);
    assert.match(html, /data-action="sort" data-key="file"/);
    assert.match(html, /data-action="sort" data-key="missing"/);
    assert.match(
      html,
      /split\(\/\\s\+\/\)/,
      'the filter splits on white space (the script is a template: its backslashes must survive)',
    );
    assert.match(
      html,
      /<tr data-name="&lt;script&gt;alert\(1\)&lt;\/script&gt;" data-file="compose.yaml" data-missing="2"/,
    );
  });

  it('uses the theme’s colours', () => {
    assert.match(html, /var\(--vscode-editor-background\)/);
    assert.doesNotMatch(html.replace(/var\([^)]*\)/g, ''), /#[0-9a-f]{3,6}\b/i, 'no fixed colours');
  });

  it('shows paths relative to the workspace folder', () => {
    assert.equal(displayPath('/w/a/Dockerfile', ['/w']), 'a/Dockerfile');
    assert.equal(displayPath('/w/a/Dockerfile', ['/w', '/v']), 'w/a/Dockerfile');
    assert.equal(displayPath('/elsewhere/Dockerfile', ['/w']), '/elsewhere/Dockerfile');
  });
});

describe('security report page, control characters', () => {
  // A service name that reverses what follows it and a message with a line break of its own.
  const hostile = postureMatrix([
    {
      report: {
        path: '/w/compose.yaml',
        kind: 'compose',
        skipped: null,
        diagnostics: [
          {
            ruleId: 'container/privileged',
            severity: 'error',
            message: 'Service `\u202etoor` runs\nprivileged',
            range: { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } },
            threat: 'host-container',
            fixes: [],
          },
        ],
      },
      subjects: [
        {
          path: '/w/compose.yaml',
          kind: 'compose',
          name: '\u202etoor\u001b[2J',
          range: { start: { line: 1, character: 2 }, end: { line: 4, character: 0 } },
        },
      ],
      activeRules: new Set(['container/privileged']),
    },
  ]);
  const page = renderReportPage(
    { matrix: hostile, uris: { '/w/compose.yaml': 'file:///w/compose.yaml' }, folders: ['/w'], ruleDocs: {} },
    { nonce: 'N0NCE' },
  );

  it('shows bidi overrides, escape sequences and line breaks from the workspace as escapes', () => {
    assert.doesNotMatch(page, /[\u001b\u202a-\u202e\u2066-\u2069]/);
    assert.ok(page.includes('service \\u202etoor\\x1b[2J'));
    assert.ok(page.includes('runs\\nprivileged'));
  });
});
