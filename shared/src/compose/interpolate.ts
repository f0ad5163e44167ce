/**
 * Compose variable interpolation, read statically. Variables come from the `.env` beside the compose file; the shell
 * environment compose will run in is unknown, so:
 * - `${VAR}` / `$VAR` / `${VAR:?err}` / `${VAR?err}` / `${VAR:+alt}` with VAR not in `.env` → unknown;
 * - `${VAR:-default}` / `${VAR-default}` with VAR not in `.env` → the default (what `docker compose config` gives in a
 *   clean environment, and what the author documents as the normal value);
 * - `$$` → `$`.
 * An unknown part makes the whole value unknown: rules never guess.
 */

export type Variables = ReadonlyMap<string, string>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The value after interpolation, or undefined when some variable's value cannot be known. */
export function interpolate(text: string, vars: Variables): string | undefined {
  if (!text.includes('$')) return text;
  const result = expand(text, 0, vars, false);
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
}

/**
 * Expands from `start` to the end of text, or (inside `${…}` defaults, `nested`) to the `}` that closes the current
 * expression. Returns undefined on malformed syntax (compose refuses those files too).
 */
function expand(text: string, start: number, vars: Variables, nested: boolean): Expansion | undefined {
  let value = '';
  let unknown = false;
  let i = start;
  while (i < text.length) {
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
      const braced = expandBraced(text, i + 2, vars);
      if (!braced) return undefined;
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
    if (known === undefined) unknown = true;
    else value += known;
    i += 1 + name.length;
  }
  return nested ? undefined : { value, unknown, end: i };
}

/** `NAME}`, `NAME:-default}`, `NAME?err}` … starting after `${`; `end` is the offset of the closing `}`. */
function expandBraced(text: string, start: number, vars: Variables): Expansion | undefined {
  const name = NAME.exec(text.slice(start))?.[0];
  if (!name) return undefined;
  let i = start + name.length;
  const known = vars.get(name);
  if (text[i] === '}') return { value: known ?? '', unknown: known === undefined, end: i };
  const colon = text[i] === ':';
  if (colon) i++;
  const op = text[i];
  if (op !== '-' && op !== '?' && op !== '+') return undefined;
  const rest = expand(text, i + 1, vars, true);
  if (!rest) return undefined;
  const set = known !== undefined && (!colon || known !== '');
  switch (op) {
    case '-':
      if (known !== undefined) return { value: set ? known : rest.value, unknown: set ? false : rest.unknown, end: rest.end };
      return { value: rest.value, unknown: rest.unknown, end: rest.end };
    case '?':
      return { value: known ?? '', unknown: !set, end: rest.end };
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
export function parseDotEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, raw] = m;
    let value: string;
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1);
      value = close > 0 ? raw.slice(1, close) : raw.slice(1);
    } else if (raw.startsWith('"')) {
      // A double-quoted value may span lines.
      let body = raw.slice(1);
      while (!/(^|[^\\])"/.test(body) && n + 1 < lines.length) body += '\n' + lines[++n];
      const close = body.search(/(^|[^\\])"/);
      const inner = close < 0 ? body : body.slice(0, body[close] === '"' ? close : close + 1);
      value = inner.replace(/\\(["\\$nrt])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
      value = interpolate(value, vars) ?? value;
    } else {
      value = raw.replace(/\s+#.*$/, '').trim();
      value = interpolate(value, vars) ?? value;
    }
    vars.set(key, value);
  }
  return vars;
}
