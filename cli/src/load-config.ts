import { dirname, join, resolve } from 'node:path';
import {
  CONFIG_FILE_NAME,
  defaultConfig,
  formatConfigError,
  parseConfig,
  type BulkheadConfig,
} from '../../shared/src/config';
import { knownRuleIds } from '../../shared/src/engine';
import { readFileWithin, readRoots } from '../../shared/src/io/read-file';
import { displayPath } from './paths';

/** A configuration file is a few lines; one larger than this is not one. */
const CONFIG_MAX_SIZE = 1024 * 1024;

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
  // Through the reader: a FIFO never blocks the run. A file named with --config is read wherever it is (the user chose
  // it); the one found in the scanned root only within that folder, so a link cannot pull a file from elsewhere in.
  const roots = readRoots([explicitPath !== undefined ? dirname(path) : root]);
  const read = readFileWithin(path, { roots, maxFileSize: CONFIG_MAX_SIZE });
  if (read.notRead !== undefined) {
    if (explicitPath === undefined && read.absent) return { config: defaultConfig() };
    throw new ConfigLoadError([`${shown}: cannot read the configuration file (${read.notRead})`]);
  }
  const { config, errors } = parseConfig(read.text, shown, knownRuleIds());
  if (errors.length) throw new ConfigLoadError(errors.map(formatConfigError));
  return { config, path };
}
