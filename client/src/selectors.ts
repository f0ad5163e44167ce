import { COMPOSE_NAMES_GLOB, DEVCONTAINER_PATHS_GLOB, DOCKERFILE_NAMES_GLOB } from '../../shared/src/file-globs';

/**
 * The documents the server is given: by language where an extension provides one (VS Code's built-in `dockerfile`;
 * `dockercompose` from Docker's extension), and by file name otherwise, so a compose file is covered whether it is
 * `yaml` or `dockercompose`; a devcontainer.json by its path. Only `file` and `untitled` documents: diff views and other virtual documents would show
 * the same problems twice.
 */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'untitled', language: 'dockercompose' },
  { scheme: 'file', pattern: `**/${DOCKERFILE_NAMES_GLOB}` },
  { scheme: 'file', pattern: `**/${COMPOSE_NAMES_GLOB}` },
  // By path whatever their language: package.json's `languages` opens the three paths as `jsonc`.
  { scheme: 'file', pattern: `**/${DEVCONTAINER_PATHS_GLOB}` },
];

/** The commands package.json contributes; the extension registers each. */
export const COMMANDS = {
  scanWorkspace: 'bulkhead.scanWorkspace',
  showRuleDocumentation: 'bulkhead.showRuleDocumentation',
  showSecurityReport: 'bulkhead.showSecurityReport',
  restartServer: 'bulkhead.restartServer',
} as const;
