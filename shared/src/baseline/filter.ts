import type { Diagnostic } from '../types';
import { baselineKey, type Baseline } from './file';

/** A file's diagnostics (with their fingerprints, in the same order) split into new ones and the baseline's. */
export function splitByBaseline<D extends Pick<Diagnostic, 'ruleId'>>(
  baseline: Baseline,
  path: string,
  diagnostics: readonly D[],
  fingerprints: readonly string[],
): { fresh: D[]; freshFingerprints: string[]; baselined: number } {
  const fresh: D[] = [];
  const freshFingerprints: string[] = [];
  diagnostics.forEach((d, i) => {
    if (baseline.keys.has(baselineKey(path, d.ruleId, fingerprints[i]))) return;
    fresh.push(d);
    freshFingerprints.push(fingerprints[i]);
  });
  return { fresh, freshFingerprints, baselined: diagnostics.length - fresh.length };
}
