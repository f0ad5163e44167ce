import type { Severity } from '../../shared/src/types';

export type ReportFormat = 'text' | 'json' | 'sarif';

export interface ScanCommand {
  command: 'scan';
  paths: string[];
  format: ReportFormat;
  /** Problems at or above this severity fail the run (exit 1). */
  severity: Severity;
  fix: boolean;
  configPath?: string;
  quiet: boolean;
  exitZero: boolean;
  outputPath?: string;
  /** `--baseline FILE`; absent: `.bulkhead-baseline.json` in the scanned root when there is one. */
  baselinePath?: string;
  /** `--no-baseline`: report every finding. */
  noBaseline: boolean;
  /** `--changed-since REF`: only findings on lines changed since this Git ref. */
  changedSince?: string;
}

/** `bulkhead baseline`: writes the current findings as the accepted ones. */
export interface BaselineCommand {
  command: 'baseline';
  paths: string[];
  configPath?: string;
  outputPath?: string;
}

export interface RulesCommand {
  command: 'rules';
  format: 'text' | 'json';
  outputPath?: string;
}

/** `bulkhead report`: the posture matrix of the scanned files, as Markdown. */
export interface ReportCommand {
  command: 'report';
  paths: string[];
  configPath?: string;
  outputPath?: string;
}

export type Command =
  ScanCommand | RulesCommand | ReportCommand | BaselineCommand | { command: 'help' } | { command: 'version' };

type CommandName = Exclude<Command['command'], 'help' | 'version'>;
const COMMANDS: readonly CommandName[] = ['scan', 'rules', 'report', 'baseline'];

/** A command line that cannot be run as written: exit 2 with the message and a pointer to `--help`. */
export class UsageError extends Error {}

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

interface OptionSpec {
  name: string;
  short?: string;
  /** Name of the value it takes, or absent for a flag. */
  value?: string;
  /** Commands it applies to. */
  commands: readonly CommandName[];
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: 'FORMAT', commands: ['scan', 'rules'] },
  { name: 'output', short: 'o', value: 'FILE', commands: ['scan', 'rules', 'report', 'baseline'] },
  { name: 'severity', short: 's', value: 'LEVEL', commands: ['scan'] },
  { name: 'config', short: 'c', value: 'FILE', commands: ['scan', 'report', 'baseline'] },
  { name: 'baseline', value: 'FILE', commands: ['scan'] },
  { name: 'no-baseline', commands: ['scan'] },
  { name: 'changed-since', value: 'REF', commands: ['scan'] },
  { name: 'fix', commands: ['scan'] },
  { name: 'quiet', short: 'q', commands: ['scan'] },
  { name: 'exit-zero', commands: ['scan'] },
  { name: 'help', short: 'h', commands: COMMANDS },
  { name: 'version', short: 'v', commands: COMMANDS },
];

export function parseArgs(argv: readonly string[]): Command {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  /** Whether the first positional came after `--`, and so names a path even when it reads `rules`. */
  let firstPositionalIsPath = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      if (positionals.length === 0) firstPositionalIsPath = true;
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = arg.startsWith('--')
      ? OPTIONS.find((o) => `--${o.name}` === written)
      : OPTIONS.find((o) => o.short && `-${o.short}` === written);
    if (!spec) throw new UsageError(`unknown option ${written}`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option --${spec.name} takes no value`);
      flags.add(spec.name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '')
      throw new UsageError(`option --${spec.name} needs a value (${spec.value})`);
    values.set(spec.name, value);
  }

  if (flags.has('help')) return { command: 'help' };
  if (flags.has('version')) return { command: 'version' };

  let command: CommandName = 'scan';
  if (!firstPositionalIsPath && (COMMANDS as readonly string[]).includes(positionals[0]))
    command = positionals.shift() as CommandName;
  else if (!firstPositionalIsPath && positionals[0] === 'help') return { command: 'help' };

  for (const spec of OPTIONS) {
    if ((values.has(spec.name) || flags.has(spec.name)) && !spec.commands.includes(command)) {
      throw new UsageError(`option --${spec.name} does not apply to \`bulkhead ${command}\``);
    }
  }

  if (command === 'rules') {
    if (positionals.length)
      throw new UsageError(
        `\`bulkhead rules\` takes no paths (got ${positionals[0]}); to scan a folder named rules, write \`bulkhead scan rules\``,
      );
    const format = oneOf(values.get('format') ?? 'text', ['text', 'json'] as const, 'format');
    return { command, format, outputPath: values.get('output') };
  }

  if (command === 'baseline' || command === 'report')
    return {
      command,
      paths: positionals.length ? positionals : ['.'],
      configPath: values.get('config'),
      outputPath: values.get('output'),
    };

  if (values.has('baseline') && flags.has('no-baseline'))
    throw new UsageError('--baseline and --no-baseline contradict each other: give one');
  return {
    command,
    paths: positionals.length ? positionals : ['.'],
    format: oneOf(values.get('format') ?? 'text', FORMATS, 'format'),
    severity: oneOf(values.get('severity') ?? 'warning', SEVERITIES, 'severity'),
    fix: flags.has('fix'),
    configPath: values.get('config'),
    quiet: flags.has('quiet'),
    exitZero: flags.has('exit-zero'),
    outputPath: values.get('output'),
    baselinePath: values.get('baseline'),
    noBaseline: flags.has('no-baseline'),
    changedSince: values.get('changed-since'),
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got ${value})`);
}
