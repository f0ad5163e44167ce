/**
 * 3. Keystroke latency over real LSP: the built server on stdio, a 300-line Dockerfile and a 500-line compose file
 * open, single-character edits sent one at a time (each waits for its diagnostics: latency, not throughput).
 * Latency = `didChange` written → the `publishDiagnostics` of that document version read. The debounce is set to 0
 * through the settings the server pulls, so the figure is the server's work beyond any debounce. A second part types
 * the same edits into Bulkhead and into Microsoft's dockerfile-language-server side by side, both with their default
 * settings: the latency a user of either feels.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../../shared/src/engine';
import { defaultConfig } from '../../../shared/src/config';
import { readForAnalysisSync } from '../../../server/src/files';
import { readRoots } from '../../../shared/src/io/read-file';
import { parseComposeDocument, reparseEntry } from '../../../shared/src/compose/reparse';
import type { Document } from 'yaml';
import type { BenchKind } from '../corpus';
import { clientCapabilities, LspServer, type Incoming } from '../lsp';
import { section, spreadOf, type Section } from '../results';
import { mulberry32, pick, summarize, type Random, type Summary } from '../stats';

export interface ServerLaunch {
  command: string;
  args: string[];
}

export interface KeystrokeOptions {
  server: ServerLaunch;
  dockerfile: string;
  compose: string;
  composeSupported: boolean;
  edits: number;
  /** dockerfile-language-server-nodejs, for the side-by-side rows at default settings; undefined: not installed. */
  peer?: ServerLaunch;
  /** Edits typed into each server, Bulkhead and the peer, at default settings. */
  defaultEdits: number;
  /** Edits typed right after opening, reported on their own row: the server's code is not optimised by V8 yet. */
  coldEdits: number;
  requests: number;
  seed: number;
  repo: string;
}

interface Doc {
  label: string;
  kind: BenchKind;
  uri: string;
  path: string;
  languageId: string;
  text: string;
  version: number;
  diagnostics: { range: Range }[];
}

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

/** The server's default debounce, from the extension's settings contribution or the server's source. */
export function readDefaultDebounce(repo: string): { ms: number; from: string } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      contributes?: { configuration?: unknown };
    };
    const configs = [manifest.contributes?.configuration ?? []].flat() as {
      properties?: Record<string, { default?: unknown }>;
    }[];
    for (const config of configs) {
      const value = config.properties?.['bulkhead.debounceMs']?.default;
      if (typeof value === 'number') return { ms: value, from: 'package.json `bulkhead.debounceMs` default' };
    }
  } catch {
    // fall through to the source
  }
  try {
    const match = /DEFAULT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(
      readFileSync(join(repo, 'server', 'src', 'settings.ts'), 'utf8'),
    );
    if (match) return { ms: Number(match[1]), from: 'server/src/settings.ts `DEFAULT_DEBOUNCE_MS`' };
  } catch {
    // unknown
  }
  return undefined;
}

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789-_';

/** A burst of typing at one place, then as many backspaces: the document comes back to its text after each burst. */
function* typingBursts(text: () => string, random: Random, total: number): Generator<{ range: Range; text: string }> {
  let sent = 0;
  while (sent < total) {
    const lines = text().split('\n');
    const candidates = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '');
    const { l, i } = pick(random, candidates);
    const indent = l.length - l.trimStart().length;
    const column = indent + Math.floor(random() * (l.length - indent + 1));
    const burst = Math.min(5, Math.floor((total - sent) / 2)) || 1;
    for (let k = 0; k < burst && sent < total; k++, sent++) {
      const at = { line: i, character: column + k };
      yield { range: { start: at, end: at }, text: pick(random, [...TYPED]) };
    }
    for (let k = burst; k > 0 && sent < total; k--, sent++) {
      yield {
        range: { start: { line: i, character: column + k - 1 }, end: { line: i, character: column + k } },
        text: '',
      };
    }
  }
}

function applyChange(text: string, change: { range: Range; text: string }): string {
  return text.slice(0, offsetAt(text, change.range.start)) + change.text + text.slice(offsetAt(text, change.range.end));
}

function isPublishFor(doc: Doc, version: number | undefined) {
  return (m: Incoming) => {
    if (m.message.method !== 'textDocument/publishDiagnostics') return false;
    const params = m.message.params as { uri: string; version?: number };
    return (
      params.uri === doc.uri && (version === undefined || params.version === undefined || params.version === version)
    );
  };
}

/** Fast typing: 20 characters a second. Work an edit leaves behind (files that read this one) finishes in between. */
const TYPING_INTERVAL_MS = 50;

