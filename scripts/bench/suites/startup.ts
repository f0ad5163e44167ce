/**
 * 5. Start-up and size: server spawn → `initialize` result, against a do-nothing Node LSP responder spawned the same
 * way (the floor Node itself sets); the extension bundle and the `.vsix`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientCapabilities, LspServer } from '../lsp';
import { section, spreadOf, type Section } from '../results';
import { summarize } from '../stats';
import type { ServerLaunch } from './keystroke';

/** Answers the first request with empty capabilities: what any Node language server costs before its own code. */
const FLOOR_SERVER = `let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  const header = buffer.indexOf('\\r\\n\\r\\n');
  if (header < 0) return;
  const length = Number(/Content-Length: (\\d+)/i.exec(buffer.slice(0, header))[1]);
  if (buffer.length < header + 4 + length) return;
  const { id } = JSON.parse(buffer.slice(header + 4, header + 4 + length));
  buffer = buffer.slice(header + 4 + length);
  const body = JSON.stringify({ jsonrpc: '2.0', id, result: { capabilities: {} } });
  process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
  process.stdin.pause();
});
`;

async function timeToInitialize(launch: ServerLaunch, folder: string): Promise<number> {
  const server = new LspServer({ ...launch, cwd: folder });
  try {
    const rootUri = pathToFileURL(folder).href;
    const response = server.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'startup' }],
      capabilities: clientCapabilities(),
    });
    await response;
    return performance.now() - server.spawnedAt;
  } finally {
    server.process.kill();
    await server.exited;
  }
}

export interface StartupOptions {
  server?: ServerLaunch;
  runs: number;
  repo: string;
  /** Production bundles built for this run (.bench/dist). */
  bundles: string;
}

const KB = 1024;

export async function startup(options: StartupOptions): Promise<Section> {
  const s = section(5, 'Start-up and size');
  const folder = mkdtempSync(join(tmpdir(), 'bulkhead-bench-start-'));
  try {
    if (!options.server) s.skipped.push('server start-up: not built (server/src/main.ts is missing)');
    else {
      const floorScript = join(folder, 'floor-server.js');
      writeFileSync(floorScript, FLOOR_SERVER);
      const floor: ServerLaunch = { command: process.execPath, args: [floorScript] };
      const server: number[] = [];
      const baseline: number[] = [];
      // Alternated, so a busy moment on the machine costs both sides alike.
      for (let i = 0; i < options.runs + 1; i++) {
        const b = await timeToInitialize(floor, folder);
        const t = await timeToInitialize(options.server, folder);
        if (i === 0) continue; // the first spawn pays for a cold file cache
        baseline.push(b);
        server.push(t);
      }
      const times = summarize(server);
      const floorTimes = summarize(baseline);
      s.rows.push({
        name: 'server: spawn → initialize result',
        unit: 'ms',
        value: times.median,
        p95: times.p95,
        spread: spreadOf(times),
        baseline: { name: 'empty Node LSP responder', value: floorTimes.median, unit: 'ms' },
        ratio: times.median / floorTimes.median,
        target: { text: '≤ 250 ms', met: times.median <= 250 },
      });
    }
    const sizes: [string, string][] = [
      ['extension bundle, production build (dist/extension.js as packaged)', join(options.bundles, 'extension.js')],
      ['server bundle, production build (dist/server.js as packaged)', join(options.bundles, 'server.js')],
    ];
    for (const [name, path] of sizes) {
      if (existsSync(path)) s.rows.push({ name, unit: 'KB', value: statSync(path).size / KB });
      else s.skipped.push(`${name}: not built (its entry point is missing)`);
    }
    const vsix = readdirSync(options.repo).filter((name) => name.endsWith('.vsix'));
    if (!vsix.length)
      s.skipped.push('.vsix: none found in the repository root; run `npm run package` first (target ≤ 1 MB)');
    for (const name of vsix) {
      const info = statSync(join(options.repo, name));
      s.rows.push({
        name: `.vsix: ${relative(options.repo, join(options.repo, name))}`,
        unit: 'KB',
        value: info.size / KB,
        target: { text: '≤ 1 MB', met: info.size <= 1024 * KB },
        note: `built ${info.mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      });
    }
    s.notes.push(
      `Start-up: ${options.runs} runs after one discarded cold run, alternating with the baseline. Timed from \`spawn\` to the \`initialize\` response arriving (the request is written at once and waits in the pipe while Node starts).`,
      'Bundles are built for this run with the production settings of scripts/build.mjs (minified, no source map). The .vsix is whatever `npm run package` last produced; its date is shown.',
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return s;
}
