/**
 * Compose variable interpolation, read statically. Variables come from the `.env` beside the compose file; the shell
 * environment compose will run in is unknown, so:
 * - `${VAR}` / `$VAR` / `${VAR:?err}` / `${VAR?err}` / `${VAR:+alt}` with VAR not in `.env` → unknown;
 * - `${VAR:-default}` / `${VAR-default}` with VAR not in `.env` → the default (what `docker compose config` gives in a
 *   clean environment, and what the author documents as the normal value);
 * - `$$` → `$`.
 * An unknown part makes the whole value unknown: rules never guess.
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

/** A variable's value, or TOO_LONG past the length Bulkhead follows (see ../expansion.ts). */
export type Value = string | TooLong;

/**
 * `${A:-${B:-${C}}}` levels Bulkhead follows: real files nest two or three; each level is a step of recursion, so a
 * file nesting thousands deep would otherwise exhaust the stack.
 */
export const MAX_NESTING = 32;

const TOO_DEEP = `This value nests \`\${…}\` defaults more than ${MAX_NESTING} deep: Bulkhead treats it as unknown.`;

function tooDeepMessage(name: string): string {
  return `\`${name}\`, set in \`.env\`, nests \`\${…}\` defaults more than ${MAX_NESTING} deep: Bulkhead treats its value, and every value that uses it, as unknown.`;
}

/**
 * The variables a compose file's values are interpolated with (its `.env`), and the expansion budget they all share,
 * which reports what it does not follow into the model's `notChecked`.
 */
export class Variables {
  constructor(
    private readonly values: ReadonlyMap<string, Value> = new Map(),
    readonly budget = new ExpansionBudget(),
    private readonly defaults?: ReadonlyMap<string, string>,
  ) {}