async function typeInto(
  server: LspServer,
  doc: Doc,
  random: Random,
  count: number,
  fullSync: boolean,
  texts?: string[],
): Promise<number[]> {
  const latencies: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const change of typingBursts(() => doc.text, random, count)) {
    const pause = previous + TYPING_INTERVAL_MS - performance.now();
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    doc.text = applyChange(doc.text, change);
    texts?.push(doc.text);
    const version = ++doc.version;
    const published = server.waitFor(isPublishFor(doc, version), 30_000, `diagnostics of ${doc.label} v${version}`);
    const sent = performance.now();
    previous = sent;
    server.notify('textDocument/didChange', {
      textDocument: { uri: doc.uri, version },
      contentChanges: [fullSync ? { text: doc.text } : change],
    });
    const message = await published;
    latencies.push(message.at - sent);
    doc.diagnostics = (message.message.params as { diagnostics: Doc['diagnostics'] }).diagnostics;
  }
  return latencies;
}

async function requests(
  server: LspServer,
  doc: Doc,
  random: Random,
  count: number,
  method: 'codeAction' | 'hover',
): Promise<number[]> {
  const times: number[] = [];
  const lines = doc.text.split('\n');
  const nonEmpty = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '');
  for (let n = 0; n < count; n++) {
    const { l, i } = pick(random, nonEmpty);
    const at = { line: i, character: Math.floor(random() * l.length) };
    if (method === 'hover') {
      times.push((await server.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: at })).ms);
      continue;
    }
    // Half on a diagnostic (what a lightbulb click asks), half on a plain line (what moving the cursor asks).
    const diagnostic =
      n % 2 === 0 && doc.diagnostics.length ? doc.diagnostics[(n / 2) % doc.diagnostics.length] : undefined;
    const range = diagnostic?.range ?? { start: { line: i, character: 0 }, end: { line: i, character: l.length } };
    const overlapping = doc.diagnostics.filter(
      (d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line,
    );
    times.push(
      (
        await server.request('textDocument/codeAction', {
          textDocument: { uri: doc.uri },
          range,
          context: { diagnostics: overlapping, triggerKind: 1 },
        })
      ).ms,
    );
  }
  return times;
}

/** For each of these successive texts, whether the server's parse took it from the previous one (one Compose entry re-parsed). */
function entryReparses(start: string, texts: readonly string[]): boolean[] {
  let previous: { text: string; doc: Document.Parsed } | undefined = {
    text: start,
    doc: parseComposeDocument(start) as Document.Parsed,
  };
  return texts.map((text) => {
    // The server takes the kept document as it is for the same text (shared/src/compose/yaml.ts).
    const reparsed: Document.Parsed | undefined =
      previous && (previous.text === text ? previous.doc : reparseEntry(previous, text));
    const doc: Document.Parsed = reparsed || (parseComposeDocument(text) as Document.Parsed);
    // The server keeps the last parse without errors: a text with errors leaves it (shared/src/compose/model.ts).
    if (!doc.errors.length) previous = { text, doc };
    return reparsed !== undefined;
  });
}

/** The same analysis without the server: other files read as the server reads them (open documents first). */
function inProcess(doc: Doc, open: readonly Doc[], rounds: number): Summary {
  const config = defaultConfig();
  const roots = readRoots(['/']);
  const readFile = (path: string) => {
    const opened = open.find((d) => d.path === path);
    if (opened) return opened.text;
    // The bench's own files: its roots need not confine it, only cost what the server's checks cost.
    const read = readForAnalysisSync(path, { engine: config, roots });
    return 'text' in read ? read.text : undefined;
  };
  const times: number[] = [];
  for (let i = 0; i < rounds + 10; i++) {
    const started = performance.now();
    analyzeText(doc.path, doc.text, doc.kind, { context: { readFile } });
    if (i >= 10) times.push(performance.now() - started);
  }
  return summarize(times);
}

