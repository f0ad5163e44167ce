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

export type Command = ScanCommand | RulesCommand | ReportCommand | { command: 'help' } | { command: 'version' };

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
  commands: readonly ('scan' | 'rules' | 'report')[];
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: 'FORMAT', commands: ['scan', 'rules'] },
  { name: 'output', short: 'o', value: 'FILE', commands: ['scan', 'rules', 'report'] },
  { name: 'severity', short: 's', value: 'LEVEL', commands: ['scan'] },
  { name: 'config', short: 'c', value: 'FILE', commands: ['scan', 'report'] },
  { name: 'fix', commands: ['scan'] },
  { name: 'quiet', short: 'q', commands: ['scan'] },
  { name: 'exit-zero', commands: ['scan'] },
  { name: 'help', short: 'h', commands: ['scan', 'rules', 'report'] },
  { name: 'version', short: 'v', commands: ['scan', 'rules', 'report'] },
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

  let command: 'scan' | 'rules' | 'report' = 'scan';
  if (
    !firstPositionalIsPath &&
    (positionals[0] === 'scan' || positionals[0] === 'rules' || positionals[0] === 'report')
  )
    command = positionals.shift() as 'scan' | 'rules' | 'report';
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

  if (command === 'report')
    return {
      command,
      paths: positionals.length ? positionals : ['.'],
      configPath: values.get('config'),
      outputPath: values.get('output'),
    };

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
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got ${value})`);
}
