import { Keyword, type Onbuild } from 'dockerfile-ast';
import type { Range } from '../types';
import type { SourceText } from '../text';
import type { DockerfileModel } from './model';

export interface SyntaxProblem {
  range: Range;
  message: string;
}

const KEYWORDS = new Set<string>(Object.values(Keyword));
/** Instructions that may stand without arguments. */
const NO_ARGUMENTS_OK = new Set<string>([]);

/**
 * What Docker would refuse to build. These become `syntax` diagnostics; the rules still run on the rest of the file.
 */
export function checkSyntax(model: DockerfileModel): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const instructions = model.ast.getInstructions();
  let seenFrom = false;
  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    const nameRange = ins.getInstructionRange();
    if (!KEYWORDS.has(keyword)) {
      problems.push({ range: nameRange, message: `Unknown instruction \`${ins.getInstruction()}\`.` });
      continue;
    }
    if (keyword === 'FROM') seenFrom = true;
    else if (!seenFrom && keyword !== 'ARG') {
      problems.push({
        range: nameRange,
        message: `\`${keyword}\` before the first \`FROM\`: only \`ARG\` may come before it.`,
      });
    }
    if (ins.getArguments().length === 0 && !NO_ARGUMENTS_OK.has(keyword) && !(keyword === 'RUN' && hasHeredoc(ins))) {
      problems.push({ range: ins.getRange(), message: `\`${keyword}\` has no arguments.` });
    }
    if (keyword === 'ONBUILD') {
      const trigger = (ins as Onbuild).getTrigger()?.toUpperCase();
      if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
        problems.push({
          range: (ins as Onbuild).getTriggerRange() ?? nameRange,
          message: `\`ONBUILD ${trigger}\` is not allowed.`,
        });
      }
    }
  }
  if (!seenFrom) {
    const end = model.source.positionAt(model.source.text.length);
    problems.push({
      range: { start: { line: 0, character: 0 }, end: instructions.length ? instructions[0].getRange().end : end },
      message: 'No `FROM` instruction: this is not a buildable Dockerfile.',
    });
  }
  const names = new Map<string, Range>();
  for (const stage of model.stages) {
    const alias = stage.from.getBuildStageRange();
    if (stage.name && alias) {
      if (names.has(stage.name))
        problems.push({ range: alias, message: `Stage name \`${stage.name}\` is used twice.` });
      names.set(stage.name, alias);
    }
  }
  return problems;
}

/**
 * The first lone CR of a file as written. Editors (and Bulkhead, see `parserSource`) break the line there, but Docker
 * splits a Dockerfile at LF only: the two lines are one to the build, which may then fail or run what nobody sees.
 */
export function loneCrProblem(written: string, source: SourceText): SyntaxProblem | undefined {
  if (written === source.text) return undefined;
  let at = written.indexOf('\r');
  while (at >= 0 && written.charCodeAt(at + 1) === 10) at = written.indexOf('\r', at + 1);
  if (at < 0) return undefined;
  const end = source.positionAt(at);
  return {
    range: { start: { line: end.line, character: 0 }, end },
    message:
      'Line break `CR` without `LF`: Docker splits lines at `LF` only, so it reads this line and the next as one. Save the file with `LF` or `CRLF` line breaks.',
  };
}

function hasHeredoc(ins: { getRawArgumentsContent(): string | null }): boolean {
  return /<<-?["']?\w/.test(ins.getRawArgumentsContent() ?? '');
}