export async function keystroke(options: KeystrokeOptions): Promise<Section> {
  const s = section(3, 'Keystroke latency over real LSP (stdio)');
  const debounce = readDefaultDebounce(options.repo);
  const folder = mkdtempSync(join(tmpdir(), 'bulkhead-bench-keys-'));
  const settings: { bulkhead: Record<string, unknown> } = { bulkhead: { debounceMs: 0, workspaceScan: false } };
  const server = new LspServer({
    ...options.server,
    cwd: folder,
    settings: (section) => (section === 'bulkhead' ? settings.bulkhead : {}),
  });
  try {
    const rootUri = pathToFileURL(folder).href;
    const init = await server.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'keystroke' }],
      capabilities: clientCapabilities(),
      initializationOptions: { diagnosticMode: 'push' },
    });
    const capabilities = (
      init.result as {
        capabilities: {
          textDocumentSync?: number | { change?: number };
          hoverProvider?: unknown;
          codeActionProvider?: unknown;
        };
      }
    ).capabilities;
    const sync =
      typeof capabilities.textDocumentSync === 'number'
        ? capabilities.textDocumentSync
        : capabilities.textDocumentSync?.change;
    const fullSync = sync === 1;
    server.notify('initialized', {});

    const docs: (Pick<Doc, 'label' | 'kind' | 'languageId' | 'text'> & { name: string })[] = [
      {
        label: '300-line Dockerfile',
        kind: 'dockerfile',
        name: 'Dockerfile',
        languageId: 'dockerfile',
        text: options.dockerfile,
      },
    ];
    if (options.composeSupported)
      docs.push({
        label: '500-line compose file',
        kind: 'compose',
        name: 'compose.yaml',
        languageId: 'dockercompose',
        text: options.compose,
      });
    else s.skipped.push('the compose file: the engine has no compose parser yet');
    const open: Doc[] = docs.map(({ label, kind, name, languageId, text }) => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return { label, kind, path, uri: pathToFileURL(path).href, languageId, text, version: 1, diagnostics: [] };
    });
    for (const doc of open) {
      const published = server.waitFor(isPublishFor(doc, 1), 30_000, `diagnostics of ${doc.label} on open`);
      server.notify('textDocument/didOpen', {
        textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text },
      });
      doc.diagnostics = ((await published).message.params as { diagnostics: Doc['diagnostics'] }).diagnostics;
    }

    const random = mulberry32(options.seed);
    for (const doc of open) {
      const cold =
        options.coldEdits > 0 ? summarize(await typeInto(server, doc, random, options.coldEdits, fullSync)) : undefined;
      const typedFrom = doc.text;
      const texts: string[] = [];
      const times = await typeInto(server, doc, random, options.edits, fullSync, texts);
      const latencies = summarize(times);
      const alone = inProcess(doc, open, 30);
      if (doc.kind === 'compose') {
        const reparsed = entryReparses(typedFrom, texts);
        const split = (flag: boolean) => summarize(times.filter((_, i) => reparsed[i] === flag));
        const [one, whole] = [split(true), split(false)];
        const figures = (x: Summary) =>
          `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms`;
        const wholeFile =
          'an edit outside a service (between two entries, at a top-level key), one that left the last service of a section broken or broke the YAML past the next service, or one that turned a service into a plain value';
        s.notes.push(
          `Compose edits: ${one.n} of ${texts.length} re-parsed only the service they were typed in (with the next service when the edit left it broken), or mended the text back to the last one without errors (shared/src/compose/reparse.ts; ${figures(one)}); ` +
            (whole.n
              ? `the other ${whole.n} parsed the whole file (${figures(whole)}): ${wholeFile}.`
              : `none parsed the whole file (what would: ${wholeFile}).`) +
            ' The in-process baseline parses the whole file: it analyses the same text again, which has no edit to re-parse.',
        );
      }
      const beyond = latencies.p99;
      s.rows.push({
        name: `${doc.label}, ${options.edits} edits: didChange → publishDiagnostics`,
        unit: 'ms',
        value: latencies.median,
        p95: latencies.p95,
        p99: latencies.p99,
        spread: spreadOf(latencies),
        baseline: { name: 'in-process analysis of the same text', value: alone.median, unit: 'ms' },
        ratio: latencies.median / alone.median,
        target: { text: 'p99 ≤ 15 ms beyond the debounce', met: beyond <= 15 },
        note: `${doc.diagnostics.length} diagnostics`,
      });
      if (cold) {
        s.rows.push({
          name: `${doc.label}, the ${options.coldEdits} edits typed first, right after opening (code not yet optimised)`,
          unit: 'ms',
          value: cold.median,
          p95: cold.p95,
          p99: cold.p99,
          spread: spreadOf(cold),
          note: 'not counted in the row above',
        });
      }
    }

    for (const method of ['codeAction', 'hover'] as const) {
      const provided = method === 'hover' ? capabilities.hoverProvider : capabilities.codeActionProvider;
      if (!provided) {
        s.skipped.push(`${method}: the server does not offer it (no ${method}Provider in its capabilities)`);
        continue;
      }
      const limit = method === 'hover' ? 5 : 20;
      for (const doc of open) {
        const times = summarize(await requests(server, doc, random, options.requests, method));
        s.rows.push({
          name: `${doc.label}: ${method}, ${options.requests} requests`,
          unit: 'ms',
          value: times.median,
          p95: times.p95,
          p99: times.p99,
          spread: spreadOf(times),
          target: { text: `p99 ≤ ${limit} ms`, met: times.p99 <= limit },
        });
      }
    }
    s.notes.push(
      `Edits: the first edits after opening the documents are reported on their own row: V8 has not optimised the server's code yet (in an editor the workspace scan has analysed many files before anyone types; here the scan is off), and the latency rows are the edits typed after them. Bursts of up to 5 typed characters at a seeded position inside a non-empty line, then as many backspaces; each edit is one incremental \`didChange\` (full text if the server asks for full sync: ${fullSync ? 'yes' : 'no'}), sent at fast-typing pace (one per ${TYPING_INTERVAL_MS} ms) and never before the previous edit's diagnostics arrived. Both documents are open, so the compose file that builds from the Dockerfile follows its edits: the server re-analyses it once typing pauses for 250 ms, which at this pace is after the last edit.`,
      `Debounce: ${debounce ? `the server's default is ${debounce.ms} ms (${debounce.from})` : 'the default could not be read'}; the latency rows above the side-by-side ones run with \`bulkhead.debounceMs: 0\` (answered to the server's \`workspace/configuration\` request), so they measure the work beyond any debounce. Workspace scan off for this part.`,
      "Baseline: `analyzeText` on the same final text in the benchmark process, other files read as the server reads them (its own reader, server/src/files.ts; no protocol, no server); the ratio is the server's overhead factor (protocol, timers, bookkeeping, garbage collection spread over a live process).",
      'codeAction: half the requests on a published diagnostic range, half on a whole random line (with the overlapping diagnostics as context). hover: seeded random positions on non-empty lines.',
    );
  } finally {
    await server.shutdown();
    rmSync(folder, { recursive: true, force: true });
  }
  if (options.defaultEdits > 0) {
    if (options.peer) await sideBySide(s, options, options.peer, debounce);
    else s.skipped.push('the side-by-side rows: dockerfile-language-server-nodejs is not installed (npm ci)');
  }
  return s;
}

