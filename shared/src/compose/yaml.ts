/**
 * The YAML layer under the compose model: parsing with the Document API (comments and exact offsets kept), refusing
 * documents that would make any consumer blow up, and reading mappings the way Compose does (aliases resolved, `<<`
 * merge keys applied, explicit keys winning over merged ones).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { SourceText } from '../text';
import type { Range } from '../types';
import type { Origin, Via } from '../container/spec';
import { parseComposeDocument, reparseEntry, type YamlParse } from './reparse';

export interface SyntaxProblem {
  range: Range;
  message: string;
}

/** Deeper nesting than this is refused before parsing: no compose file needs it, and parsers recurse on it. */
export const MAX_NESTING = 100;
/** Nodes a document may expand to through its aliases: far above real files, far below a billion laughs. */
export const MAX_EXPANDED_NODES = 200_000;

/**
 * Resolves aliases in constant time. `Alias.resolve` of the yaml package walks the whole document on every call,
 * which made files with hundreds of `<<: *defaults` quadratic. An alias names the last anchor of that name defined
 * before it.
 */
export class AnchorIndex {
  private readonly byName = new Map<string, Node[]>();
  private readonly cache = new WeakMap<Alias, Node | null>();

  /** Without a document, an index of nothing: for a text that cannot hold an alias. */
  constructor(doc?: Document.Parsed) {
    if (!doc) return;
    walk(doc.contents, (node) => {
      const anchor = (node as Node & { anchor?: string }).anchor;
      if (!anchor) return;
      const list = this.byName.get(anchor) ?? [];
      list.push(node);
      this.byName.set(anchor, list);
    });
    // In text order, for the binary search below (the walk visits nodes in that order already).
    for (const list of this.byName.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  }

  resolve(alias: Alias): Node | undefined {
    const cached = this.cache.get(alias);
    if (cached !== undefined) return cached ?? undefined;
    const at = alias.range?.[0] ?? 0;
    // The last definition before the alias: a binary search, since a file may define one anchor name per service.
    const list = this.byName.get(alias.source) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid].range?.[0] ?? 0) < at) low = mid + 1;
      else high = mid;
    }
    const found = low > 0 ? list[low - 1] : null;
    this.cache.set(alias, found);
    return found ?? undefined;
  }
}

export interface ParsedYaml {
  /** Undefined when the document was refused (too deep, too many aliases, an alias cycle). */
  doc?: Document.Parsed;
  anchors?: AnchorIndex;
  problems: SyntaxProblem[];
}

/**
 * Parses a Compose text. With the parse of a previous text of the same file, an edit inside one entry re-parses that
 * entry only (reparse.ts); the document is the same either way.
 */
