import type { BuildContext } from './build-context';
import {
  DockerfileParser,
  type Dockerfile,
  type From,
  type Heredoc,
  type Instruction,
  type JSONInstruction,
  type Run,
  type Onbuild,
} from 'dockerfile-ast';
import { parserSource, type SourceText } from '../text';
import type { Range } from '../types';
import { classifyBase, parseImageRef, type BaseImageClass, type ImageRef } from './image-ref';
import { parseShell, shellCCommands, basename, type ShellScript, type ShellWord, type SimpleCommand } from './shell';
import { checkSyntax, loneCrProblem, type SyntaxProblem } from './syntax';
import { Expander, type Value } from './expand';
import { StageVariables } from './scope';
import './raw-arguments-memo';

/** A build stage: one FROM and the instructions up to the next one. */
export interface Stage {
  index: number;
  from: From;
  /** The `AS name` alias, lower-cased (Docker compares stage names case-insensitively). */
  name?: string;
  /** FROM's image as written (`${BASE}`) and after ARG substitution; `image` is undefined when a variable has no default. */
  imageText: string;
  image?: ImageRef;
  /** Where the image name is written (the FROM argument). */
  imageRange?: Range;
  /** The earlier stage this one builds on (`FROM build AS final`). */
  parent?: Stage;
  /** Instructions after FROM, in order (ONBUILD triggers are not executed in this image). */
  instructions: Instruction[];
  /** Every RUN of the stage, read as shell. */
  runs: RunScript[];
  /** The ARG and ENV values each instruction sees. */
  variables: StageVariables;
  isFinal: boolean;
  /** Range from FROM to the stage's last instruction. */
  range: Range;
}

export interface RunScript {
  instruction: Instruction;
  /** `shell` form, `exec` (JSON) form, or a `heredoc` script. */
  form: 'shell' | 'exec' | 'heredoc';
  script: ShellScript;
  /** Set when the RUN is an ONBUILD trigger: it runs in images built from this one. */
  onbuild?: Onbuild;
}

export interface DockerfileModel {
  kind: 'dockerfile';
  path: string;
  source: SourceText;
  ast: Dockerfile;
  escapeChar: string;
  /** ARGs declared before the first FROM, with their defaults (undefined when none, TOO_LONG past the bound). */
  globalArgs: Map<string, Value>;
  /** Expands the file's variables within the bounds of ../expansion.ts, reporting into `notChecked`. */
  expander: Expander;
  stages: Stage[];
  /** The stage that becomes the image: the last one. */
  finalStage?: Stage;
  syntaxProblems: SyntaxProblem[];
  /** Parts left unchecked, and why: reported as `not-checked`, never dropped silently. */
  notChecked: SyntaxProblem[];
  /**
   * The `ADD` sources that are text files in the workspace, by path resolved beside the Dockerfile: read by the
   * engine before the rules run (add-sources.ts). Absent when the model was made without a reader.
   */
  textSources?: ReadonlySet<string>;
  /**
   * The Dockerfile's folder read as its build context: the secret-looking files it would send, after its
   * `.dockerignore` (build-context.ts). Absent when the model was made without a folder lister or copies nothing
   * from the context.
   */
  buildContext?: BuildContext;
}

export interface ParseOptions {
  /**
   * `false` leaves every stage's `runs` empty and `syntaxProblems` unchecked: for readers that only need stages, users
   * and images (the compose rules reading the Dockerfile a service builds), which then skip reading RUN scripts.
   */
  runs?: boolean;
}

