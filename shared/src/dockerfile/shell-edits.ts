/**
 * Text edits on words of a RUN command that leave valid shell and valid Dockerfile syntax: a removed word takes one
 * side of its blanks with it (never a line continuation or a comment line), an exec-form word takes its comma, and a
 * letter leaves its option cluster (`-fsSLk` → `-fsSL`). Every helper returns undefined when it cannot place the edit
 * exactly, for instance inside an `sh -c` string whose offsets are not known character by character.
 */
import type { RunScript } from './model';
import type { CommandOption } from './options';
import type { ShellWord, SimpleCommand } from './shell';
import type { SourceText } from '../text';
import type { TextEdit } from '../types';

export interface Span {
  start: number;
  end: number;
  newText: string;
}

/** The text edit of a span, in the LSP shape fixes carry. */
export function spanEdit(source: SourceText, span: Span): TextEdit {
  return { range: source.rangeOf(span.start, span.end), newText: span.newText };
}

/** Whether the command's words were read from the source character by character (not pinned to one outer word). */
function exactWords(cmd: SimpleCommand): boolean {
  const all = [...cmd.assignments, ...cmd.words].sort((a, b) => a.start - b.start);
  return all.every((w, i) => w.start < w.end && (i === 0 || all[i - 1].end <= w.start));
}

/** Whether the command is the top-level JSON array of an exec-form RUN (its words are JSON strings). */
function isExecFormCommand(run: Pick<RunScript, 'form'>, cmd: SimpleCommand): boolean {
  return run.form === 'exec' && !cmd.nested;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function startsLineBreak(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined || c === '\n' || c === '\r') return true;
  // An escape character right before a line break continues the line: keep it and the blank before it.
  return (c === '\\' || c === '`') && (text[at + 1] === '\n' || (text[at + 1] === '\r' && text[at + 2] === '\n'));
}

/**
 * Removes the words from `first` to `last` (consecutive words of one command): with the blanks after them when more
 * follows on the line, otherwise with the blanks before them.
 */
export function removeWords(
  text: string,
  run: Pick<RunScript, 'form'>,
  cmd: SimpleCommand,
  first: ShellWord,
  last: ShellWord = first,
): Span | undefined {
  if (isExecFormCommand(run, cmd)) {
    const index = cmd.words.indexOf(first);
    if (index <= 0) return undefined;
    return { start: cmd.words[index - 1].end, end: last.end, newText: '' };
  }
  if (!exactWords(cmd)) return undefined;
  let after = last.end;
  while (isBlank(text[after])) after++;
  if (after > last.end && !startsLineBreak(text, after) && !'"\''.includes(text[after]))
    return { start: first.start, end: after, newText: '' };
  let before = first.start;
  while (before > 0 && isBlank(text[before - 1])) before--;
  return { start: before, end: last.end, newText: '' };
}

/** The source offset of character `index` of a word's value, when the word is written literally (bare or quoted whole). */
function offsetInWord(text: string, word: ShellWord, index: number): number | undefined {
  if (text.slice(word.start, word.end) === word.value) return word.start + index;
  if (
    word.innerStart !== undefined &&
    text.slice(word.innerStart, word.innerStart + word.value.length) === word.value &&
    word.end === word.innerStart + word.value.length + 1
  ) {
    return word.innerStart + index;
  }
  return undefined;
}

/**
 * Removes one letter from a cluster of short options (`-fsSLk` → `-fsSL`), or the whole word when the letter is the only
 * one (`-k`).
 */
export function removeOptionLetter(
  text: string,
  run: Pick<RunScript, 'form'>,
  cmd: SimpleCommand,
  word: ShellWord,
  letter: number,
): Span | undefined {
  if (word.value.length === 2) return removeWords(text, run, cmd, word);
  if (!exactWords(cmd) && !isExecFormCommand(run, cmd)) return undefined;
  const at = offsetInWord(text, word, letter);
  return at === undefined ? undefined : { start: at, end: at + 1, newText: '' };
}

/**
 * Removes an option as the command reader found it: a letter out of its cluster (`-k` in `-fsSLk`), else the option's
 * word with its value's (`--tls-max 1.1`, `--secure-protocol=TLSv1`).
 */
export function removeOption(
  text: string,
  run: Pick<RunScript, 'form'>,
  cmd: SimpleCommand,
  option: CommandOption,
): Span | undefined {
  return option.letter !== undefined && option.value === undefined
    ? removeOptionLetter(text, run, cmd, option.word, option.letter)
    : removeWords(text, run, cmd, option.word, option.valueWord ?? option.word);
}

/** Inserts words right after `word` (` --flag` in shell form, `, "--flag"` in exec form). */
export function insertAfterWord(
  text: string,
  run: Pick<RunScript, 'form'>,
  cmd: SimpleCommand,
  word: ShellWord,
  inserted: string[],
): Span | undefined {
  if (isExecFormCommand(run, cmd))
    return { start: word.end, end: word.end, newText: inserted.map((w) => `, ${JSON.stringify(w)}`).join('') };
  if (!exactWords(cmd) || text.slice(word.start, word.end) !== word.value) return undefined;
  return { start: word.end, end: word.end, newText: inserted.map((w) => ` ${w}`).join('') };
}

/**
 * Removes a whole command with the `&&` or `;` that joins it to the next one (`export A=1 && make` → `make`), or with
 * the operator before it when it is the last. Undefined when neither applies (a command alone in its RUN, a pipeline).
 */
export function removeCommand(text: string, cmd: SimpleCommand): Span | undefined {
  if (!exactWords(cmd)) return undefined;
  if (cmd.next === '\n') {
    // A command alone on its line (in a heredoc script): the line goes.
    const lineStart = text.lastIndexOf('\n', cmd.start - 1) + 1;
    let at = cmd.end;
    while (isBlank(text[at]) || text[at] === '\r') at++;
    if (text.slice(lineStart, cmd.start).trim() === '' && text[at] === '\n')
      return { start: lineStart, end: at + 1, newText: '' };
  }
  if (cmd.next === '&&' || cmd.next === ';') {
    let at = cmd.end;
    while (isBlank(text[at])) at++;
    const op = cmd.next;
    if (text.startsWith(op, at)) {
      at += op.length;
      while (isBlank(text[at])) at++;
      if (startsLineBreak(text, at)) {
        // `cmd && \` at a line end: drop the continuation too, up to the next command's first character.
        const m = /^(?:\\|`)?\r?\n[ \t]*/.exec(text.slice(at));
        if (m) at += m[0].length;
      }
      return { start: cmd.start, end: at, newText: '' };
    }
    return undefined;
  }
  if (cmd.next === undefined) {
    let at = cmd.start;
    while (at > 0 && isBlank(text[at - 1])) at--;
    for (const op of ['&&', ';']) {
      if (text.slice(at - op.length, at) === op) {
        let start = at - op.length;
        while (start > 0 && isBlank(text[start - 1])) start--;
        return { start, end: cmd.end, newText: '' };
      }
    }
  }
  return undefined;
}
