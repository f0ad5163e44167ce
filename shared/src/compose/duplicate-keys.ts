/**
 * Compose refuses a mapping with the same key twice. The yaml package finds such keys (`uniqueKeys: true`) by comparing
 * each key with every key before it in its mapping, which makes a file of n services cost n² (32,000 services: seconds
 * in `resolveBlockMap` alone). Compose documents are parsed without that check and checked here instead, one set of
 * keys per mapping: the same errors (code, message, position) as the package's check.
 */
import { isMap, isScalar, visit, YAMLParseError, type Document } from 'yaml';

/** Adds the package's `DUPLICATE_KEY` errors to a document parsed with `uniqueKeys: false`, where it would have put them. */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map) || map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // The package compares scalar keys by value with `===`: NaN is never equal to itself.
        if (!isScalar(key) || (typeof key.value === 'number' && Number.isNaN(key.value))) continue;
        if (seen.has(key.value)) {
          const at = key.range?.[0] ?? 0;
          found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(key.value);
      }
    },
  });
  if (!found.length) return;
  // The package reports a duplicate when it reads the key, after the errors before it in the text.
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  const merged: YAMLParseError[] = [];
  let next = 0;
  for (const error of doc.errors) {
    while (next < found.length && found[next].pos[0] < error.pos[0]) merged.push(found[next++]);
    merged.push(error);
  }
  merged.push(...found.slice(next));
  doc.errors.splice(0, doc.errors.length, ...merged);
}
