import type { Diagnostic, Severity } from '../../shared/src/types';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** How many diagnostics fail a run with this threshold. */
export function countAtOrAbove(diagnostics: Iterable<Diagnostic>, threshold: Severity): number {
  let count = 0;
  for (const d of diagnostics) if (atOrAbove(d.severity, threshold)) count++;
  return count;
}
