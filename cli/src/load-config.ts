import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, defaultConfig, formatConfigError, parseConfig, type BulkheadConfig } from '../../shared/src/config';
import { knownRuleIds } from '../../shared/src/engine';
import { decodeBytes } from '../../shared/src/io/decode';
import { describeFsError } from '../../shared/src/io/fs-errors';
import { displayPath } from './paths';

/** A configuration that cannot be used: every line names file, line, column and key. Exit 2. */
export class ConfigLoadError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export interface LoadedConfig {
  config: BulkheadConfig;
  /** The file read, or undefined when none was there and the defaults apply. */
  path?: string;
}

/**
 * Reads `--config FILE`, or `.bulkhead.yaml` in the scanned root when there is one. Unlike the editor, which keeps going
 * with the valid parts of a half-edited file, a CI run must not pass on a configuration that says something else.
 */
export function loadConfig(explicitPath: string | undefined, root: string, cwd: string): LoadedConfig {
  const path = explicitPath !== undefined ? resolve(cwd, explicitPath) : join(root, CONFIG_FILE_NAME);
  const shown = displayPath(path, cwd);
  if (explicitPath === undefined && !isFile(path)) return { config: defaultConfig() };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigLoadError([`${shown}: cannot read the configuration file (${describeFsError(error)})`]);
  }
  const { config, errors } = parseConfig(decodeBytes(bytes).text, shown, knownRuleIds());
  if (errors.length) throw new ConfigLoadError(errors.map(formatConfigError));
  return { config, path };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
