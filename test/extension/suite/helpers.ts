// What the extension-host tests share: the extension's id from the manifest, waits that listen to VS Code's events
// (never a fixed sleep), and the core's own analysis of a text as the oracle the editor's diagnostics must match.
import * as vscode from 'vscode';
import { analyzeText } from '../../../shared/src/engine';
import { fixAll } from '../../../shared/src/fix-all';
import { parseConfig, CONFIG_FILE_NAME, defaultConfig, type BulkheadConfig } from '../../../shared/src/config';
import { readRoots } from '../../../shared/src/io/read-file';
import { fileContext } from '../../../cli/src/scan';
import { knownRuleIds } from '../../../shared/src/engine';
import type { Diagnostic as CoreDiagnostic } from '../../../shared/src/types';
import manifest from '../../../package.json';

export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const MANIFEST = manifest as typeof manifest & {
  contributes?: { commands?: { command: string }[]; configuration?: unknown };
  activationEvents?: string[];
};

/** Long enough for a cold server start and a workspace scan on a 2-core machine, short enough to fail a hung run. */
export const EVENT_TIMEOUT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension tests need a workspace folder (the launcher opens a copy of examples/)');
  return folder.uri;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function bulkheadDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead');
}

/**
 * Resolves with the file's Bulkhead diagnostics once `accept` takes them: checks now, then on every
 * onDidChangeDiagnostics event that names the file. Rejects after `timeoutMs` with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = bulkheadDiagnostics(uri);
      if (!accept(current)) return false;
      done();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; last seen:\n  ${describeAll(bulkheadDiagnostics(uri)).join('\n  ') || '(none)'}`,
        ),
      );
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Resolves when `event` fires with a value `accept` takes, or rejects after `timeoutMs`. */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** One line per diagnostic, comparable between the editor's and the core's: code, range, severity, message. */
export function describe(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
}

export function describeAll(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(describe).sort();
}

export function describeCore(d: CoreDiagnostic): string {
  const r = d.range;
  return `${d.ruleId} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${vscode.DiagnosticSeverity[SEVERITY[d.severity]]} ${d.message}`;
}

/** The workspace's .bulkhead.yaml as the core reads it (undefined: defaults). */
export async function workspaceConfig(): Promise<BulkheadConfig | undefined> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), CONFIG_FILE_NAME);
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
  const { config, errors } = parseConfig(text, uri.fsPath, knownRuleIds());
  if (errors.length) throw new Error(`the test workspace's ${CONFIG_FILE_NAME} has errors: ${JSON.stringify(errors)}`);
  return config;
}

/** What the core itself reports for a Dockerfile's text: the oracle for what the editor must show. */
export async function coreDiagnostics(uri: vscode.Uri, text: string): Promise<CoreDiagnostic[]> {
  const config = await workspaceConfig();
  return analyzeText(vscode.workspace.asRelativePath(uri), text, 'dockerfile', { config, context: diskReader(config) })
    .diagnostics;
}

/** The text the core's fix-all makes of a Dockerfile's text. */
export async function coreFixAll(uri: vscode.Uri, text: string): Promise<string> {
  const config = await workspaceConfig();
  return fixAll(vscode.workspace.asRelativePath(uri), text, 'dockerfile', { config, context: diskReader(config) }).text;
}

/**
 * The workspace as the CLI reads it beside an analysed file (its build context's listing, the files ADD names), so
 * that the core's findings are what the server, which reads the disk too, publishes.
 */
function diskReader(config: BulkheadConfig | undefined) {
  const root = workspaceRoot().fsPath;
  return fileContext({
    cwd: root,
    roots: readRoots([root]),
    config: config ?? defaultConfig(),
  } as Parameters<typeof fileContext>[0]);
}

/** Waits until the editor shows exactly the diagnostics the core reports for `text`. */
export async function waitForCoreDiagnostics(
  uri: vscode.Uri,
  text: string,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const expected = (await coreDiagnostics(uri, text)).map(describeCore).sort();
  return waitForDiagnostics(
    uri,
    (current) => sameLines(describeAll(current), expected),
    `${what}: ${expected.length} diagnostics as the core reports them:\n  ${expected.join('\n  ')}\n`,
  );
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** The workspace's Dockerfiles, in path order. */
export async function workspaceDockerfiles(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(
    '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}',
    '**/node_modules/**',
  );
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Opens a file in an editor, which is what makes VS Code send it to the server as an open document. */
export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Throws away unsaved changes of the active editor and closes it, so the next test starts from the file on disk. */
export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/** A Dockerfile the core finds problems in, preferring one with fixes. */
export async function dockerfileWithProblems(): Promise<vscode.Uri> {
  let fallback: vscode.Uri | undefined;
  for (const uri of await workspaceDockerfiles()) {
    const diagnostics = await coreDiagnostics(uri, await readText(uri));
    if (diagnostics.some((d) => d.fixes.length)) return uri;
    if (diagnostics.length) fallback ??= uri;
  }
  if (fallback) return fallback;
  throw new Error('no Dockerfile in the test workspace has a problem');
}
