/**
 * 4. Workspace scan: the generated workspace opened as the server's workspace folder, timed to the last
 * `publishDiagnostics` of the scan, with the server's peak RSS; then the CLI over the same tree.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientCapabilities, LspServer } from '../lsp';
import { section, spreadOf, type Section } from '../results';
import { summarize } from '../stats';
import type { ServerLaunch } from './keystroke';

export interface ScanOptions {
  server?: ServerLaunch;
  /** Node arguments and script of the CLI; undefined when it is not built. */
  cli?: { nodeArgs: string[]; script: string };
  root: string;
  files: number;
  runs: number;
  /** The in-process full analysis of the same files (section 1), for the same-run baseline. */
  inProcessMs?: number;
}

interface ServerScan {
  toLastMs: number;
  fromSpawnMs: number;
  published: number;
  peakRss?: number;
  progressEnded: boolean;
}

async function scanOnce(launch: ServerLaunch, root: string, expected: number): Promise<ServerScan> {
  const server = new LspServer({
    ...launch,
    cwd: root,
    settings: (section) => (section === 'bulkhead' ? { workspaceScan: true } : {}),
  });
  const published = new Set<string>();
  let lastPublish = Number.NaN;
  let progressBegun = 0;
  let progressEnded = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  server.onMessage(({ at, message }) => {
    if (message.method === 'textDocument/publishDiagnostics') {
      published.add((message.params as { uri: string }).uri);
      lastPublish = at;
      if (published.size >= expected && !progressBegun) finish();
    } else if (message.method === '$/progress') {
      const kind = (message.params as { value?: { kind?: string } }).value?.kind;
      if (kind === 'begin') progressBegun++;
      if (kind === 'end' && --progressBegun <= 0) {
        progressEnded = true;
        finish();
      }
    }
  });
  try {
    const rootUri = pathToFileURL(root).href;
    await server.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: clientCapabilities(),
      initializationOptions: { diagnosticMode: 'push' },
    });
    const initialized = performance.now();
    server.notify('initialized', {});
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      server.exited.then(() =>
        Promise.reject(new Error(`the server exited during the scan: ${server.lastStderr.slice(-300)}`)),
      ),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`scan not finished after 600 s (${published.size}/${expected} files published)`)),
            600_000,
          )),
      ),
    ]).finally(() => clearTimeout(timer));
    // Publications sent just before the progress ended may still be in the pipe.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {
      toLastMs: lastPublish - initialized,
      fromSpawnMs: lastPublish - server.spawnedAt,
      published: published.size,
      peakRss: server.peakRssBytes(),
      progressEnded,
    };
  } finally {
    await server.shutdown();
  }
}

/** Runs the CLI to completion; its peak RSS comes from a preload that prints `process.resourceUsage().maxRSS` at exit. */
async function cliOnce(
  cli: NonNullable<ScanOptions['cli']>,
  root: string,
  preload: string,
): Promise<{ wallMs: number; peakRss?: number; code: number | null }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--require', preload, ...cli.nodeArgs, cli.script, root, '--output', '/dev/null', '--exit-zero'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - started;
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
  if (code !== 0)
    throw new Error(
      `the CLI exited with ${code}: ${stderr
        .replace(/BENCH_MAXRSS_KB=\d+/, '')
        .trim()
        .slice(-300)}`,
    );
  return { wallMs, peakRss: rss ? Number(rss[1]) * 1024 : undefined, code };
}

const MB = 1024 * 1024;

export async function workspaceScan(options: ScanOptions): Promise<Section> {
  const s = section(4, `Workspace scan (${options.files.toLocaleString('en-US')} files)`);
  const baseline =
    options.inProcessMs !== undefined
      ? { name: 'in-process full analysis, one pass', value: options.inProcessMs, unit: 'ms' as const }
      : undefined;
  if (!options.server)
    s.skipped.push('server: not built (server/src/main.ts is missing), so the server scan is not measured');
  else {
    const runs: ServerScan[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await scanOnce(options.server, options.root, options.files));
    const times = summarize(runs.map((r) => r.toLastMs));
    const rss = summarize(runs.map((r) => r.peakRss ?? Number.NaN));
    s.rows.push({
      name: 'server: initialized → last publishDiagnostics',
      unit: 'ms',
      value: times.median,
      spread: spreadOf(times),
      baseline,
      ratio: baseline ? times.median / baseline.value : undefined,
      target: { text: '≤ 3 s on 2 cores', met: times.median <= 3000 },
      note: `${runs[0].published.toLocaleString('en-US')} files published; from spawn: ${(summarize(runs.map((r) => r.fromSpawnMs)).median / 1000).toFixed(2)} s`,
    });
    if (!Number.isNaN(rss.median)) {
      s.rows.push({
        name: 'server: peak RSS (VmHWM)',
        unit: 'MB',
        value: rss.median / MB,
        spread: `${(rss.min / MB).toFixed(0)}–${(rss.max / MB).toFixed(0)} MB`,
        target: { text: '≤ 200 MB', met: rss.median <= 200 * MB },
      });
    } else s.skipped.push('server peak RSS: /proc/<pid>/status is not readable here');
    if (runs.some((r) => r.published < options.files))
      s.notes.push(
        `The server published diagnostics for ${Math.min(...runs.map((r) => r.published))} of the ${options.files} files.`,
      );
    if (runs.some((r) => !r.progressEnded))
      s.notes.push(
        'The server reported no scan progress: the end of the scan was taken as the moment every file had been published.',
      );
  }
  if (!options.cli) s.skipped.push('CLI: not built (cli/src/main.ts is missing)');
  else {
    const folder = mkdtempSync(join(tmpdir(), 'bulkhead-bench-cli-'));
    const preload = join(folder, 'max-rss.js');
    writeFileSync(
      preload,
      "process.on('exit', () => { try { require('fs').writeSync(2, '\\nBENCH_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'); } catch {} });\n",
    );
    try {
      const runs = [];
      for (let i = 0; i < options.runs; i++) runs.push(await cliOnce(options.cli, options.root, preload));
      const times = summarize(runs.map((r) => r.wallMs));
      const rss = summarize(runs.map((r) => r.peakRss ?? Number.NaN));
      s.rows.push({
        name: 'CLI: `bulkhead <tree>` (text report), wall time',
        unit: 'ms',
        value: times.median,
        spread: spreadOf(times),
        baseline,
        ratio: baseline ? times.median / baseline.value : undefined,
      });
      if (!Number.isNaN(rss.median))
        s.rows.push({
          name: 'CLI: peak RSS (getrusage maxrss)',
          unit: 'MB',
          value: rss.median / MB,
          spread: `${(rss.min / MB).toFixed(0)}–${(rss.max / MB).toFixed(0)} MB`,
        });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  s.notes.push(
    `Server: a fresh process per run, the workspace as its only folder, push diagnostics, default settings (\`workspaceScan: true\`). Timed from the \`initialized\` notification (when the server starts its scan) to the last \`publishDiagnostics\` before its progress report ends. Peak RSS: \`VmHWM\` of the server process after the scan.`,
    'CLI: wall time of the whole process (start-up included), default text report written to /dev/null; peak RSS from `process.resourceUsage().maxRSS` printed by a `--require` preload at exit.',
    `Runs: ${options.runs} each.${baseline ? ' Baseline: one in-process full-analysis pass over the same files (section 1), i.e. the analysis alone without file reading, walking or the protocol.' : ''}`,
  );
  return s;
}
