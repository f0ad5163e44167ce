import type { Summary } from './stats';

/** One figure of the report, with its same-run baseline and target when it has them. */
export interface Row {
  name: string;
  unit: 'ms' | 'files/s' | 'MB' | 'KB' | 's';
  /** Median, or the single value of a one-off measurement (a size). */
  value: number;
  p95?: number;
  p99?: number;
  /** Spread as printed: `±x% MAD, n=…`, or `min–max`. */
  spread?: string;
  baseline?: { name: string; value: number; unit: Row['unit'] };
  /** This ÷ baseline, as the target reads it (for throughput: time ÷ time). */
  ratio?: number;
  target?: { text: string; met: boolean };
  note?: string;
}

export interface Section {
  id: number;
  title: string;
  rows: Row[];
  /** Parts that could not run, and why. */
  skipped: string[];
  /** Method and context, printed under the table. */
  notes: string[];
}

export function section(id: number, title: string): Section {
  return { id, title, rows: [], skipped: [], notes: [] };
}

export function spreadOf(summary: Summary): string {
  if (summary.n < 2) return `n=${summary.n}`;
  const relative = summary.median ? (100 * summary.mad) / summary.median : 0;
  return `±${relative.toFixed(relative < 10 ? 1 : 0)}% (n=${summary.n})`;
}

export function formatValue(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (unit === 'files/s') return `${Math.round(value).toLocaleString('en-US')} files/s`;
  if (unit === 'ms')
    return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${value.toFixed(1)} KB`;
}

export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined || Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}×`;
}

function met(row: Row): string {
  if (!row.target) return '';
  return row.target.met ? `✅ ${row.target.text}` : `❌ ${row.target.text}`;
}

const COLUMNS = ['Measurement', 'Median', 'p95', 'p99', 'Spread', 'Baseline (same run)', 'Ratio', 'Target'];

function cells(row: Row): string[] {
  return [
    row.name + (row.note ? ` (${row.note})` : ''),
    formatValue(row.value, row.unit),
    formatValue(row.p95, row.unit),
    formatValue(row.p99, row.unit),
    row.spread ?? '',
    row.baseline ? `${row.baseline.name}: ${formatValue(row.baseline.value, row.baseline.unit)}` : '',
    formatRatio(row.ratio),
    met(row),
  ];
}

/** A plain-text table for the terminal. */
export function printSection(s: Section): void {
  console.log(`\n${s.id}. ${s.title}`);
  for (const reason of s.skipped) console.log(`   SKIPPED: ${reason}`);
  if (!s.rows.length) return;
  const table = [COLUMNS, ...s.rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const used = widths.map((w, i) => (table.slice(1).some((r) => r[i] !== '') || i === 0 ? w : 0));
  for (const [n, r] of table.entries()) {
    console.log(
      '   ' +
        r
          .map((c, i) => (used[i] ? c.padEnd(used[i]) : ''))
          .filter((c, i) => used[i])
          .join('  '),
    );
    if (n === 0)
      console.log(
        '   ' +
          used
            .filter(Boolean)
            .map((w) => '-'.repeat(w))
            .join('  '),
      );
  }
}

export function markdownSection(s: Section): string {
  const out = [`## ${s.id}. ${s.title}`, ''];
  for (const reason of s.skipped) out.push(`> **Skipped:** ${reason}`, '');
  if (s.rows.length) {
    const used = COLUMNS.map((_, i) => i === 0 || s.rows.some((r) => cells(r)[i] !== ''));
    const pick = (r: string[]) => r.filter((_, i) => used[i]);
    out.push(
      `| ${pick(COLUMNS).join(' | ')} |`,
      `|${pick(COLUMNS)
        .map(() => '---')
        .join('|')}|`,
    );
    for (const row of s.rows)
      out.push(
        `| ${pick(cells(row))
          .map((c) => c.replace(/\|/g, '\\|'))
          .join(' | ')} |`,
      );
    out.push('');
  }
  for (const note of s.notes) out.push(`- ${note}`);
  if (s.notes.length) out.push('');
  return out.join('\n');
}
