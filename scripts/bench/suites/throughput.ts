/**
 * 1. Core throughput against the parse floor, and 2. against dockerfile-utils' validator: in-process, with tinybench
 * (warm-up, then timed rounds over the whole file set; one sample is one pass over every file).
 */
import { join } from 'node:path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { parseDocument } from 'yaml';
import { analyzeText, parseFile } from '../../../shared/src/engine';
import { rawArgumentsMemo } from '../../../shared/src/dockerfile/raw-arguments-memo';
import type { BenchFile, BenchKind } from '../corpus';
import { section, spreadOf, type Row, type Section } from '../results';
import { summarize, type Summary } from '../stats';

export interface Budget {
  /** Per task, for the corpus sets (ms); the workspace set runs a fixed number of rounds instead. */
  corpusTimeMs: number;
  workspaceRounds: number;
  /** The clock of in-process figures: wall time, or this process's CPU time (steadier on a busy machine). */
  now: () => number;
}

/** Milliseconds of CPU this process has used (user + system, all its threads). */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** What Bulkhead's own parsers start from: the same libraries, called as the product calls them, nothing else. */
const PARSE_ONLY: Record<BenchKind, (text: string) => unknown> = {
  dockerfile: (text) => DockerfileParser.parse(text),
  compose: (text) => parseDocument(text),
};

/**
 * Runs `fn` with dockerfile-ast's `getRawArguments` as published, without the memo the product installs
 * (shared/src/dockerfile/raw-arguments-memo.ts): the parse floor of the library itself, for comparison.
 */
function withPublishedDockerfileAst(fn: () => void): void {
  if (!rawArgumentsMemo) return fn();
  const prototype = Instruction.prototype as unknown as { getRawArguments: unknown };
  prototype.getRawArguments = rawArgumentsMemo.original;
  try {
    fn();
  } finally {
    prototype.getRawArguments = rawArgumentsMemo.memoized;
  }
}

export function composeSupported(): boolean {
  try {
    return parseFile('compose', '', 'compose.yaml') !== undefined;
  } catch {
    return true;
  }
}

/**
 * Full analysis as the CLI and server run it, with the other files rules read (a compose file's `.env`, the files it
 * extends, the Dockerfiles it builds) served from memory; `crossFile: false` gives rules no other file.
 */
function analyser(root: string, files: readonly BenchFile[], crossFile = true): (file: BenchFile) => void {
  const byPath = new Map(files.map((f) => [join(root, f.path), f.text]));
  const context = crossFile ? { readFile: (path: string) => byPath.get(path) } : {};
  return (file) => {
    analyzeText(join(root, file.path), file.text, file.kind, { context });
  };
}

/** Blocks of alternating order per measurement (fewer when a set runs fewer passes than this). */
const TIME_BLOCKS = 5;

/**
 * Times the tasks against each other in blocks that alternate their order (A B, B A, A B…), each block a tinybench run
 * with its share of the time budget, and pools each task's samples. Run one after the other, a task timed while the
 * shared machine was busy and its baseline timed once it was quiet made ratios drift by half from run to run; here
 * both sides meet the same moments. Warm-up passes run in the first block only.
 */
async function timeTasks(
  tasks: Record<string, () => void>,
  options: { time: number; iterations: number; warmupIterations: number; now: () => number; blocks?: number },
): Promise<Record<string, Summary>> {
  const { Bench } = await import('tinybench');
  const names = Object.keys(tasks);
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  const blocks = options.blocks ?? Math.max(1, Math.min(TIME_BLOCKS, options.iterations));
  for (let block = 0; block < blocks; block++) {
    const warmup = block === 0 && options.warmupIterations > 0;
    const bench = new Bench({
      now: options.now,
      time: options.time / blocks,
      iterations: Math.max(1, Math.round(options.iterations / blocks)),
      warmup,
      warmupIterations: options.warmupIterations,
      warmupTime: 0,
      retainSamples: true,
      throws: true,
    });
    for (const name of block % 2 === 0 ? names : [...names].reverse()) bench.add(name, tasks[name]);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      samples.get(task.name)!.push(...(result.latency.samples ?? [result.latency.p50]));
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples.get(name)!)]));
}

