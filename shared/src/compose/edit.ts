/**
 * Minimal text edits over a compose file, found through the YAML Document and written as ranges of the original text
 * (never `doc.toString()`): every comment, key order, quoting style, indentation, flow or block style and line ending
 * outside the edit stays as it was.
 *
 * Two layers:
 * - node edits (`replaceScalar`, `removePair`, `removeItem`, `appendItem`, `insertPairs`): one YAML node, as told;
 * - service edits (`setServiceValue`, `addServiceListItems`, `removeServiceListItem`): the policy a fix wants. They
 *   edit text that belongs to the service alone: the service's own mapping, or an anchor that only this service uses.
 *   A value inherited from a shared anchor is overridden in the service instead (an explicit key wins over `<<`), and
 *   one inherited through `extends` likewise, so no other service changes behind the user's back.
 *
 * Every function returns undefined when it cannot edit safely; a fix then offers nothing rather than a guess.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { TextEdit } from '../types';
import { isYamlVia, type Origin, type SettingList } from '../container/spec';
import { contentEnd, isMergeKey, keyText, pairSpan } from './yaml';
import { yamlRef, type ComposeModel, type ComposeService } from './model';

/** A value to write: `raw` YAML text as is (`true`, `512m`), or a `string` quoted as its neighbours are when needed. */
export type NewScalar = { raw: string } | { string: string };

export interface NewPair {
  key: string;
  /**
   * A scalar, a list written in the file's list style (block `- x` lines, or `[x]` inside flow mappings), or a nested
   * mapping (block lines one indentation level deeper, or `{k: v}` inside flow mappings).
   */
  value: NewScalar | { list: NewScalar[]; flow?: boolean } | { map: NewPair[] };
}

/**
 * Where a new key goes, as a person would put it: next to the first of these keys that the mapping has (`<<` names a
 * merge key); after the last key when none is there.
 */
export type Placement = ({ after: string } | { before: string })[];

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

function text(model: ComposeModel): string {
  return model.source.text;
}

/**
 * Whether the file parsed cleanly. A document recovered from broken YAML has ranges that may not mean what they seem,
 * so no edit is offered on it until the syntax problem is fixed.
 */
export function editable(model: ComposeModel): boolean {
  return !!model.doc && model.doc.errors.length === 0;
}

function edit(model: ComposeModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.source.rangeOf(start, end), newText };
}

function lineStartOf(t: string, offset: number): number {
  let i = offset;
  while (i > 0 && t[i - 1] !== '\n' && t[i - 1] !== '\r') i--;
  return i;
}

/** Offset just after the line break ending the line that holds `offset` (or the text's end). */
function nextLineStart(t: string, offset: number): number {
  let i = offset;
  while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
  if (t[i] === '\r' && t[i + 1] === '\n') return i + 2;
  if (i < t.length) return i + 1;
  return i;
}

/** Where a new line can start after the content ending at `end`: the next line's start, and whether a break is needed first. */
function afterLine(t: string, end: number): { offset: number; needsBreak: boolean } {
  if (end > 0 && (t[end - 1] === '\n' || t[end - 1] === '\r')) return { offset: end, needsBreak: false };
  const offset = nextLineStart(t, end);
  const atEnd = offset === t.length && t[offset - 1] !== '\n' && t[offset - 1] !== '\r';
  return { offset, needsBreak: atEnd };
}

function column(t: string, offset: number): number {
  return offset - lineStartOf(t, offset);
}

function onlySpaceBefore(t: string, offset: number): boolean {
  return /^[ \t]*$/.test(t.slice(lineStartOf(t, offset), offset));
}

/** The line's text before `offset` is blank except a sequence dash (`  - `). */
function onlyDashBefore(t: string, offset: number): boolean {
  return /^[ \t]*-[ \t]+$/.test(t.slice(lineStartOf(t, offset), offset));
}

