/**
 * The posture matrix as Markdown (`bulkhead report`), for a pull request or a wiki page: one table of rows and
 * mitigations, then per row what is missing (with the finding's place), what is unknown and why, and what the image's
 * profile says. Pure.
 */
import { ruleDocUrl } from '../../../shared/src/docs';
import type { CellStatus, PostureCell, PostureMatrix, PostureRow } from '../../../shared/src/report/posture';

const SYMBOL: Record<CellStatus, string> = { 'in-place': '✓', missing: '✗', unknown: '?', 'not-applicable': '–' };

export function formatPostureMarkdown(matrix: PostureMatrix): string {
  const lines: string[] = ['# Security posture', ''];
  const t = matrix.totals;
  if (!matrix.rows.length) {
    lines.push('No Compose service or Dockerfile was found.', '');
    return finish(lines, matrix);
  }
  lines.push(`${matrix.rows.length} ${matrix.rows.length === 1 ? 'row' : 'rows'}: ${t['in-place']} in place, ${t.missing} missing, ${t.unknown} unknown. ✓ in place · ✗ missing · ? unknown · – not applicable.`, '');
  lines.push(`| Runs as | File | ${matrix.columns.map((c) => cell(c.title)).join(' | ')} |`);
  lines.push(`|---|---|${matrix.columns.map(() => ':-:').join('|')}|`);
  for (const row of matrix.rows) lines.push(`| ${cell(label(row))} | \`${cell(row.subject.path)}\` | ${row.cells.map((c) => SYMBOL[c.status]).join(' | ')} |`);
  lines.push('', '## Details', '');
  for (const row of matrix.rows) {
    const details = rowDetails(row, matrix);
    if (!details.length) continue;
    lines.push(`### ${label(row)} — \`${row.subject.path}\``, '', ...details, '');
  }
  return finish(lines, matrix);
}

function finish(lines: string[], matrix: PostureMatrix): string {
  if (matrix.skipped.length) {
    lines.push('## Not analysed', '');
    for (const s of matrix.skipped) lines.push(`- \`${s.path}\`: ${s.reason}`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

function label(row: PostureRow): string {
  const { subject } = row;
  if (subject.kind === 'compose') return `service \`${subject.name}\``;
  return subject.name === 'final stage' ? 'final stage' : `stage \`${subject.name}\``;
}

function rowDetails(row: PostureRow, matrix: PostureMatrix): string[] {
  const out: string[] = [];
  if (row.note) out.push(`> ${row.note}`, '');
  const profile = row.subject.facts?.profile;
  if (profile) out.push(`Image profile \`${profile.id}\` (${profile.title}): ${profile.facts.map((f) => f.replace(/\.$/, '')).join('; ')}.`, '');
  const title = (c: PostureCell) => matrix.columns.find((col) => col.key === c.column)?.title ?? c.column;
  for (const c of row.cells) {
    if (c.status === 'missing') {
      if (!c.findings.length) out.push(`- ✗ **${title(c)}**: ${c.reason ?? 'missing'}`);
      for (const f of c.findings) out.push(`- ✗ **${title(c)}**: line ${f.range.start.line + 1}, [\`${f.ruleId}\`](${ruleDocUrl(f.ruleId)}): ${f.message}`);
    } else if (c.status === 'unknown') out.push(`- ? **${title(c)}**: ${c.reason ?? 'unknown'}`);
    else if (c.status === 'in-place' && c.reason) out.push(`- ✓ **${title(c)}**: ${c.reason}`);
  }
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
