/**
 * A small POSIX shell reader for what Dockerfiles run: enough to tell commands, their words, pipelines and
 * operators apart, so that rules reason about `curl … | sh` as a pipeline and not as a substring (`echo "curl | sh"`
 * is one `echo` with one argument). It does not evaluate anything.
 *
 * Offsets are absolute in the text given, so findings can point at the exact word.
 */

export interface ShellWord {
  /** The word after quote removal (expansions kept as written: `$HOME` stays `$HOME`). */
  value: string;
  /** Raw span in the source text. */
  start: number;
  end: number;
  /** Whether any part was quoted. */
  quoted: boolean;
  /** Whether the word holds an unexpanded `$…` or backtick, so its value is not known literally. */
  dynamic: boolean;
  /** For a word quoted as one piece ('…' or "…" with no escapes), the offset of its first inner character. */
  innerStart?: number;
}

export interface ShellRedirect {
  operator: string;
  target?: ShellWord;
  start: number;
  end: number;
}

export type ShellOperator = '|' | '|&' | '&&' | '||' | ';' | '&' | '\n' | '(' | ')';

export interface SimpleCommand {
  /** `NAME=value` words before the command name. */
  assignments: ShellWord[];
  /** The command name and its arguments. */
  words: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** The operator that follows this command, if any. */
  next?: ShellOperator;
  /** Index of the pipeline this command belongs to, within its script. */
  pipeline: number;
  /** Set when the command was found inside `$(…)`, backticks or an `sh -c` string. */
  nested?: 'substitution' | 'shell-c';
}

export interface ShellScript {
  commands: SimpleCommand[];
}

export interface ShellOptions {
  /** The Dockerfile escape character: with it, escape+newline is a line continuation (default `\`). */
  escapeChar?: string;
  /**
   * Docker removes comment lines inside a continued instruction before the shell sees them; set for RUN text taken
   * straight from a Dockerfile.
   */
  dockerfileContinuations?: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
/** Reserved words after which a new command starts. */
const COMMAND_PREFIX_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const SKIPPED_KEYWORDS = new Set(['fi', 'done', 'esac', '}']);
const MAX_DEPTH = 4;

export function parseShell(
  text: string,
  baseOffset = 0,
  options: ShellOptions = {},
  depth = 0,
  counter = { next: 0 },
): ShellScript {
  const reader = new ShellReader(text, baseOffset, options, depth, counter);
  return { commands: reader.read() };
}

class ShellReader {
  private pos = 0;
  private commands: SimpleCommand[] = [];
  private nestedCommands: SimpleCommand[] = [];
  private current: SimpleCommand | undefined;
  private pipeline: number;
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private readonly cont: string;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly options: ShellOptions,
    private readonly depth: number,
    private readonly counter: { next: number },
  ) {
    this.cont = options.escapeChar ?? '\\';
    this.pipeline = counter.next++;
  }

