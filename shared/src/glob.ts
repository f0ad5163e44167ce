/**
 * `.gitignore`-style globs for `exclude`: `*` within a path segment, `**` across segments, `?`, `{a,b}`, `[abc]`
 * (`[!abc]`, `[a-z]`). A pattern without a slash matches a name at any depth; a trailing slash matches a folder and all
 * below it; whatever a pattern matches, it matches all below it too.
 *
 * A pattern is compiled to a small automaton (a Thompson NFA) and run over the path once, keeping the set of states it
 * may be in: the work is at most (path length + 1) × its states, whatever the pattern says; sets met before are
 * remembered, so most characters cost one lookup. Patterns compiled to
 * RegExps backtracked instead: `**\/` twelve times, from a config that came with the workspace, took minutes to fail
 * on a path 28 folders deep. A Glob is plain data, so it crosses to worker threads with the configuration.
 */
export interface Glob {
  readonly pattern: string;
  readonly states: readonly GlobState[];
  readonly start: number;
  /** Written with a trailing slash: the path itself matches only when it is a folder. */
  readonly folderOnly: boolean;
}

type Chars =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'inSegment' }
  | { kind: 'set'; negated: boolean; ranges: readonly (readonly [number, number])[] };

type GlobState =
  | { kind: 'step'; on: Chars; next: number }
  | { kind: 'fork'; to: number[] }
  /** The pattern matched the whole path. */
  | { kind: 'end' }
  /** The pattern matched a folder above the rest of the path. */
  | { kind: 'below' };

/** Longer patterns are refused: no exclude needs them, and they would multiply the work of every path. */
export const MAX_PATTERN_LENGTH = 1024;
const MAX_BRACE_DEPTH = 8;

/** Counts the work of matching, for tests that check it stays linear. */
export interface GlobWork {
  states: number;
}

export type CompiledGlob = { glob: Glob; error?: undefined } | { glob?: undefined; error: string };

/** Compiles a pattern, or says in a sentence why it cannot be read (without the pattern: callers name it). */
export function compileGlob(pattern: string): CompiledGlob {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p === '') return { error: 'the pattern is empty' };
  if (p.length > MAX_PATTERN_LENGTH) return { error: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  // In .gitignore `!` takes back an earlier exclusion; read literally it would silently exclude nothing.
  if (p.startsWith('!')) return { error: 'negated patterns (`!…`) are not supported: list only what to exclude' };
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '');
  const folderOnly = p.endsWith('/');
  if (folderOnly) p = p.slice(0, -1);
  if (p === '') return { error: 'the pattern names no file or folder' };
  const parsed = new Parser(Array.from(p)).parse();
  if ('error' in parsed) return { error: parsed.error };
  const anyFolders: Node = { kind: 'optional', body: { kind: 'seq', items: [{ kind: 'star', on: ANY }, char('/')] } };
  const root: Node = anchored ? parsed.node : { kind: 'seq', items: [anyFolders, parsed.node] };
  const states: GlobState[] = [];
  const end = add(states, { kind: 'end' });
  const below = add(states, { kind: 'below' });
  const intoFolder = add(states, { kind: 'step', on: { kind: 'char', char: '/' }, next: below });
  const tail = add(states, { kind: 'fork', to: [end, intoFolder] });
  const start = build(root, tail, states);
  return { glob: { pattern, states, start, folderOnly } };
}

/** Whether the pattern matches `path` (relative, `/`-separated) or a folder above it. */
export function matchesGlob(glob: Glob, path: string, isFolder = false, work?: GlobWork): boolean {
  const memo = memoOf(glob, work);
  let set = memo.start;
  for (const ch of path) {
    set = set.moves.get(ch) ?? move(glob, memo, set, ch, work);
    if (set.below) return true;
    if (!set.members.length) return false;
  }
  return set.end && (!glob.folderOnly || isFolder);
}

/**
 * A set of states the automaton may be in, and the moves out of it met so far: a DFA built as paths need it, so a
 * character usually costs one lookup instead of a pass over the set (RE2's approach). Bounded per pattern; past the
 * bound new sets are worked out each time, which is still linear.
 */
interface StateSet {
  members: readonly number[];
  end: boolean;
  below: boolean;
  moves: Map<string, StateSet>;
}