/** Passes over `files` files, as files/s against a baseline's passes; the ratio is time ÷ time, as targets read. */
function throughputRow(
  name: string,
  files: number,
  product: Summary,
  baseline: { name: string; summary: Summary },
  target: { text: string; limit: number },
): Row {
  const perSecond = (summary: Summary) => (files * 1000) / summary.median;
  const ratio = product.median / baseline.summary.median;
  return {
    name,
    unit: 'files/s',
    value: perSecond(product),
    spread: spreadOf(product),
    baseline: { name: baseline.name, value: perSecond(baseline.summary), unit: 'files/s' },
    ratio,
    target: { text: target.text, met: ratio <= target.limit },
  };
}

interface FileSet {
  label: string;
  root: string;
  files: BenchFile[];
}

export async function throughput(
  sets: { corpus: BenchFile[]; workspace?: { root: string; files: BenchFile[] } },
  budget: Budget,
): Promise<Section> {
  const s = section(1, 'Core throughput vs. the parse floor (in-process)');
  const compose = composeSupported();
  if (!compose)
    s.skipped.push(
      'compose files: the engine has no compose parser yet (shared/src/compose), so compose sets are left out',
    );
  const kinds = (files: BenchFile[]) => files.filter((f) => compose || f.kind === 'dockerfile');
  const corpusRoot = '/corpus';
  const composeFiles = sets.corpus.filter((f) => f.kind === 'compose');
  const list: (FileSet & { rounds?: number; crossFile?: boolean })[] = [
    { label: 'corpus Dockerfiles', root: corpusRoot, files: sets.corpus.filter((f) => f.kind === 'dockerfile') },
    ...(compose
      ? [
          { label: 'corpus compose files', root: corpusRoot, files: composeFiles },
          {
            label: 'corpus compose files, no cross-file reads',
            root: corpusRoot,
            files: composeFiles,
            crossFile: false,
          },
        ]
      : []),
    { label: 'corpus, all', root: corpusRoot, files: kinds(sets.corpus) },
  ];
  if (sets.workspace)
    list.push({
      label: `workspace, all`,
      root: sets.workspace.root,
      files: kinds(sets.workspace.files),
      rounds: budget.workspaceRounds,
    });
  else s.skipped.push('the generated workspace (not generated in this run)');

  for (const set of list) {
    const analyse = analyser(set.root, set.files, set.crossFile);
    const memoised = rawArgumentsMemo !== undefined && set.files.some((f) => f.kind === 'dockerfile');
    const timed = await timeTasks(
      {
        parse: () =>
          withPublishedDockerfileAst(() => {
            for (const file of set.files) PARSE_ONLY[file.kind](file.text);
          }),
        full: () => {
          for (const file of set.files) analyse(file);
        },
        ...(memoised
          ? {
              memoised: () => {
                for (const file of set.files) PARSE_ONLY[file.kind](file.text);
              },
            }
          : {}),
      },
      set.rounds
        ? { time: 0, iterations: set.rounds, warmupIterations: 0, now: budget.now }
        : { time: budget.corpusTimeMs, iterations: 5, warmupIterations: 3, now: budget.now },
    );
    const name = `${set.label} (${set.files.length.toLocaleString('en-US')} files): full analysis`;
    s.rows.push(
      throughputRow(
        name,
        set.files.length,
        timed.full,
        { name: 'parse only', summary: timed.parse },
        { text: 'full ÷ parse ≤ 1.5', limit: 1.5 },
      ),
    );
    if (timed.memoised) {
      const row = throughputRow(
        `${name}, against the parse with Bulkhead's getRawArguments memo`,
        set.files.length,
        timed.full,
        { name: 'parse only, memoised', summary: timed.memoised },
        { text: '', limit: Infinity },
      );
      s.rows.push({ ...row, target: undefined });
    }
  }
  s.notes.push(
    `One sample is one pass over every file of the set; files/s is from the median pass. Ratio = median full-analysis time ÷ median parse-only time (lower is better). Corpus sets: tinybench, ${budget.corpusTimeMs} ms per task after 3 warm-up passes; the workspace set: ${budget.workspaceRounds} pass(es) per task, after the corpus sets have warmed the same code up. The tasks of a row are timed in ${TIME_BLOCKS} blocks (fewer for the workspace set: one per pass) that alternate their order, so that the analysis and its baseline meet the same moments of a shared machine.`,
    'Parse only: `DockerfileParser.parse` (dockerfile-ast) for Dockerfiles, `parseDocument` (yaml, default options) for compose files. dockerfile-ast runs as published: the product memoises its private `Instruction.getRawArguments` (shared/src/dockerfile/raw-arguments-memo.ts, installed when the engine loads), which halves the parse itself, and that memo is Bulkhead\'s code, not the library\'s, so the parse-only pass runs without it (the full analysis runs with it). The rows "against the parse with Bulkhead\'s getRawArguments memo" (no target) divide the same full-analysis time by a parse with the memo, i.e. count only the work beyond that faster parse. Full analysis: `analyzeText` with the default configuration — parse, model, every rule, fixes, suppressions — with the other files rules read (`.env`, `extends: file:`, the Dockerfile of a `build:`) served from memory, as the CLI and the server serve them from disk. Those reads parse more files than the parse-only pass does; the "no cross-file reads" row shows the compose analysis without them.',
  );
  return s;
}

