/**
 * What a Dockerfile in the workspace says about the container its stage runs, for the fixes that harden it: the user
 * the stage ends with, the profile of the image it builds on (while it keeps that image's entrypoint), an entrypoint
 * script copied from the build context that steps down or chowns, file capabilities set at build time, ports below
 * 1024, volumes and the folders it makes writable, and daemons that must start as root. Only files of the build
 * context are read, through the analysis' own reader; nothing is run.
 */
import type { Instruction } from 'dockerfile-ast';
import type { ImageRef } from '../dockerfile/image-ref';
import { rootStage, type DockerfileModel, type Stage } from '../dockerfile/model';
import { chainInstructions, commandLineOf, instructionSpan, lastInChain, stageChain } from '../dockerfile/runtime';
import { basename, effectiveWords, parseShell, type SimpleCommand } from '../dockerfile/shell';
import { isRootUser } from '../dockerfile/users';
import { normalizePath } from '../compose/paths';
import type { Range } from '../types';
import type { ResolvedProfile } from './profile';
import { imageProfile } from './lookup';

/** A fact read from a workspace file: what it is, and where. */
export interface WorkspaceReason {
  why: string;
  path: string;
  range?: Range;
}

export interface WorkspaceCapability {
  capability: string;
  reason: WorkspaceReason;
}

export interface EntrypointFacts {
  /** The script's path in the workspace. */
  script: string;
  stepsDown?: { tool: string; to?: string; reason: WorkspaceReason };
  /** What the script does as root that needs a capability after `cap_drop: [ALL]`. */
  capabilities: WorkspaceCapability[];
}

export interface BuiltImageFacts {
  dockerfile: string;
  stage: Stage;
  base?: ImageRef;
  /** The base image's profile, while the stage keeps the base image's entrypoint (sets no ENTRYPOINT of its own). */
  baseProfile?: ResolvedProfile;
  /** The profile of the base image, entrypoint kept or not (for its accounts and user). */
  baseImageProfile?: ResolvedProfile;
  /** The last USER of the stage and the stages it builds on. */
  user?: { text: string; isRoot: boolean; instruction: Instruction };
  /** An ENTRYPOINT of the stage (or a stage it builds on): the base image's entrypoint facts no longer hold. */
  ownEntrypoint?: Instruction;
  entrypoint?: EntrypointFacts;
  /** `setcap cap_x+ep file` in a RUN: exec of that file fails when the capability is not in the bounding set. */
  fileCapabilities: WorkspaceCapability[];
  /** EXPOSEd ports below 1024. */
  lowPorts: { port: number; reason: WorkspaceReason }[];
  /** `VOLUME` paths: Docker mounts an anonymous volume there, writable under a read-only root. */
  volumes: { path: string; reason: WorkspaceReason }[];
  /** Folders a RUN makes writable for the image's user (chown to it, chmod 777): it writes there at run time. */
  writeTargets: { path: string; reason: WorkspaceReason }[];
  /** A program started as the container's command that must run as root (a process supervisor, cron, a mail server). */
  rootDaemon?: { what: string; reason: WorkspaceReason };
}

/** Programs that start as root and manage services or users themselves. */
const ROOT_DAEMONS: Record<string, string> = {
  supervisord: 'supervisord, which starts its programs as the users they name',
  's6-svscan': 's6, which supervises its services as root',
  runsvdir: 'runit, which supervises its services as root',
  my_init: 'baseimage-docker’s my_init, which runs as root',
  cron: 'cron, which runs jobs as the users they belong to',
  crond: 'cron, which runs jobs as the users they belong to',
  systemd: 'systemd',
  postfix: 'Postfix, whose master runs as root',
  dovecot: 'Dovecot, whose master runs as root',
  sshd: 'sshd, which must be root to log users in',
};

/** Commands that run the rest of their line as another user. */
const STEP_DOWN_TOOLS = new Set([
  'gosu',
  'su-exec',
  'setpriv',
  's6-setuidgid',
  's6-applyuidgid',
  'chpst',
  'runuser',
  'setuidgid',
  'su',
]);