  get(name: string): Value | undefined {
    return this.values.get(name) ?? this.defaults?.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name) || !!this.defaults?.has(name);
  }

  /** The same variables and budget, with `name` standing for `value` where the `.env` does not set it. */
  withDefault(name: string, value: string): Variables {
    return new Variables(this.values, this.budget, new Map([...(this.defaults ?? []), [name, value]]));
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The value after interpolation, or undefined when some variable's value cannot be known, or when the value is past
 * the bounds Bulkhead follows; then `at` (the value's spot) gets a `not-checked`, unless the cause is a `.env`
 * variable, which is reported once where it is read.
 */
export function interpolate(
  text: string,
  vars: Variables | ReadonlyMap<string, string>,
  at?: Range | (() => Range),
): string | undefined {
  if (!text.includes('$')) return text;
  const variables = vars instanceof Variables ? vars : new Variables(vars);
  const result = expand(text, 0, variables, false, 0);
  if (result?.overflow) {
    if (result.overflow !== 'inherited' && at) {
      const range = typeof at === 'function' ? at() : at;
      const message = result.overflow === 'work' ? WORK_SPENT : result.overflow === 'depth' ? TOO_DEEP : TOO_LONG_USE;
      variables.budget.report(`@${range.start.line}:${range.start.character}`, range, message);
    }
    return undefined;
  }
  return result && !result.unknown ? result.value : undefined;
}

/** Whether the text uses a variable at all (`$$` is an escape, not a variable). */
export function usesVariables(text: string): boolean {
  return /\$(?!\$)/.test(text.replace(/\$\$/g, ''));
}

interface Expansion {
  value: string;
  unknown: boolean;
  /** Offset just after what was read. */
  end: number;
  /** Why expansion stopped short: a `.env` value past the bound, this value past it, too deep, or the work spent. */
  overflow?: 'inherited' | 'length' | 'depth' | 'work';
}

const stopped = (overflow: Expansion['overflow']): Expansion => ({ value: '', unknown: true, end: 0, overflow });

/**
 * Expands from `start` to the end of text, or (inside `${…}` defaults, `nested`) to the `}` that closes the current
 * expression. Returns undefined on malformed syntax (compose refuses those files too).
 */
function expand(text: string, start: number, vars: Variables, nested: boolean, depth: number): Expansion | undefined {
  let value = '';
  let unknown = false;
  let i = start;
  while (i < text.length) {
    if (value.length > MAX_EXPANDED_LENGTH) return stopped('length');
    const c = text[i];
    if (nested && c === '}') return { value, unknown, end: i };
    if (c !== '$') {
      value += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      if (depth >= MAX_NESTING) return stopped('depth');
      const braced = expandBraced(text, i + 2, vars, depth + 1);
      if (!braced || braced.overflow) return braced;
      value += braced.value;
      unknown ||= braced.unknown;
      i = braced.end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      value += '$';
      i++;
      continue;
    }
    const known = vars.get(name);
    if (known === TOO_LONG) return stopped('inherited');
    if (known === undefined) unknown = true;
    else if (!vars.budget.charge(known.length)) return stopped('work');
    else value += known;
    i += 1 + name.length;
  }
  if (value.length > MAX_EXPANDED_LENGTH) return stopped('length');
  return nested ? undefined : { value, unknown, end: i };
}

/** `NAME}`, `NAME:-default}`, `NAME?err}` … starting after `${`; `end` is the offset of the closing `}`. */
function expandBraced(text: string, start: number, vars: Variables, depth: number): Expansion | undefined {
  const name = NAME.exec(text.slice(start))?.[0];
  if (!name) return undefined;
  let i = start + name.length;
  const known = vars.get(name);
  if (known !== undefined && known !== TOO_LONG && !vars.budget.charge(known.length)) return stopped('work');
  if (text[i] === '}')
    return known === TOO_LONG ? stopped('inherited') : { value: known ?? '', unknown: known === undefined, end: i };
  const colon = text[i] === ':';
  if (colon) i++;
  const op = text[i];
  if (op !== '-' && op !== '?' && op !== '+') return undefined;
  const rest = expand(text, i + 1, vars, true, depth);
  if (!rest || rest.overflow) return rest;
  const set = known !== undefined && (!colon || known !== '');
  // A value past the bound is set and not empty: what it stands for is unknown, whatever the default.
  if (known === TOO_LONG && op !== '+') return stopped('inherited');
  switch (op) {
    case '-':
      if (known !== undefined)
        return { value: set ? (known as string) : rest.value, unknown: set ? false : rest.unknown, end: rest.end };
      return { value: rest.value, unknown: rest.unknown, end: rest.end };
    case '?':
      return { value: (known as string | undefined) ?? '', unknown: !set, end: rest.end };
    case '+':
      if (known === undefined) return { value: '', unknown: true, end: rest.end };
      return { value: set ? rest.value : '', unknown: set ? rest.unknown : false, end: rest.end };
  }
}

/**
 * A `.env` file as compose reads it: `KEY=value`, `export KEY=value`, `#` comments, single quotes literal, double quotes
 * with escapes, unquoted values cut at ` #`; earlier variables are interpolated into later unquoted and double-quoted
 * values.
 */
export function parseDotEnv(
  text: string,
  budget = new ExpansionBudget(),
  at: Range | (() => Range) = ZERO,
): Map<string, Value> {
  const vars = new Map<string, Value>();
  const variables = new Variables(vars, budget);
  // A value past the bound is reported once, for the variable, at the compose file's reference to its `.env`.
  const read = (key: string, raw: string): Value => {
    if (!raw.includes('$')) return raw;
    const result = expand(raw, 0, variables, false, 0);
    if (!result?.overflow) return result && !result.unknown ? result.value : raw;
    if (result.overflow !== 'inherited')
      budget.report(
        `.env:${key}`,
        at,
        result.overflow === 'work'
          ? WORK_SPENT
          : result.overflow === 'depth'
            ? tooDeepMessage(key)
            : tooLongMessage(key, ', set in `.env`,'),
      );
    return TOO_LONG;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, raw] = m;
    let value: Value;
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1);
      value = close > 0 ? raw.slice(1, close) : raw.slice(1);
    } else if (raw.startsWith('"')) {
      // A double-quoted value may span lines. Each line is searched once, so an unclosed quote stays linear.
      const parts = [raw.slice(1)];
      for (let closed = /(^|[^\\])"/.test(parts[0]); !closed && n + 1 < lines.length;) {
        parts.push(lines[++n]);
        closed = /(^|[^\\])"/.test('\n' + lines[n]);
      }
      const body = parts.join('\n');
      const close = body.search(/(^|[^\\])"/);
      const inner = close < 0 ? body : body.slice(0, body[close] === '"' ? close : close + 1);
      value = inner.replace(/\\(["\\$nrt])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
      value = read(key, value);
    } else {
      value = read(key, raw.replace(/\s+#.*$/, '').trim());
    }
    vars.set(key, value);
  }
  return vars;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
