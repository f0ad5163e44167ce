/**
 * Dockerfile variable substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`,
 * `${VAR+alt}`), the one place a Dockerfile's values are expanded, within the bounds of ../expansion.ts.
 */
import {
  ExpansionBudget,
  MAX_EXPANDED_LENGTH,
  TOO_LONG,
  TOO_LONG_USE,
  WORK_SPENT,
  tooLongMessage,
  type TooLong,
} from '../expansion';
import type { Range } from '../types';

/** A variable's value: its text, undefined when only the build knows it, TOO_LONG past the length Bulkhead follows. */
export type Value = string | undefined | TooLong;

/** The variables an expansion sees (a Map is one). */
export interface Scope {
  get(name: string): Value;
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

interface Result {
  value: Value;
  /** Why the value is TOO_LONG: a value it inserts already was, this text crosses the bound, or the work is spent. */
  cause?: 'inherited' | 'length' | 'work';
}

function run(text: string, vars: Scope, budget: ExpansionBudget): Result {
  if (!text.includes('$')) return { value: text };
  if (budget.exhausted) return { value: TOO_LONG, cause: 'work' };
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m; m = REFERENCE.exec(text)) {
    const [whole, braced, op, word, bare] = m;
    const value = vars.get((braced ?? bare) as string);
    const set = value === TOO_LONG || (value !== undefined && value !== '');
    let inserted: Value;
    if (op === ':-' || op === '-') inserted = set || (op === '-' && value !== undefined) ? value : word;
    else if (op === ':+' || op === '+') inserted = set ? word : '';
    else inserted = value;
    // An unknown part leaves the whole unknown: nothing more to expand.
    if (inserted === undefined) return { value: undefined };
    if (inserted === TOO_LONG) return { value: TOO_LONG, cause: 'inherited' };
    if (!budget.charge(inserted.length)) return { value: TOO_LONG, cause: 'work' };
    length += m.index - last + inserted.length;
    if (length > MAX_EXPANDED_LENGTH) return { value: TOO_LONG, cause: 'length' };
    parts.push(text.slice(last, m.index), inserted);
    last = m.index + whole.length;
  }
  if (length + text.length - last > MAX_EXPANDED_LENGTH) return { value: TOO_LONG, cause: 'length' };
  parts.push(text.slice(last));
  return { value: parts.join('') };
}

/**
 * Replaces variables with their values. Returns undefined when a variable has no known value (an unknown stays
 * unknown, never a guess) or the result would pass MAX_EXPANDED_LENGTH.
 */
export function substitute(text: string, vars: Scope, budget = new ExpansionBudget()): string | undefined {
  const { value } = run(text, vars, budget);
  return value === TOO_LONG ? undefined : value;
}

/** A Dockerfile's expansions: one budget for the file, and what was not followed reported at its spot. */
export class Expander {
  readonly budget: ExpansionBudget;

  constructor(notChecked: { range: Range; message: string }[]) {
    this.budget = new ExpansionBudget(notChecked);
  }

  /**
   * The value an ARG or ENV at `at` gives `name`. A value that passes the bound here is reported here; one that takes
   * in a variable already past it is not reported again.
   */
  define(name: string, text: string, vars: Scope, at: Range): Value {
    const { value, cause } = run(text, vars, this.budget);
    if (value === TOO_LONG && cause !== 'inherited')
      this.budget.report(
        `${name}@${at.start.line}:${at.start.character}`,
        at,
        cause === 'work' ? WORK_SPENT : tooLongMessage(name),
      );
    return value;
  }

  /**
   * A value as an instruction uses it (a FROM image, an EXPOSE port, an ADD source): undefined when unknown. A value
   * that only passes the bound through a variable is reported where that variable is set, not at each use.
   */
  use(text: string, vars: Scope, at: Range | (() => Range)): string | undefined {
    const { value, cause } = run(text, vars, this.budget);
    if (value !== TOO_LONG) return value;
    if (cause !== 'inherited') {
      const range = typeof at === 'function' ? at() : at;
      this.budget.report(
        `@${range.start.line}:${range.start.character}`,
        range,
        cause === 'work' ? WORK_SPENT : TOO_LONG_USE,
      );
    }
    return undefined;
  }
}