export interface BuiltImageInput {
  model: DockerfileModel;
  stage: Stage;
  /** The build context folder, as workspace paths are written (relative paths from the Dockerfile are resolved in it). */
  context: string;
  /** The text of a workspace file, as the model layer read it before the rules ran (`entrypointScriptPath`). */
  fileText?: (path: string) => string | undefined;
}

/** The workspace path of the script the stage's own ENTRYPOINT runs, when a COPY from the build context put it there. */
export function entrypointScriptPath({ model, stage, context }: BuiltImageInput): string | undefined {
  const ownEntrypoint = lastInChain(stage, 'ENTRYPOINT');
  const program = ownEntrypoint && startProgram(ownEntrypoint, model);
  return program ? copiedScript(program, chainInstructions(stage), context) : undefined;
}

export function builtImageFacts({ model, stage, context, fileText }: BuiltImageInput): BuiltImageFacts {
  const path = model.path;
  const base = rootStage(stage).image;
  const instructions = chainInstructions(stage);
  const ownEntrypoint = lastInChain(stage, 'ENTRYPOINT');
  const baseImageProfile = imageProfile(base);
  const facts: BuiltImageFacts = {
    dockerfile: path,
    stage,
    fileCapabilities: [],
    lowPorts: [],
    volumes: [],
    writeTargets: [],
  };
  if (base) facts.base = base;
  if (baseImageProfile) facts.baseImageProfile = baseImageProfile;
  if (baseImageProfile && !ownEntrypoint) facts.baseProfile = baseImageProfile;
  if (ownEntrypoint) facts.ownEntrypoint = ownEntrypoint;
  const userInstruction = lastInChain(stage, 'USER');
  if (userInstruction) {
    const text = userInstruction.getArgumentsContent()?.trim() ?? '';
    facts.user = { text, isRoot: isRootUser(text), instruction: userInstruction };
  }
  const reason = (why: string, instruction: Instruction): WorkspaceReason => ({
    why,
    path,
    range: instructionSpan(instruction),
  });
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'EXPOSE') {
      for (const arg of instruction.getArguments()) {
        const port = Number(/^(\d+)(?:\/(?:tcp|udp|sctp))?$/i.exec(arg.getValue())?.[1]);
        if (port > 0 && port < 1024) facts.lowPorts.push({ port, reason: reason(`EXPOSE ${port}`, instruction) });
      }
    } else if (keyword === 'VOLUME') {
      for (const volume of jsonOrWords(instruction))
        if (volume.startsWith('/'))
          facts.volumes.push({ path: trimSlash(volume), reason: reason(`VOLUME ${volume}`, instruction) });
    }
  }
  const runUser = facts.user && !facts.user.isRoot ? facts.user.text.split(':')[0] : undefined;
  for (const s of stageChain(stage).reverse()) {
    for (const run of s.runs) {
      if (run.onbuild) continue;
      // The reason is made only for a command that gives a fact: most give none, and its span costs an argument scan.
      for (const cmd of run.script.commands)
        readBuildCommand(cmd, runUser, facts, () => reason(commandText(model, cmd), run.instruction));
    }
  }
  const start = ownEntrypoint ?? lastInChain(stage, 'CMD');
  if (start) {
    const program = startProgram(start, model);
    const daemon = program && ROOT_DAEMONS[basename(program)];
    if (daemon) facts.rootDaemon = { what: daemon, reason: reason(`starts ${basename(program)}`, start) };
    else if (program === '/init' && instructions.some((i) => /s6-overlay/.test(i.getTextContent()))) {
      facts.rootDaemon = {
        what: 's6-overlay, whose /init runs as root',
        reason: reason('starts s6-overlay’s /init', start),
      };
    }
    if (ownEntrypoint && program && fileText) {
      const script = copiedScript(program, instructions, context);
      if (script) {
        const text = fileText(script);
        if (text !== undefined) facts.entrypoint = readEntrypoint(script, text);
      }
    }
  }
  return facts;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function commandText(model: DockerfileModel, cmd: SimpleCommand): string {
  const text = model.source.text.slice(cmd.start, cmd.end).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The words of a VOLUME or COPY: JSON form or plain words. */
function jsonOrWords(instruction: Instruction): string[] {
  const content = instruction.getArgumentsContent()?.trim() ?? '';
  if (content.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(content.replace(/\\\r?\n/g, ''));
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    } catch {
      // Not JSON: Docker reads it as words.
    }
  }
  return instruction.getArguments().map((a) => a.getValue());
}