/** One server of the side-by-side rows, with one Dockerfile open. */
interface Typist {
  name: string;
  server: LspServer;
  folder: string;
  doc: Doc;
  /**
   * How a publication tells the version it reflects: `published`, its `version` (one without, from the workspace
   * scan, reflects the file on disk); `counted`, the server sends none and publishes once per text, in order.
   */
  versions: 'published' | 'counted';
  /** The newest document version a `publishDiagnostics` for the document reflected. */
  reflected: number;
  /** Publications counted (`counted` servers). */
  publications: number;
  latencies: number[];
}

/** Edits per block: the servers take turns block by block, so what else the machine does meets both. */
const BLOCK_EDITS = 20;

/**
 * The same edit trace typed into Bulkhead and dockerfile-language-server, both with default settings (every
 * `workspace/configuration` item answered with null), alternating in blocks whose order flips each time.
 */
async function sideBySide(
  s: Section,
  options: KeystrokeOptions,
  peer: ServerLaunch,
  debounce: ReturnType<typeof readDefaultDebounce>,
): Promise<void> {
  const random = mulberry32(options.seed + 1);
  // The trace, made once on a copy of the text: both servers get the same changes to the same texts.
  const trace: { range: Range; text: string }[] = [];
  let text = options.dockerfile;
  const warmUp = options.coldEdits;
  for (const change of typingBursts(() => text, random, warmUp + options.defaultEdits)) {
    trace.push(change);
    text = applyChange(text, change);
  }
  const typists: Typist[] = [];
  try {
    typists.push(await openTypist('Bulkhead', options.server, 'published', options.dockerfile));
    typists.push(await openTypist('dockerfile-language-server', peer, 'counted', options.dockerfile));
    const typeBlock = async (typist: Typist, changes: typeof trace, record: boolean) => {
      const { doc, server } = typist;
      let previous = Number.NEGATIVE_INFINITY;
      for (const change of changes) {
        const pause = previous + TYPING_INTERVAL_MS - performance.now();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
        doc.text = applyChange(doc.text, change);
        const version = ++doc.version;
        const published = waitReflected(typist, version);
        const sent = performance.now();
        previous = sent;
        server.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [change] });
        const at = await published;
        if (record) typist.latencies.push(at - sent);
      }
    };
    for (const typist of typists) await typeBlock(typist, trace.slice(0, warmUp), false);
    for (let start = warmUp, block = 0; start < trace.length; start += BLOCK_EDITS, block++) {
      const order = block % 2 === 0 ? typists : [...typists].reverse();
      for (const typist of order) await typeBlock(typist, trace.slice(start, start + BLOCK_EDITS), true);
    }
  } finally {
    for (const typist of typists) {
      await typist.server.shutdown();
      rmSync(typist.folder, { recursive: true, force: true });
    }
  }
  const [bulkhead, other] = typists.map((t) => summarize(t.latencies));
  const label = `300-line Dockerfile, ${options.defaultEdits} edits at default settings`;
  s.rows.push(
    {
      name: `${label}, Bulkhead${debounce ? ` (debounce ${debounce.ms} ms)` : ''}: didChange → publishDiagnostics`,
      unit: 'ms',
      value: bulkhead.median,
      p95: bulkhead.p95,
      p99: bulkhead.p99,
      spread: spreadOf(bulkhead),
      baseline: { name: 'dockerfile-language-server p99', value: other.p99, unit: 'ms' },
      ratio: bulkhead.p99 / other.p99,
      target: { text: 'p99 ≤ 0.5× dockerfile-language-server p99', met: bulkhead.p99 <= other.p99 / 2 },
      note: 'ratio of the p99s',
    },
    {
      name: `${label}, dockerfile-language-server ${peerVersion(options.repo)}: didChange → publishDiagnostics`,
      unit: 'ms',
      value: other.median,
      p95: other.p95,
      p99: other.p99,
      spread: spreadOf(other),
    },
  );
  s.notes.push(
    `Side by side: Bulkhead and Microsoft's dockerfile-language-server (npm \`dockerfile-language-server-nodejs\`, the server of the Docker extension for VS Code), each its own process with the 300-line Dockerfile open and every \`workspace/configuration\` item answered with null: their default settings (Bulkhead's workspace scan on, over a folder holding just that file). The same seeded trace of ${options.defaultEdits} edits (after ${warmUp} warm-up edits each, not counted) is typed into both at the pace above, in blocks of ${BLOCK_EDITS} edits, the servers taking turns and the order flipping each block. Latency = \`didChange\` written → the first \`publishDiagnostics\` of the document that reflects that version or a later one: Bulkhead's carry the version; the peer's carry none, and it publishes once for each \`didChange\` that changes the text, in order (its lib/server.js), so its n-th publication after the one on open reflects the n-th edit (every edit of the trace changes the text). Ratio = Bulkhead p99 ÷ dockerfile-language-server p99.`,
  );
}

