import { analyzeText, type AnalyzeOptions, type FileReport } from './engine';
import { SourceText, applyEdits } from './text';
import type { Diagnostic, FileKind, Fix } from './types';

/**
 * The safe fixes that can go into one edit of a file: the first safe fix of each diagnostic, in diagnostic order,
 * leaving out any that touches a span an earlier one already changes (the next pass will offer it again on the new
 * text). What `--fix` and the editor's fix-all apply.
 */
export function compatibleSafeFixes(
  source: SourceText,
  diagnostics: readonly Diagnostic[],
): { diagnostic: Diagnostic; fix: Fix }[] {
  const chosen: { diagnostic: Diagnostic; fix: Fix }[] = [];
  const taken: Span[] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.safe && f.edits.length > 0);
    if (!fix) continue;
    const spans = fix.edits.map((edit) => ({
      start: source.offsetAt(edit.range.start),
      end: source.offsetAt(edit.range.end),
    }));
    // A fix whose own edits overlap cannot be applied; a broken rule must not stop the other fixes.
    if (spans.some((a, i) => spans.some((b, j) => i < j && spansConflict(a, b)))) continue;
    if (spans.some((a) => taken.some((b) => spansConflict(a, b)))) continue;
    taken.push(...spans);
    chosen.push({ diagnostic, fix });
  }
  return chosen;
}

interface Span {
  start: number;
  end: number;
}

/** As `editsOverlap`, on offsets: shared characters, two insertions at one point, or an insertion inside a replacement. */
function spansConflict(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return false;
}

export interface FixAllResult {
  /** The text after every pass. */
  text: string;
  /** Each fix applied, in order, over all passes. */
  applied: { ruleId: string; title: string }[];
  /** The analysis of the final text: what remains. */
  report: FileReport;
}

/** Passes before giving up on fixes that keep producing new fixes; real files settle in one or two. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies every safe fix: all compatible ones in one pass, then re-analyses and repeats (a fix may reveal another, or
 * one left out for overlapping), until nothing changes or `MAX_FIX_PASSES` passes. Inserted line breaks are the
 * file's own (CRLF, or a lone CR), so the file keeps its line endings.
 */
export function fixAll(
  path: string,
  text: string,
  kind: FileKind,
  options: AnalyzeOptions = {},
  maxPasses = MAX_FIX_PASSES,
): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  let report = analyzeText(path, text, kind, options);
  for (let pass = 0; pass < maxPasses && !report.skipped; pass++) {
    const source = new SourceText(text);
    const fixes = compatibleSafeFixes(source, report.diagnostics);
    if (!fixes.length) break;
    const edits = fixes.flatMap(({ fix }) =>
      fix.edits.map((edit) => ({ ...edit, newText: source.withLineBreaks(edit.newText) })),
    );
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    for (const { diagnostic, fix } of fixes) applied.push({ ruleId: diagnostic.ruleId, title: fix.title });
    // A new text: the size and binary test applies to it again.
    report = analyzeText(path, text, kind, { ...options, fitChecked: false });
  }
  return { text, applied, report };
}
