import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SECURITY_REPORT_REQUEST, type SecurityReport } from '../../server/src/protocol';
import { escapeHtml, renderReportPage, type PageMessage } from './report-html';

/** While the report is visible it follows the diagnostics, at most this often. */
const REFRESH_DELAY_MS = 750;

/** "Bulkhead: Show Security Report": one panel, computed by the server, refreshed while it is visible. */
export class ReportPanel implements vscode.Disposable {
  private static current: ReportPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  static show(client: LanguageClient, showDocs: (ruleId: string) => Promise<void>, log: vscode.LogOutputChannel): void {
    if (ReportPanel.current) {
      ReportPanel.current.panel.reveal();
      void ReportPanel.current.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'bulkhead.securityReport',
      'Bulkhead Security Report',
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [],
      },
    );
    ReportPanel.current = new ReportPanel(panel, client, showDocs, log);
    void ReportPanel.current.refresh();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly showDocs: (ruleId: string) => Promise<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    panel.webview.html = page('Computing the security posture of the workspace…');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: PageMessage) => void this.onMessage(message)),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleRefresh()),
    );
  }

  private scheduleRefresh(): void {
    if (!this.panel.visible || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    try {
      const report = await this.client.sendRequest<SecurityReport | undefined>(SECURITY_REPORT_REQUEST, {});
      if (!report) throw new Error('the server could not compute the report (see the log)');
      this.panel.webview.html = renderReportPage(report, { nonce: randomBytes(16).toString('base64') });
    } catch (error) {
      this.log.error(`Security report: ${error instanceof Error ? error.message : String(error)}`);
      this.panel.webview.html = page(
        `The report could not be computed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async onMessage(message: PageMessage): Promise<void> {
    if (message.type === 'refresh') await this.refresh();
    else if (message.type === 'doc') await this.showDocs(message.ruleId);
    else if (message.type === 'open') {
      const position = new vscode.Position(message.line, message.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), {
        selection: new vscode.Range(position, position),
        viewColumn: vscode.ViewColumn.One,
      });
    }
  }

  dispose(): void {
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** A page with one line of text and no script, while the report is computed or when it failed. */
function page(text: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escapeHtml(text)}</p></body></html>`;
}
