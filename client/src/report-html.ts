/**
 * The security report's page: the posture matrix as an HTML table in the editor's theme colours, under a strict
 * content security policy (no remote content, styles and the one script allowed by nonce). Pure, so it is tested
 * without an editor; the panel that shows it lives in report-panel.ts.
 */
import type { SecurityReport } from '../../server/src/protocol';
import type { CellStatus, PostureCell, PostureRow } from '../../shared/src/report/posture';
import { showControls } from '../../shared/src/visible-controls';

export interface PageOptions {
  /** A fresh random value per render: the only script and style allowed to run. Nothing else is loaded. */
  nonce: string;
}

/** Messages the page posts to the extension. */
export type PageMessage =
  | { type: 'open'; uri: string; line: number; character: number }
  | { type: 'doc'; ruleId: string }
  | { type: 'refresh' };

const STATUS_SYMBOL: Record<CellStatus, string> = {
  'in-place': '✓',
  missing: '✗',
  unknown: '?',
  'not-applicable': '–',
};
const STATUS_TEXT: Record<CellStatus, string> = {
  'in-place': 'in place',
  missing: 'missing',
  unknown: 'unknown',
  'not-applicable': 'not something this file can say',
};

export function renderReportPage(report: SecurityReport, options: PageOptions): string {
  const { matrix } = report;
  const csp = [`default-src 'none'`, `style-src 'nonce-${options.nonce}'`, `script-src 'nonce-${options.nonce}'`].join(
    '; ',
  );
  const head = matrix.columns
    .map((c) => `<th scope="col" title="${escapeHtml(c.description)}">${escapeHtml(c.title)}</th>`)
    .join('');
  const body = matrix.rows.map((row) => renderRow(row, report)).join('\n');
  const t = matrix.totals;
  const summary = matrix.rows.length
    ? `${matrix.rows.length} ${matrix.rows.length === 1 ? 'row' : 'rows'}: ${t['in-place']} in place, ${t.missing} missing, ${t.unknown} unknown.`
    : 'No Compose service or Dockerfile was found in the workspace.';
  const sortable = (key: string, label: string, title: string) =>
    `<th scope="col" title="${escapeHtml(title)}"><button type="button" class="sort" data-action="sort" data-key="${key}">${escapeHtml(label)}</button></th>`;
  const skipped = matrix.skipped.length
    ? `<section><h2>Not analysed</h2><ul>${matrix.skipped.map((s) => `<li>${escapeHtml(displayPath(s.path, report.folders))}: ${escapeHtml(s.reason)}</li>`).join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Bulkhead Security Report</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
<header>
<h1>Security posture</h1>
<p class="summary">${escapeHtml(summary)}</p>
<button type="button" class="refresh" data-action="refresh">Refresh</button>
<label class="filter">Filter <input type="search" data-action="filter" placeholder="file, service or profile"></label>
</header>
<div class="matrix">
<table>
<thead><tr>${sortable('name', 'Runs as', 'Sort by service or stage')}${sortable('file', 'File', 'Sort by file')}${head}${sortable('missing', 'Missing', 'Sort by the number of missing mitigations')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
<p class="legend"><span class="in-place">✓</span> in place · <span class="missing">✗</span> missing (click to go to the finding) · <span class="unknown">?</span> unknown (hover for why) · <span class="not-applicable">–</span> not applicable</p>
${skipped}
<script nonce="${options.nonce}">${SCRIPT}</script>
</body>
</html>`;
}

function renderRow(row: PostureRow, report: SecurityReport): string {
  const { subject } = row;
  const uri = report.uris[subject.path] ?? '';
  const label =
    subject.kind === 'compose'
      ? `service ${subject.name}`
      : subject.kind === 'devcontainer'
        ? `dev container ${subject.name}`
        : subject.name === 'final stage'
          ? 'final stage'
          : `stage ${subject.name}`;
  const where = displayPath(subject.path, report.folders);
  const note = row.note ? `<div class="note">${escapeHtml(row.note)}</div>` : '';
  const profile = subject.facts?.profile;
  const facts = profile
    ? `<details class="profile"><summary>${escapeHtml(profile.id)} image profile</summary><ul>${profile.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul></details>`
    : '';
  const missing = row.cells.filter((c) => c.status === 'missing').length;
  const search = [label, where, profile?.id ?? ''].join(' ').toLowerCase();
  const name = `<th scope="row"><button type="button" class="link" ${openAttributes(uri, subject.range.start)}>${escapeHtml(label)}</button>${note}${facts}</th><td class="path">${escapeHtml(where)}</td>`;
  return `<tr data-name="${escapeHtml(subject.name)}" data-file="${escapeHtml(where)}" data-missing="${missing}" data-search="${escapeHtml(search)}">${name}${row.cells.map((cell) => renderCell(cell, uri)).join('')}<td class="count">${missing}</td></tr>`;
}

