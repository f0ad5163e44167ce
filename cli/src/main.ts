import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  parseArgs,
  UsageError,
  type BaselineCommand,
  type ReportCommand,
  type RulesCommand,
  type ScanCommand,
} from './args';
import { applyBaseline, BaselineError, baselineText, defaultBaselinePath, loadBaseline } from './baseline';
import { ChangedLinesError, changedLines, keepChanged } from './changed-lines';
import { displayPath } from './paths';
import { formatPostureMarkdown } from './formats/markdown';
import { postureMatrix } from '../../shared/src/report/posture';
import { postureSubjects } from '../../shared/src/report/subjects';
import { rulesOfKind } from '../../shared/src/engine';
import { palette, useColor } from './formats/colors';
import { writeJson } from './formats/json';
import { formatRulesJson, formatRulesText } from './formats/rules';
import { writeSarif } from './formats/sarif';
import { formatText, formatTextQuiet, plural } from './formats/text';
import { showControls } from '../../shared/src/visible-controls';
import { USAGE, VERSION } from './help';
import { ConfigLoadError, loadConfig } from './load-config';
import { ignoreClosedPipes, warn, writeErrorLines, writeReport, writeReportInPieces } from './output';
import { CLI_WORKER_ROLE, runScanWorker, scanInWorkers, workerCount } from './parallel';
import { allRuleMetas } from './rule-metas';
import { fileContext, scanTarget, scanTargets, type ScanOptions, type ScannedFile, type ScanReport } from './scan';
import { scanRoots } from './read';
import { atOrAbove, countAtOrAbove } from './severity';
import { PathError, walk, type Target } from './walk';

/** Exit statuses: what CI scripts branch on. */
const EXIT = { clean: 0, problems: 1, trouble: 2 } as const;

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(error.message);
    warn('Run `bulkhead --help` for usage.');
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
    case 'report':
      return report(command);
    case 'baseline':
      return writeBaseline(command);
  }
}

