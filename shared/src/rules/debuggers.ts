/**
 * Debuggers that run whatever code they are sent, as they are turned on in a command line or an environment
 * variable: shared by `image/debugger-exposed` (Dockerfiles) and `container/debugger-exposed` (compose services).
 */

export type DebuggerKind = 'flaskDebug' | 'nodeInspector' | 'jdwp' | 'debugpy';

export interface DebuggerWords {
  kind: DebuggerKind;
  text: string;
  /** The words that turn it on, first and last (indexes into the command's words). */
  first: number;
  last: number;
}

/** The debuggers a command's words turn on for every interface; words of unknown value (`dynamic`) are not read. */
export function debuggersIn(words: readonly { value: string; dynamic?: boolean }[]): DebuggerWords[] {
  const found: DebuggerWords[] = [];
  const program = words[0] && !words[0].dynamic ? words[0].value.slice(words[0].value.lastIndexOf('/') + 1) : '';
  const runsDebugpy = words.some((w) => !w.dynamic && /(^|\/)debugpy$/.test(w.value));
  words.forEach((word, i) => {
    if (word.dynamic) return;
    if (opensInspector(word.value)) found.push({ kind: 'nodeInspector', text: word.value, first: i, last: i });
    else if (opensJdwp(word.value)) found.push({ kind: 'jdwp', text: word.value, first: i, last: i });
    else if (program === 'flask' && word.value === '--debug')
      found.push({ kind: 'flaskDebug', text: 'flask --debug', first: i, last: i });
    else if (runsDebugpy && word.value === '--listen' && words[i + 1] && !words[i + 1].dynamic) {
      // debugpy --listen [HOST:]PORT, also `python -m debugpy --listen …`; the host defaults to 127.0.0.1.
      const address = words[i + 1].value;
      if (everyInterface(address.slice(0, Math.max(address.lastIndexOf(':'), 0))))
        found.push({ kind: 'debugpy', text: `--listen ${address}`, first: i, last: i + 1 });
    }
  });
  return found;
}

/** Environment variables the JVM reads its options from (the launcher, and the start scripts of most images). */
export const JAVA_OPTION_VARIABLES = new Set(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'JAVA_OPTS']);

/** Flask's `get_debug_flag`: set, and not one of the words for off. */
export function flaskReadsOn(value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  return v !== '' && !['0', 'false', 'no'].includes(v.toLowerCase());
}

/** `--inspect=0.0.0.0:9229`, `--inspect-brk=[::]`, `--inspect-wait=0.0.0.0`. */
export function opensInspector(word: string): boolean {
  const m = /^--inspect(?:-brk|-wait)?=(.+)$/.exec(word.replace(/^(["'])(.*)\1$/, '$2'));
  if (!m) return false;
  const address = m[1];
  const host = address.startsWith('[') ? address.slice(0, address.indexOf(']') + 1) : address.split(':')[0];
  return everyInterface(host);
}

/** `-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005` (or `-Xrunjdwp:`), listening on every interface. */
export function opensJdwp(word: string): boolean {
  const m = /^(?:-agentlib:jdwp=|-Xrunjdwp:)(.*)$/.exec(word.replace(/^(["'])(.*)\1$/, '$2'));
  if (!m) return false;
  const options = new Map(m[1].split(',').map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]));
  const address = options.get('address') ?? '';
  return (
    options.get('server') === 'y' && address.includes(':') && everyInterface(address.slice(0, address.lastIndexOf(':')))
  );
}

export function everyInterface(host: string): boolean {
  return ['0.0.0.0', '*', '[::]', '::'].includes(host);
}