function start(node: Node): number {
  return node.range ? node.range[0] : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Style

/** Style facts are read once per model: fixes for every service of a big file ask the same questions. */
const styleCache = new WeakMap<ComposeModel, Map<string, unknown>>();

function cached<T>(model: ComposeModel, key: string, compute: () => T): T {
  let map = styleCache.get(model);
  if (!map) styleCache.set(model, (map = new Map()));
  if (!map.has(key)) map.set(key, compute());
  return map.get(key) as T;
}

/** Spaces per indentation level, read from the file (the services' keys under `services:`), else 2. */
export function indentUnit(model: ComposeModel): number {
  return cached(model, 'indentUnit', () => readIndentUnit(model));
}

function readIndentUnit(model: ComposeModel): number {
  const t = text(model);
  for (const service of model.services) {
    const first = service.map?.items[0]?.key as Node | undefined;
    if (!first || service.map?.flow) continue;
    const unit = column(t, start(first)) - column(t, start(service.keyNode));
    if (unit > 0) return unit;
  }
  return 2;
}

/** Whether block lists are indented under their key (`key:\n  - x`) or level with it (`key:\n- x`), from the file. */
function listOffset(model: ComposeModel): number {
  return cached(model, 'listOffset', () => readListOffset(model));
}

function readListOffset(model: ComposeModel): number {
  const t = text(model);
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || !isMap(node)) return;
    for (const pair of node.items) {
      const value = pair.value;
      if (isSeq(value) && !value.flow && value.items.length && pair.key && (pair.key as Node).range) {
        const dash = t.lastIndexOf('-', start(value.items[0] as Node));
        found = column(t, dash) - column(t, start(pair.key as Node));
        return;
      }
      visit(value);
    }
  };
  if (model.doc) visit(model.doc.contents);
  return found ?? indentUnit(model);
}

/** Whether the file writes short lists flow-style (`cap_add: [X]`): most of its lists of scalars are. */
function prefersFlowLists(model: ComposeModel): boolean {
  return cached(model, 'prefersFlowLists', () => readPrefersFlowLists(model));
}

function readPrefersFlowLists(model: ComposeModel): boolean {
  let flow = 0;
  let block = 0;
  eachPair(model, (pair) => {
    const value = pair.value;
    if (isSeq(value) && value.items.length && value.items.every((item) => isScalar(item))) {
      if (value.flow) flow++;
      else block++;
    }
  });
  return flow > block;
}

/** Every pair of the document, anchors and extension blocks included (aliases not followed). */
function eachPair(model: ComposeModel, visit: (pair: Pair) => void): void {
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        visit(pair);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  if (model.doc) walk(model.doc.contents);
}

/** Quote style of a scalar: how a sibling is written, so new values look like old ones. */
type QuoteStyle = 'plain' | 'double' | 'single';

function quoteStyleOf(node: unknown): QuoteStyle | undefined {
  if (!isScalar(node)) return undefined;
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  if (node.type === 'PLAIN') return 'plain';
  return undefined;
}

/** A string written so YAML reads it back as the same string, in `style` when that is possible. */
export function formatString(value: string, style: QuoteStyle = 'plain', inFlow = false): string {
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(value);
  return readsBackAs(value, inFlow) ? value : JSON.stringify(value);
}

const readsBack = new Map<string, boolean>();

/** Whether YAML 1.2 (Compose v2) and YAML 1.1 (docker-compose 1.x: `yes`, `22:22`) both read `value` back as itself. */
function readsBackAs(value: string, inFlow: boolean): boolean {
  const key = `${inFlow ? '[' : ':'}${value}`;
  let known = readsBack.get(key);
  if (known === undefined) {
    known = probeReadsBack(value, inFlow);
    // A few distinct values per run (capability names, options, paths): the cache stays small.
    if (readsBack.size < 10_000) readsBack.set(key, known);
  }
  return known;
}

