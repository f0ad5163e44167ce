/**
 * `npm run fuzz -- --seed N --minutes M [--inputs K] [--kind dockerfile|compose] [--server D] [--no-fixtures | --new-only]`:
 * a seeded fuzz campaign over the corpus and the examples (scripts/fuzz/campaign.ts). Each new class of failure is
 * minimised into test/fixtures/fuzz/ (`--new-only`: not those of known open defects); the summary gives inputs per
 * minute, failures by class and the worst time per file. `--server D` also opens D mutated documents, with didChange
 * bursts, in a real server (needs dist/server.js). Exits 1 when a property failed other than by a known open defect.
 */
import { isMainThread } from 'node:worker_threads';
import type { FileKind } from '../shared/src/types';
import { loadSources, runCampaign } from './fuzz/campaign';
import { CheckRunner, serveChecks } from './fuzz/runner';
import { runServerLeg } from './fuzz/server-leg';
import { knownDefect } from '../test/fuzz-known-open';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seed = Number(option(args, '--seed') ?? 1);
  const minutes = Number(option(args, '--minutes') ?? 1);
  const inputs = option(args, '--inputs') !== undefined ? Number(option(args, '--inputs')) : undefined;
  const kind = option(args, '--kind') as FileKind | undefined;
  const serverDocuments = Number(option(args, '--server') ?? 0);
  if (
    !Number.isInteger(seed) ||
    !(minutes > 0) ||
    (inputs !== undefined && !(inputs > 0)) ||
    (kind && kind !== 'dockerfile' && kind !== 'compose')
  ) {
    console.error(
      'usage: npm run fuzz -- --seed N --minutes M [--inputs K] [--kind dockerfile|compose] [--server DOCUMENTS] [--no-fixtures | --new-only]',
    );
    process.exitCode = 2;
    return;
  }
  const kinds: FileKind[] = kind ? [kind] : ['dockerfile', 'compose'];
  const runner = new CheckRunner(__filename);
  const summary = await runCampaign(runner, {
    seed,
    inputs,
    deadline: Date.now() + minutes * 60_000,
    kinds,
    writeFixtures: !args.includes('--no-fixtures'),
    newOnly: args.includes('--new-only'),
    known: (f) => knownDefect(f, f.text),
    log: (line) => console.log(line),
  }).finally(() => runner.close());
  const perMinute = summary.inputs / (summary.elapsedMs / 60_000);
  console.log(
    `\nfuzz: seed ${seed}, ${summary.inputs} inputs (${(summary.bytes / 1024 / 1024).toFixed(1)} MiB) in ${(summary.elapsedMs / 1000).toFixed(0)} s, ${perMinute.toFixed(0)} inputs/min, ${summary.fixesChecked} fixes checked`,
  );
  console.log(
    `time per file: median ${summary.ms.median.toFixed(1)} ms, p99 ${summary.ms.p99.toFixed(1)} ms, worst ${summary.worst.ms.toFixed(1)} ms (${summary.worst.source} after ${summary.worst.mutators.join('+')})`,
  );
  let failed = summary.failures.some((f) => !f.known);
  console.log(failed ? 'failures by class:' : 'no property failed');
  for (const [cls, count] of Object.entries(summary.byClass).sort()) {
    const first = summary.failures[Object.keys(summary.byClass).indexOf(cls)];
    console.log(
      `  ${cls}: ${count} inputs; first on ${first?.source} after ${first?.mutators.join('+')}${first?.fixture ? `, kept as ${first.fixture}` : ''}\n    ${first?.detail}`,
    );
  }
  if (serverDocuments > 0) {
    const leg = await runServerLeg(loadSources(kinds), seed, serverDocuments);
    console.log(
      `server: ${leg.documents} documents, ${leg.changes} didChange notifications, ${leg.failures.length} failures`,
    );
    for (const f of leg.failures.slice(0, 10)) console.log(`  ${f.source}: ${f.detail}`);
    failed ||= leg.failures.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
} else serveChecks();
