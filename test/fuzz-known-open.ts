/**
 * Failure classes of defects of issue 13 fixed in other branches, by a predicate on the failure and its input. The
 * fuzz test excuses them (as todo, never as passing) and `npm run fuzz` counts them apart. The lead removes an entry
 * when its fix merges; the fixtures it excused then become that fix's regression tests.
 */
import type { Failure } from '../scripts/fuzz/properties';

export interface KnownOpen {
  /** The defect, and the files its fix is in. */
  defect: string;
  matches(failure: Failure, text: string): boolean;
}

/** A value of ENV or ARG that names one variable twice or more: a chain of them doubles a value at every line. */
function doublesAVariable(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((line) => {
    const m = /^\s*(?:ENV|ARG)\s+\w+[= ](.*)$/i.exec(line);
    if (!m) return false;
    const names = [...m[1].matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((r) => r[1]);
    return names.some((n, i) => names.indexOf(n) !== i);
  });
}

export const KNOWN_OPEN: KnownOpen[] = [
  {
    defect: '(1) exponential variable expansion in Dockerfile ENV/ARG (shared/src/dockerfile/model.ts substitute)',
    matches: (f, text) => ['internal-error', 'exception', 'hang'].includes(f.property) && doublesAVariable(text),
  },
  {
    defect: '(4) lone CR line breaks in Dockerfiles and compose files',
    matches: (_f, text) => /\r(?!\n)/.test(text),
  },
];

export function knownDefect(failure: Failure, text: string): string | undefined {
  return KNOWN_OPEN.find((k) => k.matches(failure, text))?.defect;
}
