import { parseDockerfile } from './dockerfile/model';
import { SourceText } from './text';
import type { FileKind, TextEdit } from './types';

/**
 * The edits behind "ignore this rule here": the suppression comments that `suppress.ts` reads, written where it reads
 * them. An existing comment of the same sort is extended (`# bulkhead-ignore a,b`) rather than stacked.
 */

const LINE_IGNORE = /^\s*#\s*bulkhead-ignore\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
const FILE_IGNORE = /^\s*#\s*bulkhead-ignore-file\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
/** BuildKit parser directives: only recognised as the very first lines, so nothing may be inserted above them. */
const DIRECTIVE = /^\s*#\s*(syntax|escape|check)\s*=/i;

/** `# bulkhead-ignore <id>` on its own line above the statement that holds `line`, indented like it. */
export function ignoreLineEdit(kind: FileKind, text: string, ruleId: string, line: number): TextEdit {
  const source = new SourceText(text);
  const statement = kind === 'dockerfile' ? dockerfileStatementStart(text, line) : line;
  const above = statement > 0 ? source.lineText(statement - 1) : '';
  const extended = extendList(source, statement - 1, above, LINE_IGNORE, ruleId);
  if (extended) return extended;
  const indent = /^[ \t]*/.exec(source.lineText(statement))![0];
  return insertLine(source, statement, `${indent}# bulkhead-ignore ${ruleId}`);
}

/** `# bulkhead-ignore-file <id>` at the top, after a Dockerfile's parser directives (they must stay first). */
export function ignoreFileEdit(kind: FileKind, text: string, ruleId: string): TextEdit {
  const source = new SourceText(text);
  for (let line = 0; line < source.lineCount; line++) {
    const extended = extendList(source, line, source.lineText(line), FILE_IGNORE, ruleId);
    if (extended) return extended;
  }
  let at = 0;
  if (kind === 'dockerfile') while (at < source.lineCount && DIRECTIVE.test(source.lineText(at))) at++;
  return insertLine(source, at, `# bulkhead-ignore-file ${ruleId}`);
}

/** The line where the Dockerfile instruction that covers `line` starts (a finding may sit on a continuation line). */
function dockerfileStatementStart(text: string, line: number): number {
  for (const ins of parseDockerfile(text).ast.getInstructions()) {
    const r = ins.getRange();
    if (r.start.line <= line && line <= r.end.line) return r.start.line;
  }
  return line;
}

/** Adds `ruleId` to the list of an existing suppression comment on `line`, or undefined when there is none. */
function extendList(source: SourceText, line: number, lineText: string, pattern: RegExp, ruleId: string): TextEdit | undefined {
  if (line < 0) return undefined;
  const m = pattern.exec(lineText);
  if (!m?.indices?.[1]) return undefined;
  const ids = m[1].split(/[\s,]+/).filter(Boolean);
  const end = m.indices[1][1];
  const position = { line, character: end };
  return { range: { start: position, end: position }, newText: ids.includes(ruleId) ? '' : `,${ruleId}` };
}

function insertLine(source: SourceText, line: number, content: string): TextEdit {
  const eol = source.eol;
  if (line < source.lineCount) {
    const position = { line, character: 0 };
    return { range: { start: position, end: position }, newText: `${content}${eol}` };
  }
  // After the last line: the text may not end with a line break.
  const end = source.positionAt(source.text.length);
  const needsBreak = source.text.length > 0 && !/[\r\n]$/.test(source.text);
  return { range: { start: end, end }, newText: `${needsBreak ? eol : ''}${content}${eol}` };
}
