import type { DockerfileModel } from './dockerfile/model';
import type { SourceText } from './text';

/**
 * Inline suppressions, read from comments:
 * - `# bulkhead-ignore <rule-id>[,<rule-id>] [-- reason]` on the line before a finding (for a Dockerfile, before the
 *   instruction that holds it: every line of the instruction) or at the end of the finding's line;
 * - `# bulkhead-ignore-next-line <rule-id>[,…]` on the line before: that one line only, also the first line of a
 *   continued Dockerfile instruction, or a continuation line when written inside the instruction (Dockerfile comment
 *   lines may sit between continuation lines; BuildKit drops them);
 * - `# bulkhead-ignore-file <rule-id>[,…]` anywhere: the whole file;
 * - `# hadolint ignore=DL3008,DL3009` on the line before: rules that name that hadolint id;
 * - `# hadolint stage ignore=DL3006` before a statement: from it to the end of its build stage (the line before the
 *   next FROM); above a FROM, the whole stage. hadolint itself leaves the statement right after the comment out, a
 *   quirk of its line arithmetic (hadolint/src/Hadolint/Process.hs) that is not copied: that statement is covered;
 * - `# hadolint global ignore=DL3006` anywhere: the whole file.
 *
 * In a devcontainer.json (JSONC) the same comments start with `//` instead of `#`.
 */
export interface Suppressions {
  file: Set<string>;
  /** Line → rule ids (or hadolint ids prefixed `hadolint:`) suppressed on that line. */
  lines: Map<number, Set<string>>;
}

/** The comment leader of a file kind's suppressions: `#` (Dockerfile, YAML) or `//` (JSONC). */
export type CommentLeader = '#' | '//';

const GRAMMARS: Record<CommentLeader, { ignore: RegExp; hadolint: RegExp; commentOnly: RegExp; blank: RegExp }> = {
  '#': {
    ignore: /#\s*bulkhead-ignore(-file|-next-line)?\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/,
    hadolint: /#\s*hadolint\s+(?:(stage|global)\s+)?ignore\s*=([A-Za-z0-9,\s]+)/,
    commentOnly: /^\s*#/,
    blank: /^\s*(#.*)?$/,
  },
  '//': {
    ignore: /\/\/\s*bulkhead-ignore(-file|-next-line)?\s+([A-Za-z0-9_/,\s-]+?)(?:\s+--.*)?\s*$/,
    hadolint: /\/\/\s*hadolint\s+(?:(stage|global)\s+)?ignore\s*=([A-Za-z0-9,\s]+)/,
    commentOnly: /^\s*\/\//,
    blank: /^\s*(\/\/.*)?$/,
  },
};

/**
 * @param statementEnd for a line that starts a statement, the last line of that statement (a continued RUN spans
 *   several lines); a suppression before it covers them all.
 */
export function readSuppressions(
  source: SourceText,
  statementEnd: (line: number) => number = (l) => l,
  stageEnd: (line: number) => number = () => source.lineCount - 1,
  leader: CommentLeader = '#',
): Suppressions {
  const grammar = GRAMMARS[leader];
  const result: Suppressions = { file: new Set(), lines: new Map() };
  const add = (line: number, id: string) => {
    let set = result.lines.get(line);
    if (!set) result.lines.set(line, (set = new Set()));
    set.add(id);
  };
  for (const line of linesMentioning(source, ['bulkhead-ignore', 'hadolint'])) {
    const lineText = source.lineText(line);
    if (!lineText.includes(leader)) continue;
    const commentOnly = grammar.commentOnly.test(lineText);
    const ignore = grammar.ignore.exec(lineText);
    const ids: string[] = [];
    const nextLineOnly = ignore?.[1] === '-next-line';
    if (ignore) {
      const list = ignore[2].split(/[\s,]+/).filter(Boolean);
      if (ignore[1] === '-file') {
        for (const id of list) result.file.add(id);
        continue;
      }
      ids.push(...list);
    }
    const hadolint = commentOnly ? grammar.hadolint.exec(lineText) : null;
    const hadolintIds = (hadolint?.[2] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => `hadolint:${id.toUpperCase()}`);
    if (hadolint?.[1] === 'global') {
      for (const id of hadolintIds) result.file.add(id);
      continue;
    }
    ids.push(...hadolintIds);
    if (!ids.length) continue;
    if (commentOnly) {
      // The next line that is not a comment or blank is the statement covered.
      let next = line + 1;
      while (next < source.lineCount && grammar.blank.test(source.lineText(next))) next++;
      const last =
        hadolint?.[1] === 'stage'
          ? Math.max(next, stageEnd(next))
          : nextLineOnly
            ? next
            : Math.max(next, statementEnd(next));
      for (let l = next; l <= last; l++) for (const id of ids) add(l, id);
    } else if (!nextLineOnly) {
      for (const id of ids) add(line, id);
    }
  }
  return result;
}

/**
 * The lines where any of the words occurs, in order, each once. Both suppression comments name their word, so only
 * those lines are read: the reader runs at every keystroke, on files that often carry one comment in hundreds of lines.
 */
function linesMentioning(source: SourceText, words: readonly string[]): number[] {
  const text = source.text;
  const lines = new Set<number>();
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length))
      lines.add(source.positionAt(at).line);
  }
  return [...lines].sort((a, b) => a - b);
}

export function isSuppressed(
  s: Suppressions,
  ruleId: string,
  hadolintIds: readonly string[] | undefined,
  line: number,
): boolean {
  if (s.file.has(ruleId) || !!hadolintIds?.some((id) => s.file.has(`hadolint:${id}`))) return true;
  const set = s.lines.get(line);
  if (!set) return false;
  if (set.has(ruleId)) return true;
  return !!hadolintIds?.some((id) => set.has(`hadolint:${id}`));
}

/** For a Dockerfile, a suppression above an instruction covers all the lines of the instruction: `statementEnd`. */
export function dockerfileStatementEnd(model: DockerfileModel): (line: number) => number {
  const ends = new Map<number, number>();
  for (const ins of model.ast.getInstructions()) ends.set(ins.getRange().start.line, ins.getRange().end.line);
  return (line) => ends.get(line) ?? line;
}

/** For a Dockerfile, the last line of the build stage a line belongs to: the line before the next FROM. */
export function dockerfileStageEnd(model: DockerfileModel): (line: number) => number {
  const froms = model.ast.getFROMs().map((from) => from.getRange().start.line);
  return (line) => {
    const next = froms.find((start) => start > line);
    return next === undefined ? model.source.lineCount - 1 : next - 1;
  };
}
