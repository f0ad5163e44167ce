import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../server/src/status';
import { describeStatus } from './status-text';
import { COMMANDS, DOCUMENT_SELECTOR } from './selectors';

/** The language status item beside the language mode (as ESLint's): scan progress, files, skips, config in use. */
export function statusItem(client: LanguageClient): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('bulkhead.status', DOCUMENT_SELECTOR);
  item.name = 'Bulkhead';
  item.command = { title: 'Scan Workspace', command: COMMANDS.scanWorkspace };
  const show = (status: ServerStatus | undefined) => {
    const shown = describeStatus(status);
    item.text = shown.text;
    item.detail = shown.detail;
    item.busy = shown.busy;
    item.severity = shown.warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };
  show(undefined);
  const listener = client.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => show(status));
  return vscode.Disposable.from(item, listener);
}
