// `npm run bench` (through scripts/bench.mjs, which builds this file and the product into .bench/). Measures;
// never fails on a missed target.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../repo-root';
import { loadCorpus, type BenchFile } from './corpus';
import { editorCompose, editorDockerfile } from './editor-files';
import { markdownSection, printSection, section, type Section } from './results';
import { keystroke, type ServerLaunch } from './suites/keystroke';
import { cliInCi } from './suites/cli-ci';
import { workspaceScan } from './suites/scan';
import { startup } from './suites/startup';
import { againstPeer, composeSupported, cpuNow, throughput } from './suites/throughput';
import { ensureWorkspace, type Workspace } from './workspace';

const USAGE = `npm run bench [-- OPTIONS]: measures Bulkhead, prints a table, writes BENCHMARKS.md.
  --quick           smoke run: a 1,000-file workspace, fewer rounds and edits; writes .bench/BENCHMARKS.quick.md
  --only 1,3        run only these sections
  --no-write        print only
  --seed N          workspace and edit seed (default 6)
  --files N         workspace size (default 10000, quick 1000)
  --timer cpu       in-process figures (sections 1, 2) in this process's CPU time instead of wall time: steadier
                    when other work shares the machine (the report says which clock was used)
  --cpu-prof DIR    run the server and the CLI under \`node --cpu-prof\` (readable builds), profiles into DIR/`;

interface Options {
  quick: boolean;
  only?: Set<number>;
  write: boolean;
  seed: number;
  files: number;
  cpuProf?: string;
  timer: 'wall' | 'cpu';
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const only = value('--only');
  return {
    quick,
    only: only ? new Set(only.split(',').map(Number)) : undefined,
    write: !argv.includes('--no-write'),
    seed: Number(value('--seed') ?? 6),
    files: Number(value('--files') ?? (quick ? 1000 : 10000)),
    cpuProf: value('--cpu-prof') ? resolve(value('--cpu-prof')!) : undefined,
    timer: value('--timer') === 'cpu' ? 'cpu' : 'wall',
  };
}

/** Microsoft's dockerfile-language-server (a devDependency), started over stdio as editors start it. */
function peerServer(repo: string): ServerLaunch | undefined {
  const script = join(repo, 'node_modules', 'dockerfile-language-server-nodejs', 'lib', 'server.js');
  return existsSync(script) ? { command: process.execPath, args: [script, '--stdio'] } : undefined;
}

interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
  date: string;
  load: string;
}