export function parseYaml(source: SourceText, previous?: YamlParse): ParsedYaml {
  const text = source.text;
  const deep = tooDeep(text);
  if (deep !== undefined) {
    return {
      problems: [
        {
          range: source.rangeOf(deep, deep + 1),
          message: `Nesting deeper than ${MAX_NESTING} levels: the file is not analysed.`,
        },
      ],
    };
  }
  // The same text as the kept parse (a broken line mended back) is the same document: documents are never changed.
  let doc: Document.Parsed;
  try {
    doc =
      (previous && (previous.text === text ? previous.doc : reparseEntry(previous, text))) ||
      parseComposeDocument(text);
  } catch (error) {
    // The scan above errs towards letting files through: nesting it missed (`- - - …` after a `{` in a plain scalar)
    // can still overflow the YAML parser's stack.
    if (!(error instanceof RangeError)) throw error;
    return {
      problems: [
        {
          range: source.rangeOf(0, 0),
          message: `Nesting too deep for the YAML parser (${error.message}): the file is not analysed.`,
        },
      ],
    };
  }
  const problems: SyntaxProblem[] = doc.errors.map((error) => {
    const [start, end] = error.pos;
    const message =
      error.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(text, start, end) : `YAML: ${firstLine(error.message)}`;
    return { range: source.rangeOf(start, Math.max(start, end)), message };
  });
  // An alias is written `*name`: a text without `*` holds none, and needs neither the index nor the expansion check
  // (two walks over every node).
  const mayAlias = text.includes('*');
  const anchors = new AnchorIndex(mayAlias ? doc : undefined);
  const expansion = mayAlias ? checkAliases(doc, anchors) : undefined;
  if (expansion) {
    problems.push({ range: source.rangeOf(expansion.at[0], expansion.at[1]), message: expansion.message });
    return { problems };
  }
  return { doc, anchors, problems };
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

function duplicateKeyMessage(text: string, start: number, end: number): string {
  const key = /^[^\s:#]+/.exec(text.slice(start, Math.max(end, start + 200)))?.[0];
  return key
    ? `Duplicate key \`${key}\`: Compose refuses a mapping with the same key twice.`
    : 'Duplicate key: Compose refuses a mapping with the same key twice.';
}

/**
 * The offset where nesting first exceeds MAX_NESTING, by flow brackets or by block indentation levels, or undefined.
 * A cheap scan that errs towards letting files through; the parser handles what it lets through.
 */
function tooDeep(text: string): number | undefined {
  // Character codes, not one-character strings: this reads every character of the file at every keystroke.
  const NEWLINE = 10,
    RETURN = 13,
    SPACE = 32,
    TAB = 9,
    HASH = 35,
    DASH = 45,
    DOUBLE = 34,
    SINGLE = 39;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  /** The quote character of the scalar being read, or 0. */
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === RETURN) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === SPACE) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== HASH && flow === 0 && !quote) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        // `- - - x` nests without indenting.
        let dashes = 0;
        for (
          let j = i;
          text.charCodeAt(j) === DASH && (text.charCodeAt(j + 1) === SPACE || text.charCodeAt(j + 1) === TAB);
          j += 2
        ) {
          dashes++;
          while (text.charCodeAt(j + 2) === SPACE) j++;
        }
        if (indents.length + dashes > MAX_NESTING) return i;
      }
    }
    if (quote) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === DOUBLE || c === SINGLE) {
      if (/[\s[{,:]/.test(i > 0 ? text[i - 1] : '\n')) quote = c;
    } else if (c === HASH) {
      if (/\s/.test(i > 0 ? text[i - 1] : '\n')) {
        while (i + 1 < text.length && text.charCodeAt(i + 1) !== NEWLINE && text.charCodeAt(i + 1) !== RETURN) i++;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++flow > MAX_NESTING) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) flow--;
  }
  return undefined;
}

/**
 * Refuses a document whose aliases expand past MAX_EXPANDED_NODES (a billion laughs) or refer to themselves: Compose
 * refuses both. Each anchored node's expanded size is computed once, in the order anchors close, so the work is
 * linear in the document and the recursion stays shallow.
 */
