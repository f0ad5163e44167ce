import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Range } from '../types';
import { classifyBase, type ImageRef } from './image-ref';
import { decodeJsonString, isExecForm, rootStage, type DockerfileModel, type Stage } from './model';
import { parseShell, type ShellScript } from './shell';

/** The stage and the stages it builds on, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length < 100 && !chain.includes(s); s = s.parent) chain.push(s);
  return chain;
}

/** The instructions that shaped a stage's image, in build order (the root stage's first). */
export function chainInstructions(stage: Stage): Instruction[] {
  return stageChain(stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** The last instruction with this keyword in the stage or the stages it builds on. */
export function lastInChain(stage: Stage, keyword: string): Instruction | undefined {
  const found = chainInstructions(stage).filter((i) => i.getKeyword() === keyword);
  return found[found.length - 1];
}

/**
 * A stage that runs nothing: built on scratch with no CMD or ENTRYPOINT anywhere in its chain. Such images only carry
 * files (`COPY --from` sources, `--output` exports), so runtime advice does not apply to them.
 */
export function runsNothing(stage: Stage): boolean {
  const root = rootStage(stage);
  if (!root.image || classifyBase(root.image) !== 'scratch') return false;
  return !chainInstructions(stage).some((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
}

/** The image a stage finally builds on, as written after ARG substitution (`scratch`, `node:20`), or undefined. */
export function baseImageOf(stage: Stage): ImageRef | undefined {
  return rootStage(stage).image;
}

/** A CMD, ENTRYPOINT or HEALTHCHECK CMD command line. */
export interface CommandLine {
  form: 'exec' | 'shell';
  /**
   * The words: exec form as written; shell form only when the text is plain words that a shell would pass unchanged
   * (no operators, expansions, globbing or redirects), else undefined. See `asProgram` to read them as a command.
   */
  argv?: string[];
  /** The text that holds the command (what an exec-form rewrite replaces). */
  range: Range;
}

const SHELL_BUILTINS = new Set([
  'cd',
  'export',
  'source',
  '.',
  'set',
  'unset',
  'ulimit',
  'umask',
  'trap',
  'eval',
  'alias',
  'read',
  'wait',
  'shift',
  'exit',
  'return',
  'break',
  'continue',
  ':',
  'local',
  'readonly',
  'declare',
  'typeset',
  'let',
  'test',
  '[',
  '[[',
  'if',
  'for',
  'while',
  'until',
  'case',
  'function',
  'select',
  '!',
  '{',
  '}',
]);

/** The command line of a CMD, ENTRYPOINT or `HEALTHCHECK CMD`; undefined for `HEALTHCHECK NONE` or an empty one. */
export function commandLineOf(instruction: Instruction, model: DockerfileModel): CommandLine | undefined {
  const text = model.source.text;
  const keyword = instruction.getKeyword();
  let start: number;
  const end = model.source.offsetAt(instruction.getRange().end);
  if (keyword === 'HEALTHCHECK') {
    const args = instruction.getArguments();
    const sub = args.findIndex((a) => a.getValue().toUpperCase() === 'CMD');
    if (sub < 0 || sub + 1 >= args.length) return undefined;
    start = model.source.offsetAt(args[sub + 1].getRange().start);
    const written = text.slice(start, end);
    const json = parseJsonArray(written, model.escapeChar);
    const range = model.source.rangeOf(start, end);
    if (json) return { form: 'exec', argv: json, range };
    return { form: 'shell', argv: plainWords(parseShell(written, start, shellOptions(model)), text), range };
  }
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return undefined;
  start = model.source.offsetAt(argsRange.start);
  const range = model.source.rangeOf(start, end);
  if (isExecForm(instruction)) {
    const argv = (instruction as JSONInstruction).getJSONStrings().map((s) => {
      const raw = text.slice(model.source.offsetAt(s.getRange().start), model.source.offsetAt(s.getRange().end));
      return decodeJsonString(raw);
    });
    return { form: 'exec', argv, range };
  }
  return {
    form: 'shell',
    argv: plainWords(parseShell(text.slice(start, end), start, shellOptions(model)), text),
    range,
  };
}

function shellOptions(model: DockerfileModel) {
  return { escapeChar: model.escapeChar, dockerfileContinuations: true };
}

/**
 * The words of a script that is one simple command of literal words, as a shell would pass them on; undefined when
 * the shell would do more than split and unquote (operators, expansions, globs, redirects, assignments).
 */
export function plainWords(script: ShellScript, text: string): string[] | undefined {
  if (script.commands.length !== 1) return undefined;
  const [cmd] = script.commands;
  if (cmd.nested || cmd.next || cmd.redirects.length || cmd.assignments.length || cmd.words.length === 0)
    return undefined;
  for (const word of cmd.words) {
    if (word.dynamic) return undefined;
    const raw = text.slice(word.start, word.end);
    const wholeQuoted = word.innerStart !== undefined;
    if (!wholeQuoted && /[*?[\]{}~]/.test(raw)) return undefined;
  }
  return cmd.words.map((w) => w.value);
}

/**
 * Plain words read as a program and its arguments, the way `sh -c` would run them: a leading `exec` is dropped (exec
 * form is what `exec` does); a shell builtin or keyword is no program, so undefined.
 */
export function asProgram(words: readonly string[] | undefined): string[] | undefined {
  if (!words) return undefined;
  const argv = words[0] === 'exec' ? words.slice(1) : [...words];
  if (argv.length === 0 || SHELL_BUILTINS.has(argv[0]) || argv[0].startsWith('-')) return undefined;
  return argv;
}

/** `["a", "b"]`, the way Docker's docs write exec form. */
export function execFormText(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

function parseJsonArray(written: string, escapeChar: string): string[] | undefined {
  const trimmed = written.trim();
  if (!trimmed.startsWith('[')) return undefined;
  const joined = trimmed.split(new RegExp(`\\${escapeChar}\\r?\\n`)).join('');
  try {
    const value: unknown = JSON.parse(joined);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: Docker runs it in shell form.
  }
  return undefined;
}

/** An instruction's range without trailing blanks: from its keyword to the end of its last argument. */
export function instructionSpan(instruction: Instruction): Range {
  const args = instruction.getArguments();
  const range = instruction.getRange();
  return args.length ? { start: range.start, end: args[args.length - 1].getRange().end } : range;
}

/**
 * A WebAssembly image (`FROM --platform=wasi/wasm`, or a `.wasm` module as its command): a Wasm runtime runs it, with
 * no Linux users or processes to check.
 */
export function isWasmImage(stage: Stage): boolean {
  const platform = stage.from.getPlatformFlag()?.getValue() ?? '';
  if (/wasi|wasm/.test(platform)) return true;
  const start = lastInChain(stage, 'ENTRYPOINT') ?? lastInChain(stage, 'CMD');
  if (!start || !isExecForm(start)) return false;
  const first = (start as JSONInstruction).getJSONStrings()[0]?.getValue().replace(/^"|"$/g, '');
  return first !== undefined && /\.wasm$/.test(first.trim());
}