function probeReadsBack(value: string, inFlow: boolean): boolean {
  if (!value || /^\s|\s$/.test(value) || /[\n\r]/.test(value)) return false;
  const probe = inFlow ? `[${value}]` : `k: ${value}`;
  return (['1.2', '1.1'] as const).every((version) => {
    const doc = parseDocument(probe, { prettyErrors: false, version });
    if (doc.errors.length) return false;
    const node = inFlow
      ? isSeq(doc.contents) && doc.contents.items.length === 1
        ? doc.contents.items[0]
        : undefined
      : isMap(doc.contents)
        ? doc.contents.items[0]?.value
        : undefined;
    return isScalar(node) && node.value === value;
  });
}

function formatScalar(value: NewScalar, style: QuoteStyle | undefined, inFlow: boolean): string {
  return 'raw' in value ? value.raw : formatString(value.string, style, inFlow);
}

// ---------------------------------------------------------------------------------------------------------------
// Node edits

/** Replaces a scalar's text, keeping its quotes (a plain scalar that would change meaning gets double quotes). */
export function replaceScalar(
  model: ComposeModel,
  node: Scalar,
  value: NewScalar,
  inFlow = false,
): TextEdit | undefined {
  if (!editable(model)) return undefined;
  if (!node.range || (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE'))
    return undefined;
  return edit(model, node.range[0], node.range[1], formatScalar(value, quoteStyleOf(node), inFlow));
}

/**
 * Removes a pair. Block style: its whole lines (with a comment at their end, which spoke of it; comment lines above
 * stay). Flow style: the pair and one adjacent comma. A mapping left empty becomes `{}` so it stays a mapping.
 */
export function removePair(model: ComposeModel, map: YAMLMap, pair: Pair): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const t = text(model);
  const index = map.items.indexOf(pair as Pair<unknown, unknown>);
  if (index < 0) return undefined;
  const [pairStart, pairEnd] = pairSpan(pair);
  if (map.flow)
    return removeFlowEntry(
      model,
      map.items.map((p) => pairSpan(p)),
      index,
    );
  if (map.items.length === 1) return [edit(model, pairStart, pairEnd, '{}')];
  if (onlySpaceBefore(t, pairStart)) {
    return [edit(model, lineStartOf(t, pairStart), nextLineStart(t, pairEnd), '')];
  }
  // The first key of a mapping that is a list item (`- type: bind`): pull the next key up onto the dash line.
  const next = map.items[index + 1];
  if (index === 0 && next && onlyDashBefore(t, pairStart)) return [edit(model, pairStart, start(next.key as Node), '')];
  return undefined;
}

/** Removes a list item: its whole lines in block style, the item and one comma in flow style. */
export function removeItem(model: ComposeModel, seq: YAMLSeq, item: Node): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const t = text(model);
  const index = seq.items.indexOf(item);
  if (index < 0 || !item.range) return undefined;
  if (seq.flow)
    return removeFlowEntry(
      model,
      seq.items.map((i) => [start(i as Node), contentEnd(i as Node)]),
      index,
    );
  const dash = t.lastIndexOf('-', start(item) - 1);
  if (dash < 0 || !onlyDashBefore(t, start(item))) return undefined;
  return [edit(model, lineStartOf(t, dash), nextLineStart(t, contentEnd(item)), '')];
}

function removeFlowEntry(model: ComposeModel, spans: [number, number][], index: number): TextEdit[] {
  const [s, e] = spans[index];
  if (index + 1 < spans.length) return [edit(model, s, spans[index + 1][0], '')];
  if (index > 0) return [edit(model, spans[index - 1][1], e, '')];
  return [edit(model, s, e, '')];
}

