/**
 * The smallest text edits over a devcontainer.json's JSONC text: remove a property or array elements, append an
 * array element or a property. Comments, blank lines and the file's indentation stay as written: jsonc-parser's
 * `modify` re-formats the array it edits (dropping comments inside it) and moves a removed property's trailing
 * comment onto its neighbour, so the edits are written here from the parse tree's offsets.
 */
import { createScanner, SyntaxKind, type Node } from 'jsonc-parser';
import type { SourceText } from '../text';
import type { TextEdit } from '../types';

/** Removes `children[from..to]` of an object or array (properties or elements), with their commas and own lines. */
export function removeChildren(source: SourceText, parent: Node, from: number, to: number = from): TextEdit[] {
  const text = source.text;
  const children = parent.children ?? [];
  // All of them: an empty `[]` or `{}` on the key's line.
  if (from === 0 && to === children.length - 1 && !hasComment(text, parent))
    return [edit(source, parent.offset + 1, parent.offset + parent.length - 1, '')];
  const first = children[from];
  const last = children[to];
  const end = last.offset + last.length;
  const commaAfter = commaBetween(text, end, children[to + 1]?.offset ?? parent.offset + parent.length - 1);
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const ownLine = text.slice(lineStart, first.offset).trim() === '';
  const afterEnd = commaAfter !== undefined ? commaAfter + 1 : end;
  const lineEnd = endOfLine(text, afterEnd);
  const restOfLine = text.slice(afterEnd, lineEnd).trim();
  const next = children[to + 1];
  if (ownLine && (restOfLine === '' || restOfLine.startsWith('//')) && (!next || next.offset > lineEnd)) {
    // On lines of their own: the lines go, a line comment after them too (it was about them).
    const nextLine = text.indexOf('\n', lineEnd);
    const edits = [edit(source, lineStart, nextLine < 0 ? text.length : nextLine + 1, '')];
    if (commaAfter === undefined && from > 0) {
      // The last ones: the comma before them would now be trailing.
      const previous = children[from - 1];
      const comma = commaBetween(text, previous.offset + previous.length, first.offset);
      if (comma !== undefined) edits.unshift(edit(source, comma, comma + 1, ''));
    }
    return edits;
  }
  if (next) return [edit(source, first.offset, spacesAfter(text, afterEnd), '')];
  if (from > 0) {
    const previous = children[from - 1];
    const comma = commaBetween(text, previous.offset + previous.length, first.offset);
    return [edit(source, comma ?? previous.offset + previous.length, afterEnd, '')];
  }
  return [edit(source, first.offset, afterEnd, '')];
}

/** Appends an element (its JSON text) to an array. */
export function appendElement(source: SourceText, array: Node, valueText: string): TextEdit[] {
  return appendChild(source, array, valueText);
}

/** Appends `"key": value` to an object. */
export function appendProperty(source: SourceText, object: Node, key: string, valueText: string): TextEdit[] {
  return appendChild(source, object, `${JSON.stringify(key)}: ${valueText}`);
}

function appendChild(source: SourceText, parent: Node, childText: string): TextEdit[] {
  const text = source.text;
  const children = parent.children ?? [];
  const close = parent.offset + parent.length - 1;
  const last = children[children.length - 1];
  if (!last) {
    const inside = text.slice(parent.offset + 1, close);
    if (!inside.includes('\n')) return [edit(source, parent.offset + 1, close, childText)];
    // `{\n}`: one indentation step past the brace's line.
    const indent = indentOf(text, parent.offset);
    return [edit(source, parent.offset + 1, parent.offset + 1, `${source.eol}${indent}${stepOf(text)}${childText}`)];
  }
  const end = last.offset + last.length;
  const comma = commaBetween(text, end, close);
  const multiline =
    text.slice(parent.offset, close).includes('\n') && lineOf(text, last.offset) !== lineOf(text, close);
  if (!multiline) {
    if (comma !== undefined) return [edit(source, comma + 1, comma + 1, ` ${childText}`)];
    return [edit(source, end, end, `, ${childText}`)];
  }
  // After the last child's line (its trailing comment stays with it), at its indentation.
  const after = comma !== undefined ? comma + 1 : end;
  const lineEnd = endOfLine(text, after);
  const indent = indentOf(text, last.offset);
  const added = edit(source, lineEnd, lineEnd, `${source.eol}${indent}${childText}${comma !== undefined ? ',' : ''}`);
  return comma !== undefined ? [added] : [edit(source, end, end, ','), added];
}

/** Whether a comment is written inside the node: it stays, so the node is not emptied wholesale. */
function hasComment(text: string, node: Node): boolean {
  const scanner = createScanner(text.slice(node.offset, node.offset + node.length), false);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan())
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) return true;
  return false;
}

/** The offset of the comma between two offsets, comments skipped; undefined when there is none. */
function commaBetween(text: string, from: number, to: number): number | undefined {
  const scanner = createScanner(text.slice(from, to), false);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan())
    if (token === SyntaxKind.CommaToken) return from + scanner.getTokenOffset();
  return undefined;
}

function endOfLine(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at > 0 && text[at - 1] === '\r' ? at - 1 : at;
}

function spacesAfter(text: string, from: number): number {
  let at = from;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The file's indentation step: the first indented line's (two spaces when none is). */
function stepOf(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

function edit(source: SourceText, start: number, end: number, newText: string): TextEdit {
  return { range: source.rangeOf(start, end), newText };
}
