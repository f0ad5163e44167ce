/**
 * The VS Code side of Bulkhead: starts the bundled language server over Node IPC and wires its features and four
 * commands into the editor. Everything that knows about Dockerfiles and Compose files lives in the server.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  RULES_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SERVER_COMMANDS,
  type InitializationOptions,
  type RuleSummary,
  type ScanWorkspaceResult,
} from '../../server/src/protocol';
import { localDocLinks } from './doc-links';
import { ReportPanel } from './report-panel';
import { statusItem } from './status-item';
import { traceChannel } from './trace-channel';
import { COMMANDS, DOCUMENT_SELECTOR } from './selectors';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Bulkhead', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  // Read at each (re)start: trust granted later restarts the server, below.
  const initializationOptions = (): InitializationOptions => ({
    // The server publishes every workspace file's problems itself; VS Code shows them in Problems without pulling.
    diagnosticMode: 'push',
    workspaceTrusted: vscode.workspace.isTrusted,
  });
  let showDocs: (ruleId: string | undefined) => Promise<void> = async () => undefined;
  // The protocol trace in a channel of its own that shows it at any log level (see trace-channel.ts).
  const trace = traceChannel('Bulkhead Trace');
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    traceOutputChannel: trace,
    initializationOptions,
    middleware: {
      // The quick-fix menu's "Show documentation for <rule>": the shipped page in the Markdown preview, where the
      // server alone could only open it as text.
      executeCommand: (command, args, next) =>
        command === SERVER_COMMANDS.showRuleDocumentation
          ? showDocs(typeof args[0] === 'string' ? args[0] : undefined)
          : next(command, args),
      // Rule links in hovers open the shipped page too (offline); the published page stays the second link.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        const contents = hover.contents.map((part) => {
          const value =
            part instanceof vscode.MarkdownString ? part.value : typeof part === 'string' ? part : undefined;
          if (value === undefined) return part;
          const trusted = new vscode.MarkdownString(localDocLinks(value, COMMANDS.showRuleDocumentation));
          trusted.isTrusted = { enabledCommands: [COMMANDS.showRuleDocumentation] };
          return trusted;
        });
        return new vscode.Hover(contents, hover.range);
      },
    },
  };
  const started = Date.now();
  const languageClient = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  client = languageClient;

  showDocs = (ruleId) => showRuleDocumentation(context, languageClient, ruleId);
  context.subscriptions.push(
    log,
    trace,
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, async () => {
      const result = await languageClient.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, {});
      void vscode.window.showInformationMessage(
        result.cancelled
          ? `Bulkhead: scan cancelled after ${result.files} files.`
          : `Bulkhead: scanned ${result.files} Dockerfiles and Compose files.`,
      );
    }),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: unknown) =>
      showRuleDocumentation(context, languageClient, typeof ruleId === 'string' ? ruleId : undefined),
    ),
    vscode.commands.registerCommand(COMMANDS.showSecurityReport, () => ReportPanel.show(languageClient, showDocs, log)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      log.info('Restarting the Bulkhead language server');
      await languageClient.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      log.info('Workspace trusted: restarting the Bulkhead language server');
      await languageClient.restart();
    }),
  );

  context.subscriptions.push(statusItem(languageClient));
  try {
    await languageClient.start();
    log.info(`Bulkhead language server started in ${Date.now() - started} ms`);
  } catch (error) {
    // The commands stay registered: "Bulkhead: Restart Server" can try again once the cause is fixed.
    log.error(`The Bulkhead language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('The Bulkhead language server did not start; see the Bulkhead output channel.');
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * Opens a rule's page: from the extension's own copy of the docs when it has one (works offline, rendered by the
 * Markdown preview), else the published page. Without a rule id: the rule of the problem under the cursor, or a pick.
 */
async function showRuleDocumentation(
  context: vscode.ExtensionContext,
  languageClient: LanguageClient,
  ruleId: string | undefined,
): Promise<void> {
  const rules = await languageClient.sendRequest<RuleSummary[]>(RULES_REQUEST, {});
  const id = ruleId ?? ruleAtCursor() ?? (await pickRule(rules));
  if (!id) return;
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    void vscode.window.showWarningMessage(`Bulkhead has no rule \`${id}\`.`);
    return;
  }
  const local = context.asAbsolutePath(`docs/rules/${rule.id}.md`);
  if (existsSync(local)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
  else await vscode.env.openExternal(vscode.Uri.parse(rule.url));
}

function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const here = editor.selection.active;
  // The most severe finding at the cursor (Error is 0 in VS Code's enum), as the hover lists them.
  const diagnostic = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'bulkhead' && d.range.contains(here) && d.code !== undefined)
    .sort((a, b) => a.severity - b.severity)[0];
  const code = diagnostic?.code;
  return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

async function pickRule(rules: RuleSummary[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.id, description: r.title, detail: `${r.kind} · default ${r.severity}` })),
    { placeHolder: 'Show the documentation of which Bulkhead rule?', matchOnDescription: true },
  );
  return picked?.label;
}
