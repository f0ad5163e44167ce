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

/** Empty: the two classes the first campaigns found, (1) variable doubling and (4) lone CR, are fixed. */
export const KNOWN_OPEN: KnownOpen[] = [];

export function knownDefect(failure: Failure, text: string): string | undefined {
  return KNOWN_OPEN.find((k) => k.matches(failure, text))?.defect;
}
