import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { parseComposeForHover } from '../../shared/src/hover/index';
import type { SuppressionTarget } from '../../shared/src/suppress-edit';
import type { Entry } from './store';

/**
 * The parsed text of an entry, for hovers and code actions. An entry is replaced, never changed, at each analysis, so
 * the text is parsed once per version on first use instead of at every hover and lightbulb request.
 */
const PARSED = new WeakMap<Entry, SuppressionTarget>();

export function parsedText(entry: Entry): SuppressionTarget {
  let parsed = PARSED.get(entry);
  if (!parsed) {
    parsed =
      entry.kind === 'dockerfile'
        ? { kind: 'dockerfile', text: entry.text, model: parseDockerfile(entry.text, entry.path) }
        : { kind: 'compose', text: entry.text, document: parseComposeForHover(entry.text) };
    PARSED.set(entry, parsed);
  }
  return parsed;
}