/** Appends an item at the end of a list, in its style (a new `- x` line at the items' indentation, or `, x`). */
export function appendItem(model: ComposeModel, seq: YAMLSeq, value: NewScalar): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const t = text(model);
  const items = seq.items as Node[];
  const style = quoteStyleOf(items.find((i) => isScalar(i)));
  if (seq.flow) {
    const formatted = formatScalar(value, style, true);
    if (!items.length) {
      const open = seq.range ? seq.range[0] : -1;
      if (open < 0 || t[open] !== '[') return undefined;
      return [edit(model, open + 1, open + 1, formatted)];
    }
    const end = contentEnd(items[items.length - 1]);
    return [edit(model, end, end, `, ${formatted}`)];
  }
  if (!items.length) return undefined;
  const firstDash = t.lastIndexOf('-', start(items[0]));
  const dashColumn = column(t, firstDash);
  const gap = t.slice(firstDash + 1, start(items[0])).length || 1;
  const { offset, needsBreak } = afterLine(t, contentEnd(items[items.length - 1]));
  const eol = model.source.eol;
  const line = `${' '.repeat(dashColumn)}-${' '.repeat(gap)}${formatScalar(value, style, false)}${eol}`;
  return [edit(model, offset, offset, (needsBreak ? eol : '') + (needsBreak ? line.slice(0, -eol.length) : line))];
}

/**
 * Adds keys to a mapping, all at one spot (see Placement). Block mappings get lines at their keys' indentation; lists
 * are written in the file's list style. Flow mappings get `, key: value` before the closing brace.
 */
export function insertPairs(
  model: ComposeModel,
  map: YAMLMap,
  pairs: NewPair[],
  placement: Placement = [],
): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const t = text(model);
  const eol = model.source.eol;
  const items = map.items;
  if (map.flow) {
    const written = pairs.map((p) => `${p.key}: ${renderValue(model, p.value, true)}`).join(', ');
    if (!items.length) {
      const open = map.range ? map.range[0] : -1;
      if (open < 0 || t[open] !== '{') return undefined;
      return [edit(model, open + 1, open + 1, written)];
    }
    const last = pairSpan(items[items.length - 1])[1];
    return [edit(model, last, last, `, ${written}`)];
  }
  if (!items.length) return undefined;
  const keyColumn = column(t, start(items[0].key as Node));
  const where = placeIn(t, items, placement);
  const lines = pairs.map((p) => renderBlockPair(model, p, keyColumn)).join('');
  if (where.needsBreak) return [edit(model, where.offset, where.offset, eol + lines.slice(0, -eol.length))];
  return [edit(model, where.offset, where.offset, lines)];
}

function placeIn(t: string, items: Pair[], placement: Placement): { offset: number; needsBreak: boolean } {
  const byKey = new Map<string, Pair>();
  for (const p of items) {
    const key = isMergeKey(p.key) ? '<<' : keyText(p.key);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, p);
  }
  for (const near of placement) {
    const p = byKey.get('after' in near ? near.after : near.before);
    if (!p) continue;
    if ('after' in near) return afterLine(t, pairSpan(p)[1]);
    const keyStart = start(p.key as Node);
    if (!onlySpaceBefore(t, keyStart)) continue;
    let lineStart = lineStartOf(t, keyStart);
    // Comment lines right above a key speak of it: insert above them.
    while (lineStart > 0) {
      const prevStart = lineStartOf(t, lineStart - 1);
      if (!/^[ \t]*#/.test(t.slice(prevStart, lineStart))) break;
      lineStart = prevStart;
    }
    return { offset: lineStart, needsBreak: false };
  }
  return afterLine(t, pairSpan(items[items.length - 1])[1]);
}

function renderBlockPair(model: ComposeModel, pair: NewPair, keyColumn: number): string {
  const eol = model.source.eol;
  const indent = ' '.repeat(keyColumn);
  const value = pair.value;
  if ('list' in value && !(value.flow ?? prefersFlowLists(model))) {
    const dashIndent = ' '.repeat(keyColumn + listOffset(model));
    const style = listItemStyle(model);
    return (
      `${indent}${pair.key}:${eol}` +
      value.list.map((item) => `${dashIndent}- ${formatScalar(item, style, false)}${eol}`).join('')
    );
  }
  if ('map' in value)
    return (
      `${indent}${pair.key}:${eol}` +
      value.map.map((child) => renderBlockPair(model, child, keyColumn + indentUnit(model))).join('')
    );
  return `${indent}${pair.key}: ${renderValue(model, value, false)}${eol}`;
}