async function openTypist(
  name: string,
  launch: ServerLaunch,
  versions: Typist['versions'],
  text: string,
): Promise<Typist> {
  const folder = mkdtempSync(join(tmpdir(), 'bulkhead-bench-side-'));
  const server = new LspServer({ ...launch, cwd: folder, settings: () => null });
  const path = join(folder, 'Dockerfile');
  writeFileSync(path, text);
  const doc: Doc = {
    label: name,
    kind: 'dockerfile',
    uri: pathToFileURL(path).href,
    path,
    languageId: 'dockerfile',
    text,
    version: 1,
    diagnostics: [],
  };
  const typist: Typist = { name, server, folder, doc, versions, reflected: 0, publications: 0, latencies: [] };
  // Listeners run before waiters: `reflected` is current when a wait looks at a publication.
  server.onMessage((m) => {
    if (m.message.method !== 'textDocument/publishDiagnostics') return;
    const params = m.message.params as { uri: string; version?: number | null };
    if (params.uri !== doc.uri) return;
    const version = versions === 'counted' ? ++typist.publications : params.version;
    if (typeof version === 'number') typist.reflected = Math.max(typist.reflected, version);
  });
  const rootUri = pathToFileURL(folder).href;
  await server.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'side-by-side' }],
    capabilities: clientCapabilities(),
  });
  server.notify('initialized', {});
  const opened = waitReflected(typist, 1);
  server.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'dockerfile', version: 1, text } });
  await opened;
  return typist;
}

/** When the first publication reflecting `version` or a later one arrived (the time its bytes were read). */
function waitReflected(typist: Typist, version: number): Promise<number> {
  return typist.server
    .waitFor(
      (m) => m.message.method === 'textDocument/publishDiagnostics' && typist.reflected >= version,
      30_000,
      `diagnostics of ${typist.name} v${version}`,
    )
    .then((m) => m.at);
}

function peerVersion(repo: string): string {
  try {
    const manifest = join(repo, 'node_modules', 'dockerfile-language-server-nodejs', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return '(version unknown)';
  }
}
