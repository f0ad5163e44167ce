import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { version } from '../../package.json';
import { ruleDocUrl } from '../../shared/src/docs';
import { COMPOSE_NAMES_GLOB, DEVCONTAINER_PATHS_GLOB, DOCKERFILE_NAMES_GLOB } from '../../shared/src/file-globs';
import { RULES, allMetas } from '../../shared/src/rules/index';
import { Analyzer } from './analysis';
import { UNKNOWN_INPUT, type ClientInput } from './client-input';
import { CODE_ACTION_KINDS, codeActions, editSupport, isFixAllData, resolveFixAll } from './code-actions';
import { Configuration } from './configuration';
import { OpenDocuments } from './documents';
import { hover } from './hover';
import { IdleCollector } from './idle-gc';
import { Linter } from './linter';
import { Logger } from './log';
import { pathOfUri, uriOfPath } from './paths';
import { FolderListings } from './folder-listings';
import { raiseLimitAction } from './raise-limit';
import { StatusReporter } from './status';
import { ruleDocumentation } from './rule-docs';
import { SKIPPED_FOR_SIZE } from '../../shared/src/engine';
import {
  RULES_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SECURITY_REPORT_REQUEST,
  SERVER_COMMANDS,
  type InitializationOptions,
  type RuleSummary,
  type ScanWorkspaceResult,
  type SecurityReport,
} from './protocol';
import { PullDiagnostics } from './pull-diagnostics';
import { securityReport } from './security-report';
import { DiagnosticsStore, type DiagnosticMode } from './store';
import { baselineFileDiagnostics, configErrorDiagnostics } from './to-lsp';
import { Workspace } from './workspace';

/** Names Docker and Compose find by default, and `.bulkhead.yaml`: the files whose changes matter. */
export const WATCHED = [
  `**/${DOCKERFILE_NAMES_GLOB}`,
  `**/${COMPOSE_NAMES_GLOB}`,
  `**/${DEVCONTAINER_PATHS_GLOB}`,
  '**/.bulkhead.yaml',
  '**/.bulkhead-baseline.json',
  // Compose reads `.env` beside the file.
  '**/{.env,*.env}',
  // A Dockerfile's build context: its ignore files, and the secret-looking names image/context-secret-copied lists.
  '**/{.dockerignore,*.dockerignore}',
  '**/{.env.*,*.pem,*.key,*.p12,*.pfx,*.kdbx,id_rsa,id_dsa,id_ecdsa,id_ed25519}',
  '**/{.npmrc,.pypirc,.netrc,credentials.json,terraform.tfstate,.git,.aws,.ssh}',
];