function renderValue(model: ComposeModel, value: NewPair['value'], inFlow: boolean): string {
  if ('list' in value)
    return `[${value.list.map((item) => formatScalar(item, listItemStyle(model), true)).join(', ')}]`;
  if ('map' in value)
    return `{${value.map.map((child) => `${child.key}: ${renderValue(model, child.value, true)}`).join(', ')}}`;
  return formatScalar(value, undefined, inFlow);
}

/** How the file quotes list items such as `security_opt` entries: the style most of them use. */
function listItemStyle(model: ComposeModel): QuoteStyle | undefined {
  return cached(model, 'listItemStyle', () => readListItemStyle(model));
}

function readListItemStyle(model: ComposeModel): QuoteStyle | undefined {
  const counts: Record<QuoteStyle, number> = { plain: 0, double: 0, single: 0 };
  eachPair(model, (pair) => {
    if (!['cap_add', 'cap_drop', 'security_opt', 'tmpfs'].includes(keyText(pair.key) ?? '') || !isSeq(pair.value))
      return;
    for (const item of pair.value.items) {
      const style = quoteStyleOf(item);
      if (style) counts[style]++;
    }
  });
  if (counts.double > counts.plain && counts.double >= counts.single) return 'double';
  if (counts.single > counts.plain) return 'single';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Service edits

/** The pair written in the service's own mapping for `key` (merge keys not followed), unless its value is an alias. */
export function ownPair(service: ComposeService, key: string): Pair | undefined {
  if (!service.map || service.aliased) return undefined;
  const pair = service.map.items.find((p) => !isMergeKey(p.key) && keyText(p.key) === key);
  return pair && !isAlias(pair.value) ? pair : undefined;
}

/**
 * Whether a fix may edit the text an origin points at for this service alone: text in the service itself, or in
 * anchors that no other service uses (and not in a service it extends).
 */
export function ownedBy(model: ComposeModel, service: ComposeService, origin: Origin): boolean {
  if (!yamlRef(origin)) return false;
  for (const via of origin.via) {
    if (!isYamlVia(via) || via.path) return false;
    const users = model.anchorUsers.get(via.name);
    if (!users || users.size !== 1 || !users.has(service.name)) return false;
  }
  return true;
}

/** The services that share an origin's text through anchors (the service itself included). */
export function sharingServices(model: ComposeModel, origin: Origin): string[] {
  const names = new Set<string>();
  for (const via of origin.via) for (const name of model.anchorUsers.get(via.name) ?? []) names.add(name);
  return [...names].sort();
}

/**
 * Sets `key: value` for the service: replaces the value where the service alone owns it, otherwise adds the key to the
 * service's mapping (an explicit key overrides a merged or extended one).
 */
export function setServiceValue(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  value: NewScalar,
  placement: Placement = [],
  current?: Origin,
): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const ref = yamlRef(current);
  if (current && ref && ownedBy(model, service, current) && isScalar(ref.node)) {
    const replaced = replaceScalar(model, ref.node, value, isFlowHolder(ref.holder));
    return replaced ? [replaced] : undefined;
  }
  const own = ownPair(service, key);
  if (own && isScalar(own.value)) {
    const replaced = replaceScalar(model, own.value, value, !!service.map?.flow);
    return replaced ? [replaced] : undefined;
  }
  if (own || !service.map || service.aliased) return undefined;
  return insertPairs(model, service.map, [{ key, value }], placement);
}

function isFlowHolder(holder: YAMLMap | YAMLSeq): boolean {
  return !!holder.flow;
}

/**
 * Adds items to a list setting of the service (`security_opt`, `cap_drop`): appended to a list the service owns;
 * otherwise a list key is added to the service, repeating what a shared anchor gave it when a merge key would
 * otherwise be overridden (lists from `extends` and override files are unioned by Compose, so they need not be repeated).
 */
