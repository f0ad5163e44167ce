import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { findingsHover, keywordHover } from '../../shared/src/hover/index';
import { comparePositions } from '../../shared/src/text';
import type { Range } from '../../shared/src/types';
import { parsedText } from './parsed';
import type { Entry } from './store';

/**
 * Hover over findings (each rule at the spot once, most severe first: its threat, mitigation, CIS control, links)
 * and over security-relevant keywords even when nothing is wrong with them; both when both apply, the findings first.
 */
export function hover(entry: Entry, position: Position): Hover | null {
  const parts: string[] = [];
  let range: Range | undefined;
  const here = entry.report.diagnostics.filter((d) => containsInclusive(d.range, position));
  if (here.length) {
    parts.push(findingsHover(here));
    range = here[0].range;
  }
  const keyword = keywordHover(entry.kind, entry.text, position, parsedText(entry));
  if (keyword) {
    parts.push(keyword.markdown);
    range = keyword.range;
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

function containsInclusive(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
