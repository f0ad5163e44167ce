/**
 * Bounds on variable expansion, shared by Dockerfile substitution (dockerfile/expand.ts) and Compose interpolation
 * (compose/interpolate.ts). A file of a few lines can double a value at each line (`ENV A2=${A1}${A1}`,
 * `A3=${A2}${A2}`, …) to gigabytes, and a long value referenced many times multiplies it: Bulkhead follows a value up
 * to a length and a file's expansions up to an amount of work, treats what lies past them as unknown, and says where.
 */
import type { Range } from './types';

/**
 * The longest value Bulkhead follows. Real values are far shorter (an image name, a path, a port; a long `PATH` is a
 * few hundred characters), while a worker's heap holds many of this size with ease.
 */
export const MAX_EXPANDED_LENGTH = 64 * 1024;

/**
 * The characters one file's expansions may insert, all together; each substitution counts one more, so a flood of
 * empty values is bounded too. 64 values of the longest length: milliseconds of copying, a few MB of heap.
 */
export const MAX_EXPANSION_WORK = 64 * MAX_EXPANDED_LENGTH;

/** A value past MAX_EXPANDED_LENGTH: unknown, yet set, so `${X:-default}` is not the default. */
export const TOO_LONG: unique symbol = Symbol('too long');
export type TooLong = typeof TOO_LONG;

function describeLength(chars: number): string {
  return chars % (1024 * 1024) === 0 ? `${chars / 1024 / 1024} Mi characters` : `${chars / 1024} KiB`;
}

/**
 * The message for a variable whose own value passes MAX_EXPANDED_LENGTH. Variables that take it in are not reported
 * again: one diagnostic per cause, not one per variable it reaches (a doubling chain would give one per line).
 */
export function tooLongMessage(name: string, where = ''): string {
  return `\`${name}\`${where} expands to more than ${describeLength(MAX_EXPANDED_LENGTH)}: Bulkhead treats its value, and every value that uses it, as unknown.`;
}

export const TOO_LONG_USE = `This value expands to more than ${describeLength(MAX_EXPANDED_LENGTH)}: Bulkhead treats it as unknown.`;

export const WORK_SPENT = `Variables in this file expand to more than ${describeLength(MAX_EXPANSION_WORK)} in all: Bulkhead treats this value and every later expanded one as unknown.`;

/**
 * One file's expansion work, and where it reports what it did not follow (the model's `notChecked`), each spot once
 * however often it is expanded.
 */
export class ExpansionBudget {
  private used = 0;
  private readonly reported = new Set<string>();

  constructor(private readonly notChecked?: { range: Range; message: string }[]) {}

  /** Counts `chars` inserted by one substitution; false once the file's work is spent. */
  charge(chars: number): boolean {
    if (this.exhausted) return false;
    this.used += chars + 1;
    return this.used <= MAX_EXPANSION_WORK;
  }

  /** The work counted so far (tests compare it across inputs). */
  get spent(): number {
    return this.used;
  }

  get exhausted(): boolean {
    return this.used > MAX_EXPANSION_WORK;
  }

  /** Reports `message` at `range` unless `key` was reported before; the work spent is reported once per file. */
  report(key: string, range: Range | (() => Range), message: string): void {
    if (message === WORK_SPENT) key = WORK_SPENT;
    if (!this.notChecked || this.reported.has(key)) return;
    this.reported.add(key);
    this.notChecked.push({ range: typeof range === 'function' ? range() : range, message });
  }
}
