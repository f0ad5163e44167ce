import type { Instruction, JSONInstruction, Onbuild } from 'dockerfile-ast';
import { decodeJsonString, heredocsOf, isExecForm, type DockerfileModel, type Stage } from './model';
import { parseShell, type ShellWord, type SimpleCommand } from './shell';

/** An instruction wherever it is written: in a stage, before the first FROM, or as an ONBUILD trigger. */
export interface PlacedInstruction {
  instruction: Instruction;
  /** The stage it belongs to; undefined for ARGs before the first FROM. */
  stage?: Stage;
  /** Set for an ONBUILD trigger: it runs in images built from this one, not in this one. */
  onbuild?: Onbuild;
}

/** Every instruction of the file in order, with ONBUILD triggers unwrapped, so rules see `ONBUILD COPY …` as a COPY. */
export function placedInstructions(model: DockerfileModel): PlacedInstruction[] {
  const stageOf = new Map<Instruction, Stage>();
  for (const stage of model.stages) {
    stageOf.set(stage.from, stage);
    for (const ins of stage.instructions) stageOf.set(ins, stage);
  }
  const placed: PlacedInstruction[] = [];
  for (const instruction of model.ast.getInstructions()) {
    const stage = stageOf.get(instruction);
    if (instruction.getKeyword() === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger) placed.push({ instruction: trigger, stage, onbuild: instruction as Onbuild });
      continue;
    }
    placed.push({ instruction, stage });
  }
  return placed;
}

/** The stages whose instructions end up in the built image: the final stage and the stages it is built `FROM`. */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  const shipped = new Set<Stage>();
  for (let s = model.finalStage, guard = 0; s && guard < 100; s = s.parent, guard++) shipped.add(s);
  return shipped;
}

/** A path written in COPY or ADD, quotes removed, with the offsets of its text in the Dockerfile. */
export interface PathArgument {
  value: string;
  start: number;
  end: number;
}

export interface CopyArguments {
  sources: PathArgument[];
  destination?: PathArgument;
  /** Sources are here-documents written in the Dockerfile (`COPY <<EOF /etc/x`), not files. */
  heredoc: boolean;
}

/** Sources and destination of a COPY or ADD, in shell or JSON form; flags are not arguments. */
export function copyArguments(instruction: Instruction, model: DockerfileModel): CopyArguments {
  const { source } = model;
  const paths: PathArgument[] = [];
  if (isExecForm(instruction)) {
    for (const json of (instruction as JSONInstruction).getJSONStrings()) {
      const start = source.offsetAt(json.getRange().start);
      const end = source.offsetAt(json.getRange().end);
      paths.push({ value: decodeJsonString(source.text.slice(start, end)), start, end });
    }
  } else {
    for (const arg of instruction.getArguments()) {
      const start = source.offsetAt(arg.getRange().start);
      const end = source.offsetAt(arg.getRange().end);
      paths.push({ value: unquote(arg.getValue()), start, end });
    }
  }
  const heredoc = paths.some((p) => /^<<-?["']?\w/.test(p.value));
  if (heredoc || paths.length < 2) return { sources: heredoc ? [] : paths, heredoc };
  return { sources: paths.slice(0, -1), destination: paths[paths.length - 1], heredoc };
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/s.exec(value);
  return m ? m[2] : value;
}

/** The last segment of a path, ignoring trailing slashes (`/root/.ssh/` → `.ssh`). */
export function pathBasename(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/**
 * Whether a line written after this instruction would still belong to it: a here-document without its closing
 * delimiter, or a last line that ends with the escape character (comment and blank lines in between are skipped, as
 * Docker skips them inside a continuation). Only the file's last instruction can be open; a fix that appends a line
 * after it would change that instruction instead of adding one.
 */
export function endsOpen(model: DockerfileModel, instruction: Instruction): boolean {
  const written =
    instruction.getKeyword() === 'ONBUILD'
      ? ((instruction as Onbuild).getTriggerInstruction() ?? instruction)
      : instruction;
  // Only RUN, COPY and ADD read here-documents (the parser's method is protected on the others).
  const reads = ['RUN', 'COPY', 'ADD'].includes(written.getKeyword());
  const heredocs = reads ? heredocsOf(written) : [];
  // Unreadable here-documents may be open: no line is appended after them.
  if (heredocs === undefined || heredocs.some((heredoc) => heredoc.getDelimiterRange() === null)) return true;
  const range = instruction.getRange();
  for (let line = range.end.line; line >= range.start.line; line--) {
    const text = model.source.lineText(line);
    if (line > range.start.line && /^\s*(#|$)/.test(text)) continue;
    return text.trimEnd().endsWith(model.escapeChar);
  }
  return false;
}

/** The commands of a CMD or ENTRYPOINT: the exec form as one command of its strings, the shell form read as shell. */
export function commandsOf(model: DockerfileModel, ins: Instruction): SimpleCommand[] {
  const { source } = model;
  if (isExecForm(ins)) {
    const words: ShellWord[] = (ins as JSONInstruction).getJSONStrings().map((s) => {
      const start = source.offsetAt(s.getRange().start);
      const end = source.offsetAt(s.getRange().end);
      return { value: decodeJsonString(source.text.slice(start, end)), start, end, quoted: true, dynamic: false };
    });
    return words.length
      ? [
          {
            assignments: [],
            words,
            redirects: [],
            start: words[0].start,
            end: words[words.length - 1].end,
            pipeline: 0,
          },
        ]
      : [];
  }
  const range = ins.getArgumentsRange();
  if (!range) return [];
  const start = source.offsetAt(range.start);
  return parseShell(source.text.slice(start, source.offsetAt(range.end)), start, {
    escapeChar: model.escapeChar,
    dockerfileContinuations: true,
  }).commands;
}
