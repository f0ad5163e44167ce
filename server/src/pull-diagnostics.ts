import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { OpenDocuments } from './documents';
import { keyOfUri } from './paths';
import type { DiagnosticsStore } from './store';
import type { Workspace } from './workspace';

/**
 * Pull diagnostics, for clients that ask instead of listening: one document (`textDocument/diagnostic`, analysed
 * now if an edit is pending) or every file of the workspace scan (`workspace/diagnostic`). The workspace request is a
 * long poll: when nothing changed since the client's last results it waits for a change, as the protocol intends.
 */
export class PullDiagnostics {
  constructor(
    private readonly store: DiagnosticsStore,
    private readonly documents: OpenDocuments,
    private readonly workspace: Workspace,
  ) {}

  async document(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const entry = await this.documents.current(uri);
    const result = entry ?? this.store.getOther(uri);
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === result.resultId)
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.diagnostics };
  }

  async workspaceReport(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    await this.workspace.settled();
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    for (;;) {
      const items = this.items(previous);
      const changed = items.some((item) => item.kind === DocumentDiagnosticReportKind.Full);
      if (changed || previous.size === 0 || token.isCancellationRequested) return { items };
      await Promise.race([
        this.store.nextChange(),
        new Promise<void>((resolve) => token.onCancellationRequested(() => resolve())),
      ]);
    }
  }

  private items(previous: ReadonlyMap<string, string>): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    const add = (uri: string, resultId: string, diagnostics: Diagnostic[]) => {
      reported.add(keyOfUri(uri));
      if (previous.get(uri) === resultId)
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: diagnostics });
    };
    // Open documents are reported by document pulls, with their versions.
    for (const entry of this.store.all()) if (entry.version === null) add(entry.uri, entry.resultId, entry.diagnostics);
    for (const [uri, other] of this.store.allOthers()) add(uri, other.resultId, other.diagnostics);
    // Files the client still shows but that are gone (deleted, excluded, now open): an empty report clears them.
    for (const uri of previous.keys()) {
      if (reported.has(keyOfUri(uri))) continue;
      if (this.documents.isOpen(keyOfUri(uri))) continue;
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    return items;
  }
}