export function parseDockerfile(text: string, path = 'Dockerfile', options: ParseOptions = {}): DockerfileModel {
  const source = parserSource(text);
  const ast = DockerfileParser.parse(source.text);
  const escapeChar = ast.getEscapeCharacter();
  const notChecked: SyntaxProblem[] = [];
  const expander = new Expander(notChecked);
  const globalArgs = new Map<string, Value>();
  for (const arg of ast.getInitialARGs()) {
    // `ARG A=1 B=2` declares several. A default may use the ARGs declared before it (`ARG BASE=$REGISTRY/app`), as
    // Docker expands them.
    for (const prop of arg.getProperties()) {
      const value = prop.getValue() ?? undefined;
      globalArgs.set(
        prop.getName(),
        value === undefined ? undefined : expander.define(prop.getName(), value, globalArgs, prop.getRange()),
      );
    }
  }

  const stages: Stage[] = [];
  const froms = ast.getFROMs();
  const all = ast.getInstructions();
  const byName = new Map<string, Stage>();
  for (let i = 0; i < froms.length; i++) {
    const from = froms[i];
    const startLine = from.getRange().start.line;
    const nextLine = i + 1 < froms.length ? froms[i + 1].getRange().start.line : Number.POSITIVE_INFINITY;
    const instructions = all.filter(
      (ins) => ins !== from && ins.getRange().start.line > startLine && ins.getRange().start.line < nextLine,
    );
    const imageText = from.getImage() ?? '';
    const imageRange = from.getImageRange() ?? undefined;
    const resolved = expander.use(imageText, globalArgs, imageRange ?? from.getRange());
    const lowered = resolved?.toLowerCase();
    const parent = lowered !== undefined ? byName.get(lowered) : undefined;
    const last = instructions.length ? instructions[instructions.length - 1] : from;
    const stage: Stage = {
      index: i,
      from,
      name: from.getBuildStage()?.toLowerCase() ?? undefined,
      imageText,
      image: resolved !== undefined && resolved !== '' && !parent ? parseImageRef(resolved) : undefined,
      imageRange,
      parent,
      instructions,
      runs: [],
      variables: StageVariables.read(instructions, parent?.variables, globalArgs, expander),
      isFinal: i === froms.length - 1,
      range: { start: from.getRange().start, end: last.getRange().end },
    };
    if (options.runs !== false) stage.runs = readRuns(stage, source, escapeChar, notChecked);
    stages.push(stage);
    if (stage.name) byName.set(stage.name, stage);
  }

  const model: DockerfileModel = {
    kind: 'dockerfile',
    path,
    source,
    ast,
    escapeChar,
    globalArgs,
    expander,
    stages,
    finalStage: stages[stages.length - 1],
    syntaxProblems: [],
    notChecked,
  };
  if (options.runs !== false) {
    model.syntaxProblems = checkSyntax(model);
    const loneCr = loneCrProblem(text, source);
    if (loneCr) model.syntaxProblems.unshift(loneCr);
  }
  return model;
}

/** The stage at the root of a chain of `FROM <stage>` and its image class. */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  for (let guard = 0; s.parent && guard < 100; guard++) s = s.parent;
  return s;
}

export function baseClass(stage: Stage): BaseImageClass {
  const root = rootStage(stage);
  return root.image ? classifyBase(root.image) : 'unknown';
}

/** Whether CMD/ENTRYPOINT/RUN/HEALTHCHECK is written in exec (JSON) form. */
export function isExecForm(instruction: Instruction): boolean {
  const json = instruction as JSONInstruction;
  return (
    typeof json.getOpeningBracket === 'function' &&
    json.getOpeningBracket() !== null &&
    json.getClosingBracket() !== null
  );
}

/**
 * The here-documents of a RUN, COPY or ADD, or undefined where dockerfile-ast throws reading them (0.7: a body line
 * that is only the escape character, before an indented delimiter, found by fuzzing): the caller says what it then
 * does not know, instead of the whole file failing.
 */
export function heredocsOf(instruction: Instruction): Heredoc[] | undefined {
  try {
    return (instruction as unknown as { getHeredocs(): Heredoc[] }).getHeredocs() ?? [];
  } catch {
    return undefined;
  }
}

function readRuns(stage: Stage, source: SourceText, escapeChar: string, notChecked: SyntaxProblem[]): RunScript[] {
  const runs: RunScript[] = [];
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'RUN') {
      const script = readRun(ins as Run, source, escapeChar, notChecked);
      if (script) runs.push({ instruction: ins, ...script });
    } else if (keyword === 'ONBUILD') {
      const trigger = (ins as Onbuild).getTriggerInstruction();
      if (trigger && trigger.getKeyword() === 'RUN') {
        const script = readRun(trigger as Run, source, escapeChar, notChecked);
        if (script) runs.push({ instruction: trigger, onbuild: ins as Onbuild, ...script });
      }
    }
  }
  return runs;
}