export async function againstPeer(corpus: BenchFile[], editorDockerfile: string, budget: Budget): Promise<Section> {
  const s = section(2, "Against the editor peer: dockerfile-utils' validator");
  const dockerfiles = corpus.filter((f) => f.kind === 'dockerfile');
  const analyse = analyser('/corpus', dockerfiles);
  const timed = await timeTasks(
    {
      // The validator parses with the same dockerfile-ast module, which the product patches: it runs as published.
      peer: () =>
        withPublishedDockerfileAst(() => {
          for (const file of dockerfiles) validate(file.text);
        }),
      bulkhead: () => {
        for (const file of dockerfiles) analyse(file);
      },
    },
    { time: budget.corpusTimeMs, iterations: 5, warmupIterations: 3, now: budget.now },
  );
  const name = `corpus Dockerfiles (${dockerfiles.length} files): Bulkhead full analysis`;
  s.rows.push(
    throughputRow(
      name,
      dockerfiles.length,
      timed.bulkhead,
      { name: 'dockerfile-utils validate', summary: timed.peer },
      { text: 'Bulkhead ≤ 1.0× dockerfile-utils', limit: 1 },
    ),
  );
  const editor = { path: 'editor/Dockerfile', kind: 'dockerfile' as const, text: editorDockerfile };
  const analyseEditor = analyser('/', [editor]);
  const single = await timeTasks(
    { peer: () => withPublishedDockerfileAst(() => void validate(editor.text)), bulkhead: () => analyseEditor(editor) },
    { time: Math.min(budget.corpusTimeMs, 1000), iterations: 50, warmupIterations: 20, now: budget.now },
  );
  const singleRatio = single.bulkhead.median / single.peer.median;
  s.rows.push({
    name: 'one 300-line Dockerfile (the keystroke document): Bulkhead full analysis',
    unit: 'ms',
    value: single.bulkhead.median,
    p95: single.bulkhead.p95,
    p99: single.bulkhead.p99,
    spread: spreadOf(single.bulkhead),
    baseline: { name: 'dockerfile-utils validate', value: single.peer.median, unit: 'ms' },
    ratio: singleRatio,
    target: { text: 'Bulkhead ≤ 1.0× dockerfile-utils', met: singleRatio <= 1 },
  });
  s.notes.push(
    "dockerfile-utils `validate(content)` with default settings is what Microsoft's Docker extension (via dockerfile-language-service) runs on each change. Ratio = Bulkhead time ÷ validator time. The validator parses with dockerfile-ast, the module Bulkhead patches with its `getRawArguments` memo: it is timed with the method as published (the memo would make it ~2× faster too).",
  );
  return s;
}