interface Memo {
  start: StateSet;
  byMembers: Map<string, StateSet>;
  /** State numbers and moves held, against MAX_MEMO_SIZE. */
  size: number;
}

const MAX_MEMO_SIZE = 65_536;
/** Per Glob object: a Glob stays plain data (it is sent to worker threads), and each thread builds its own. */
const memos = new WeakMap<Glob, Memo>();

function memoOf(glob: Glob, work: GlobWork | undefined): Memo {
  let memo = memos.get(glob);
  if (!memo) {
    const start = closure(glob, [glob.start], work);
    memo = { start, byMembers: new Map([[start.members.join(','), start]]), size: start.members.length };
    memos.set(glob, memo);
  }
  return memo;
}

function move(glob: Glob, memo: Memo, from: StateSet, ch: string, work: GlobWork | undefined): StateSet {
  const seeds: number[] = [];
  for (const index of from.members) {
    const state = glob.states[index];
    if (state.kind === 'step' && accepts(state.on, ch)) seeds.push(state.next);
  }
  const computed = closure(glob, seeds, work);
  const key = computed.members.join(',');
  let to = memo.byMembers.get(key);
  if (!to && memo.size + computed.members.length <= MAX_MEMO_SIZE) {
    memo.byMembers.set(key, computed);
    memo.size += computed.members.length;
    to = computed;
  }
  if (to && memo.size < MAX_MEMO_SIZE) {
    from.moves.set(ch, to);
    memo.size++;
  }
  return to ?? computed;
}

/** The states reachable from `seeds` without reading a character; each is entered once. */
function closure(glob: Glob, seeds: readonly number[], work: GlobWork | undefined): StateSet {
  const { states } = glob;
  const seen = new Uint8Array(states.length);
  const members: number[] = [];
  let end = false;
  let below = false;
  const stack = [...seeds].reverse();
  while (stack.length) {
    const index = stack.pop()!;
    if (seen[index]) continue;
    seen[index] = 1;
    if (work) work.states++;
    const state = states[index];
    if (state.kind === 'fork') {
      for (let i = state.to.length - 1; i >= 0; i--) stack.push(state.to[i]);
      continue;
    }
    // `end` and `below` are members too: two sets that differ only there must not be taken for one another.
    if (state.kind === 'end') end = true;
    if (state.kind === 'below') below = true;
    members.push(index);
  }
  members.sort((a, b) => a - b);
  return { members, end, below, moves: new Map() };
}

/** Whether any pattern matches: paths may use Windows separators and start with `./`. */
export function matchesAny(path: string, globs: readonly Glob[], isFolder = false): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((glob) => matchesGlob(glob, p, isFolder));
}

/** A pattern as an error message quotes it: a long one cut short. */
export function quotePattern(pattern: string): string {
  const shown = pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern;
  return `\`${shown}\``;
}

function accepts(on: Chars, ch: string): boolean {
  switch (on.kind) {
    case 'char':
      return ch === on.char;
    case 'any':
      return true;
    case 'inSegment':
      return ch !== '/';
    case 'set': {
      if (ch === '/') return false;
      const code = ch.codePointAt(0)!;
      return on.ranges.some(([low, high]) => code >= low && code <= high) !== on.negated;
    }
  }
}

type Node =
  | { kind: 'chars'; on: Chars }
  | { kind: 'star'; on: Chars }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alternatives: Node[] }
  | { kind: 'optional'; body: Node };

const ANY: Chars = { kind: 'any' };
const IN_SEGMENT: Chars = { kind: 'inSegment' };

function char(c: string): Node {
  return { kind: 'chars', on: { kind: 'char', char: c } };
}

function add(states: GlobState[], state: GlobState): number {
  states.push(state);
  return states.length - 1;
}

/** Builds the states of `node` ahead of `next`, last part first, and returns where `node` starts. */
function build(node: Node, next: number, states: GlobState[]): number {
  switch (node.kind) {
    case 'chars':
      return add(states, { kind: 'step', on: node.on, next });
    case 'star': {
      const loop: GlobState = { kind: 'fork', to: [] };
      const at = add(states, loop);
      loop.to.push(add(states, { kind: 'step', on: node.on, next: at }), next);
      return at;
    }
    case 'seq':
      for (let i = node.items.length - 1; i >= 0; i--) next = build(node.items[i], next, states);
      return next;
    case 'alt':
      return add(states, {
        kind: 'fork',
        to: node.alternatives.map((alternative) => build(alternative, next, states)),
      });
    case 'optional':
      return add(states, { kind: 'fork', to: [build(node.body, next, states), next] });
  }
}

