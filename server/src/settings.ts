import { parseSize } from '../../shared/src/config';
import type { SeveritySetting } from '../../shared/src/types';

/** The `bulkhead` settings section, as the user sets it in the editor. `.bulkhead.yaml` wins over it for a project. */
export interface Settings {
  enable: boolean;
  /** Per-rule severity (`off` disables). */
  rules: Record<string, SeveritySetting>;
  /** Analyse every Dockerfile and Compose file of the workspace, not only open ones. */
  workspaceScan: boolean;
  /** Globs, relative to the workspace folder, of files not to analyse. */
  exclude: string[];
  /** Bytes (the setting may give a unit: `2MiB`); undefined means the default (or `.bulkhead.yaml`'s). */
  maxFileSize?: number;
  /**
   * Quiet time after a keystroke before an open file is analysed again. 0 (the default): at once when the server is
   * idle, edits that queued up meanwhile coalesced into one analysis of the newest text.
   */
  debounceMs: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_DEBOUNCE_MS = 0;
const MAX_DEBOUNCE_MS = 5000;
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function defaultSettings(): Settings {
  return {
    enable: true,
    rules: {},
    workspaceScan: true,
    exclude: [],
    maxFileSize: undefined,
    debounceMs: DEFAULT_DEBOUNCE_MS,
    trace: { server: 'off' },
  };
}

/**
 * Reads whatever the client sent for the section. Settings are typed by hand in JSON, so each field is checked on
 * its own: a wrong one falls back to its default and is reported, the others still apply.
 */
export function readSettings(raw: unknown, problems: string[] = []): Settings {
  const settings = defaultSettings();
  if (!isObject(raw)) return settings;
  if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
  if (typeof raw.workspaceScan === 'boolean') settings.workspaceScan = raw.workspaceScan;
  if (isObject(raw.rules)) {
    for (const [id, severity] of Object.entries(raw.rules)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) settings.rules[id] = severity as SeveritySetting;
      else problems.push(`bulkhead.rules.${id}: expected off, info, warning or error`);
    }
  }
  if (Array.isArray(raw.exclude)) {
    settings.exclude = raw.exclude.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '');
  }
  if (raw.maxFileSize !== undefined && raw.maxFileSize !== null) {
    const bytes = parseSize(raw.maxFileSize);
    if (bytes !== undefined) settings.maxFileSize = bytes;
    else problems.push('bulkhead.maxFileSize: expected a positive size in bytes, or with a unit (512KB, 2MiB)');
  }
  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs)) {
    settings.debounceMs = Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(raw.debounceMs)));
  }
  const trace = isObject(raw.trace) ? raw.trace.server : undefined;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') settings.trace.server = trace;
  return settings;
}

/** `files.exclude` is `{ glob: true | false | { when } }`; only plain `true` entries exclude unconditionally. */
export function readFilesExclude(raw: unknown): string[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
