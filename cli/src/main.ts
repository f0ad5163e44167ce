import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, UsageError, type RulesCommand, type ScanCommand } from './args';
import { palette, useColor } from './formats/colors';
import { formatJson } from './formats/json';
import { formatRulesJson, formatRulesText } from './formats/rules';
import { formatSarif } from './formats/sarif';
import { formatText, formatTextQuiet, plural } from './formats/text';
import { USAGE, VERSION } from './help';
import { ConfigLoadError, loadConfig } from './load-config';
import { ignoreClosedPipes, warn, writeReport } from './output';
import { allRuleMetas } from './rule-metas';
import { scanTargets, type ScanReport } from './scan';
import { atOrAbove, countAtOrAbove } from './severity';
import { PathError, walk } from './walk';

/** Exit statuses: what CI scripts branch on. */
const EXIT = { clean: 0, problems: 1, trouble: 2 } as const;

function main(argv: readonly string[]): number {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`${error.message}\nRun \`bulkhead --help\` for usage.`);
    return EXIT.trouble;
  }
  switch (command.command) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT.clean;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return EXIT.clean;
    case 'rules':
      return listRules(command);
    case 'scan':
      return scan(command);
  }
}

function listRules(command: RulesCommand): number {
  const metas = allRuleMetas();
  const cwd = process.cwd();
  const color = command.outputPath === undefined && useColor(process.stdout, process.env);
  const text = command.format === 'json' ? formatRulesJson(metas) : formatRulesText(metas, palette(color));
  const error = writeReport(text, command.outputPath, cwd);
  if (error) warn(error);
  return error ? EXIT.trouble : EXIT.clean;
}

function scan(command: ScanCommand): number {
  const cwd = process.cwd();
  const root = scannedRoot(command.paths[0], cwd);
  let loaded;
  let walked;
  try {
    loaded = loadConfig(command.configPath, root, cwd);
    walked = walk(command.paths, { cwd, root, excludes: loaded.config.excludePatterns });
  } catch (error) {
    if (error instanceof ConfigLoadError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof PathError) warn(error.message);
    else throw error;
    return EXIT.trouble;
  }

  const files = scanTargets(walked.targets, { config: loaded.config, cwd, fix: command.fix });
  const report: ScanReport = { files, notices: walked.notices, cwd, threshold: command.severity, fixed: command.fix };
  const failing = countAtOrAbove(files.flatMap((f) => f.diagnostics), command.severity);
  if (command.quiet) {
    for (const file of files) file.diagnostics = file.diagnostics.filter((d) => atOrAbove(d.severity, command.severity));
  }

  const color = command.outputPath === undefined && useColor(process.stdout, process.env);
  const output =
    command.format === 'json'
      ? formatJson(report)
      : command.format === 'sarif'
        ? formatSarif(report)
        : command.quiet
          ? formatTextQuiet(report, palette(color))
          : formatText(report, palette(color));
  const writeError = writeReport(output, command.outputPath, cwd);

  // Standard error carries what does not belong in a machine-readable report, and the text report's notices.
  if (!command.quiet) {
    for (const notice of walked.notices) warn(notice);
    if (command.format !== 'text') reportFixesOnStderr(report);
  }
  const fixErrors = files.filter((f) => f.fixError);
  for (const file of fixErrors) warn(`${file.path}: ${file.fixError}`);
  if (writeError) warn(writeError);

  if (writeError || fixErrors.length) return EXIT.trouble;
  if (command.exitZero) return EXIT.clean;
  return failing ? EXIT.problems : EXIT.clean;
}

/** Where `.bulkhead.yaml` is looked for and exclude globs start: the first PATH when it is a folder, else here. */
function scannedRoot(firstPath: string, cwd: string): string {
  const path = resolve(cwd, firstPath);
  try {
    if (statSync(path).isDirectory()) return path;
  } catch {
    // A missing PATH is reported by the walk, with its name.
  }
  return cwd;
}

function reportFixesOnStderr(report: ScanReport): void {
  for (const file of report.files) {
    if (file.fixed.length) warn(`${file.path}: fixed ${plural(file.fixed.length, 'problem')}`);
  }
}

ignoreClosedPipes();
try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // A bug of ours: say so plainly, with the stack for the report, and exit 2 rather than pretend the scan passed.
  warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = EXIT.trouble;
}