/** The posture matrix of the scanned files as Markdown: every row, what is in place, missing or unknown. */
async function report(command: ReportCommand): Promise<number> {
  const cwd = process.cwd();
  const root = scannedRoot(command.paths[0], cwd);
  let loaded;
  let walked;
  try {
    loaded = loadConfig(command.configPath, root, cwd);
    walked = walk(command.paths, { cwd, root, excludes: loaded.config.excludePatterns });
  } catch (error) {
    if (error instanceof ConfigLoadError) writeErrorLines(error.lines);
    else if (error instanceof PathError) warn(error.message);
    else throw error;
    return EXIT.trouble;
  }
  for (const notice of walked.notices) warn(notice);
  const options: ScanOptions = {
    config: loaded.config,
    cwd,
    roots: scanRoots(command.paths, cwd),
    fix: false,
    keepFixes: false,
  };
  const context = fileContext(options);
  const inputs = walked.targets.map((target) => {
    const file = scanTarget(target, options, context);
    const text = file.skipped ? undefined : context.readFile?.(file.path);
    const subjects = text === undefined ? [] : postureSubjects(file.kind, text, file.path, context);
    const active = new Set(
      rulesOfKind(file.kind)
        .filter((r) => loaded.config.rules[r.meta.id] !== 'off')
        .map((r) => r.meta.id),
    );
    return {
      report: { path: file.path, kind: file.kind, skipped: file.skipped, diagnostics: file.diagnostics },
      subjects,
      activeRules: active,
    };
  });
  const error = writeReport(formatPostureMarkdown(postureMatrix(inputs)), command.outputPath, cwd);
  if (error) warn(error);
  return error ? EXIT.trouble : EXIT.clean;
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

/** `bulkhead baseline`: every current finding, written as the accepted ones (the scanned root's file by default). */
async function writeBaseline(command: BaselineCommand): Promise<number> {
  const cwd = process.cwd();
  const root = scannedRoot(command.paths[0], cwd);
  let loaded;
  let walked;
  try {
    loaded = loadConfig(command.configPath, root, cwd);
    walked = walk(command.paths, { cwd, root, excludes: loaded.config.excludePatterns });
  } catch (error) {
    if (error instanceof ConfigLoadError) writeErrorLines(error.lines);
    else if (error instanceof PathError) warn(error.message);
    else throw error;
    return EXIT.trouble;
  }
  for (const notice of walked.notices) warn(notice);
  const files = await scanAll(walked.targets, {
    config: loaded.config,
    cwd,
    roots: scanRoots(command.paths, cwd),
    fix: false,
    keepFixes: false,
    fingerprints: true,
  });
  const target = command.outputPath !== undefined ? resolve(cwd, command.outputPath) : defaultBaselinePath(root);
  const error = writeReport(baselineText(files, dirname(target), cwd), displayPath(target, cwd), cwd);
  if (error) {
    warn(error);
    return EXIT.trouble;
  }
  const findings = files.reduce((n, f) => n + f.diagnostics.length, 0);
  const withFindings = files.filter((f) => f.diagnostics.length).length;
  process.stdout.write(
    `Wrote ${plural(findings, 'finding')} in ${plural(withFindings, 'file')} to ${showControls(displayPath(target, cwd))}\n`,
  );
  return EXIT.clean;
}

async function scan(command: ScanCommand): Promise<number> {
  const cwd = process.cwd();
  const root = scannedRoot(command.paths[0], cwd);
  let loaded;
  let walked;
  let baseline;
  try {
    loaded = loadConfig(command.configPath, root, cwd);
    walked = walk(command.paths, { cwd, root, excludes: loaded.config.excludePatterns });
    if (!command.noBaseline)
      baseline = loadBaseline(command.baselinePath, root, cwd, (absolute) => displayPath(absolute, cwd));
  } catch (error) {
    if (error instanceof ConfigLoadError) writeErrorLines(error.lines);
    else if (error instanceof PathError || error instanceof BaselineError) warn(error.message);
    else throw error;
    return EXIT.trouble;
  }
  let changed;
  if (command.changedSince !== undefined) {
    try {
      // Git is asked in the first PATH's folder (a file's own folder), which need not be the working directory.
      const first = resolve(cwd, command.paths[0]);
      const folder = statSync(first).isDirectory() ? first : dirname(first);
      changed = await changedLines(
        command.changedSince,
        walked.targets.map((t) => t.real),
        folder,
      );
    } catch (error) {
      if (!(error instanceof ChangedLinesError)) throw error;
      warn(error.message);
      return EXIT.trouble;
    }
  }

  // JSON and SARIF print every fix, and `--fix` applies them; the text report only counts them.
  const files = await scanAll(walked.targets, {
    config: loaded.config,
    cwd,
    roots: scanRoots(command.paths, cwd),
    fix: command.fix,
    keepFixes: command.format !== 'text',
    fixRoots: command.fix ? fixRoots(command.paths, cwd) : undefined,
    fingerprints: baseline !== undefined || command.format === 'sarif',
  });
  const report: ScanReport = { files, notices: walked.notices, cwd, threshold: command.severity, fixed: command.fix };
  if (baseline) report.baseline = { path: baseline.path, ...applyBaseline(files, baseline, cwd) };
  if (changed && command.changedSince !== undefined) {
    const realOf = new Map(walked.targets.map((t) => [t.display, t.real]));
    report.changedSince = { ref: command.changedSince, unchanged: keepChanged(files, changed, realOf) };
  }
  const failing = countAtOrAbove(
    files.flatMap((f) => f.diagnostics),
    command.severity,
  );
  if (command.quiet) {
    for (const file of files) {
      const kept = file.diagnostics.map((d) => atOrAbove(d.severity, command.severity));
      file.diagnostics = file.diagnostics.filter((_, i) => kept[i]);
      file.fingerprints = file.fingerprints?.filter((_, i) => kept[i]);
    }
  }

  const color = command.outputPath === undefined && useColor(process.stdout, process.env);
  // JSON and SARIF reports of a large tree are large: written piece by piece, never held whole.
  const writeError =
    command.format === 'json'
      ? writeReportInPieces((write) => writeJson(report, write), command.outputPath, cwd)
      : command.format === 'sarif'
        ? writeReportInPieces((write) => writeSarif(report, write), command.outputPath, cwd)
        : writeReport(
            command.quiet ? formatTextQuiet(report, palette(color)) : formatText(report, palette(color)),
            command.outputPath,
            cwd,
          );

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

/**
 * Scans every target, on worker threads when there are many (results in the targets' order either way). With `--fix`
 * a Compose file reads the Dockerfiles it builds and the files it extends, so Dockerfiles (which read no other file)
 * are fixed in parallel first, then Compose files one after another: each file has one writer, and every read sees a
 * file before or after its fixes as in a run on one thread, never in between.
 */
async function scanAll(targets: readonly Target[], options: ScanOptions): Promise<ScannedFile[]> {
  const workers = workerCount(targets.length);
  if (!workers) return scanTargets(targets, options);
  if (!options.fix) return scanInWorkers(targets, options, workers, __filename);
  const results: ScannedFile[] = new Array(targets.length);
  const dockerfiles = targets.flatMap((target, index) => (target.kind === 'dockerfile' ? [index] : []));
  const scanned = await scanInWorkers(
    dockerfiles.map((i) => targets[i]),
    options,
    workers,
    __filename,
  );
  dockerfiles.forEach((target, i) => (results[target] = scanned[i]));
  const context = fileContext(options);
  targets.forEach((target, i) => (results[i] ??= scanTarget(target, options, context)));
  return results;
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

/** What `--fix` may write into: each PATH folder, or the folder of a PATH file, as real paths (links resolved). */
function fixRoots(paths: readonly string[], cwd: string): string[] {
  return paths.map((path) => {
    const absolute = resolve(cwd, path);
    // The walk has checked that each PATH exists.
    return statSync(absolute).isDirectory() ? realpathSync(absolute) : realpathSync(dirname(absolute));
  });
}

function reportFixesOnStderr(report: ScanReport): void {
  for (const file of report.files) {
    if (file.fixed.length) warn(`${file.path}: fixed ${plural(file.fixed.length, 'problem')}`);
  }
}

// Analysis workers run this same file (one bundle to ship): they scan what they are sent, nothing else.
if (!isMainThread && (workerData as { role?: unknown } | null)?.role === CLI_WORKER_ROLE) {
  runScanWorker((workerData as { options: ScanOptions }).options);
} else {
  ignoreClosedPipes();
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // A bug of ours: say so plainly, with the stack for the report, and exit 2 rather than pretend the scan passed.
      const lines = (error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n');
      warn(`internal error: ${lines[0]}`);
      writeErrorLines(lines.slice(1));
      process.exitCode = EXIT.trouble;
    },
  );
}
