import type { Diagnostic, Severity } from '../../../shared/src/types';
import { showControls } from '../../../shared/src/visible-controls';
import type { ScanReport, ScannedFile } from '../scan';
import type { Palette } from './colors';

/**
 * The report for people: one line per problem, `path:line:col severity rule-id message` (1-based, as editors and
 * compilers show them, so terminals make them links), grouped per file; then what was fixed, what was skipped and why,
 * and a summary line. Paths, messages and reasons come from the workspace: `showControls` keeps each on its line and
 * keeps escape sequences away from the terminal.
 */
export function formatText(report: ScanReport, paint: Palette): string {
  const out: string[] = [];
  const fixedFiles = report.files.filter((f) => f.fixed.length);
  if (fixedFiles.length) {
    const total = fixedFiles.reduce((n, f) => n + f.fixed.length, 0);
    out.push(paint.bold(`Fixed ${plural(total, 'problem')} in ${plural(fixedFiles.length, 'file')}:`));
    for (const file of fixedFiles)
      out.push(`  ${showControls(file.path)}: ${showControls(countByRule(file.fixed.map((f) => f.ruleId)))}`);
    out.push('');
  }

  const withProblems = report.files.filter((f) => f.diagnostics.length);
  for (const file of withProblems) {
    for (const d of file.diagnostics) out.push(problemLine(file, d, paint));
    out.push('');
  }

  const skipped = report.files.filter((f) => f.skipped !== null);
  if (skipped.length) {
    out.push(paint.bold(`Skipped ${plural(skipped.length, 'file')}:`));
    for (const file of skipped) out.push(`  ${showControls(file.path)}: ${showControls(file.skipped ?? '')}`);
    out.push('');
  }

  const scanned = report.files.length - skipped.length;
  if (report.files.length === 0) out.push('No Dockerfile or Compose file found.');
  out.push(summaryLine(report, scanned, paint));
  return out.join('\n') + '\n';
}

/** Just the problem lines: `--quiet`. */
export function formatTextQuiet(report: ScanReport, paint: Palette): string {
  const lines = report.files.flatMap((file) => file.diagnostics.map((d) => problemLine(file, d, paint)));
  return lines.length ? lines.join('\n') + '\n' : '';
}

const SEVERITY_STYLE: Record<Severity, keyof Palette> = { error: 'red', warning: 'yellow', info: 'cyan' };

function problemLine(file: ScannedFile, d: Diagnostic, paint: Palette): string {
  const where = `${showControls(file.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const severity = paint[SEVERITY_STYLE[d.severity]](d.severity);
  // One problem, one line: a message never breaks the `path:line:col` shape that tools parse.
  return `${paint.bold(where)} ${severity} ${paint.dim(showControls(d.ruleId))} ${showControls(d.message)}`;
}

function summaryLine(report: ScanReport, scanned: number, paint: Palette): string {
  const count = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const file of report.files) {
    for (const d of file.diagnostics) count[d.severity]++;
    fixable += file.fixable ?? file.diagnostics.filter((d) => d.fixes.some((f) => f.safe)).length;
  }
  const total = count.error + count.warning + count.info;
  let line = `${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${plural(count.info, 'info')}) in ${plural(scanned, 'file')}`;
  if (fixable && !report.fixed) line += `; ${fixable} fixable with --fix`;
  if (report.baseline) {
    line += `; ${report.baseline.baselined} in the baseline not shown`;
    if (report.baseline.fixedSince) line += `, ${report.baseline.fixedSince} fixed since the baseline`;
  }
  if (report.changedSince)
    line += `; ${report.changedSince.unchanged} on lines unchanged since ${showControls(report.changedSince.ref)} not shown`;
  const style = count.error ? paint.red : count.warning ? paint.yellow : total ? paint.cyan : paint.green;
  return paint.bold(style(line));
}

function countByRule(ruleIds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const id of ruleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n > 1 ? `${id} (${n})` : id)).join(', ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
