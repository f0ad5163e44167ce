/**
 * Fix safety over real compose files (../shared/corpus/real/): every fix offered on a compose file, applied alone,
 * leaves YAML that parses, no longer has the finding it fixes, changes nothing outside its edits, is not offered again,
 * and leaves a file that `docker-compose config` (Debian's docker-compose 1.29) still accepts when it accepted the
 * original.
 *
 * docker-compose only parses and validates here: `config -q` never contacts an engine, and it runs with a clean
 * environment (no `.env` beyond what the corpus folder holds, `HOME` in a temporary folder). Each fixed file is written
 * to a temporary folder and checked with `--project-directory` set to the original's folder, so relative paths
 * (build contexts, `env_file`) resolve as they do for the original. Variables a fix introduces (`${NAME:?…}`) are set
 * for that file, since requiring them is the point of the fix.
 *
 * A Python docker-compose is run in one interpreter for all files (its own `main()`, once per file), which takes
 * milliseconds per file instead of a second; a calibration test compares it with the real command on a few files.
 * Without a Python docker-compose, the command itself runs on the first fix of each (file, rule), up to a cap.
 *
 * Every fifth file is checked again with lone CR line breaks (an old Mac file): its fixes must write CR only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { analyzeText, type FileReport } from '../shared/src/engine';
import { applyEdits, parserText, SourceText } from '../shared/src/text';
import type { Diagnostic, Fix } from '../shared/src/types';
import { readCorpus, readCorpusFile, realDir, type ComposeFile } from './corpus-files';
import {
  baseEnv,
  findDockerCompose,
  requiredVariables,
  runJobs,
  writeJob,
  type ComposeJob,
  type DockerCompose,
} from './docker-compose';

/** Without the one-interpreter runner, docker-compose itself runs at most this many times (about a second each). */
const MAX_COMMAND_RUNS = 120;

/** A corpus file, or a copy of it with lone CR line breaks. */
interface CheckedFile extends ComposeFile {
  crOnly?: boolean;
}

interface FixCase {
  file: CheckedFile;
  ruleId: string;
  fix: Fix;
  output: string;
  /** The first fix offered by its rule in its file. */
  firstOfRule: boolean;
}

type Failures = Record<'parse' | 'finding' | 'outside' | 'again' | 'edits' | 'lineBreaks' | 'compose', string[]>;

describe('compose fixes over the real corpus', () => {
  const absent =
    !existsSync(join(realDir, 'index.json')) &&
    `the shared corpus is not at ${realDir} (set BULKHEAD_CORPUS to the folder holding real/): the compose fix checks cannot run`;
  if (absent) {
    console.log(`compose fixes: ${absent}`);
    it('corpus present', { skip: absent }, () => {});
    return;
  }
  const dockerCompose = findDockerCompose();
  if (!dockerCompose.path)
    console.log(
      `compose fixes: ${dockerCompose.why}; the docker-compose part is skipped (apt-get install docker-compose)`,
    );

  const failures: Failures = { parse: [], finding: [], outside: [], again: [], edits: [], lineBreaks: [], compose: [] };
  const cases: FixCase[] = [];
  const files = readCorpus();
  const work = mkdtempSync(join(tmpdir(), 'bulkhead-compose-fixes-'));
  const summary = { accepted: 0, composeChecked: 0, composeRuns: 0, ms: 0, checkMs: 0, mode: '' };

  before(async () => {
    const started = performance.now();
    for (const file of files) checkFile(file, cases, failures);
    for (const file of files.filter((_, i) => i % 5 === 0))
      checkFile({ ...file, text: file.text.replace(/\r?\n/g, '\r'), crOnly: true }, cases, failures);
    summary.checkMs = performance.now() - started;
    if (!dockerCompose.path) return;
    const composeStarted = performance.now();
    await checkWithDockerCompose(dockerCompose, files, cases, work, failures, summary);
    summary.ms = performance.now() - composeStarted;
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
    const compose = dockerCompose.path
      ? `docker-compose ${dockerCompose.version} (${summary.mode}): ${summary.accepted} of ${files.length} originals accepted, ${summary.composeChecked} fixed files checked in ${summary.composeRuns} runs, ${(summary.ms / 1000).toFixed(1)} s`
      : 'docker-compose not installed';
    console.log(
      `compose fixes: ${files.length} files, ${cases.length} fixes checked in ${(summary.checkMs / 1000).toFixed(1)} s; ${compose}; failures: ${Object.entries(
        failures,
      )
        .map(([k, v]) => `${k} ${v.length}`)
        .join(', ')}`,
    );
  });

  const failing = (key: keyof Failures, what: string) => {
    const list = failures[key];
    assert.equal(
      list.length,
      0,
      `${list.length} ${what}:\n${list.slice(0, 15).join('\n')}${list.length > 15 ? '\n…' : ''}`,
    );
  };
  it('finds fixes to check', () => assert.ok(cases.length > 0, 'no fix offered on any compose file'));
  it('every fix has sorted, non-overlapping edits inside the file', () =>
    failing('edits', 'fixes have malformed edits'));
  it('every fix leaves YAML that parses', () => failing('parse', 'fixes break the YAML'));
  it('every fix removes the finding it fixes', () => failing('finding', 'fixes leave their finding'));
  it('every fix changes nothing outside its edits', () => failing('outside', 'fixes change text outside their edits'));
  it('no fix is offered again on its own output', () => failing('again', 'fixes are not idempotent'));
  it('every fix on a file with lone CR line breaks writes CR only', () =>
    failing('lineBreaks', 'fixes write LF into a CR file'));
  it(
    'docker-compose config accepts every fixed file whose original it accepts',
    { skip: !dockerCompose.path && `${dockerCompose.why}` },
    () => {
      assert.ok(summary.accepted > 0, 'docker-compose accepted no original: the check checked nothing');
      failing('compose', 'fixed files docker-compose rejects');
    },
  );
});