const CAPABILITY_NAMES = /cap_([a-z_]+)/gi;

/** Facts of one build command: setcap, chown/chmod of folders to the image's user. */
function readBuildCommand(
  cmd: SimpleCommand,
  runUser: string | undefined,
  facts: BuiltImageFacts,
  whereOf: () => WorkspaceReason,
): void {
  let known: WorkspaceReason | undefined;
  const where = () => (known ??= whereOf());
  const words = effectiveWords(cmd).map((w) => w.value);
  const name = words.length ? basename(words[0]) : '';
  if (name === 'setcap') {
    // `setcap cap_net_bind_service=+ep /usr/bin/caddy`, `setcap 'cap_net_raw,cap_net_admin+eip' file`.
    const spec = words.slice(1).find((w) => /cap_/i.test(w));
    if (spec && !words.includes('-r')) {
      for (const m of spec.matchAll(CAPABILITY_NAMES)) {
        const capability = m[1].toUpperCase();
        if (!facts.fileCapabilities.some((c) => c.capability === capability))
          facts.fileCapabilities.push({
            capability,
            reason: { ...where(), why: `the build gives a program the file capability ${capability}: ${where().why}` },
          });
      }
    }
  } else if (name === 'chown' && runUser) {
    const operands = words.slice(1).filter((w) => !w.startsWith('-'));
    const owner = operands[0]?.split(/[:.]/)[0];
    if (owner === runUser) for (const target of operands.slice(1)) addWriteTarget(facts, target, where);
  } else if (name === 'chmod') {
    const operands = words.slice(1).filter((w) => !w.startsWith('-'));
    if (operands[0] && /^(0?[0-7]?777|a\+w|o\+w|ugo\+w|\+w)$/.test(operands[0]))
      for (const target of operands.slice(1)) addWriteTarget(facts, target, where);
  }
}

function addWriteTarget(facts: BuiltImageFacts, target: string, where: () => WorkspaceReason): void {
  if (!target.startsWith('/') || target.includes('$') || /[*?]/.test(target)) return;
  const path = trimSlash(normalizePath(target));
  if (path === '/' || facts.writeTargets.some((t) => t.path === path)) return;
  facts.writeTargets.push({ path, reason: where() });
}

/** The program a CMD or ENTRYPOINT starts (exec form's first word, or a plain shell-form command). */
function startProgram(instruction: Instruction, model: DockerfileModel): string | undefined {
  const line = commandLineOf(instruction, model);
  const argv = line?.argv;
  if (!argv?.length) return undefined;
  let i = 0;
  // `["tini", "--", "/entrypoint.sh"]`, `["/bin/sh", "/entrypoint.sh"]`: the script is what runs.
  if (['tini', 'dumb-init', 'catatonit'].includes(basename(argv[0]))) {
    i = 1;
    while (i < argv.length && argv[i].startsWith('-')) i++;
  }
  if (
    i < argv.length &&
    ['sh', 'bash', 'ash', 'dash'].includes(basename(argv[i])) &&
    argv[i + 1] &&
    !argv[i + 1].startsWith('-')
  )
    i++;
  return argv[i];
}

/**
 * The workspace path of a script an image starts, when a COPY or ADD of the chain put it where the command names it
 * (`COPY docker-entrypoint.sh /usr/local/bin/` and `ENTRYPOINT ["docker-entrypoint.sh"]`). Sources outside the
 * context (`../x`) and from other stages are not read.
 */
