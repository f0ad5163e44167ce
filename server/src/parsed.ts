import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { parseComposeForHover } from '../../shared/src/hover/index';
import type { SuppressionTarget } from '../../shared/src/suppress-edit';
import { parserText } from '../../shared/src/text';
import type { Entry } from './store';

/**
 * The parsed text of an entry, for hovers and code actions. An entry is replaced, never changed, at each analysis, so
 * the text is parsed once per version on first use instead of at every hover and lightbulb request.
 */
const PARSED = new WeakMap<Entry, SuppressionTarget>();

export function parsedText(entry: Entry): SuppressionTarget {
  let parsed = PARSED.get(entry);
  if (!parsed) {
    // The analysis' own model when it kept one (an open document, a file reloaded for a code action), else a parse.
    // Its Compose document was read with Compose's rules (duplicate keys are errors, `<<` merges): its nodes are the
    // same, so hovers and suppression checks read it as they read their own lenient parse.
    const model = entry.report.model;
    // A model's text is the one its parser read (lone CRs as LF).
    const readable = parserText(entry.text);
    if (entry.kind === 'dockerfile') {
      parsed = {
        kind: 'dockerfile',
        text: entry.text,
        model:
          model?.kind === 'dockerfile' && model.source.text === readable
            ? model
            : parseDockerfile(entry.text, entry.path),
      };
    } else if (entry.kind === 'devcontainer') {
      parsed = { kind: 'devcontainer', text: entry.text };
    } else {
      const document = model?.kind === 'compose' && model.source.text === readable ? model.doc : undefined;
      parsed = { kind: 'compose', text: entry.text, document: document ?? parseComposeForHover(entry.text) };
    }
    PARSED.set(entry, parsed);
  }
  return parsed;
}