describe('the docker-compose check itself', () => {
  const dockerCompose = findDockerCompose();
  const skip = !dockerCompose.path && dockerCompose.why;
  const work = mkdtempSync(join(tmpdir(), 'bulkhead-compose-check-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('rejects a file a broken fix produced, and needs the variables a fix requires', { skip }, async () => {
    const good = 'services:\n  app:\n    image: nginx:1.27\n';
    const files = {
      good: writeJob(work, 'good', good),
      unknownKey: writeJob(work, 'unknown-key', good.replace('    image', '    mem_limits: 512m\n    image')),
      required: writeJob(
        work,
        'required',
        `${good}    environment:\n      DB_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD}\n`,
      ),
    };
    const env = baseEnv(work);
    const jobs: ComposeJob[] = [
      { project: work, file: files.good, env },
      { project: work, file: files.unknownKey, env },
      { project: work, file: files.required, env },
      { project: work, file: files.required, env: { ...env, DB_PASSWORD: 'x' } },
    ];
    const results = await runJobs(dockerCompose, jobs, work);
    assert.deepEqual(
      results.map((r) => r.code === 0),
      [true, false, false, true],
      results.map((r) => r.message).join('\n'),
    );
  });

  it(
    'the one-interpreter runner agrees with the docker-compose command',
    { skip: skip || (!dockerCompose.python && 'docker-compose is not a Python program here') },
    async () => {
      const sample = readCorpus().slice(0, 6);
      if (!sample.length) return;
      const env = baseEnv(work);
      const jobs = sample.map((file) => ({
        project: dirname(join(realDir, file.name)),
        file: join(realDir, file.name),
        env,
      }));
      const batch = await runJobs(dockerCompose, jobs, work);
      const command = await runJobs({ ...dockerCompose, python: undefined }, jobs, work);
      assert.deepEqual(
        batch.map((r) => r.code === 0),
        command.map((r) => r.code === 0),
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------

function analyse(name: string, text: string): FileReport {
  return analyzeText(name, text, 'compose', { context: { readFile: readCorpusFile } });
}

/** Errors of a YAML 1.2 reader (Compose's), which takes a lone CR as a line break: the yaml package reads it as LF. */
function yamlErrors(text: string): number {
  return parseDocument(parserText(text), { uniqueKeys: true, prettyErrors: false }).errors.length;
}

/** The in-process checks of every fix of one file. */
function checkFile(file: CheckedFile, cases: FixCase[], failures: Failures): void {
  const report = analyse(file.name, file.text);
  const errorsBefore = yamlErrors(file.text);
  const source = new SourceText(file.text);
  const seenRules = new Set<string>();
  for (const d of report.diagnostics) {
    for (const fix of d.fixes) {
      const where = `${file.name}${file.crOnly ? ' (CR)' : ''}: ${d.ruleId} "${fix.title}" (line ${d.range.start.line + 1})`;
      const spans = fix.edits.map((e) => [source.offsetAt(e.range.start), source.offsetAt(e.range.end)] as const);
      const inside = fix.edits.every((e) =>
        [e.range.start, e.range.end].every((p) => {
          const back = source.positionAt(source.offsetAt(p));
          return back.line === p.line && back.character === p.character;
        }),
      );
      if (!fix.edits.length || !inside || spans.some(([s, e], i) => e < s || (i > 0 && s < spans[i - 1][1]))) {
        failures.edits.push(where);
        continue;
      }
      const output = applyEdits(file.text, fix.edits);
      if (file.crOnly && output.includes('\n')) failures.lineBreaks.push(where);
      cases.push({ file, ruleId: d.ruleId, fix, output, firstOfRule: !seenRules.has(d.ruleId) });
      seenRules.add(d.ruleId);
      const prefix = file.text.slice(0, spans[0][0]);
      const suffix = file.text.slice(spans[spans.length - 1][1]);
      if (!output.startsWith(prefix) || !output.endsWith(suffix) || output.length < prefix.length + suffix.length)
        failures.outside.push(where);
      if (yamlErrors(output) > errorsBefore)
        failures.parse.push(
          `${where}: ${parseDocument(parserText(output), { uniqueKeys: true, prettyErrors: false }).errors[0]?.message.split('\n')[0]}`,
        );
      const fixed = analyse(file.name, output);
      if (count(fixed.diagnostics, d) >= count(report.diagnostics, d)) failures.finding.push(where);
      const same = JSON.stringify(fix.edits);
      if (
        fixed.diagnostics.some((x) =>
          x.fixes.some(
            (f) => f.title === fix.title && JSON.stringify(f.edits) === same && applyEdits(output, f.edits) !== output,
          ),
        )
      )
        failures.again.push(where);
    }
  }
}

/** Findings worded as `d` is: the same rule saying the same thing about the same service. */
function count(diagnostics: Diagnostic[], d: Diagnostic): number {
  return diagnostics.filter((x) => x.ruleId === d.ruleId && x.message === d.message).length;
}

async function checkWithDockerCompose(
  dockerCompose: DockerCompose,
  files: ComposeFile[],
  cases: FixCase[],
  work: string,
  failures: Failures,
  summary: { accepted: number; composeChecked: number; composeRuns: number; mode: string },
): Promise<void> {
  const env = baseEnv(work);
  const originals = await runJobs(
    dockerCompose,
    files.map((file) => ({ project: dirname(join(realDir, file.name)), file: join(realDir, file.name), env })),
    work,
  );
  summary.composeRuns += originals.length;
  const accepted = new Set(files.filter((_, i) => originals[i].code === 0).map((f) => f.name));
  summary.accepted = accepted.size;
  // With the one-interpreter runner every fix is checked; running the command itself costs a second a file, so
  // then only the first fix of each rule in each file is, up to a cap.
  // The CR copies are not files docker-compose was asked about (their originals are).
  const eligible = cases.filter(
    (c) => !c.file.crOnly && accepted.has(c.file.name) && (dockerCompose.python || c.firstOfRule),
  );
  const selected = dockerCompose.python ? eligible : eligible.slice(0, MAX_COMMAND_RUNS);
  summary.mode = dockerCompose.python
    ? 'every fix, one interpreter'
    : `first fix per file and rule, ${selected.length} of ${eligible.length}`;
  const jobs = selected.map((c, i) => {
    const project = dirname(join(realDir, c.file.name));
    return {
      project,
      file: writeJob(work, String(i), c.output, basename(c.file.name)),
      env: { ...env, ...requiredVariables(c.fix) },
    };
  });
  const results = await runJobs(dockerCompose, jobs, work);
  summary.composeRuns += results.length;
  summary.composeChecked = results.length;
  results.forEach((r, i) => {
    if (r.code !== 0)
      failures.compose.push(`${selected[i].file.name}: ${selected[i].ruleId} "${selected[i].fix.title}": ${r.message}`);
  });
}

// docker-compose itself: test/docker-compose.ts
