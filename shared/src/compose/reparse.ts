/**
 * Re-parsing only the Compose entry an edit touched. The editor analyses a Compose file at every keystroke, and the
 * YAML parse is most of that work: more than half the time and about 6 MB of garbage for a 500-line file
 * (BENCHMARKS.md). A keystroke almost always lands inside one service (or one volume, network…): an entry two levels
 * deep, `services:` → `web:` → its block mapping. That entry's text is parsed alone and put in place of the old one
 * in a new document; the entries before it are shared with the previous document, the entries after it are copied
 * with their offsets moved by the edit's length.
 *
 * The result must be the document a full parse gives, or nothing: whenever the entry's text could read differently
 * alone than inside the file, the caller parses the whole text. An entry the edit left broken is parsed together with
 * the entry after it, which must come out as it was (yaml's error recovery can read past the broken entry).
 * test/compose/reparse.test.ts compares both, node by node, errors included, over every corpus Compose file and
 * thousands of generated edits.
 */
import {
  Alias,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
  type Schema,
} from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys';

/** What every Compose parse means (parseYaml): the entry must be read as the file is. */
export const YAML_OPTIONS = { uniqueKeys: true, merge: true, prettyErrors: false } as const;

/**
 * A Compose text parsed as `YAML_OPTIONS` say, with duplicate keys found in linear time (duplicate-keys.ts) instead of
 * by the package's pairwise check.
 */
export function parseComposeDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, { ...YAML_OPTIONS, uniqueKeys: false });
  addDuplicateKeyErrors(doc);
  return doc;
}

export interface YamlParse {
  text: string;
  doc: Document.Parsed;
}

/**
 * The document of `text`, built from the parse of a previous text of the same file, or undefined when the edit
 * between them is not inside one entry (from its key's first character up to its last line's break) or the previous
 * parse had any error or warning. The edit may leave the entry broken: the document then has the full parse's errors.
 */
