/** JSONC nodes (jsonc-parser's tree) as the container spec's origins: where each value of a devcontainer.json is. */
import type { Node } from 'jsonc-parser';
import type { SourceText } from '../text';
import type { Range } from '../types';
import type { Origin } from '../container/spec';

/** What a setting's origin holds for the fixes (edit.ts): the JSON nodes it was read from. */
export interface JsonRef {
  /** The property (`"privileged": true`), when the setting is one. */
  property?: Node;
  /** The array elements the setting was read from (`"--cap-add", "SYS_ADMIN"`: both). */
  elements?: Node[];
  /** The setting comes from a feature (`features` key): there is nothing of it to edit. */
  feature?: string;
}

export function jsonRef(origin: Origin | undefined): JsonRef | undefined {
  return origin?.ref as JsonRef | undefined;
}

/** The JSON text of a node as a reader sees it: strings unquoted, anything else as written. */
export function nodeText(source: SourceText, node: Node): string {
  return node.type === 'string' ? String(node.value) : source.text.slice(node.offset, node.offset + node.length);
}

export function rangeOfNode(source: SourceText, node: Node): Range {
  return source.rangeOf(node.offset, node.offset + node.length);
}

/** The origin of a value written as a property (`"privileged": true`). */
export function propertyOrigin(source: SourceText, property: Node, value: Node = property.children![1]): Origin {
  return {
    range: rangeOfNode(source, value),
    entryRange: rangeOfNode(source, property),
    keyRange: rangeOfNode(source, property.children![0]),
    via: [],
    ref: { property } satisfies JsonRef,
  };
}

/** The origin of one element of an array property (`"SYS_ADMIN"` in `capAdd`). */
export function elementOrigin(
  source: SourceText,
  elements: Node[],
  value: Node = elements[elements.length - 1],
): Origin {
  const first = elements[0];
  const last = elements[elements.length - 1];
  return {
    range: rangeOfNode(source, value),
    entryRange: source.rangeOf(first.offset, last.offset + last.length),
    via: [],
    ref: { elements } satisfies JsonRef,
  };
}

export function propertiesOf(object: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const property of object.children ?? []) {
    const key = property.children?.[0];
    if (property.type !== 'property' || !key || property.children!.length < 2) continue;
    // JSON's last duplicate wins, as JSON.parse and the CLI read it.
    out.set(String(key.value), property);
  }
  return out;
}
