/**
 * The posture matrix as Markdown (`bulkhead report`), for a pull request or a wiki page: one table of rows and
 * mitigations, then per row what is missing (with the finding's place), what is unknown and why, and what the image's
 * profile says. Pure. Everything from the workspace (names, paths, messages, reasons) goes through `markdownText` or
 * `markdownCode`: the report renders in a pull request, where a service name must not become a link or HTML.
 */
import { ruleDocUrl } from '../../../shared/src/docs';
import { markdownCode, markdownText, type MarkdownPlace } from '../../../shared/src/markdown-text';
import type { CellStatus, PostureCell, PostureMatrix, PostureRow } from '../../../shared/src/report/posture';

const SYMBOL: Record<CellStatus, string> = { 'in-place': '✓', missing: '✗', unknown: '?', 'not-applicable': '–' };

export function formatPostureMarkdown(matrix: PostureMatrix): string {
  const lines: string[] = ['# Security posture', ''];
  const t = matrix.totals;
  if (!matrix.rows.length) {
    lines.push('No Compose service or Dockerfile was found.', '');
    return finish(lines, matrix);
  }
  lines.push(
    `${matrix.rows.length} ${matrix.rows.length === 1 ? 'row' : 'rows'}: ${t['in-place']} in place, ${t.missing} missing, ${t.unknown} unknown. ✓ in place · ✗ missing · ? unknown · – not applicable.`,
    '',
  );
  lines.push(`| Runs as | File | ${matrix.columns.map((c) => markdownText(c.title, TABLE)).join(' | ')} |`);
  lines.push(`|---|---|${matrix.columns.map(() => ':-:').join('|')}|`);
  for (const row of matrix.rows)
    lines.push(
      `| ${label(row, TABLE)} | ${markdownCode(row.subject.path, TABLE)} | ${row.cells.map((c) => SYMBOL[c.status]).join(' | ')} |`,
    );
  lines.push('', '## Details', '');
  for (const row of matrix.rows) {
    const details = rowDetails(row, matrix);
    if (!details.length) continue;
    lines.push(`### ${label(row)} — ${markdownCode(row.subject.path)}`, '', ...details, '');
  }
  return finish(lines, matrix);
}

function finish(lines: string[], matrix: PostureMatrix): string {
  if (matrix.skipped.length) {
    lines.push('## Not analysed', '');
    for (const s of matrix.skipped) lines.push(`- ${markdownCode(s.path)}: ${markdownText(s.reason)}`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

const TABLE: MarkdownPlace = { table: true };

function label(row: PostureRow, place: MarkdownPlace = {}): string {
  const { subject } = row;
  if (subject.kind === 'compose') return `service ${markdownCode(subject.name, place)}`;
  if (subject.kind === 'devcontainer') return `dev container ${markdownCode(subject.name, place)}`;
  return subject.name === 'final stage' ? 'final stage' : `stage ${markdownCode(subject.name, place)}`;
}

function rowDetails(row: PostureRow, matrix: PostureMatrix): string[] {
  const out: string[] = [];
  if (row.note) out.push(`> ${markdownText(row.note)}`, '');
  const profile = row.subject.facts?.profile;
  if (profile)
    out.push(
      `Image profile ${markdownCode(profile.id)} (${markdownText(profile.title)}): ${profile.facts.map((f) => markdownText(f.replace(/\.$/, ''))).join('; ')}.`,
      '',
    );
  const title = (c: PostureCell) => markdownText(matrix.columns.find((col) => col.key === c.column)?.title ?? c.column);
  for (const c of row.cells) {
    if (c.status === 'missing') {
      if (!c.findings.length) out.push(`- ✗ **${title(c)}**: ${markdownText(c.reason ?? 'missing')}`);
      for (const f of c.findings)
        out.push(
          `- ✗ **${title(c)}**: line ${f.range.start.line + 1}, [${markdownCode(f.ruleId)}](${ruleDocUrl(f.ruleId)}): ${markdownText(f.message)}`,
        );
    } else if (c.status === 'unknown') out.push(`- ? **${title(c)}**: ${markdownText(c.reason ?? 'unknown')}`);
    else if (c.status === 'in-place' && c.reason) out.push(`- ✓ **${title(c)}**: ${markdownText(c.reason)}`);
  }
  return out;
}