function readRun(
  run: Run,
  source: SourceText,
  escapeChar: string,
  notChecked: SyntaxProblem[],
): Omit<RunScript, 'instruction' | 'onbuild'> | undefined {
  const text = source.text;
  const at = (pos: { line: number; character: number }) => source.offsetAt(pos);
  const options = { escapeChar, dockerfileContinuations: true };
  const args = run.getArguments();
  if (args.length === 0) return undefined;
  const end = at(run.getRange().end);

  if (isExecForm(run)) {
    const strings = (run as unknown as JSONInstruction).getJSONStrings();
    const words: ShellWord[] = strings.map((s) => {
      const start = at(s.getRange().start);
      const stop = at(s.getRange().end);
      const raw = text.slice(start, stop);
      // Decode the JSON string ourselves: the parser's value keeps the quotes and its decoded value drops spaces.
      const word: ShellWord = { value: decodeJsonString(raw), start, end: stop, quoted: true, dynamic: false };
      if (!raw.slice(1, -1).includes('\\')) word.innerStart = start + 1;
      return word;
    });
    if (!words.length) return undefined;
    const command: SimpleCommand = {
      assignments: [],
      words,
      redirects: [],
      start: words[0].start,
      end: words[words.length - 1].end,
      pipeline: 0,
    };
    return { form: 'exec', script: { commands: [command, ...shellCCommands(command, text, 0, {})] } };
  }

  const heredocs = heredocsOf(run);
  if (heredocs === undefined) {
    notChecked.push({
      range: run.getRange(),
      message: 'The here-document of this RUN could not be read (a parser limit): its commands are not checked.',
    });
    return undefined;
  }
  const start = at(args[0].getRange().start);
  if (heredocs.length) {
    // The line that opens the heredoc says what reads it: nothing (the default shell) or a shell runs it as a script.
    const lineEnd = text.indexOf('\n', start);
    // One pipeline numbering for the opening line and every body, so commands of two bodies never share a pipeline.
    const counter = { next: 0 };
    const opening = parseShell(text.slice(start, lineEnd < 0 ? end : lineEnd), start, options, 0, counter);
    const commands: SimpleCommand[] = [];
    let shellReadsBody = true;
    for (const cmd of opening.commands) {
      if (cmd.words.length === 0) continue;
      const name = basename(cmd.words[0].value);
      if (['sh', 'bash', 'dash', 'ash', 'zsh'].includes(name) && !cmd.words.some((w) => /^-[a-z]*c/.test(w.value)))
        continue;
      shellReadsBody = false;
      commands.push(cmd);
    }
    for (const heredoc of heredocs) {
      const content = heredoc.getContentRange();
      if (!content || !shellReadsBody) continue;
      const bodyStart = at(content.start);
      const body = text.slice(bodyStart, at(content.end));
      if (/^#!(?!.*\b(sh|bash|dash|ash|zsh)\b)/.test(body)) continue;
      commands.push(...parseShell(body, bodyStart, { escapeChar: '\\' }, 0, counter).commands);
    }
    return { form: 'heredoc', script: { commands } };
  }
  return { form: 'shell', script: parseShell(text.slice(start, end), start, options) };
}

/** Every RUN in the file (all stages), for rules that look at build commands wherever they run. */
export function allRuns(model: DockerfileModel): readonly (RunScript & { stage: Stage })[] {
  // Eight rules ask for the same list of each model.
  let runs = runsOfModel.get(model);
  if (!runs)
    runsOfModel.set(model, (runs = model.stages.flatMap((stage) => stage.runs.map((run) => ({ ...run, stage })))));
  return runs;
}

const runsOfModel = new WeakMap<DockerfileModel, readonly (RunScript & { stage: Stage })[]>();

export function decodeJsonString(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Not valid JSON: fall back to the text between the quotes.
  }
  return raw.replace(/^"|"$/g, '');
}