function machine(): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB (${(freemem() / 1024 ** 3).toFixed(1)} GiB free at start)`,
    node: process.version,
    os: `${process.platform} ${release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  const repo = repoRoot();
  const benchDir = join(repo, '.bench');
  const bundles = join(benchDir, 'dist');
  const started = performance.now();
  const host = machine();
  const wanted = (id: number) => !options.only || options.only.has(id);
  console.log(
    `Bulkhead benchmarks${options.quick ? ' (quick)' : ''}: ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.load}`,
  );

  const sections: Section[] = [];
  let corpus: BenchFile[] = [];
  try {
    corpus = loadCorpus();
  } catch (error) {
    const s = section(0, 'Corpus');
    s.skipped.push(`everything: the corpus (../shared/corpus/real) cannot be read: ${(error as Error).message}`);
    printSection(s);
    return;
  }

  let workspace: Workspace | undefined;
  if (wanted(1) || wanted(4)) {
    workspace = ensureWorkspace(corpus, options.seed, options.files);
    console.log(
      `Workspace: ${workspace.files.length.toLocaleString('en-US')} files (${workspace.dockerfiles} Dockerfiles, ${workspace.compose} compose, ${(workspace.bytes / 1024 / 1024).toFixed(1)} MB) + ${workspace.others} READMEs in ${workspace.root} — ${workspace.reused ? 'reused' : 'generated'} in ${(workspace.generatedMs / 1000).toFixed(1)} s`,
    );
  }
  const dockerfile = editorDockerfile(corpus);
  const compose = editorCompose(corpus);
  const nodeArgs = (name: string) =>
    options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProf, name)}`] : [];
  const serverScript = join(bundles, 'server.js');
  const server: ServerLaunch | undefined = existsSync(serverScript)
    ? { command: process.execPath, args: [...nodeArgs('server'), serverScript, '--stdio'] }
    : undefined;
  const cliScript = join(bundles, 'cli.js');
  const cli = existsSync(cliScript) ? { nodeArgs: nodeArgs('cli'), script: cliScript } : undefined;
  const notBuilt = 'the language server is not built (server/src/main.ts is missing)';

  const run = async (id: number, title: string, body: () => Promise<Section>) => {
    if (!wanted(id)) return;
    let result: Section;
    try {
      result = await body();
    } catch (error) {
      result = section(id, title);
      result.skipped.push(`failed: ${(error as Error).stack ?? String(error)}`);
    }
    sections.push(result);
    printSection(result);
  };

  const now = options.timer === 'cpu' ? cpuNow : () => performance.now();
  const budget = options.quick
    ? { corpusTimeMs: 300, workspaceRounds: 1, now }
    : { corpusTimeMs: 1500, workspaceRounds: 2, now };
  let inProcessWorkspaceMs: number | undefined;
  await run(1, 'Core throughput vs. the parse floor (in-process)', async () => {
    const s = await throughput({ corpus, workspace }, budget);
    const row = s.rows.find((r) => r.name.startsWith('workspace'));
    if (row && workspace) inProcessWorkspaceMs = (workspace.files.length * 1000) / row.value;
    return s;
  });
  await run(2, "Against the editor peer: dockerfile-utils' validator", () => againstPeer(corpus, dockerfile, budget));
  await run(3, 'Keystroke latency over real LSP (stdio)', async () => {
    if (!server) {
      const s = section(3, 'Keystroke latency over real LSP (stdio)');
      s.skipped.push(`everything: ${notBuilt}`);
      return s;
    }
    return keystroke({
      server,
      dockerfile,
      compose,
      composeSupported: composeSupported(),
      edits: options.quick ? 40 : 200,
      peer: peerServer(repo),
      defaultEdits: options.quick ? 40 : 200,
      coldEdits: options.quick ? 10 : 30,
      requests: options.quick ? 40 : 200,
      seed: options.seed,
      repo,
    });
  });
  await run(4, 'Workspace scan', () =>
    workspaceScan({
      server,
      cli,
      root: workspace!.root,
      files: workspace!.files.length,
      runs: options.quick ? 1 : 2,
      inProcessMs: inProcessWorkspaceMs,
    }),
  );
  await run(5, 'Start-up and size', () => startup({ server, runs: options.quick ? 3 : 10, repo, bundles }));
  await run(6, 'The CLI in CI (whole process)', async () =>
    cliInCi({ cli, corpus, files: options.quick ? 400 : 2000, runs: options.quick ? 1 : 3, repo }),
  );

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nDone in ${seconds.toFixed(0)} s. Load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  if (!options.write) return;
  const target = options.quick ? join(benchDir, 'BENCHMARKS.quick.md') : join(repo, 'BENCHMARKS.md');
  writeFileSync(target, render(host, options, workspace, sections, seconds, repo));
  console.log(`Written to ${target.slice(repo.length + 1)}`);
}

function render(
  host: Machine,
  options: Options,
  workspace: Workspace | undefined,
  sections: Section[],
  seconds: number,
  repo: string,
): string {
  const findings = join(repo, 'scripts', 'bench', 'FINDINGS.md');
  const out = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (scripts/bench/); do not edit by hand: the findings at the end come from',
    '`scripts/bench/FINDINGS.md`. Figures are medians of several rounds after warm-up; every ratio is against a',
    'baseline measured in the same run, on the same machine. Benchmarks measure: a missed target is reported, never a',
    'failed build.',
    '',
    '| Machine | |',
    '|---|---|',
    `| CPU | ${host.cpu} × ${host.cores} cores |`,
    `| Memory | ${host.memory} |`,
    `| Node | ${host.node} |`,
    `| OS | ${host.os} |`,
    `| Date | ${host.date} |`,
    `| Load average at start (1/5/15 min) | ${host.load} |`,
    `| Run | ${options.quick ? 'quick (smoke)' : 'full'}, ${seconds.toFixed(0)} s${options.only ? `, sections ${[...options.only].join(', ')}` : ''}; in-process clock: ${options.timer === 'cpu' ? 'CPU time of the benchmark process (`--timer cpu`)' : 'wall time'} |`,
    '',
  ];
  if (workspace) {
    out.push(
      `Generated workspace: ${workspace.files.length.toLocaleString('en-US')} files (${workspace.dockerfiles.toLocaleString('en-US')} Dockerfiles, ${workspace.compose.toLocaleString('en-US')} compose files, ${(workspace.bytes / 1024 / 1024).toFixed(1)} MB) and ${workspace.others.toLocaleString('en-US')} READMEs, seed ${options.seed}, key \`${workspace.key}\` (generator version + seed + size + corpus hash + parser versions): the corpus files replicated into project folders of varied depth, with tags changed, instructions inserted and removed, services renamed, service keys added and removed.`,
      '',
    );
  }
  for (const s of sections) out.push(markdownSection(s));
  if (existsSync(findings)) out.push(readFileSync(findings, 'utf8').trim(), '');
  return out.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