/** Wires the language server onto a connection: stdio, Node IPC or sockets are the caller's choice. */
export function startServer(
  connection: Connection,
  input: ClientInput = UNKNOWN_INPUT,
): { log: Logger; shutdownReceived: () => boolean } {
  const log = new Logger(connection.console);
  let capabilities: ClientCapabilities = {};
  let mode: DiagnosticMode = 'push';
  let folders: string[] = [];
  let parts: ReturnType<typeof assemble> | undefined;

  /** Every handler runs through this: a failure is logged and answered with a neutral result, never a dead server. */
  const guard =
    <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) =>
    async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        log.error(`${name} failed`, error);
        return fallback;
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const canPull = capabilities.textDocument?.diagnostic !== undefined;
    mode = options.diagnosticMode === 'pull' || (options.diagnosticMode !== 'push' && canPull) ? 'pull' : 'push';
    folders = initialFolders(params);
    parts = assemble(connection, log, capabilities, mode, input);
    parts.config.setFolders(folders);
    parts.config.setWorkspaceTrust(
      typeof options.workspaceTrusted === 'boolean' ? options.workspaceTrusted : undefined,
    );
    log.info(
      `Bulkhead ${version} (${mode} diagnostics, ${folders.length} workspace folder${folders.length === 1 ? '' : 's'})`,
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(mode === 'pull'
          ? { diagnosticProvider: { identifier: 'bulkhead', interFileDependencies: true, workspaceDiagnostics: true } }
          : {}),
      },
      serverInfo: { name: 'bulkhead', version },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      const p = parts!;
      // Settings first: every analysis waits for them. A client that refuses a registration costs a feature, no more.
      await p.config.refresh();
      applyLogLevel();
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await register('settings changes', () =>
          connection.client.register(DidChangeConfigurationNotification.type, {
            section: ['bulkhead', 'files.exclude'],
          }),
        );
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await register('file watchers', async () => {
          await connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [
              ...WATCHED.map((globPattern) => ({ globPattern })),
              // A folder created or moved with its files (git pull, a branch switch) may arrive as one event for the
              // folder, and a deleted one always does: the server walks or forgets what is below it.
              { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
            ],
          });
          // Creations and deletions are reported from now on: folder listings can be kept between analyses.
          p.listings.watched = true;
        });
      } else {
        log.info(
          'The client cannot watch files for the server: files changed outside the editor are seen on the next scan',
        );
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folders change', undefined, async (event) => {
            const removed = new Set(event.removed.map((f) => pathOfUri(f.uri)));
            folders = [
              ...folders.filter((f) => !removed.has(f)),
              ...event.added.map((f) => pathOfUri(f.uri)).filter((f): f is string => !!f),
            ];
            p.config.setFolders(folders);
            await reconfigure();
          }),
        );
      }
      await publishConfigErrors();
      void p.workspace.scan();
    }),
  );

  const register = async (what: string, request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (error) {
      log.warn(
        `The client refused the registration of ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const applyLogLevel = () => {
    log.verbose = parts!.config.global.trace.server !== 'off';
  };

  /**
   * Problems in each `.bulkhead.yaml`, and in an untrusted workspace what it switches off, shown in that file; a file
   * that was deleted or fixed gets its list cleared.
   */
  let configFilesShown = new Set<string>();
  const publishConfigErrors = async () => {
    const shown = new Set<string>();
    const switchOffs = parts!.config.projectFileSwitchOffs();
    for (const [path, errors] of parts!.config.projectFileErrors()) {
      const uri = uriOfPath(path);
      const switchedOff = switchOffs.get(path) ?? [];
      const text =
        errors.length || switchedOff.length ? await readFile(path, 'utf8').catch(() => undefined) : undefined;
      const diagnostics = [...configErrorDiagnostics(errors, text), ...configErrorDiagnostics(switchedOff, text, true)];
      parts!.store.setOther(uri, diagnostics);
      if (diagnostics.length) shown.add(uri);
    }
    // A baseline that cannot be used says why in itself; in an untrusted workspace, one that hides findings says so.
    const { states, untrusted } = parts!.config.baselineFileStates();
    for (const state of states) {
      const diagnostics = baselineFileDiagnostics(state, untrusted);
      const uri = uriOfPath(state.path);
      parts!.store.setOther(uri, diagnostics);
      if (diagnostics.length) shown.add(uri);
    }
    for (const uri of configFilesShown) if (!shown.has(uri)) parts!.store.setOther(uri, []);
    // The status item names the .bulkhead.yaml files in use and what they switch off.
    parts!.status.soon();
    configFilesShown = shown;
  };

  /** Settings or a `.bulkhead.yaml` changed: apply at once, no restart. */
  const reconfigure = async () => {
    const p = parts!;
    await p.config.refresh();
    applyLogLevel();
    await publishConfigErrors();
    await p.workspace.onConfigurationChanged();
    if (mode === 'pull' && capabilities.workspace?.diagnostics?.refreshSupport)
      await connection.languages.diagnostics.refresh();
  };

  connection.onDidChangeConfiguration(
    guard('configuration change', undefined, async (params) => {
      parts?.config.setPushedSettings(params.settings);
      await reconfigure();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('file change', undefined, async (params) => {
      const configChanged = await parts!.workspace.onFilesChanged(params.changes);
      if (configChanged) await reconfigure();
    }),
  );

  connection.onCodeAction(
    guard('code action', [], async (params) => {
      const p = parts!;
      await p.config.ready;
      if (!p.linter.wants(pathOfUri(params.textDocument.uri))) return [];
      // A file known from the workspace scan keeps no fixes: `complete` reads and analyses it again.
      const stored = await p.documents.current(params.textDocument.uri);
      if (!stored) return [];
      const entry = p.linter.complete(stored);
      const config = p.config.forFile(entry.path);
      if (entry.report.skipped?.startsWith(SKIPPED_FOR_SIZE) && entry.path) {
        // The skip notice's one action: admit the file by raising the limit in the project's .bulkhead.yaml.
        const createsFiles = capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
        const action = raiseLimitAction(
          entry.path,
          config.folder,
          p.documents.textOfPath(entry.path),
          entry.diagnostics[0],
          {
            ...editSupport(capabilities),
            createsFiles,
          },
        );
        return action ? [action] : [];
      }
      const options = p.analyzer.optionsFor({ ...entry, config });
      return codeActions(entry, params, editSupport(capabilities), options);
    }),
  );

  // Fix-all is offered without its edit and computed here, when chosen or run on save.
  connection.onCodeActionResolve((action) =>
    guard('code action resolve', action, async () => {
      const p = parts!;
      if (!isFixAllData(action.data)) return action;
      await p.config.ready;
      const stored = await p.documents.current(action.data.fixAll.uri);
      if (!stored) return action;
      const entry = p.linter.complete(stored);
      const options = p.analyzer.optionsFor({ ...entry, config: p.config.forFile(entry.path) });
      return resolveFixAll(action, entry, editSupport(capabilities), options);
    })(),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const p = parts!;
      await p.config.ready;
      if (!p.linter.wants(pathOfUri(params.textDocument.uri))) return null;
      const entry = await p.documents.current(params.textDocument.uri);
      return entry ? hover(p.linter.complete(entry), params.position) : null;
    }),
  );

  connection.languages.diagnostics.on(
    guard('document diagnostics', { kind: 'full', items: [] }, (params) => parts!.pull.document(params)),
  );
  connection.languages.diagnostics.onWorkspace(
    guard('workspace diagnostics', { items: [] }, (params, token) => parts!.pull.workspaceReport(params, token)),
  );

  const scanWorkspace = guard('workspace scan', { files: 0, cancelled: false } as ScanWorkspaceResult, () =>
    parts!.workspace.scan(true),
  );
  connection.onExecuteCommand(
    guard('command', undefined, async (params) => {
      if (params.command === SERVER_COMMANDS.scanWorkspace) return scanWorkspace();
      if (params.command === SERVER_COMMANDS.showRuleDocumentation) return showRuleDocumentation(params.arguments?.[0]);
      log.warn(`Unknown command ${params.command}`);
      return undefined;
    }),
  );
  connection.onRequest(SCAN_WORKSPACE_REQUEST, () => scanWorkspace());

  /** Opens a rule's page in the editor: the shipped copy (offline) when there is one. Answers whether it was shown. */
  async function showRuleDocumentation(id: unknown): Promise<boolean> {
    const docs = ruleDocumentation(id);
    if (!docs) {
      log.warn(`No documentation for ${JSON.stringify(id)}: not a Bulkhead rule`);
      return false;
    }
    if (!capabilities.window?.showDocument?.support) {
      void connection.window.showInformationMessage(`Bulkhead: documentation of ${String(id)}: ${docs.online}`);
      return false;
    }
    const shown = await connection.window.showDocument(
      existsSync(docs.local) ? { uri: uriOfPath(docs.local), takeFocus: true } : { uri: docs.online, external: true },
    );
    return shown.success;
  }
  connection.onRequest(
    RULES_REQUEST,
    guard('rules', [] as RuleSummary[], () =>
      allMetas().map((meta) => ({
        id: meta.id,
        title: meta.title,
        kind: meta.kind,
        severity: meta.severity,
        url: ruleDocUrl(meta.id),
      })),
    ),
  );
  connection.onRequest(
    SECURITY_REPORT_REQUEST,
    guard('security report', undefined as SecurityReport | undefined, async () => {
      const p = parts!;
      await p.config.ready;
      const scanEnabled = folders.some((f) => p.config.forFile(f).settings.workspaceScan);
      return securityReport(p, scanEnabled);
    }),
  );

  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
    parts?.workspace.close();
    parts?.status.stop();
    parts?.documents.stop();
    parts?.idle.stop();
  });

  process.on('unhandledRejection', (reason) => log.error('Unhandled rejection', reason));
  process.on('uncaughtException', (error) => log.error('Uncaught exception', error));
  return { log, shutdownReceived: () => shutdown };
}

function assemble(
  connection: Connection,
  log: Logger,
  capabilities: ClientCapabilities,
  mode: DiagnosticMode,
  input: ClientInput,
) {
  const config = new Configuration(connection, log, capabilities.workspace?.configuration === true);
  const store = new DiagnosticsStore(connection, mode, log);
  let workspace: Workspace | undefined;
  let documents: OpenDocuments | undefined;
  const listings = new FolderListings();
  const analyzer = new Analyzer(log, (path) => documents?.textOfPath(path), listings);
  // After an open document's analysis, the garbage it left is collected before the next keystroke (idle-gc.ts).
  const idle = new IdleCollector();
  const linter = new Linter(config, analyzer, store, log);
  documents = new OpenDocuments(
    config,
    linter,
    store,
    log,
    (_key, path) => workspace?.takeBack(path) ?? false,
    (entry) => {
      if (entry.path) workspace?.refreshDependentsSoon(entry.path);
      idle.afterWork();
    },
    input,
  );
  workspace = new Workspace(connection, config, linter, store, documents, log);
  documents.listen(connection);
  const pull = new PullDiagnostics(store, documents, workspace);
  const status = new StatusReporter(connection, () => {
    const inUse = config.projectFilesInUse();
    return {
      ...store.counts(),
      scanning: workspace!.scanning,
      configFiles: inUse.paths,
      switchedOff: inUse.switchedOff,
      untrusted: !config.trusted,
    };
  });
  store.onChange = () => status.soon();
  workspace.onScanning = (scanning) => (scanning ? status.now() : status.soon());
  workspace.onPathsChanged = () => listings.forget();
  return { config, store, analyzer, linter, documents, workspace, pull, log, idle, status, listings };
}

function initialFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths = uris.map(pathOfUri).filter((p): p is string => !!p);
  if (!paths.length && params.rootPath) paths.push(params.rootPath);
  return paths;
}
