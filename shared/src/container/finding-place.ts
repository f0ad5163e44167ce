/**
 * Where container findings point. A setting written in the container's own declaration is reported where it is
 * written. A setting that reaches the container from elsewhere (a YAML anchor, a service it extends) is reported
 * where it enters the declaration (`<<: *defaults`, `extends: base`), once per container, so each container's finding
 * sits in its own text and can be suppressed there; the text that set the value is attached as a related location.
 */
import type { Range, RelatedLocation } from '../types';
import type { ContainerSpec, Origin, Via } from './spec';

export interface FindingPlace {
  range: Range;
  related?: RelatedLocation[];
  /**
   * The file the finding belongs to when it is not the one being checked: a setting from another file of the same
   * project (an override file). The engine leaves such findings to that file's own analysis.
   */
  path?: string;
}

/**
 * @param part `entry` reports the whole setting (`privileged: true`), `value` only its value, `key` its key (a list
 *   setting spanning lines is reported at its key).
 */
export function placeOf(origin: Origin, part: 'entry' | 'value' | 'key' = 'entry'): FindingPlace {
  const [first, ...rest] = origin.via;
  if (first?.kind === 'override' && first.path) {
    const place = placeOf({ ...origin, via: rest }, part);
    return {
      ...place,
      ...(place.related ? { related: place.related.map((r) => ({ path: first.path, ...r })) } : {}),
      path: first.path,
    };
  }
  const written =
    part === 'entry' ? origin.entryRange : part === 'key' ? (origin.keyRange ?? origin.range) : origin.range;
  if (!origin.via.length) return { range: written };
  const source = origin.via[origin.via.length - 1];
  // The value is written in the file of the innermost step that came from another file, if any.
  const path = [...origin.via].reverse().find((via) => via.path)?.path;
  return {
    range: origin.via[0].range,
    related: [{ ...(path ? { path } : {}), range: written, message: describeSource(source) }],
  };
}

/** For a setting the container lacks: its declaration (the service key). */
export function placeOfMissing(spec: ContainerSpec): FindingPlace {
  const first = spec.declaration.via[0];
  return { range: spec.declaration.range, ...(first?.kind === 'override' && first.path ? { path: first.path } : {}) };
}

function describeSource(via: Via): string {
  switch (via.kind) {
    case 'extends':
      return `Set in service \`${via.name}\`${via.path ? ` of ${via.path}` : ''}, which this service extends.`;
    case 'override':
      return `Set in ${via.path ?? 'an override file'}, merged over this file.`;
    case 'merge':
    case 'alias':
      return `Set in anchor \`&${via.name}\`.`;
  }
}