export function reparseEntry(previous: YamlParse, text: string): Document.Parsed | undefined {
  const old = previous.text;
  const doc = previous.doc;
  if (old === text || doc.errors.length || doc.warnings.length) return undefined;
  const contents = doc.contents;
  if (!isBlockMap(contents) || contents.anchor || contents.tag) return undefined;

  // The edit: old[start, oldEnd) became text[start, oldEnd + delta).
  const shortest = Math.min(old.length, text.length);
  let start = 0;
  while (start < shortest && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail))
    tail++;
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;

  const outer = findPair(contents, start, oldEnd);
  if (!outer || !isBlockMap(outer.value) || outer.value.anchor || outer.value.tag) return undefined;
  const section = outer.value;
  const entry = findPair(section, start, oldEnd);
  if (!entry || !isScalar(entry.key) || !isBlockMap(entry.value)) return undefined;
  const key = entry.key;
  const value = entry.value;
  const keyRange = key.range!;
  const valueRange = value.range!;
  // The edit starts at the key's first character or after it (text typed before it, in its indentation, could move the
  // line to another mapping: the key parsed alone must start at the same column, checked below) and ends before the
  // line break of the entry's last line: text after that belongs to the next entry (comments, blank lines). An edit in
  // the key renames the entry.
  const keyLineEnd = old.indexOf('\n', keyRange[1]);
  if (keyLineEnd < 0 || oldEnd >= valueRange[1] || valueRange[1] !== valueRange[2]) return undefined;
  if (old.charCodeAt(valueRange[1] - 1) !== 10 /* \n */) return undefined;

  const lineStart = old.lastIndexOf('\n', keyRange[0] - 1) + 1;
  const column = keyRange[0] - lineStart;
  const sliceEnd = valueRange[1] + delta;
  const slice = text.slice(lineStart, sliceEnd);
  if (!fitsAlone(slice, column) || !fitsAlone(old.slice(lineStart, valueRange[1]), column)) return undefined;
  if (!linesAfterStayOut(text, sliceEnd, column)) return undefined;

  let alone = parseComposeDocument(slice);
  // An entry left broken by the edit (typing often breaks a line for a few keystrokes) may end elsewhere in the file
  // than alone: yaml's recovery reads on into what follows. It is parsed again with the next entry after it, and taken
  // only when every error lies before that next entry and the next entry reads exactly as it did.
  const following = alone.errors.length ? nextEntry(old, section, entry, column) : undefined;
  if (alone.errors.length) {
    // A broken key line changes how the file reads the comments and lines before it: only values break here.
    if (!following || start <= keyLineEnd) return undefined;
    alone = parseComposeDocument(text.slice(lineStart, following.end + delta));
  }
  if (alone.warnings.length || alone.commentBefore || alone.comment || alone.directives?.docStart) return undefined;
  const map = alone.contents;
  if (
    !isBlockMap(map) ||
    map.items.length !== (following ? 2 : 1) ||
    map.anchor ||
    map.tag ||
    map.commentBefore ||
    map.comment ||
    map.spaceBefore
  )
    return undefined;
  // Alone, the entry ends where its text does. Broken, and read with the next entry, it may end earlier or take the
  // next line's indentation, as in the file: it ends before that next entry, which starts where it did.
  let end = slice.length;
  if (following) {
    const after = map.items[1] as Pair;
    const afterStart = (after.key as Node | null)?.range?.[0];
    if (afterStart === undefined || alone.errors.some((error) => error.pos[1] > afterStart)) return undefined;
    if (!readsAs(after, following.pair, lineStart - delta)) return undefined;
    end = afterStart;
  }
  const fresh = map.items[0] as Pair;
  const freshKey = fresh.key;
  if (!isScalar(freshKey) || !isBlockMap(fresh.value) || freshKey.range?.[0] !== column) return undefined;
  // An anchor or an alias reaches outside the entry: aliases further on read the anchors before them, and an alias
  // parsed alone has no anchor to read. Looked for in the parsed nodes, so `&&` or `*` inside a string is no matter.
  if (holdsAnchorOrAlias(fresh) || holdsAnchorOrAlias(entry)) return undefined;
  const [, valueEnd, nodeEnd] = fresh.value.range ?? [];
  if (
    valueEnd === undefined ||
    nodeEnd === undefined ||
    (following ? Math.max(valueEnd, nodeEnd) > end : valueEnd !== end || nodeEnd !== end)
  )
    return undefined;
  // A block scalar ending the entry takes the blank lines after it in the file (`retries: >-` typed above one).
  if (endsInBlockScalar(fresh.value, slice.length) && /^[ \t]*\r?\n/.test(text.slice(sliceEnd, sliceEnd + 200)))
    return undefined;
  if (freshKey.value !== key.value) {
    // A renamed entry: the file would report a key its mapping already has (a merge key `<<` is another matter).
    const name = freshKey.value;
    if (typeof name !== 'string' || typeof key.value !== 'string' || name === '<<' || key.value === '<<')
      return undefined;
    if (section.items.some((pair) => pair !== entry && isScalar(pair.key) && pair.key.value === name)) return undefined;
  }
  // What only the whole file knows about the key's line (comments and blank lines above it) is the old key's.
  if (freshKey.commentBefore || freshKey.spaceBefore) return undefined;
  if (key.commentBefore !== undefined) freshKey.commentBefore = key.commentBefore;
  if (key.spaceBefore !== undefined) freshKey.spaceBefore = key.spaceBefore;

  const schema = doc.schema;
  // The entry parsed alone, placed at its offset in the file and given the file's schema.
  moveAll(fresh, 0, lineStart, schema);
  const replacement = new Pair(freshKey, fresh.value);
  copyPairExtras(entry, replacement);

  // New containers down to the entry; everything after the edit copied and moved.
  const moved = (pair: unknown) => (startOf(pair as Pair) >= oldEnd ? copyMoved(pair, oldEnd, delta, schema) : pair);
  const newSection = copyHolding(
    section,
    oldEnd,
    delta,
    schema,
    section.items.map((pair) => (pair === entry ? replacement : moved(pair))),
  );
  const newOuter = new Pair(outer.key, newSection);
  copyPairExtras(outer, newOuter);
  const newContents = copyHolding(
    contents,
    oldEnd,
    delta,
    schema,
    contents.items.map((pair) => (pair === outer ? newOuter : moved(pair))),
  );

  const next = Object.create(Object.getPrototypeOf(doc), Object.getOwnPropertyDescriptors(doc)) as Document.Parsed;
  next.contents = newContents as unknown as Document.Parsed['contents'];
  // The errors of a broken entry, at their places in the file.
  for (const error of alone.errors) error.pos = [error.pos[0] + lineStart, error.pos[1] + lineStart];
  next.errors = alone.errors;
  next.warnings = [];
  if (doc.range) next.range = moveRange(doc.range, oldEnd, delta) as typeof doc.range;
  return next;
}

