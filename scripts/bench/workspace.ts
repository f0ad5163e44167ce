/**
 * The generated monorepo: real corpus files replicated and mutated into project folders of varied depth, with a
 * README beside each project (files the scan must walk past). Deterministic for a seed, file count and corpus; kept
 * in a cache folder outside the repository and reused while its key (generator version, seed, count, corpus hash,
 * parser versions) matches.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectKind } from '../../shared/src/detect';
import type { BenchFile } from './corpus';
import { mutateCompose, mutateDockerfile } from './mutate';
import { intBetween, mulberry32, pick, type Random } from './stats';

/** Bump when the generator changes what it writes: a cached workspace from another version is regenerated. */
const GENERATOR_VERSION = 1;
const MANIFEST = '.bench-workspace.json';

export interface Workspace {
  root: string;
  files: BenchFile[];
  dockerfiles: number;
  compose: number;
  /** Other files (READMEs) the scan walks past. */
  others: number;
  bytes: number;
  key: string;
  reused: boolean;
  generatedMs: number;
}

interface Manifest {
  key: string;
  files: { path: string; kind: BenchFile['kind'] }[];
  others: number;
}

export function cacheRoot(): string {
  return process.env.BULKHEAD_BENCH_CACHE ?? join(tmpdir(), 'bulkhead-bench');
}

function parserVersions(): string {
  const versions: string[] = [];
  for (const name of ['dockerfile-ast', 'yaml']) {
    try {
      versions.push(`${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    } catch {
      versions.push(`${name}@?`);
    }
  }
  return versions.join(' ');
}

export function workspaceKey(corpus: readonly BenchFile[], seed: number, count: number): string {
  const hash = createHash('sha256');
  hash.update(`v${GENERATOR_VERSION} seed=${seed} count=${count} ${parserVersions()}\n`);
  for (const file of corpus) hash.update(`${file.path}\0${file.kind}\0${file.text}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The workspace for these inputs: read from the cache when there, else generated (and older ones removed). */
export function ensureWorkspace(corpus: readonly BenchFile[], seed: number, count: number): Workspace {
  const key = workspaceKey(corpus, seed, count);
  const cache = cacheRoot();
  const root = join(cache, `ws-${count}-${key}`);
  const started = performance.now();
  const manifestPath = join(root, MANIFEST);
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (manifest.key === key) {
        const files = manifest.files.map((f) => ({ ...f, text: readFileSync(join(root, f.path), 'utf8') }));
        return describe(root, files, manifest.others, key, true, performance.now() - started);
      }
    } catch {
      // A half-written or edited workspace: generate it again.
    }
  }
  mkdirSync(cache, { recursive: true });
  // Other counts (the quick run's) stay; other keys of this count are stale.
  for (const name of readdirSync(cache))
    if (name.startsWith(`ws-${count}-`) && name !== `ws-${count}-${key}`)
      rmSync(join(cache, name), { recursive: true, force: true });
  const staging = `${root}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const { files, others } = generate(corpus, seed, count);
  for (const file of [...files, ...others]) {
    const path = join(staging, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  const manifest: Manifest = { key, files: files.map(({ path, kind }) => ({ path, kind })), others: others.length };
  writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest));
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  return describe(root, files, others.length, key, false, performance.now() - started);
}

function describe(
  root: string,
  files: BenchFile[],
  others: number,
  key: string,
  reused: boolean,
  generatedMs: number,
): Workspace {
  return {
    root,
    files,
    dockerfiles: files.filter((f) => f.kind === 'dockerfile').length,
    compose: files.filter((f) => f.kind === 'compose').length,
    others,
    bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0),
    key,
    reused,
    generatedMs,
  };
}

const AREAS = ['apps', 'services', 'platform', 'infra', 'tools', 'legacy', 'examples', 'teams'];
const TEAMS = [
  'payments',
  'search',
  'identity',
  'data',
  'growth',
  'core',
  'ml',
  'edge',
  'billing',
  'ops',
  'web',
  'mobile',
];
const WORDS = [
  'api',
  'worker',
  'gateway',
  'frontend',
  'backend',
  'db',
  'cache',
  'proxy',
  'cron',
  'auth',
  'queue',
  'admin',
  'ingest',
  'report',
];
const DOCKERFILE_NAMES = [
  'Dockerfile',
  'Dockerfile',
  'Dockerfile',
  'Dockerfile.prod',
  'Dockerfile.dev',
  'Containerfile',
  'build.Dockerfile',
];
const COMPOSE_NAMES = [
  'compose.yaml',
  'docker-compose.yml',
  'docker-compose.yml',
  'compose.override.yaml',
  'docker-compose.prod.yml',
];

/** Keeps the corpus file's own name when Docker or Compose would find it by that name, else a common one. */
function fileName(random: Random, original: string, kind: BenchFile['kind']): string {
  const own = original.slice(original.lastIndexOf('/') + 1);
  if (random() < 0.6 && detectKind(own) === kind) return own;
  return pick(random, kind === 'dockerfile' ? DOCKERFILE_NAMES : COMPOSE_NAMES);
}

function generate(
  corpus: readonly BenchFile[],
  seed: number,
  count: number,
): { files: BenchFile[]; others: { path: string; text: string }[] } {
  const random = mulberry32(seed);
  const dockerfiles = corpus.filter((f) => f.kind === 'dockerfile');
  const composeFiles = corpus.filter((f) => f.kind === 'compose');
  const files: BenchFile[] = [];
  const others: { path: string; text: string }[] = [];
  for (let project = 0; files.length < count; project++) {
    const depth = intBetween(random, 0, 2);
    const parts = [pick(random, AREAS)];
    if (depth > 0) parts.push(pick(random, TEAMS));
    if (depth > 1) parts.push(pick(random, ['services', 'packages', 'components']));
    parts.push(`${pick(random, WORDS)}-${project}`);
    const folder = parts.join('/');
    const used = new Set<string>();
    const place = (relative: string, source: BenchFile, text: string) => {
      if (files.length >= count) return;
      const path = `${folder}/${relative}`;
      if (used.has(path) || detectKind(path) !== source.kind) return;
      used.add(path);
      files.push({ path, kind: source.kind, text });
    };
    const services = intBetween(random, 1, 3);
    for (let s = 0; s < services; s++) {
      const source = pick(random, dockerfiles);
      const where = services === 1 && random() < 0.5 ? '' : `${pick(random, WORDS)}${s}/`;
      place(`${where}${fileName(random, source.path, 'dockerfile')}`, source, mutateDockerfile(source.text, random));
    }
    const composeCount = random() < 0.75 ? 1 : 2;
    for (let c = 0; c < composeCount; c++) {
      const source = pick(random, composeFiles);
      const where = c === 0 ? '' : pick(random, ['deploy/', 'ops/', 'docker/']);
      place(`${where}${fileName(random, source.path, 'compose')}`, source, mutateCompose(source.text, random));
    }
    others.push({
      path: `${folder}/README.md`,
      text: `# ${folder}\n\nGenerated by Bulkhead's benchmark (seed ${seed}).\n`,
    });
  }
  return { files, others };
}
