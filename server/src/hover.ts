import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { findingHover, keywordHover } from '../../shared/src/hover/index';
import { comparePositions } from '../../shared/src/text';
import type { Range } from '../../shared/src/types';
import { parsedText } from './parsed';
import type { Entry } from './store';

/**
 * Hover over a finding (what was found, its threat, mitigation, CIS control, links) and over security-relevant
 * keywords even when nothing is wrong with them; both when both apply, the findings first.
 */
export function hover(entry: Entry, position: Position): Hover | null {
  const parts: string[] = [];
  let range: Range | undefined;
  for (const d of entry.report.diagnostics) {
    if (!containsInclusive(d.range, position)) continue;
    parts.push(findingHover(d));
    range ??= d.range;
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