  read(): SimpleCommand[] {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (this.isContinuation(this.pos)) {
        this.skipContinuation();
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '#') {
        // A comment runs to the end of the line.
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\n') {
        this.endCommand('\n');
        this.pos++;
        if (this.pendingHeredocs.length) this.skipHeredocBodies();
        continue;
      }
      // `<(…)` / `>(…)` is a process substitution: a word whose commands run, not a redirection.
      const op = this.isProcessSubstitution(this.pos) ? undefined : this.readOperator();
      if (op) {
        if (
          op === '<<' ||
          op === '<<-' ||
          op === '<<<' ||
          op === '>' ||
          op === '>>' ||
          op === '<' ||
          op === '>&' ||
          op === '<&' ||
          op === '&>' ||
          op === '&>>' ||
          op === '>|' ||
          op === '<>'
        ) {
          this.readRedirect(op, this.pos - op.length);
          continue;
        }
        this.endCommand(op as ShellOperator);
        continue;
      }
      // A file-descriptor number right before a redirection (`2>&1`).
      const fd = /^\d+(?=[<>])/.exec(t.slice(this.pos, this.pos + 4));
      if (fd) {
        this.pos += fd[0].length;
        continue;
      }
      const word = this.readWord();
      if (word) this.addWord(word);
    }
    this.endCommand(undefined);
    return [...this.commands, ...withoutRepeats(this.nestedCommands, this.commands)];
  }

  private isProcessSubstitution(at: number): boolean {
    return (this.text[at] === '<' || this.text[at] === '>') && this.text[at + 1] === '(';
  }

  private isContinuation(at: number): boolean {
    const t = this.text;
    if (t[at] !== this.cont && t[at] !== '\\') return false;
    const next = t[at + 1];
    return next === '\n' || (next === '\r' && t[at + 2] === '\n');
  }

  private skipContinuation(): void {
    const t = this.text;
    this.pos += t[this.pos + 1] === '\r' ? 3 : 2;
    if (this.options.dockerfileContinuations) {
      // Docker drops comment lines (and empty lines) inside a continued instruction.
      for (;;) {
        const m = /^[ \t]*(#[^\n]*)?\r?\n/.exec(t.slice(this.pos, this.pos + 4096));
        if (!m || (m[1] === undefined && m[0].trim() !== '')) break;
        if (m[1] === undefined && !/^[ \t]*\r?\n$/.test(m[0])) break;
        this.pos += m[0].length;
      }
    }
  }

  private readOperator(): string | undefined {
    const t = this.text;
    const three = t.slice(this.pos, this.pos + 3);
    const two = t.slice(this.pos, this.pos + 2);
    for (const op of ['<<<', '<<-', '&>>']) if (three === op) return this.take(op);
    for (const op of ['&&', '||', '|&', ';;', '<<', '>>', '>&', '<&', '&>', '>|', '<>']) {
      if (two === op) return this.take(op === ';;' ? ';' : op, 2);
    }
    const one = t[this.pos];
    if ('|&;()<>'.includes(one)) return this.take(one);
    return undefined;
  }

  private take(op: string, length = op.length): string {
    this.pos += length;
    return op;
  }

  private readRedirect(operator: string, start: number): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
    const target = this.readWord();
    const redirect: ShellRedirect = {
      operator,
      target,
      start: this.base + start,
      end: target ? target.end : this.base + this.pos,
    };
    this.ensureCommand(redirect.start).redirects.push(redirect);
    if ((operator === '<<' || operator === '<<-') && target) {
      this.pendingHeredocs.push({ delimiter: target.value, stripTabs: operator === '<<-' });
    }
  }

  /** A heredoc inside a script feeds input to a command; its body is data, skipped at the end of the line. */
  private skipHeredocBodies(): void {
    const t = this.text;
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      for (;;) {
        if (this.pos >= t.length) break;
        const next = t.indexOf('\n', this.pos);
        const line = t.slice(this.pos, next < 0 ? t.length : next).replace(/\r$/, '');
        this.pos = next < 0 ? t.length : next + 1;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private readWord(): ShellWord | undefined {
    const t = this.text;
    const start = this.pos;
    let value = '';
    let quoted = false;
    let dynamic = false;
    let segments = 0;
    let singleSegmentInner: number | undefined;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (this.isContinuation(this.pos)) {
        this.skipContinuation();
        continue;
      }
      if (this.isProcessSubstitution(this.pos)) {
        segments++;
        const close = this.findClosing(this.pos + 2, '(', ')');
        this.readNested(this.pos + 2, close);
        const from = this.pos;
        this.pos = Math.min(t.length, close + 1);
        value += t.slice(from, this.pos);
        dynamic = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || '|&;()<>'.includes(c)) break;
      segments++;
      if (c === "'") {
        const close = t.indexOf("'", this.pos + 1);
        const endAt = close < 0 ? t.length : close;
        if (segments === 1) singleSegmentInner = this.pos + 1;
        value += t.slice(this.pos + 1, endAt);
        this.pos = close < 0 ? t.length : close + 1;
        quoted = true;
        continue;
      }
      if (c === '"') {
        if (segments === 1) singleSegmentInner = this.pos + 1;
        this.pos++;
        while (this.pos < t.length && t[this.pos] !== '"') {
          const d = t[this.pos];
          if (this.isContinuation(this.pos)) {
            // The offsets stay exact: whoever re-reads the inner text from the source skips the same continuation.
            this.skipContinuation();
            continue;
          }
          if (d === '\\' && this.pos + 1 < t.length) {
            const e = t[this.pos + 1];
            if ('$`"\\'.includes(e)) {
              value += e;
              this.pos += 2;
              singleSegmentInner = undefined;
              continue;
            }
          }
          if (d === '$' || d === '`') {
            const expansion = this.readExpansion();
            value += expansion;
            dynamic = true;
            continue;
          }
          value += d;
          this.pos++;
        }
        // Past the closing quote; an unterminated string ends with the text.
        this.pos = Math.min(t.length, this.pos + 1);
        quoted = true;
        continue;
      }
      if (c === '\\' && this.pos + 1 < t.length) {
        value += t[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        value += this.readExpansion();
        dynamic = true;
        continue;
      }
      value += c;
      this.pos++;
    }
    if (this.pos === start) return undefined;
    const word: ShellWord = { value, start: this.base + start, end: this.base + this.pos, quoted, dynamic };
    if (segments === 1 && singleSegmentInner !== undefined) word.innerStart = this.base + singleSegmentInner;
    return word;
  }

  /** Reads `$VAR`, `${…}`, `$(…)`, `$((…))` or a backtick substitution; commands inside are read too. */
  private readExpansion(): string {
    const t = this.text;
    const start = this.pos;
    if (t[this.pos] === '`') {
      const end = this.closingBacktick(this.pos + 1);
      this.readNested(this.pos + 1, end, true);
      this.pos = Math.min(t.length, end + 1);
      return t.slice(start, this.pos);
    }
    const next = t[this.pos + 1];
    if (next === '(') {
      const end = this.findClosing(this.pos + 2, '(', ')');
      if (t[this.pos + 2] !== '(') this.readNested(this.pos + 2, end);
      this.pos = Math.min(t.length, end + 1);
      return t.slice(start, this.pos);
    }
    if (next === '{') {
      const end = this.findClosing(this.pos + 2, '{', '}');
      this.pos = Math.min(t.length, end + 1);
      return t.slice(start, this.pos);
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?/.exec(t.slice(this.pos, this.pos + 256));
    this.pos += m ? m[0].length : 1;
    return t.slice(start, this.pos);
  }

  /** The offset of the backtick that closes one opened before `from` (escaped backticks nest), or the text's end. */
  private closingBacktick(from: number): number {
    const t = this.text;
    for (let i = from; i < t.length; i++) {
      if (t[i] === '\\') i++;
      else if (t[i] === '`') return i;
    }
    return t.length;
  }

  /**
   * The offset of the `close` that balances an `open` before `from`, or the text's end. In `$(…)`, quoted text and
   * nested substitutions do not count: `$(echo ")")` closes at the last parenthesis. `nesting` bounds the recursion on
   * pathological input.
   */
  private findClosing(from: number, open: string, close: string, nesting = 0): number {
    const t = this.text;
    if (nesting > 64) return t.length;
    let level = 1;
    for (let i = from; i < t.length; i++) {
      const c = t[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (open === '(') {
        if (c === "'") {
          const q = t.indexOf("'", i + 1);
          if (q < 0) return t.length;
          i = q;
          continue;
        }
        if (c === '"') {
          i = this.closingDoubleQuote(i + 1, nesting + 1);
          continue;
        }
        if (c === '`') {
          i = this.closingBacktick(i + 1);
          continue;
        }
      }
      if (c === open) level++;
      else if (c === close && --level === 0) return i;
    }
    return t.length;
  }

  /** The offset of the `"` that closes a string opened before `from`, skipping `$(…)` inside it. */
  private closingDoubleQuote(from: number, nesting: number): number {
    const t = this.text;
    for (let i = from; i < t.length; i++) {
      const c = t[i];
      if (c === '\\') i++;
      else if (c === '"') return i;
      else if (c === '$' && t[i + 1] === '(') i = this.findClosing(i + 2, '(', ')', nesting + 1);
      else if (c === '`') i = this.closingBacktick(i + 1);
    }
    return t.length;
  }

  /**
   * Reads the commands of a substitution. Inside backticks, `\``, `\$` and `\\` stand for the character itself; each
   * backslash becomes a space so the inner commands keep their offsets (`` `echo \`id\`` `` runs `echo `id``).
   */
  private readNested(from: number, to: number, backticks = false): void {
    if (this.depth >= MAX_DEPTH) return;
    let inner = this.text.slice(from, to);
    if (backticks) inner = inner.replace(/\\([`$\\])/g, ' $1');
    const script = parseShell(inner, this.base + from, this.options, this.depth + 1, this.counter);
    for (const cmd of script.commands) this.nestedCommands.push({ ...cmd, nested: cmd.nested ?? 'substitution' });
  }

  private ensureCommand(at: number): SimpleCommand {
    if (!this.current) {
      this.current = { assignments: [], words: [], redirects: [], start: at, end: at, pipeline: this.pipeline };
    }
    return this.current;
  }

  private addWord(word: ShellWord): void {
    const cmd = this.current;
    if (!cmd || cmd.words.length === 0) {
      if (!word.quoted && (COMMAND_PREFIX_KEYWORDS.has(word.value) || SKIPPED_KEYWORDS.has(word.value))) return;
      // Only the name must be unquoted: `A="x y" cmd` assigns, `"A=x" cmd` runs a command named `A=x`.
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(this.text.slice(word.start - this.base, word.end - this.base))) {
        const target = this.ensureCommand(word.start);
        target.assignments.push(word);
        target.end = word.end;
        return;
      }
    }
    const target = this.ensureCommand(word.start);
    target.words.push(word);
    target.end = word.end;
  }

  private endCommand(op: ShellOperator | ';' | undefined): void {
    const cmd = this.current;
    if (cmd) {
      cmd.next = op as ShellOperator | undefined;
      this.commands.push(cmd);
      this.current = undefined;
      if (this.depth < MAX_DEPTH) this.expandShellC(cmd);
    }
    if (op !== '|' && op !== '|&') this.pipeline = this.counter.next++;
  }

  private expandShellC(cmd: SimpleCommand): void {
    this.nestedCommands.push(...shellCCommands(cmd, this.text, this.base, this.options, this.depth, this.counter));
  }
}

/**
 * Nested commands minus those already read: `bash -c "$(curl …)"` meets the `curl` once in the word's substitution and
 * again when the `-c` script is read, and a rule must see it once.
 */
function withoutRepeats(nested: SimpleCommand[], outer: SimpleCommand[]): SimpleCommand[] {
  if (nested.length === 0) return nested;
  const key = (c: SimpleCommand) => `${c.start}:${c.end}:${c.words.map((w) => `${w.start}-${w.end}`).join(',')}`;
  const seen = new Set(outer.map(key));
  return nested.filter((c) => {
    const k = key(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `sh -c 'script'`: the script's commands, read as commands too (`nested: 'shell-c'`). */
export function shellCCommands(
  cmd: SimpleCommand,
  text: string,
  base: number,
  options: ShellOptions,
  depth = 0,
  counter = { next: 1_000_000 },
): SimpleCommand[] {
  if (depth >= MAX_DEPTH) return [];
  const words = effectiveWords(cmd);
  if (words.length < 3 || !SHELLS.has(basename(words[0].value))) return [];
  let i = basename(words[0].value) === 'busybox' ? 2 : 1;
  for (; i < words.length; i++) {
    const w = words[i].value;
    if (!w.startsWith('-') || w.startsWith('--')) return [];
    if (/^-[a-z]*c[a-z]*$/i.test(w)) break;
  }
  const script = words[i + 1];
  if (!script) return [];
  const inner =
    script.innerStart !== undefined
      ? parseShell(
          text.slice(script.innerStart - base, script.end - base - 1),
          script.innerStart,
          options,
          depth + 1,
          counter,
        )
      : mapToWord(parseShell(script.value, 0, options, depth + 1, counter), script);
  return inner.commands.map((c) => ({ ...c, nested: c.nested ?? 'shell-c' }));
}

/** When offsets inside a word cannot be mapped exactly, every inner word points at the whole word. */
function mapToWord(script: ShellScript, word: ShellWord): ShellScript {
  const pin = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: word.start, end: word.end });
  return {
    commands: script.commands.map((c) => ({
      ...pin(c),
      assignments: c.assignments.map(pin),
      words: c.words.map((w) => ({ ...pin(w), innerStart: undefined })),
      redirects: c.redirects.map((r) => ({ ...pin(r), target: r.target && pin(r.target) })),
    })),
  };
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** Wrappers that run the command that follows them; their own options are skipped. */
const WRAPPERS: Record<string, { withValue: Set<string> }> = {
  sudo: { withValue: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '--user', '--group']) },
  doas: { withValue: new Set(['-u', '-C']) },
  env: { withValue: new Set(['-u', '-C', '-S', '--unset', '--chdir']) },
  exec: { withValue: new Set(['-a']) },
  command: { withValue: new Set() },
  nice: { withValue: new Set(['-n']) },
  nohup: { withValue: new Set() },
  time: { withValue: new Set() },
  timeout: { withValue: new Set(['-s', '-k', '--signal', '--kill-after']) },
  su_exec: { withValue: new Set() },
  gosu: { withValue: new Set() },
  'su-exec': { withValue: new Set() },
  chroot: { withValue: new Set() },
  xargs: { withValue: new Set(['-I', '-n', '-P', '-d', '-E', '-L', '-s', '-a']) },
};

/**
 * The words of the command that really runs: `sudo -E env FOO=1 apt-get install x` gives `apt-get install x`.
 * `gosu user cmd`, `su-exec user cmd`, `timeout 10 cmd` and `chroot dir cmd` take one positional argument first.
 */
export function effectiveWords(cmd: SimpleCommand): ShellWord[] {
  let words = cmd.words;
  for (let guard = 0; guard < 8 && words.length > 0; guard++) {
    const name = basename(words[0].value);
    // Own keys only: a command named `constructor` or `valueOf` is not a wrapper.
    const wrapper = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (!wrapper) break;
    let i = 1;
    while (i < words.length) {
      const w = words[i].value;
      if (w === '--') {
        i++;
        break;
      }
      if ((name === 'env' || name === 'sudo') && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
        i++;
        continue;
      }
      if (!w.startsWith('-') || w === '-') break;
      // `command -v sshd` only asks whether sshd exists; it runs nothing.
      if (name === 'command' && /^-[pvV]*[vV]/.test(w)) return [];
      i += wrapper.withValue.has(w) ? 2 : 1;
    }
    if (name === 'gosu' || name === 'su-exec' || name === 'su_exec' || name === 'chroot' || name === 'timeout') i++;
    words = words.slice(i);
  }
  return words;
}

/** The words of the command that really runs, with a busybox applet read as itself (`busybox wget …` is wget). */
export function appletWords(cmd: SimpleCommand): ShellWord[] {
  const words = effectiveWords(cmd);
  return words.length && basename(words[0].value) === 'busybox' ? words.slice(1) : words;
}

/** The basename of the command that really runs, or undefined for an empty command. */
export function commandName(cmd: SimpleCommand): string | undefined {
  const words = effectiveWords(cmd);
  return words.length ? basename(words[0].value) : undefined;
}

/** Commands that pipe into each other, in order, grouped by pipeline. */
export function pipelines(script: ShellScript): SimpleCommand[][] {
  const groups = new Map<number, SimpleCommand[]>();
  for (const cmd of script.commands) {
    let list = groups.get(cmd.pipeline);
    if (!list) groups.set(cmd.pipeline, (list = []));
    list.push(cmd);
  }
  return [...groups.values()];
}
