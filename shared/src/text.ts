import type { Position, Range, TextEdit } from './types';

/**
 * Offsets and positions of one text, with LSP line breaks (\n, \r\n, \r) and UTF-16 characters: the arithmetic of
 * vscode-languageserver-textdocument's `TextDocument` (clamping included; test/core/text.test.ts compares both), without
 * a second copy of the line starts. A compose model converts thousands of offsets per analysis, mostly in document
 * order, so a lookup first tries the line of the previous one.
 */
export class SourceText {
  private lineStarts: number[] | undefined;
  /** The line of the last offset converted. */
  private lastLine = 0;
  private lineBreak: string | undefined;

  /** `lineBreak`: the file's own, when `text` is not the file's text as written (`parserSource`). */
  constructor(
    readonly text: string,
    lineBreak?: string,
  ) {
    this.lineBreak = lineBreak;
  }

  positionAt(offset: number): Position {
    const text = this.text;
    offset = Math.max(Math.min(offset, text.length), 0);
    const starts = this.getLineStarts();
    let line = this.lastLine;
    if (!(starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset))) {
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (starts[mid] > offset) high = mid;
        else low = mid + 1;
      }
      line = low - 1;
      this.lastLine = line;
    }
    return { line, character: this.beforeLineBreak(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.getLineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.getLineStarts().length;
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    if (line < 0 || line >= starts.length) return '';
    const start = starts[line];
    const end = this.beforeLineBreak(line + 1 < starts.length ? starts[line + 1] : this.text.length, start);
    return this.text.slice(start, end);
  }

  lineStart(line: number): number {
    return this.getLineStarts()[line] ?? this.text.length;
  }

  /** The line break this text uses, so inserted lines match the file (read once: every fix asks). */
  get eol(): string {
    return (this.lineBreak ??= lineBreakOf(this.text));
  }

  /** Text written with `\n` line breaks (as rules write them), with this file's line break instead. */
  withLineBreaks(newText: string): string {
    return this.eol === '\n' ? newText : newText.replace(/\r\n|\r|\n/g, this.eol);
  }

  /** An offset moved back out of the line break that ends its line (a position never points inside one). */
  private beforeLineBreak(offset: number, lineStart: number): number {
    const text = this.text;
    while (offset > lineStart) {
      const c = text.charCodeAt(offset - 1);
      if (c !== 10 && c !== 13) break;
      offset--;
    }
    return offset;
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10) {
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/**
 * The line break a file uses: CRLF when it has any, else a lone CR when it has no LF (an old Mac file), else LF. A
 * file that mixes LF and lone CRs gets LF, which every reader takes as a line break.
 */
function lineBreakOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  return text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
}

/**
 * A file's text as the parsers read it, with the file's line break kept for fixes. A lone CR is a line break to LSP
 * (and to the YAML spec) but not to dockerfile-ast or the yaml package, which misread or throw on it: each one is read
 * as LF, one character for one, so every offset and every position is the same in both texts, and edits computed on
 * this text apply to the file as written.
 */
export function parserSource(text: string): SourceText {
  const readable = parserText(text);
  return readable === text ? new SourceText(text) : new SourceText(readable, lineBreakOf(text));
}

/** What `parserSource` gives a parser to read. */
export function parserText(text: string): string {
  return hasLoneCr(text) ? text.replace(LONE_CR, '\n') : text;
}

const LONE_CR = /\r(?!\n)/g;

/** Whether a text has a CR not followed by LF (without a regular expression over the whole text for the common case). */
export function hasLoneCr(text: string): boolean {
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1))
    if (text.charCodeAt(at + 1) !== 10) return true;
  return false;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/**
 * Applies sorted, non-overlapping edits to a text. The one implementation behind `--fix`, fix-all and the tests;
 * throws on overlapping edits because silently merging them could lose bytes.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const source = new SourceText(text);
  const spans = edits
    .map((edit) => ({
      start: source.offsetAt(edit.range.start),
      end: source.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/**
 * One edit list from several fixes' edits (a fix that applies several settings at once): insertions at the same point
 * are joined in the order given, so the text reads in that order; undefined when two edits overlap otherwise.
 */
export function mergeEdits(source: SourceText, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const spans = edits
    .map((edit, order) => ({
      start: source.offsetAt(edit.range.start),
      end: source.offsetAt(edit.range.end),
      edit,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const out: { start: number; end: number; edit: TextEdit }[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && last.start === span.start && last.end === last.start && span.end === span.start) {
      last.edit = { range: last.edit.range, newText: last.edit.newText + span.edit.newText };
      continue;
    }
    if (last && span.start < last.end) return undefined;
    if (last && last.start === span.start && last.end === last.start && span.end > span.start) {
      // An insertion before a replacement at the same point: write it first.
      last.edit = { range: span.edit.range, newText: last.edit.newText + span.edit.newText };
      last.end = span.end;
      continue;
    }
    out.push({ start: span.start, end: span.end, edit: span.edit });
  }
  return out.map((s) => s.edit);
}

/** Whether two edit lists touch overlapping spans (fix-all keeps the first of two conflicting fixes). */
export function editsOverlap(source: SourceText, a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    const xs = source.offsetAt(x.range.start),
      xe = source.offsetAt(x.range.end);
    for (const y of b) {
      const ys = source.offsetAt(y.range.start),
        ye = source.offsetAt(y.range.end);
      if (xs < ye && ys < xe) return true;
      // Two insertions at the same point would interleave unpredictably.
      if (xs === xe && ys === ye && xs === ys) return true;
      if ((xs === xe && xs > ys && xs < ye) || (ys === ye && ys > xs && ys < xe)) return true;
    }
  }
  return false;
}