function checkAliases(
  doc: Document.Parsed,
  anchors: AnchorIndex,
): { message: string; at: [number, number] } | undefined {
  const anchored: Node[] = [];
  let hasAlias = false;
  walk(doc.contents, (node) => {
    if (node.anchor) anchored.push(node);
    if (isAlias(node)) hasAlias = true;
  });
  if (!hasAlias) return undefined;
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  let cycle: Alias | undefined;
  const size = (node: Node | null | undefined): number => {
    if (!node) return 1;
    if (isAlias(node)) {
      const target = anchors.resolve(node);
      if (!target) return 1;
      if (inProgress.has(target)) {
        cycle ??= node;
        return 1;
      }
      return size(target);
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    inProgress.add(node);
    if (isMap(node)) for (const pair of node.items) total += size(pair.key as Node) + size(pair.value as Node);
    else if (isSeq(node)) for (const item of node.items) total += size(item as Node);
    inProgress.delete(node);
    total = Math.min(total, Number.MAX_SAFE_INTEGER);
    if (node.anchor || isMap(node) || isSeq(node)) sizes.set(node, total);
    return total;
  };
  anchored.sort((a, b) => (a.range?.[1] ?? 0) - (b.range?.[1] ?? 0));
  for (const node of anchored) size(node);
  if (cycle) {
    const range = cycle.range ?? [0, 0, 0];
    return {
      message: `Alias \`*${cycle.source}\` refers to a node that contains it: Compose refuses recursive aliases.`,
      at: [range[0], range[1]],
    };
  }
  const total = size(doc.contents);
  if (total > MAX_EXPANDED_NODES) {
    // Point at the first alias that alone expands past the limit, else at the biggest anchor.
    let culprit: Alias | undefined;
    walk(doc.contents, (node) => {
      if (!culprit && isAlias(node) && size(node) > MAX_EXPANDED_NODES) culprit = node;
    });
    const limit = MAX_EXPANDED_NODES.toLocaleString('en-US');
    if (culprit) {
      const range = culprit.range ?? [0, 0, 0];
      return {
        message: `Alias \`*${culprit.source}\` expands to more than ${limit} nodes (an alias bomb): the file is not analysed.`,
        at: [range[0], range[1]],
      };
    }
    const biggest = anchored.reduce((a, b) => (size(b) > size(a) ? b : a), anchored[0]);
    const range = biggest?.range ?? [0, 0, 0];
    return {
      message: `Aliases expand this file to more than ${limit} nodes (an alias bomb): the file is not analysed.`,
      at: [range[0], range[1]],
    };
  }
  return undefined;
}

/** Visits every node as written (aliases not followed), without recursion limits beyond the nesting already checked. */
function walk(node: unknown, visit: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (isPair(node)) {
    walk(node.key, visit);
    walk(node.value, visit);
    return;
  }
  visit(node as Node);
  if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, visit);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A mapping entry as Compose sees it: aliases resolved, merged entries included. */
export interface Entry {
  key: string;
  pair: Pair<Scalar, unknown>;
  /** The value with aliases resolved; null when the key has no value (`key:`, `key: null`, an unknown anchor). */
  value: Node | null;
  /** The mapping that holds the pair: the one read, or an anchor's mapping merged into it. */
  holder: YAMLMap;
  /** How the entry reached the mapping read, outermost first. */
  via: Via[];
}

export interface ReadContext {
  doc: Document.Parsed;
  anchors: AnchorIndex;
  source: SourceText;
  problems: SyntaxProblem[];
}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  if (key.value === null || typeof key.value === 'symbol') return undefined;
  return key.source ?? String(key.value);
}

/** Follows an alias (recording it in `via`) and returns the node it names; null for an empty value or unknown anchor. */
export function resolveNode(ctx: ReadContext, node: unknown, via: Via[]): { node: Node | null; via: Via[] } {
  if (isAlias(node)) {
    const target = ctx.anchors.resolve(node) ?? null;
    if (!target) {
      ctx.problems.push({
        range: rangeOfNode(ctx.source, node),
        message: `Unknown anchor \`*${node.source}\`: no \`&${node.source}\` is defined before it.`,
      });
      return { node: null, via };
    }
    return { node: target, via: [...via, { kind: 'alias', range: rangeOfNode(ctx.source, node), name: node.source }] };
  }
  if (isScalar(node) && node.value === null) return { node: null, via };
  return { node: (node as Node | null | undefined) ?? null, via };
}

/**
 * The entries of a mapping, merge keys applied: explicit keys win over merged ones wherever they are written; among
 * merged mappings the first listed wins (YAML merge-key semantics, as Compose applies them).
 */
export function entriesOf(
  ctx: ReadContext,
  map: YAMLMap,
  via: Via[] = [],
  seen: Set<YAMLMap> = new Set(),
): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (seen.has(map)) return entries;
  seen.add(map);
  const merges: { node: unknown; pair: Pair }[] = [];
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      merges.push({ node: pair.value, pair });
      continue;
    }
    const key = keyText(pair.key);
    if (key === undefined || entries.has(key)) continue;
    const value = resolveNode(ctx, pair.value, via);
    entries.set(key, { key, pair: pair as Pair<Scalar, unknown>, value: value.node, holder: map, via: value.via });
  }
  for (const merge of merges) {
    const sources = isSeq(merge.node) ? merge.node.items : [merge.node];
    for (const sourceNode of sources) {
      const alias = isAlias(sourceNode) ? sourceNode : undefined;
      const target = alias ? ctx.anchors.resolve(alias) : sourceNode;
      if (alias && !target) {
        ctx.problems.push({
          range: rangeOfNode(ctx.source, alias),
          message: `Unknown anchor \`*${alias.source}\`: no \`&${alias.source}\` is defined before it.`,
        });
        continue;
      }
      if (!isMap(target)) {
        ctx.problems.push({
          range: rangeOfNode(ctx.source, (sourceNode as Node) ?? merge.pair.key),
          message: 'A merge key `<<` needs a mapping, or a list of mappings, to merge.',
        });
        continue;
      }
      const mergeVia: Via[] = alias
        ? [...via, { kind: 'merge', range: rangeOfNode(ctx.source, alias), name: alias.source }]
        : via;
      for (const [key, entry] of entriesOf(ctx, target, mergeVia, seen)) if (!entries.has(key)) entries.set(key, entry);
    }
  }
  seen.delete(map);
  return entries;
}