/**
 * The entry after `entry` in its section, with the offset where it ends, when it can show whether a broken entry
 * before it ends where it did: a plain key at the same column, a value that ends with its last line's break, its
 * own text reading alone as in the file, and no anchor or alias in it.
 */
function nextEntry(
  old: string,
  section: YAMLMap,
  entry: Pair,
  column: number,
): { pair: Pair; end: number } | undefined {
  const pair = section.items[section.items.indexOf(entry) + 1] as Pair | undefined;
  const key = pair?.key as Node | null | undefined;
  const value = pair?.value as Node | null | undefined;
  if (!pair || !isScalar(key) || !key.range || !value?.range) return undefined;
  const end = value.range[1];
  if (end !== value.range[2] || old.charCodeAt(end - 1) !== 10 /* \n */) return undefined;
  const lineStart = old.lastIndexOf('\n', key.range[0] - 1) + 1;
  if (key.range[0] - lineStart !== column || !fitsAlone(old.slice(lineStart, end), column) || holdsAnchorOrAlias(pair))
    return undefined;
  return { pair, end };
}

/** Whether a block scalar (`|`, `>`) in the node ends at `end`. */
function endsInBlockScalar(node: unknown, end: number): boolean {
  if (isPair(node)) return endsInBlockScalar(node.key, end) || endsInBlockScalar(node.value, end);
  if (isScalar(node))
    return (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && !!node.range && node.range[1] >= end;
  if (isMap(node) || isSeq(node)) return node.items.some((item) => endsInBlockScalar(item, end));
  return false;
}

/** Whether two parsed nodes (or pairs) are the same, every offset of `a` plus `shift` being `b`'s. */
function readsAs(a: unknown, b: unknown, shift: number): boolean {
  if (a === b) return true;
  if (
    !a ||
    !b ||
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((item, i) => readsAs(item, (b as unknown[])[i], shift));
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  for (const name of names) {
    if (name === 'schema') continue;
    const x = (a as Record<string, unknown>)[name];
    const y = (b as Record<string, unknown>)[name];
    if (name === 'range') {
      const [ra, rb] = [x as number[] | null, y as number[] | null];
      if (!ra || !rb || ra.length !== rb.length || ra.some((offset, i) => offset + shift !== rb[i])) return false;
    } else if (typeof x === 'symbol' || typeof y === 'symbol') {
      // A merge key's symbol is made anew at each parse.
      if (typeof x !== typeof y || (x as symbol).description !== (y as symbol).description) return false;
    } else if (!readsAs(x, y, shift)) {
      return false;
    }
  }
  return true;
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && !!node.range;
}

/** The pair of a block mapping whose key starts at or before the edit and whose value ends after it. */
function findPair(map: YAMLMap, start: number, end: number): Pair | undefined {
  for (const item of map.items) {
    const pair = item as Pair;
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (!key?.range || !value?.range) continue;
    if (key.range[0] <= start && end < value.range[1]) return pair;
    if (key.range[0] >= start) return undefined;
  }
  return undefined;
}

/** Whether a node or pair, or anything in it, carries an anchor or is an alias. */
function holdsAnchorOrAlias(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (isPair(node)) return holdsAnchorOrAlias(node.key) || holdsAnchorOrAlias(node.value);
  if (isAlias(node) || (node as { anchor?: string }).anchor) return true;
  if (isMap(node) || isSeq(node)) for (const item of node.items) if (holdsAnchorOrAlias(item)) return true;
  return false;
}

function startOf(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? -1;
}

/**
 * Whether an entry's text (from the start of its key's line) reads alone as it does in the file: every line after
 * the first is blank or indented deeper than the key (else the file reads it as the next entry), and it
 * holds nothing that reaches outside it: tabs, document markers and directives, a block scalar that keeps trailing
 * blank lines, explicit keys and values (`? key`, `: value`, whose extent the next line decides). Anchors and aliases
 * are looked for in the parsed entry (`holdsAnchorOrAlias`).
 */
function fitsAlone(slice: string, column: number): boolean {
  if (/\t|^(---|\.\.\.|%)|[|>][1-9]?\+|^ *[?:]( |\r?$)/m.test(slice)) return false;
  // A comment ending the last line takes the comments and blank lines after it in the file (and a `|+` block scalar
  // its blank lines): the entry would end elsewhere.
  const lastLine = slice.lastIndexOf('\n', slice.length - 2) + 1;
  if (slice.includes('#', lastLine)) return false;
  let lineStart = slice.indexOf('\n') + 1;
  while (lineStart > 0 && lineStart < slice.length) {
    let i = lineStart;
    while (slice.charCodeAt(i) === 32) i++;
    const c = slice.charCodeAt(i);
    // A comment line too: one no deeper than the key can end the entry's mappings in the file.
    if (i - lineStart <= column && c !== 10 && c !== 13) return false;
    lineStart = slice.indexOf('\n', lineStart) + 1;
  }
  return true;
}

/**
 * Whether the lines right after the entry stay outside it in the file too: the first line with content must be no
 * deeper than the entry's key (else the file reads it as part of the entry once the edit changed the entry's
 * indentation or its last value, as a `:` line of an explicit pair or the next line of a plain scalar), and a comment
 * line before it no deeper either (it would end the entry's last mapping as its trailing comment).
 */
function linesAfterStayOut(text: string, from: number, column: number): boolean {
  let lineStart = from;
  while (lineStart < text.length) {
    let i = lineStart;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) {
      if (i - lineStart > column) return false;
      if (c !== 35 /* # */) return true;
    }
    const next = text.indexOf('\n', i);
    if (next < 0) return true;
    lineStart = next + 1;
  }
  return true;
}

function moveRange(range: readonly number[], from: number, delta: number): number[] {
  return range.map((offset) => (offset >= from ? offset + delta : offset));
}

/** Anything a parsed pair carries besides key and value (the source token when kept), as it was. */
function copyPairExtras(from: Pair, to: Pair): void {
  for (const name of Object.keys(from))
    if (name !== 'key' && name !== 'value')
      (to as unknown as Record<string, unknown>)[name] = (from as unknown as Record<string, unknown>)[name];
}

/**
 * A copy of a node that lies after the edit, with everything in it, every offset moved by the edit's length. Built with the node classes' constructors and plain property copies: `clone()` copies through
 * property descriptors, which took a third of a re-parse, and leaves objects slower to read.
 */
function copyMoved(node: unknown, from: number, delta: number, schema: Schema): unknown {
  if (!node || typeof node !== 'object') return node;
  const prototype = Object.getPrototypeOf(node) as object;
  if (prototype === Pair.prototype) {
    const pair = node as Pair;
    const copy = new Pair(copyMoved(pair.key, from, delta, schema), copyMoved(pair.value, from, delta, schema));
    copyPairExtras(pair, copy);
    return copy;
  }
  let copy: { range?: number[] | null; items?: unknown[] };
  if (prototype === Scalar.prototype) copy = Object.assign(new Scalar(undefined), node);
  else if (prototype === YAMLMap.prototype) copy = Object.assign(new YAMLMap(schema), node);
  else if (prototype === YAMLSeq.prototype) copy = Object.assign(new YAMLSeq(schema), node);
  else if (prototype === Alias.prototype) copy = Object.assign(new Alias((node as Alias).source), node);
  else {
    // Another node class (a custom tag's): its own copy.
    const cloned = (node as { clone(schema?: Schema): Node }).clone(schema);
    moveAll(cloned, from, delta);
    return cloned;
  }
  if (copy.range) copy.range = moveRange(copy.range, from, delta);
  if (copy.items) copy.items = copy.items.map((item) => copyMoved(item, from, delta, schema));
  return copy;
}

/**
 * A copy of a mapping that holds the edit, with the items given: it starts where it did (even when text is typed at
 * the start of its first key), and its ends move by the edit's length.
 */
function copyHolding(map: YAMLMap, from: number, delta: number, schema: Schema, items: unknown[]): YAMLMap {
  const copy = Object.assign(new YAMLMap(schema), map);
  if (map.range) copy.range = [map.range[0], ...moveRange(map.range.slice(1), from, delta)] as typeof map.range;
  copy.items = items as YAMLMap['items'];
  return copy;
}

/** Moves every offset from `from` on by `delta`, in place (and gives collections `schema`, when given). */
function moveAll(node: unknown, from: number, delta: number, schema?: Schema): void {
  if (!node || typeof node !== 'object') return;
  if (isPair(node)) {
    moveAll(node.key, from, delta, schema);
    moveAll(node.value, from, delta, schema);
    return;
  }
  const withRange = node as { range?: number[] | null };
  if (withRange.range)
    for (let i = 0; i < withRange.range.length; i++) if (withRange.range[i] >= from) withRange.range[i] += delta;
  if (isMap(node) || isSeq(node)) {
    if (schema) (node as { schema?: Schema }).schema = schema;
    for (const item of node.items) moveAll(item, from, delta, schema);
  }
}
