/**
 * 6. The CLI in CI: the whole process (start-up, walk, reads, analysis, report) over the corpus Dockerfiles replicated
 * to 2,000+ files, against one Node process that runs dockerfile-utils' `validate` on the same files — what a CI job
 * pays for the linter step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFile } from '../corpus';
import { section, spreadOf, type Section } from '../results';
import { summarize } from '../stats';

/** The peer: every file named `Dockerfile` under a folder, validated in one process. */
const PEER_SCRIPT = (utils: string) => `const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { validate } = require(${JSON.stringify(utils)});
let files = 0, problems = 0;
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name === 'Dockerfile') { problems += validate(readFileSync(path, 'utf8')).length; files++; }
  }
})(process.argv[2]);
process.stdout.write(JSON.stringify({ files, problems }) + '\\n');
`;

export interface CliCiOptions {
  cli?: { nodeArgs: string[]; script: string };
  corpus: BenchFile[];
  /** At least this many files. */
  files: number;
  runs: number;
  repo: string;
}

function timed(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const elapsed = performance.now() - started;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited with ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  return elapsed;
}

export function cliInCi(options: CliCiOptions): Section {
  const s = section(6, 'The CLI in CI (whole process)');
  if (!options.cli) {
    s.skipped.push('everything: the CLI is not built');
    return s;
  }
  const dockerfiles = options.corpus.filter((f) => f.kind === 'dockerfile');
  if (!dockerfiles.length) {
    s.skipped.push('everything: the corpus has no Dockerfiles');
    return s;
  }
  const folder = mkdtempSync(join(tmpdir(), 'bulkhead-bench-ci-'));
  try {
    const root = join(folder, 'tree');
    const copies = Math.ceil(options.files / dockerfiles.length);
    let written = 0;
    for (let copy = 0; copy < copies; copy++)
      dockerfiles.forEach((file, i) => {
        const dir = join(root, `c${copy}`, `d${i}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'Dockerfile'), file.text);
        written++;
      });
    const peerScript = join(folder, 'peer.js');
    writeFileSync(peerScript, PEER_SCRIPT(require.resolve('dockerfile-utils', { paths: [options.repo] })));
    const out = join(folder, 'report');
    const sides = {
      peer: () => timed([peerScript, root]),
      json: () =>
        timed([...options.cli!.nodeArgs, options.cli!.script, root, '--format', 'json', '-o', out, '--exit-zero']),
      text: () => timed([...options.cli!.nodeArgs, options.cli!.script, root, '-o', out, '--exit-zero']),
    };
    const times: Record<keyof typeof sides, number[]> = { peer: [], json: [], text: [] };
    // One discarded round warms the file cache; then the three alternate, the order turned each round.
    const order = Object.keys(sides) as (keyof typeof sides)[];
    for (let round = 0; round <= options.runs; round++) {
      for (const side of round % 2 ? [...order].reverse() : order) {
        const ms = sides[side]();
        if (round > 0) times[side].push(ms);
      }
    }
    const peer = summarize(times.peer);
    for (const [side, label] of [
      ['json', 'JSON report'],
      ['text', 'text report'],
    ] as const) {
      const t = summarize(times[side]);
      s.rows.push({
        name: `bulkhead ${label}, ${written.toLocaleString('en-US')} Dockerfiles, one process`,
        unit: 'ms',
        value: t.median,
        spread: spreadOf(t),
        baseline: { name: 'dockerfile-utils validate, one Node process', value: peer.median, unit: 'ms' },
        ratio: t.median / peer.median,
        target: { text: '≤ 0.8× dockerfile-utils', met: t.median / peer.median <= 0.8 },
      });
    }
    s.notes.push(
      `The ${dockerfiles.length} corpus Dockerfiles copied ${copies} times into ${written} folders; each side is a fresh \`node\` process timed from spawn to exit, ${options.runs} rounds after a discarded one, alternating (order turned each round). The peer reads and validates each file and prints a count; Bulkhead walks the tree, reads each file through its reader, analyses it with every rule and writes the report to a file.`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return s;
}
