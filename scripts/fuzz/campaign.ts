/**
 * One fuzz campaign: seeded mutations of the real corpus and the examples, each checked (in a worker, with a hang
 * guard) against the properties; each new class of failure minimised and kept as a fixture. `npm run fuzz` runs one
 * for some minutes, the fuzz test one of a fixed number of inputs.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileKind } from '../../shared/src/types';
import { loadCorpus } from '../bench/corpus';
import { kindFilesUnder } from '../kind-files';
import { mulberry32, pick, summarize, type Random } from '../bench/stats';
import { corpusRoot, repoRoot } from '../repo-root';
import { minimise } from './minimise';
import { mutate } from './mutators';
import { signature, type Failure } from './properties';
import type { CheckRunner } from './runner';

export interface SourceFile {
  /** Where it comes from: `real/<index path>` or `examples/…`. */
  name: string;
  kind: FileKind;
  text: string;
}

export interface FoundFailure extends Failure {
  source: string;
  mutators: string[];
  kind: FileKind;
  /** The mutated input that failed, and the smallest one that fails the same way (when minimised). */
  text: string;
  minimal?: string;
  /** The fixture written for it, relative to the repository. */
  fixture?: string;
  /** The known open defect it is, if it is one. */
  known?: string;
}

export interface CampaignOptions {
  seed: number;
  /** Stop after this many inputs, or at `deadline` (ms since the epoch), whichever comes first. */
  inputs?: number;
  deadline?: number;
  kinds?: readonly FileKind[];
  /** Minimise each new failure class and write it under test/fixtures/fuzz/. */
  writeFixtures?: boolean;
  /** With `writeFixtures`: only for classes of no known open defect (their fixtures are usually there already). */
  newOnly?: boolean;
  /** The defect a failure is already known as (being fixed elsewhere), if any: its class is counted apart. */
  known?: (failure: FoundFailure) => string | undefined;
  log?: (line: string) => void;
}

export interface CampaignSummary {
  seed: number;
  inputs: number;
  fixesChecked: number;
  bytes: number;
  ms: ReturnType<typeof summarize>;
  worst: { source: string; mutators: string[]; ms: number };
  failures: FoundFailure[];
  byClass: Record<string, number>;
  elapsedMs: number;
}

export const FIXTURE_DIR = join(repoRoot(), 'test', 'fixtures', 'fuzz');

/** Every Dockerfile and compose file of the corpus (`real/index.json`) and of `examples/`, in a stable order. */
export function loadSources(kinds: readonly FileKind[] = ['dockerfile', 'compose']): SourceFile[] {
  const sources: SourceFile[] = [];
  if (existsSync(join(corpusRoot(), 'real', 'index.json'))) {
    for (const f of loadCorpus()) sources.push({ name: `real/${f.path}`, kind: f.kind, text: f.text });
  }
  for (const f of kindFilesUnder(join(repoRoot(), 'examples')))
    sources.push({ name: `examples/${f.rel}`, kind: f.kind, text: readFileSync(f.path, 'utf8') });
  return sources.filter((s) => kinds.includes(s.kind));
}

export async function runCampaign(runner: CheckRunner, options: CampaignOptions): Promise<CampaignSummary> {
  const started = Date.now();
  const random: Random = mulberry32(options.seed);
  const sources = loadSources(options.kinds);
  if (!sources.length) throw new Error('no input: neither the corpus nor examples/ holds a Dockerfile or compose file');
  const log = options.log ?? (() => {});
  const times: number[] = [];
  const classOf = (failure: Failure, text: string): string => {
    const defect = options.known?.({ ...failure, source: '', mutators: [], kind: 'dockerfile', text });
    return defect ? `${signature(failure)} [known open: ${defect.split(' ')[0]}]` : signature(failure);
  };
  const seen = new Set<string>();
  const failures: FoundFailure[] = [];
  const byClass: Record<string, number> = {};
  let worst = { source: '', mutators: [] as string[], ms: -1 };
  let fixesChecked = 0;
  let bytes = 0;
  let inputs = 0;
  while (
    (options.inputs === undefined || inputs < options.inputs) &&
    (options.deadline === undefined || Date.now() < options.deadline)
  ) {
    const source = pick(random, sources);
    const { text, mutators } = mutate(source.text, source.kind, random);
    inputs++;
    bytes += text.length;
    const result = await runner.check({ kind: source.kind, text });
    times.push(result.ms);
    fixesChecked += result.fixes;
    if (result.ms > worst.ms) worst = { source: source.name, mutators, ms: result.ms };
    for (const failure of result.failures) {
      const found: FoundFailure = { ...failure, source: source.name, mutators, kind: source.kind, text };
      const defect = options.known?.(found);
      const cls = classOf(failure, text);
      byClass[cls] = (byClass[cls] ?? 0) + 1;
      // One of each class is kept: the same defect found again adds a count, not a fixture.
      if (seen.has(cls)) continue;
      seen.add(cls);
      found.known = defect;
      failures.push(found);
      log(`failure ${cls} on ${source.name} after ${mutators.join('+')}: ${failure.detail}`);
      if (options.writeFixtures && !(options.newOnly && defect)) {
        // The smallest input of the same class: a known defect's failure stays that defect's.
        found.minimal = await minimise(text, async (candidate) =>
          (await runner.check({ kind: source.kind, text: candidate })).failures.some(
            (f) => classOf(f, candidate) === cls,
          ),
        );
        found.fixture = writeFixture(found, options.seed);
        log(`  minimised to ${found.minimal.length} chars: ${found.fixture}`);
      }
    }
  }
  return {
    seed: options.seed,
    inputs,
    fixesChecked,
    bytes,
    ms: summarize(times),
    worst,
    failures,
    byClass,
    elapsedMs: Date.now() - started,
  };
}

/** `test/fixtures/fuzz/<hash>.<kind>`, and a line in that folder's PROVENANCE.md saying how it was found. */
function writeFixture(found: FoundFailure, seed: number): string {
  const text = found.minimal ?? found.text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const name = `${hash}.${found.kind}`;
  const path = join(FIXTURE_DIR, name);
  if (!existsSync(path)) {
    writeFileSync(path, text);
    const provenance = join(FIXTURE_DIR, 'PROVENANCE.md');
    if (!existsSync(provenance)) writeFileSync(provenance, FIXTURE_PROVENANCE_HEADER);
    appendFileSync(
      provenance,
      `| \`${name}\` | ${signature(found)} | ${seed} | \`${found.source}\` | ${found.mutators.join(' + ')} |\n`,
    );
  }
  return relative(repoRoot(), path).split(sep).join('/');
}

const FIXTURE_PROVENANCE_HEADER = `# Fuzz fixtures

Inputs on which \`npm run fuzz\` found a failure, minimised (delta debugging by lines, then characters). Each is
derived from the source file named (a public file of the shared corpus, see ../PROVENANCE.md and the corpus's
\`real/index.json\`, or one of examples/) by the seeded mutators listed; test/fuzz.test.ts replays every one.

| Fixture | Failure | Seed | Source | Mutators |
|---|---|---|---|---|
`;
