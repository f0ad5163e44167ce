import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from './types';

/** Offsets and positions of one text, with LSP line breaks (\n, \r\n, \r) and UTF-16 characters. */
export class SourceText {
  readonly document: TextDocument;
  private lineStarts: number[] | undefined;

  constructor(readonly text: string, uri = 'file:///untitled') {
    this.document = TextDocument.create(uri, 'plaintext', 0, text);
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    if (line < 0 || line >= starts.length) return '';
    const start = starts[line];
    let end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  lineStart(line: number): number {
    return this.getLineStarts()[line] ?? this.text.length;
  }

  /** The line break this text uses most, so inserted lines match the file. */
  get eol(): string {
    const crlf = this.text.indexOf('\r\n');
    return crlf >= 0 ? '\r\n' : '\n';
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
    .map((edit) => ({ start: source.offsetAt(edit.range.start), end: source.offsetAt(edit.range.end), text: edit.newText }))
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

/** Whether two edit lists touch overlapping spans (fix-all keeps the first of two conflicting fixes). */
export function editsOverlap(source: SourceText, a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    const xs = source.offsetAt(x.range.start), xe = source.offsetAt(x.range.end);
    for (const y of b) {
      const ys = source.offsetAt(y.range.start), ye = source.offsetAt(y.range.end);
      if (xs < ye && ys < xe) return true;
      // Two insertions at the same point would interleave unpredictably.
      if (xs === xe && ys === ye && xs === ys) return true;
      if ((xs === xe && xs > ys && xs < ye) || (ys === ye && ys > xs && ys < xe)) return true;
    }
  }
  return false;
}
