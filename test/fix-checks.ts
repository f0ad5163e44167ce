/**
 * The promises every offered fix keeps, checked on a whole file through the engine: edits sorted, non-overlapping and
 * inside the file; nothing changed outside them; a result that parses as well as before; the fixed finding gone; the
 * same fix not offered again on its own output. The corpus test and the fuzzer hold fixes to these same definitions.
 */
import { analyzeText, type AnalyzeOptions, type FileReport } from '../shared/src/engine';
import { applyEdits, SourceText } from '../shared/src/text';
import type { FileKind, Fix, Position } from '../shared/src/types';

export type FixFailureKind = 'edits' | 'outside' | 'parse' | 'finding' | 'again';

export interface FixFailure {
  kind: FixFailureKind;
  detail: string;
}

export interface CheckedFile {
  name: string;
  kind: FileKind;
  text: string;
}

/** What one fix of a finding breaks, if anything. `findingsBefore`: how many findings with its rule and message. */
export function fixFailures(
  file: CheckedFile,
  fix: Fix,
  ruleId: string,
  message: string,
  findingsBefore: number,
  syntaxBefore: number,
  options: AnalyzeOptions = {},
): FixFailure[] {
  const source = new SourceText(file.text);
  const spans = fix.edits.map((e) => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end) }));
  // offsetAt clamps positions past a line's end; a position that does not survive the round trip is outside the file.
  const outside = fix.edits
    .flatMap((e) => [e.range.start, e.range.end])
    .filter((p) => !samePosition(source.positionAt(source.offsetAt(p)), p));
  const unordered = spans.some((s, i) => s.end < s.start || (i > 0 && s.start < spans[i - 1].end));
  if (!fix.edits.length || outside.length || unordered) {
    return [
      {
        kind: 'edits',
        detail: !fix.edits.length
          ? 'no edits'
          : outside.length
            ? `position outside the file ${JSON.stringify(outside[0])}`
            : 'edits unsorted or overlapping',
      },
    ];
  }
  let output: string;
  try {
    output = applyEdits(file.text, fix.edits);
  } catch (error) {
    return [{ kind: 'edits', detail: String(error) }];
  }
  const failures: FixFailure[] = [];
  if (!unchangedOutside(file.text, output, spans, fix))
    failures.push({ kind: 'outside', detail: 'bytes outside the edits changed' });
  const after = analyzeText(file.name, output, file.kind, options);
  if (countOf(after, 'syntax') > syntaxBefore)
    failures.push({ kind: 'parse', detail: after.diagnostics.find((d) => d.ruleId === 'syntax')?.message ?? '' });
  // The same finding (rule and message) must be gone; a milder one may remain (a writable mount made read-only).
  if (countOf(after, ruleId, message) >= findingsBefore)
    failures.push({ kind: 'finding', detail: 'the finding remains' });
  const same = JSON.stringify(fix.edits);
  // With two identical findings (the same line twice), fixing the first moves the second into its place, and its fix
  // reads exactly as the one applied: offered again only counts when the fixed finding was the only one of its kind.
  const again =
    findingsBefore === 1 &&
    after.diagnostics.some((d) =>
      d.fixes.some(
        (f) => f.title === fix.title && JSON.stringify(f.edits) === same && applyEdits(output, f.edits) !== output,
      ),
    );
  if (again) failures.push({ kind: 'again', detail: 'offered again on its own output' });
  return failures;
}

/** The output is the original with each span replaced by its edit's text, and nothing else: every gap kept as it was. */
function unchangedOutside(text: string, output: string, spans: { start: number; end: number }[], fix: Fix): boolean {
  let cursor = 0;
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    const gap = text.slice(cursor, spans[i].start);
    if (output.slice(at, at + gap.length) !== gap) return false;
    at += gap.length + fix.edits[i].newText.length;
    cursor = spans[i].end;
  }
  return output.slice(at) === text.slice(cursor);
}

export function countOf(report: FileReport, ruleId: string, message?: string): number {
  return report.diagnostics.filter((d) => d.ruleId === ruleId && (message === undefined || d.message === message))
    .length;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
