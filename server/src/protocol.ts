/**
 * Bulkhead's own requests beside LSP, shared by the server and the VS Code client. Plain method names and data
 * shapes only: any LSP client can send them.
 */
import type { PostureMatrix } from '../../shared/src/report/posture';

/** Scans the workspace folders again (as on start) and resolves when done; answers the number of files analysed. */
export const SCAN_WORKSPACE_REQUEST = 'bulkhead/scanWorkspace';
export interface ScanWorkspaceResult {
  files: number;
  cancelled: boolean;
}

/** Every rule the server knows, for pickers and links. */
export const RULES_REQUEST = 'bulkhead/rules';
export interface RuleSummary {
  id: string;
  title: string;
  kind: string;
  severity: string;
  url: string;
}

/** The posture matrix of the workspace (one row per Compose service and Dockerfile final stage). */
export const SECURITY_REPORT_REQUEST = 'bulkhead/securityReport';
export interface SecurityReport {
  matrix: PostureMatrix;
  /** `file:` URIs of the paths in the matrix, by path. */
  uris: Record<string, string>;
  /** Workspace folders the report covers. */
  folders: string[];
  /** Rule documentation links, by rule id, for the findings in the matrix. */
  ruleDocs: Record<string, string>;
}

/** The same operations through `workspace/executeCommand`, for editors that only offer that. */
export const SERVER_COMMANDS = {
  scanWorkspace: 'bulkhead.server.scanWorkspace',
  /**
   * Shows a rule's page (argument: the rule id): the copy shipped with the server through `window/showDocument`, else
   * the published page. The quick-fix menu's "Show documentation for <rule>" runs it; VS Code's client opens the
   * page in the Markdown preview instead.
   */
  showRuleDocumentation: 'bulkhead.server.showRuleDocumentation',
} as const;

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /**
   * `push` (publishDiagnostics) or `pull` (textDocument/diagnostic and workspace/diagnostic). Default: pull when the
   * client says it can pull, push otherwise.
   */
  diagnosticMode?: 'push' | 'pull';
  /**
   * False when the user has not trusted the workspace (VS Code's Restricted Mode): what the workspace's `.bulkhead.yaml`
   * switches off is then shown in that file as information. The client restarts the server when trust is granted.
   */
  workspaceTrusted?: boolean;
}