function copiedScript(program: string, instructions: Instruction[], context: string): string | undefined {
  const wanted = program.replace(/^\.\//, '');
  let found: string | undefined;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    if (/--from[= ]/i.test(instruction.getTextContent())) continue;
    const words = jsonOrWords(instruction).filter((w) => !w.startsWith('--'));
    if (words.length < 2) continue;
    const dest = words[words.length - 1];
    for (const src of words.slice(0, -1)) {
      if (/^[a-z]+:\/\//i.test(src) || /[*?[]/.test(src)) continue;
      const inContext = normalizePath(src.replace(/^\/+/, ''));
      if (inContext.startsWith('..')) continue;
      const landed =
        dest.endsWith('/') || words.length > 2 ? `${dest.replace(/\/+$/, '')}/${basename(inContext)}` : dest;
      const matches = wanted.startsWith('/')
        ? normalizePath(landed) === normalizePath(wanted)
        : basename(landed) === wanted && /^\/(usr\/(local\/)?)?s?bin\//.test(landed);
      if (matches)
        found = context === '.' || context === '' ? inContext : `${context.replace(/\/+$/, '')}/${inContext}`;
    }
  }
  return found;
}

/** What an entrypoint script does as root: steps down, chowns, chmods, setcaps, sets up the network. */
export function readEntrypoint(script: string, text: string): EntrypointFacts {
  const facts: EntrypointFacts = { script, capabilities: [] };
  const add = (capability: string, why: string, line: number): void => {
    if (!facts.capabilities.some((c) => c.capability === capability))
      facts.capabilities.push({ capability, reason: { why, path: script, range: lineRange(line) } });
  };
  const lines = text.split(/\r\n|\r|\n/);
  let chowns = false;
  lines.forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    let commands: SimpleCommand[];
    try {
      commands = parseShell(line, 0).commands;
    } catch {
      return;
    }
    for (const cmd of commands) {
      const words = cmd.words.map((w) => w.value);
      const at = words.findIndex(
        (w, i) => STEP_DOWN_TOOLS.has(basename(w)) && (i === 0 || ['exec', 'command'].includes(words[i - 1])),
      );
      if (at >= 0) {
        const tool = basename(words[at]);
        const user = stepDownUser(tool, words.slice(at + 1));
        if (!facts.stepsDown)
          facts.stepsDown = {
            tool,
            ...(user ? { to: user } : {}),
            reason: {
              why: `${line.length > 80 ? line.slice(0, 77) + '…' : line}`,
              path: script,
              range: lineRange(index),
            },
          };
        add('SETUID', `${tool} switches to another user`, index);
        add('SETGID', `${tool} switches to another group`, index);
        continue;
      }
      const name = words.length ? basename(effectiveWords(cmd)[0]?.value ?? words[0]) : '';
      if (name === 'chown') {
        chowns = true;
        add('CHOWN', 'the entrypoint changes file owners', index);
      } else if (name === 'setcap') add('SETFCAP', 'the entrypoint sets file capabilities', index);
      else if (
        name === 'iptables' ||
        name === 'ip6tables' ||
        name === 'wg-quick' ||
        (name === 'ip' && /\b(route|link|addr|rule)\b/.test(line))
      )
        add('NET_ADMIN', 'the entrypoint configures the network', index);
    }
  });
  // An entrypoint that hands files to the user it steps down to works in folders that user owns: as root it needs to
  // read and change them past their mode bits (postgres's 0700 data folder is the classic case).
  if (facts.stepsDown && chowns) {
    const line = facts.capabilities.find((c) => c.capability === 'CHOWN')!.reason.range!.start.line;
    add('DAC_OVERRIDE', 'the entrypoint works, as root, in folders it gives to the user it steps down to', line);
    add('FOWNER', 'the entrypoint changes files it gave to another user', line);
  }
  return facts;
}

function stepDownUser(tool: string, args: string[]): string | undefined {
  const rest = args.filter((a) => !a.startsWith('-'));
  if (tool === 'setpriv') return args.find((a) => a.startsWith('--reuid='))?.slice('--reuid='.length);
  if (tool === 'chpst') return args[args.indexOf('-u') + 1];
  const user = rest[0];
  return user && !user.startsWith('$') ? user.split(':')[0] : undefined;
}

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
