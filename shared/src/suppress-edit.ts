import { isCollection, isScalar, visit, type Document } from 'yaml';
import type { Instruction } from 'dockerfile-ast';
import { heredocsOf, parseDockerfile, type DockerfileModel } from './dockerfile/model';
import { dockerfileStatementEnd, isSuppressed, readSuppressions, type CommentLeader } from './suppress';
import { SourceText, applyEdits, comparePositions } from './text';
import type { FileKind, TextEdit } from './types';

/**
 * The edits behind "ignore this rule here": the suppression comments that `suppress.ts` reads, written where it reads
 * them. An existing comment of the same sort is extended (`# bulkhead-ignore a,b`) rather than stacked.
 */

const LINE_IGNORE = /^\s*#\s*bulkhead-ignore\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
const NEXT_LINE_IGNORE = /^\s*#\s*bulkhead-ignore-next-line\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
const FILE_IGNORE = /^\s*#\s*bulkhead-ignore-file\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
/** A devcontainer.json's (JSONC) suppressions: the same comments with `//`. */
const JSONC_LINE_IGNORE = /^\s*\/\/\s*bulkhead-ignore\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;
const JSONC_FILE_IGNORE = /^\s*\/\/\s*bulkhead-ignore-file\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/d;

const leaderOf = (kind: FileKind): CommentLeader => (kind === 'devcontainer' ? '//' : '#');
/** BuildKit parser directives: only recognised as the very first lines, so nothing may be inserted above them. */
const DIRECTIVE = /^\s*#\s*(syntax|escape|check)\s*=/i;

/**
 * "Ignore for this line": a comment that covers the findings on `line` and no other line. In a compose file, and for
 * a Dockerfile instruction of one line, `# bulkhead-ignore <id>` above it. In a continued Dockerfile instruction,
 * `# bulkhead-ignore-next-line <id>`: above the instruction for its first line, and for a continuation line as a
 * comment line inside the instruction, just above it (BuildKit drops comment lines between continuation lines).
 * Undefined for a line of a here-document, where a `#` line would be part of the script or the file.
 */
export function ignoreLineEdit(
  kind: FileKind,
  text: string,
  ruleId: string,
  line: number,
  model?: DockerfileModel,
): TextEdit | undefined {
  const source = new SourceText(text);
  if (kind === 'devcontainer') return ignoreAbove(source, line, JSONC_LINE_IGNORE, 'bulkhead-ignore', ruleId, '//');
  if (kind !== 'dockerfile') return ignoreAbove(source, line, LINE_IGNORE, 'bulkhead-ignore', ruleId);
  const instruction = instructionAt(model ?? parseDockerfile(text), line);
  if (!instruction) return ignoreAbove(source, line, LINE_IGNORE, 'bulkhead-ignore', ruleId);
  const { start, end } = instruction.getRange();
  if (start.line === end.line) return ignoreAbove(source, start.line, LINE_IGNORE, 'bulkhead-ignore', ruleId);
  if (line > start.line && heredocsOf(instruction)?.length !== 0) return undefined;
  return ignoreAbove(source, line, NEXT_LINE_IGNORE, 'bulkhead-ignore-next-line', ruleId);
}

/** "Ignore for this instruction": `# bulkhead-ignore <id>` above the Dockerfile instruction that holds `line`. */
export function ignoreInstructionEdit(
  text: string,
  ruleId: string,
  line: number,
  model: DockerfileModel = parseDockerfile(text),
): TextEdit {
  const source = new SourceText(text);
  const start = instructionAt(model, line)?.getRange().start.line ?? line;
  return ignoreAbove(source, start, LINE_IGNORE, 'bulkhead-ignore', ruleId);
}

/** Whether `line` lies in a Dockerfile instruction written over several lines. */
export function inContinuedInstruction(model: DockerfileModel, line: number): boolean {
  const range = instructionAt(model, line)?.getRange();
  return !!range && range.start.line !== range.end.line;
}

/** A comment line `# <word> <id>` above `line`, indented like it, or `<id>` added to such a comment already there. */
function ignoreAbove(
  source: SourceText,
  line: number,
  pattern: RegExp,
  word: string,
  ruleId: string,
  leader: CommentLeader = '#',
): TextEdit {
  const above = line > 0 ? source.lineText(line - 1) : '';
  const extended = extendList(source, line - 1, above, pattern, ruleId);
  if (extended) return extended;
  const indent = /^[ \t]*/.exec(source.lineText(line))![0];
  return insertLine(source, line, `${indent}${leader} ${word} ${ruleId}`);
}