export function addServiceListItems(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  list: SettingList<unknown>,
  items: NewScalar[],
  placement: Placement = [],
): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  if (!service.map || service.aliased || !items.length) return undefined;
  const holder = list.holders[0];
  const ref = yamlRef(holder);
  if (holder && ref && ownedBy(model, service, holder) && isSeq(ref.node)) {
    const seq = ref.node;
    if (seq.flow || seq.items.length) {
      const edits: TextEdit[] = [];
      // Several appends at one spot would overlap: write them as one item list in one edit.
      if (seq.flow) {
        const first = appendItem(model, seq, items[0]);
        if (!first) return undefined;
        const rest = items
          .slice(1)
          .map((item) => `, ${formatScalar(item, quoteStyleOf(seq.items.find((i) => isScalar(i))), true)}`)
          .join('');
        edits.push({ ...first[0], newText: first[0].newText + rest });
        return edits;
      }
      const appended = items.map((item) => appendItem(model, seq, item)?.[0]);
      if (appended.some((e) => !e)) return undefined;
      return [{ ...appended[0]!, newText: appended.map((e) => e!.newText).join('') }];
    }
  }
  if (ownPair(service, key)) return undefined;
  const fromMerge = list.holders.length > 0 && list.holders[0].via.some(isYamlVia);
  const inherited: NewScalar[] = fromMerge
    ? list.items.filter((item) => item.origin.via.every(isYamlVia)).map((item) => ({ string: item.text }))
    : [];
  if (fromMerge && list.unknown) return undefined;
  return insertPairs(model, service.map, [{ key, value: { list: [...inherited, ...items] } }], placement);
}

/**
 * Removes one item from a list setting of the service. Where the service owns the list, the item is removed (the key
 * too when nothing would be left); where a shared anchor gives the list through a merge key, the service gets its
 * own copy without the item. Items from `extends` cannot be removed (Compose unions those lists): undefined.
 */
export function removeServiceListItem(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  list: SettingList<unknown>,
  item: Origin,
  placement: Placement = [],
): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const ref = yamlRef(item);
  if (!ref || !isSeq(ref.holder)) return undefined;
  if (ownedBy(model, service, item)) {
    const seq = ref.holder;
    if (seq.items.length > 1) return removeItem(model, seq, ref.node);
    const holderRef = yamlRef(list.holders.find((h) => yamlRef(h)?.node === seq));
    if (!holderRef?.pair || !isMap(holderRef.holder)) return removeItem(model, seq, ref.node);
    return removePair(model, holderRef.holder, holderRef.pair);
  }
  if (!item.via.every(isYamlVia) || !service.map || service.aliased || ownPair(service, key) || list.unknown)
    return undefined;
  const rest = list.items.filter((other) => other.origin !== item && other.origin.via.every(isYamlVia));
  return insertPairs(
    model,
    service.map,
    [
      {
        key,
        value: { list: rest.map((other) => ({ string: other.text })), flow: rest.length === 0 ? true : undefined },
      },
    ],
    placement,
  );
}

/** Removes a `key: value` the service owns; undefined when the key comes from elsewhere. */
export function removeServiceKey(model: ComposeModel, service: ComposeService, origin: Origin): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const ref = yamlRef(origin);
  if (!ref?.pair || !isMap(ref.holder) || !ownedBy(model, service, origin)) return undefined;
  return removePair(model, ref.holder, ref.pair);
}

/** Adds `key: value` to a mapping node (a long-syntax list item) or replaces it where written. */
export function setMappingValue(
  model: ComposeModel,
  map: YAMLMap,
  key: string,
  value: NewScalar,
  placement: Placement = [],
): TextEdit[] | undefined {
  if (!editable(model)) return undefined;
  const pair = map.items.find((p) => keyText(p.key) === key);
  if (pair) {
    if (!isScalar(pair.value)) return undefined;
    const replaced = replaceScalar(model, pair.value, value, !!map.flow);
    return replaced ? [replaced] : undefined;
  }
  return insertPairs(model, map, [{ key, value }], placement);
}