/** The string a scalar holds as Compose reads it: quoted text as is, plain numbers and booleans as written. */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'symbol') return undefined;
  return node.source ?? String(v);
}

/** Offsets of a node's content: from its first character to the end of its last value (trailing comments excluded). */
export function nodeSpan(node: Node): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], contentEnd(node)];
}

export function contentEnd(node: Node): number {
  const range = node.range ?? [0, 0, 0];
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items[node.items.length - 1] as unknown;
    if (isPair(last)) {
      if (last.value && typeof last.value === 'object' && (last.value as Node).range)
        return contentEnd(last.value as Node);
      if (last.key && typeof last.key === 'object' && (last.key as Node).range) return keyEnd(last);
    } else if (last && typeof last === 'object' && (last as Node).range) return contentEnd(last as Node);
  }
  return range[1];
}

/** End of a pair's key including its `:` (for a pair without a value: where a value would go). */
export function keyEnd(pair: Pair): number {
  const key = pair.key as Node;
  return key.range ? key.range[1] : 0;
}

/** Offsets of a whole pair: key start to value end. */
export function pairSpan(pair: Pair): [number, number] {
  const key = pair.key as Node;
  const start = key.range ? key.range[0] : 0;
  const value = pair.value as Node | null;
  const end = value && value.range ? contentEnd(value) : keyEnd(pair);
  return [start, Math.max(end, start)];
}

export function rangeOfNode(source: SourceText, node: Node): Range {
  const [start, end] = nodeSpan(node);
  return source.rangeOf(start, end);
}

export function rangeOfPair(source: SourceText, pair: Pair): Range {
  const [start, end] = pairSpan(pair);
  return source.rangeOf(start, end);
}

/** What a compose fix needs to edit the text a spec setting came from. Stored in `Origin.ref`. */
export interface YamlRef {
  /** The value node (aliases resolved): a scalar, a list item, a long-syntax mapping. */
  node: Node;
  /** The pair whose value `node` is, for mapping values. */
  pair?: Pair;
  /** The collection that holds the pair or item. */
  holder: YAMLMap | YAMLSeq;
}

/** The origin of a mapping entry's value, or of an item (`node`) inside it. */
export function originOf(
  ctx: ReadContext,
  entry: Entry,
  node: Node | null,
  item?: { via: Via[]; holder: YAMLSeq | YAMLMap },
): Origin {
  if (!node) {
    const keyRange = rangeOfNode(ctx.source, entry.pair.key as Node);
    return {
      range: keyRange,
      entryRange: rangeOfPair(ctx.source, entry.pair),
      keyRange,
      via: entry.via,
      ref: { node: entry.pair.key as Node, pair: entry.pair, holder: entry.holder } satisfies YamlRef,
    };
  }
  if (item) {
    const range = rangeOfNode(ctx.source, node);
    return { range, entryRange: range, via: item.via, ref: { node, holder: item.holder } satisfies YamlRef };
  }
  return {
    range: rangeOfNode(ctx.source, node),
    entryRange: rangeOfPair(ctx.source, entry.pair),
    keyRange: rangeOfNode(ctx.source, entry.pair.key as Node),
    via: entry.via,
    ref: { node, pair: entry.pair, holder: entry.holder } satisfies YamlRef,
  };
}

/** The YAML handle of an origin from a compose model (undefined for origins from elsewhere). */
export function yamlRef(origin: Origin | undefined): YamlRef | undefined {
  const ref = origin?.ref as YamlRef | undefined;
  return ref && typeof ref === 'object' && 'node' in ref && 'holder' in ref ? ref : undefined;
}