function renderCell(cell: PostureCell, uri: string): string {
  const symbol = STATUS_SYMBOL[cell.status];
  const why = cell.reason ? `${STATUS_TEXT[cell.status]}: ${cell.reason}` : STATUS_TEXT[cell.status];
  if (cell.status !== 'missing' || !cell.findings.length)
    return `<td class="${cell.status}" title="${escapeHtml(why)}">${symbol}${cell.reason && cell.status !== 'in-place' ? `<div class="reason">${escapeHtml(cell.reason)}</div>` : ''}</td>`;
  const [first] = cell.findings;
  // One finding a line in the tooltip: escaped one by one, so only these line breaks are real.
  const title = cell.findings.map((f) => escapeHtml(`${f.ruleId}: ${f.message}`)).join('\n');
  return `<td class="missing"><button type="button" class="cell" title="${title}" ${openAttributes(uri, first.range.start)}>${symbol}</button> <button type="button" class="rule" data-action="doc" data-rule="${escapeHtml(first.ruleId)}" title="Rule documentation">${escapeHtml(first.ruleId)}</button></td>`;
}

function openAttributes(uri: string, position: { line: number; character: number }): string {
  return `data-action="open" data-uri="${escapeHtml(uri)}" data-line="${position.line}" data-character="${position.character}"`;
}

/** A path as the user knows it: relative to its workspace folder when there is one. */
export function displayPath(path: string, folders: readonly string[]): string {
  const folder = [...folders]
    .sort((a, b) => b.length - a.length)
    .find((f) => path === f || path.startsWith(`${f}/`) || path.startsWith(`${f}\\`));
  if (!folder) return path;
  const rel = path.slice(folder.length + 1).replace(/\\/g, '/');
  return folders.length > 1 ? `${folder.split(/[\\/]/).pop()}/${rel}` : rel;
}

/**
 * Text for the page, as text: HTML's special characters as references, and control characters (a bidi override that
 * would show `toor` as `root`, line breaks) as visible escapes, as in every human-readable output.
 */
export function escapeHtml(text: string): string {
  return showControls(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.1em; font-weight: 600; }
.summary, .path, .legend, .note { color: var(--vscode-descriptionForeground); }
.path, .note { font-size: 0.9em; }
.matrix { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 4px 8px; }
thead th { text-align: center; font-weight: 600; background: var(--vscode-editorWidget-background); position: sticky; top: 0; z-index: 1; }
.matrix { max-height: 80vh; overflow: auto; }
td.path { text-align: left; }
.reason { font-size: 0.8em; white-space: normal; max-width: 16em; color: var(--vscode-descriptionForeground); }
details.profile { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
details.profile ul { margin: 2px 0 0 1em; padding: 0; }
.filter input { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 1px 4px; }
button.sort { font-weight: 600; }
button.sort:hover { text-decoration: underline; }
tbody th { text-align: left; font-weight: normal; position: sticky; left: 0; background: var(--vscode-editor-background); }
td { text-align: center; white-space: nowrap; }
.in-place { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.missing { color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground)); }
td.in-place { background: color-mix(in srgb, var(--vscode-testing-iconPassed, var(--vscode-charts-green)) 12%, transparent); }
td.missing { background: color-mix(in srgb, var(--vscode-testing-iconFailed, var(--vscode-errorForeground)) 14%, transparent); }
.unknown { color: var(--vscode-editorWarning-foreground, var(--vscode-descriptionForeground)); }
.not-applicable { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
button { font: inherit; color: inherit; background: none; border: none; padding: 0; cursor: pointer; }
button.link, button.rule { color: var(--vscode-textLink-foreground); }
button.rule { font-size: 0.85em; }
button.link:hover, button.rule:hover, button.cell:hover { text-decoration: underline; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button.refresh { color: var(--vscode-button-foreground); background: var(--vscode-button-background); padding: 2px 10px; border-radius: 2px; }
button.refresh:hover { background: var(--vscode-button-hoverBackground); }
`;

// Runs in the webview: clicks become messages to the extension; nothing else happens on the page.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;
  const action = target.getAttribute('data-action');
  if (action === 'open') vscode.postMessage({ type: 'open', uri: target.getAttribute('data-uri'), line: Number(target.getAttribute('data-line')), character: Number(target.getAttribute('data-character')) });
  else if (action === 'doc') vscode.postMessage({ type: 'doc', ruleId: target.getAttribute('data-rule') });
  else if (action === 'refresh') vscode.postMessage({ type: 'refresh' });
  else if (action === 'sort') sortBy(target.getAttribute('data-key'));
});
const body = document.querySelector('tbody');
let order = { key: '', descending: false };
function sortBy(key) {
  order = { key, descending: order.key === key ? !order.descending : key === 'missing' };
  const rows = Array.from(body.querySelectorAll('tr'));
  const value = (row) => (key === 'missing' ? Number(row.getAttribute('data-missing')) : row.getAttribute('data-' + key) || '');
  rows.sort((a, b) => {
    const x = value(a), y = value(b);
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return order.descending ? -c : c;
  });
  for (const row of rows) body.appendChild(row);
}
const filter = document.querySelector('input[data-action="filter"]');
filter.addEventListener('input', () => {
  const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
  for (const row of body.querySelectorAll('tr')) {
    const text = row.getAttribute('data-search') || '';
    row.hidden = !words.every((w) => text.includes(w));
  }
});
`;