/** Reads a pattern's characters (code points) into a tree of sequences, alternatives and repeats. */
class Parser {
  /** Where each `{` that has a matching `}` closes; an unmatched brace is a literal character. */
  private readonly closes = new Map<number, number>();

  constructor(private readonly cs: readonly string[]) {
    const open: number[] = [];
    for (let i = 0; i < cs.length; i++) {
      if (cs[i] === '[') {
        const set = this.readSet(i);
        if (set && !('error' in set)) i = set.next - 1;
      } else if (cs[i] === '{') open.push(i);
      else if (cs[i] === '}' && open.length) this.closes.set(open.pop()!, i);
    }
  }

  parse(): { node: Node } | { error: string } {
    const result = this.sequence(0, 0);
    return 'error' in result ? result : { node: result.node };
  }

  private sequence(i: number, depth: number): { node: Node; next: number } | { error: string } {
    const { cs } = this;
    const items: Node[] = [];
    while (i < cs.length) {
      const c = cs[i];
      if (depth > 0 && (c === ',' || c === '}')) break;
      if (c === '*') {
        if (cs[i + 1] !== '*') {
          items.push({ kind: 'star', on: IN_SEGMENT });
          i += 1;
        } else if (cs[i + 2] === '/') {
          // `**/`: any folders, or none.
          items.push({ kind: 'optional', body: { kind: 'seq', items: [{ kind: 'star', on: ANY }, char('/')] } });
          i += 3;
        } else {
          items.push({ kind: 'star', on: ANY });
          i += 2;
        }
      } else if (c === '?') {
        items.push({ kind: 'chars', on: IN_SEGMENT });
        i += 1;
      } else if (c === '[') {
        const set = this.readSet(i);
        if (set && 'error' in set) return set;
        items.push(set ? { kind: 'chars', on: set.on } : char(c));
        i = set ? set.next : i + 1;
      } else if (c === '{' && this.closes.has(i)) {
        if (depth >= MAX_BRACE_DEPTH) return { error: `braces are nested more than ${MAX_BRACE_DEPTH} deep` };
        const alternatives: Node[] = [];
        let j = i + 1;
        for (;;) {
          const alternative = this.sequence(j, depth + 1);
          if ('error' in alternative) return alternative;
          alternatives.push(alternative.node);
          j = alternative.next + 1;
          if (cs[alternative.next] === '}') break;
        }
        items.push({ kind: 'alt', alternatives });
        i = j;
      } else {
        items.push(char(c));
        i += 1;
      }
    }
    return { node: { kind: 'seq', items }, next: i };
  }

  /**
   * `[abc]`, `[!abc]` (or `[^abc]`), `[a-z]`; a `]` first in the set is a member. Undefined when no `]` closes it
   * within the segment: then `[` is a literal character.
   */
  private readSet(start: number): { on: Chars; next: number } | { error: string } | undefined {
    const { cs } = this;
    let i = start + 1;
    const negated = cs[i] === '!' || cs[i] === '^';
    if (negated) i++;
    const ranges: [number, number][] = [];
    const first = i;
    while (i < cs.length && cs[i] !== '/' && (cs[i] !== ']' || i === first)) {
      const low = cs[i];
      if (cs[i + 1] === '-' && i + 2 < cs.length && cs[i + 2] !== ']' && cs[i + 2] !== '/') {
        const high = cs[i + 2];
        if (high.codePointAt(0)! < low.codePointAt(0)!)
          return { error: `the range \`${low}-${high}\` runs backwards (write \`${high}-${low}\`)` };
        ranges.push([low.codePointAt(0)!, high.codePointAt(0)!]);
        i += 3;
      } else {
        ranges.push([low.codePointAt(0)!, low.codePointAt(0)!]);
        i += 1;
      }
    }
    if (cs[i] !== ']') return undefined;
    return { on: { kind: 'set', negated, ranges }, next: i + 1 };
  }
}