/** `# bulkhead-ignore-file <id>` at the top, after a Dockerfile's parser directives (they must stay first). */
export function ignoreFileEdit(kind: FileKind, text: string, ruleId: string): TextEdit {
  const source = new SourceText(text);
  const pattern = kind === 'devcontainer' ? JSONC_FILE_IGNORE : FILE_IGNORE;
  for (let line = 0; line < source.lineCount; line++) {
    const extended = extendList(source, line, source.lineText(line), pattern, ruleId);
    if (extended) return extended;
  }
  let at = 0;
  if (kind === 'dockerfile') while (at < source.lineCount && DIRECTIVE.test(source.lineText(at))) at++;
  return insertLine(source, at, `${leaderOf(kind)} bulkhead-ignore-file ${ruleId}`);
}

/** The Dockerfile instruction whose lines hold `line` (a finding may sit on a continuation line). */
function instructionAt(model: DockerfileModel, line: number): Instruction | undefined {
  for (const ins of model.ast.getInstructions()) {
    const r = ins.getRange();
    if (r.start.line <= line && line <= r.end.line) return ins;
  }
  return undefined;
}

/** Adds `ruleId` to the list of an existing suppression comment on `line`, or undefined when there is none. */
function extendList(
  source: SourceText,
  line: number,
  lineText: string,
  pattern: RegExp,
  ruleId: string,
): TextEdit | undefined {
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

/** What the engine knows of the text a suppression goes into, parsed once for every check on that text. */
export type SuppressionTarget =
  | { kind: 'dockerfile'; text: string; model: DockerfileModel }
  | { kind: 'compose'; text: string; document: Document }
  | { kind: 'devcontainer'; text: string };

/**
 * Whether applying `edit` (from `ignoreLineEdit` or `ignoreFileEdit`) silences the finding of `ruleId` that starts on
 * `line`, decided by the comment grammar the engine reads (`readSuppressions` on the edited text, with the statements'
 * extents moved by the inserted lines) instead of analysing the edited text again: a lightbulb request may offer two
 * suppressions for each of a dozen findings, and an analysis each cost up to 24 analyses per request.
 *
 * In YAML a `#` line inside a block scalar, a multi-line quoted or plain scalar, or a multi-line flow collection is not
 * a comment, or not one the engine reads: such places are never offered.
 */
export function suppressionSilences(
  target: SuppressionTarget,
  edit: TextEdit,
  ruleId: string,
  hadolintIds: readonly string[] | undefined,
  line: number,
): boolean {
  if (edit.newText === '' || comparePositions(edit.range.start, edit.range.end) !== 0) return false;
  const at = edit.range.start;
  const insertedLines = edit.newText.split(/\r\n|\r|\n/).length - 1;
  // An edit at the start of a line pushes that line down; one inside a line (extending a comment) moves nothing before the next line.
  const firstMoved = at.character === 0 ? at.line : at.line + 1;
  const toEdited = (original: number) => (original >= firstMoved ? original + insertedLines : original);
  const toOriginal = (edited: number) => (edited >= firstMoved + insertedLines ? edited - insertedLines : edited);
  if (target.kind === 'compose' && insertedLines > 0 && at.character === 0 && insideMultilineNode(target, at.line))
    return false;
  const statementEnd = target.kind === 'dockerfile' ? statementEndsOf(target.model) : (l: number) => l;
  const edited = new SourceText(applyEdits(target.text, [edit]));
  const inserted = (l: number) => l >= firstMoved && l < firstMoved + insertedLines;
  const suppressions = readSuppressions(
    edited,
    (l) => (inserted(l) ? l : toEdited(statementEnd(toOriginal(l)))),
    undefined,
    leaderOf(target.kind),
  );
  return isSuppressed(suppressions, ruleId, hadolintIds, toEdited(line));
}

/** Per parsed Dockerfile: a lightbulb request checks up to two dozen suppressions on the same text. */
const STATEMENT_ENDS = new WeakMap<DockerfileModel, (line: number) => number>();

function statementEndsOf(model: DockerfileModel): (line: number) => number {
  let ends = STATEMENT_ENDS.get(model);
  if (!ends) STATEMENT_ENDS.set(model, (ends = dockerfileStatementEnd(model)));
  return ends;
}

const MULTILINE_LINES = new WeakMap<Document, Set<number>>();

/** Whether a line inserted before `line` would land inside a scalar or flow collection that spans several lines. */
function insideMultilineNode(target: { text: string; document: Document }, line: number): boolean {
  let lines = MULTILINE_LINES.get(target.document);
  if (!lines) {
    lines = new Set();
    const source = new SourceText(target.text);
    const covered = lines;
    visit(target.document, (_key, node) => {
      if (!(isScalar(node) || (isCollection(node) && node.flow)) || !node.range) return;
      const [start, valueEnd] = node.range;
      const first = source.positionAt(start).line;
      // The value's last character, not its end: a block scalar's value ends after its final line break.
      const last = source.positionAt(Math.max(start, valueEnd - 1)).line;
      for (let l = first + 1; l <= last; l++) covered.add(l);
    });
    MULTILINE_LINES.set(target.document, lines);
  }
  return lines.has(line);
}
