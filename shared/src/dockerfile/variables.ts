/**
 * Where a Dockerfile sets an environment variable that build steps (and, for ENV, the running container) see: ENV
 * pairs, ARG defaults, and in RUN the `NAME=value cmd` prefix, `export NAME=value` and `env NAME=value cmd`. Each
 * setting carries the edit that removes it while leaving valid syntax, when there is one.
 */
import type { Arg, Env, Instruction, Onbuild, Property } from 'dockerfile-ast';
import { allRuns, type DockerfileModel, type RunScript } from './model';
import { basename, effectiveWords, type ShellWord, type SimpleCommand } from './shell';
import { removeCommand, removeWords, type Span } from './shell-edits';

export interface VariableSetting {
  name: string;
  /** The value after quote removal; undefined when it holds a variable or a substitution, so is not known. */
  value: string | undefined;
  /** ENV and ARG instructions, or a shell assignment in RUN. */
  via: 'ENV' | 'ARG' | 'RUN';
  /** Offsets of the setting as written (`NAME=value`, `NAME value`). */
  start: number;
  end: number;
  /** The edit that removes the setting and leaves valid syntax; undefined when none is known. */
  removal?: Span;
}

const NAME = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly']);

/** Every setting of a variable whose name `wanted` accepts, in file order. */
export function variableSettings(model: DockerfileModel, wanted: (name: string) => boolean): VariableSetting[] {
  const settings: VariableSetting[] = [];
  const { source } = model;
  const offset = (pos: { line: number; character: number }) => source.offsetAt(pos);
  const firstFrom = model.stages[0]?.from.getRange().start.line ?? Number.POSITIVE_INFINITY;
  const redeclared = new Set<string>();
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      const prop = ins.getKeyword() === 'ARG' ? (ins as Arg).getProperty() : null;
      if (prop && prop.getValue() === null) redeclared.add(prop.getName());
    }
  }

  for (const written of model.ast.getInstructions()) {
    const ins = written.getKeyword() === 'ONBUILD' ? (written as Onbuild).getTriggerInstruction() : written;
    if (!ins) continue;
    const keyword = ins.getKeyword();
    if (keyword === 'ENV') {
      const props = (ins as Env).getProperties();
      props.forEach((prop, i) => {
        if (!wanted(prop.getName())) return;
        const start = offset(prop.getRange().start);
        const end = offset(prop.getRange().end);
        let removal: Span;
        if (props.length === 1) removal = removeInstruction(model, written);
        else if (i > 0) removal = { start: offset(props[i - 1].getRange().end), end, newText: '' };
        else removal = { start, end: offset(props[1].getRange().start), newText: '' };
        settings.push({ name: prop.getName(), value: known(prop), via: 'ENV', start, end, removal });
      });
    } else if (keyword === 'ARG') {
      const prop = (ins as Arg).getProperty();
      if (!prop || prop.getValue() === null || !wanted(prop.getName())) continue;
      // An ARG before the first FROM reaches build steps only through a stage's bare `ARG NAME`.
      if (written.getRange().start.line < firstFrom && !redeclared.has(prop.getName())) continue;
      const start = offset(prop.getRange().start);
      const end = offset(prop.getRange().end);
      // Dropping the default keeps the declaration: `ARG NAME` then holds only what `--build-arg` passes.
      const removal = { start: offset(prop.getNameRange().end), end, newText: '' };
      settings.push({ name: prop.getName(), value: known(prop), via: 'ARG', start, end, removal });
    }
  }

  for (const run of allRuns(model)) {
    for (const cmd of run.script.commands) settings.push(...shellSettings(model.source.text, run, cmd, wanted));
  }
  return settings.sort((a, b) => a.start - b.start);
}

function known(prop: Property): string | undefined {
  const value = prop.getValue() ?? '';
  return value.includes('$') ? undefined : value;
}

/** The instruction with its whole lines, so no blank line is left where it was. */
function removeInstruction(model: DockerfileModel, ins: Instruction): Span {
  const { source } = model;
  const range = ins.getRange();
  const start = source.lineStart(range.start.line);
  const end = range.end.line + 1 < source.lineCount ? source.lineStart(range.end.line + 1) : source.text.length;
  return { start, end, newText: '' };
}

function shellSettings(
  text: string,
  run: RunScript,
  cmd: SimpleCommand,
  wanted: (name: string) => boolean,
): VariableSetting[] {
  const settings: VariableSetting[] = [];
  // The removal is worked out only for the variables asked for.
  const add = (word: ShellWord, removal: () => Span | undefined) => {
    const m = NAME.exec(word.value);
    if (!m || !wanted(m[1])) return;
    const value = word.dynamic ? undefined : word.value.slice(m[0].length);
    settings.push({ name: m[1], value, via: 'RUN', start: word.start, end: word.end, removal: removal() });
  };

  // `A=1 cmd`: the assignment goes alone; `A=1` with nothing else goes with its `&&`.
  const alone = cmd.assignments.length === 1 && cmd.words.length === 0;
  for (const word of cmd.assignments)
    add(word, () => (alone ? removeCommand(text, cmd) : removeWords(text, run, cmd, word)));

  const words = cmd.words;
  if (words.length && DECLARATIONS.has(words[0].value)) {
    const operands = words.slice(1).filter((w) => !w.value.startsWith('-'));
    for (const word of operands)
      add(word, () => (operands.length === 1 ? removeCommand(text, cmd) : removeWords(text, run, cmd, word)));
    return settings;
  }

  // `env A=1 cmd`, `sudo A=1 cmd`: assignments among the wrapper words before the command that runs.
  const runs = effectiveWords(cmd);
  const cut = runs.length ? words.indexOf(runs[0]) : words.length;
  for (const word of words.slice(0, cut)) {
    if (basename(word.value) === 'env' || !NAME.test(word.value)) continue;
    add(word, () => removeWords(text, run, cmd, word));
  }
  return settings;
}
