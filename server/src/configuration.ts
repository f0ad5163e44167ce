import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Connection } from 'vscode-languageserver';
import {
  CONFIG_FILE_NAME,
  DEFAULT_MAX_FILE_SIZE,
  defaultConfig,
  formatConfigError,
  parseConfig,
  type BulkheadConfig,
  type ConfigError,
  type ConfigSwitchOff,
} from '../../shared/src/config';
import {
  BASELINE_FILE_NAME,
  BASELINE_MAX_SIZE,
  baselineSize,
  parseBaseline,
  type Baseline,
} from '../../shared/src/baseline/file';
import { knownRuleIds } from '../../shared/src/engine';
import { compileGlob, matchesAny, quotePattern, type Glob } from '../../shared/src/glob';
import { readFileWithin, readRoots, type FileRead, type ReadRoots } from '../../shared/src/io/read-file';
import { folderOf, relativePosix, uriOfPath } from './paths';
import { defaultSettings, readFilesExclude, readSettings, type Settings } from './settings';
import type { Logger } from './log';

/** Everything that decides how one file is analysed. */
/** A configuration file is a few lines; one larger than this is not one. */
const CONFIG_MAX_SIZE = 1024 * 1024;

/**
 * A workspace folder's `.bulkhead.yaml`, through the reader: a FIFO named `.bulkhead.yaml` (or a link out of the
 * folder) must not block or leak. Read for the configuration and for the edit that raises its `maxFileSize`.
 */
export function readProjectFile(folder: string): { path: string; read: FileRead } {
  const path = join(folder, CONFIG_FILE_NAME);
  return { path, read: readFileWithin(path, { roots: readRoots([folder]), maxFileSize: CONFIG_MAX_SIZE }) };
}

export interface FileConfig {
  settings: Settings;
  /** Settings and `.bulkhead.yaml` merged: the file wins for the project, the settings fill in for the user. */
  engine: BulkheadConfig;
  folder?: string;
  /**
   * Where this file's reads may reach: the workspace folders (a compose file may build from a sibling folder); for a
   * file outside every folder (opened on its own), its own folder.
   */
  roots: ReadRoots;
  /** `files.exclude`: hides files from the workspace scan, but an opened file is still analysed. */
  scanExcludes: Glob[];
  /** The folder's `.bulkhead-baseline.json`: its findings are not published. */
  baseline?: Baseline;
}

/** A workspace folder's `.bulkhead-baseline.json`, as read. */
export interface BaselineFileState {
  path: string;
  baseline?: Baseline;
  /** Why it is not applied (not JSON, a wrong version, not a regular file). */
  error?: string;
}

interface ProjectFile {
  path: string;
  config: BulkheadConfig;
  errors: ConfigError[];
  switchedOff: ConfigSwitchOff[];
  setsMaxFileSize: boolean;
}

interface ScopeSettings {
  settings: Settings;
  /** `bulkhead.exclude`, compiled. */
  exclude: Glob[];
  /** `files.exclude`, compiled. */
  filesExclude: Glob[];
}

const GLOBAL_SCOPE = '';
/** A client that never answers `workspace/configuration` must not hold every analysis back. */
const SETTINGS_TIMEOUT_MS = 5000;

/**
 * Settings from the client (`workspace/configuration`, per workspace folder) and `.bulkhead.yaml` from each folder's
 * root, kept current: `refresh()` after a settings change, `reloadProjectFile()` after the file changed on disk.
 */
export class Configuration {
  private folders: string[] = [];
  private roots: ReadRoots = readRoots([]);
  private scopes = new Map<string, ScopeSettings>();
  private projectFiles = new Map<string, ProjectFile>();
  private baselineFiles = new Map<string, BaselineFileState>();
  private pushedSettings: unknown;
  /** What the client says of the workspace (VS Code's workspace trust); undefined from clients that do not say. */
  private workspaceTrusted: boolean | undefined;
  private readyResolve!: () => void;
  /** Resolves once the first settings are in: analyses wait for it so the first results already honour them. */
  readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    private readonly canPullSettings: boolean,
  ) {}

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.roots = readRoots(this.folders);
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setWorkspaceTrust(trusted: boolean | undefined): void {
    this.workspaceTrusted = trusted;
  }

  /** Settings pushed with `workspace/didChangeConfiguration` by clients that cannot answer `workspace/configuration`. */
  setPushedSettings(settings: unknown): void {
    this.pushedSettings = settings;
  }

  async refresh(): Promise<void> {
    try {
      await this.loadSettings();
    } catch (error) {
      this.log.error('Could not read the settings; keeping the previous ones (or the defaults)', error);
    }
    try {
      await Promise.all(this.folders.map((folder) => this.reloadProjectFile(folder)));
      for (const folder of this.folders) this.reloadBaselineFile(folder);
      for (const folder of [...this.projectFiles.keys()])
        if (!this.folders.includes(folder)) this.projectFiles.delete(folder);
      for (const folder of [...this.baselineFiles.keys()])
        if (!this.folders.includes(folder)) this.baselineFiles.delete(folder);
    } catch (error) {
      this.log.error(`Could not read ${CONFIG_FILE_NAME}`, error);
    } finally {
      this.readyResolve();
    }
  }

  private async loadSettings(): Promise<void> {
    const scopes = [GLOBAL_SCOPE, ...this.folders];
    const problems: string[] = [];
    if (this.canPullSettings) {
      const items = scopes.flatMap((scope) => {
        const scopeUri = scope ? uriOfPath(scope) : undefined;
        return [
          { scopeUri, section: 'bulkhead' },
          { scopeUri, section: 'files.exclude' },
        ];
      });
      const values: unknown[] = await answerWithin(
        this.connection.workspace.getConfiguration(items),
        SETTINGS_TIMEOUT_MS,
        'workspace/configuration',
      );
      this.scopes.clear();
      scopes.forEach((scope, i) => {
        const settings = readSettings(values[2 * i], problems);
        this.scopes.set(scope, {
          settings,
          exclude: compileGlobs(settings.exclude, 'bulkhead.exclude', problems),
          filesExclude: compileGlobs(readFilesExclude(values[2 * i + 1]), 'files.exclude', problems),
        });
      });
    } else {
      const pushed = (this.pushedSettings as { bulkhead?: unknown } | undefined)?.bulkhead;
      const settings = readSettings(pushed, problems);
      this.scopes.clear();
      this.scopes.set(GLOBAL_SCOPE, {
        settings,
        exclude: compileGlobs(settings.exclude, 'bulkhead.exclude', problems),
        filesExclude: [],
      });
    }
    const known = knownRuleIds();
    for (const scope of this.scopes.values()) {
      for (const id of Object.keys(scope.settings.rules)) {
        if (!known.has(id)) problems.push(`bulkhead.rules: unknown rule id \`${id}\``);
      }
    }
    for (const problem of new Set(problems)) this.log.warn(`Settings: ${problem}`);
  }

  /** Reads `<folder>/.bulkhead.yaml` again (gone: no project configuration). */
  async reloadProjectFile(folder: string): Promise<void> {
    const { path, read } = readProjectFile(folder);
    if (read.notRead !== undefined) {
      if (!read.absent) this.log.warn(`${path} not read: ${read.notRead}; the folder's settings apply without it`);
      this.projectFiles.delete(folder);
      return;
    }
    const text = read.text;
    const { config, errors, switchedOff } = parseConfig(text, path, knownRuleIds());
    // The file wins only for what it says: a default maxFileSize from parseConfig must not override the setting.
    const setsMaxFileSize = !errors.some((e) => e.key === 'maxFileSize') && parseDocument(text).has('maxFileSize');
    this.projectFiles.set(folder, { path, config, errors, switchedOff, setsMaxFileSize });
    if (errors.length) {
      this.log.warn(`${path}: ${errors.length} problem${errors.length > 1 ? 's' : ''}; the valid parts apply`);
      for (const error of errors) this.log.warn(`  ${formatConfigError(error)}`);
    } else this.log.debug(`Read ${path}`);
    if (switchedOff.length) {
      const summary = `${path} switches off ${switchedOff.length} check${switchedOff.length > 1 ? 's' : ''}: ${switchedOff.map((off) => off.check).join(', ')}`;
      if (this.workspaceTrusted === false) this.log.warn(`${summary} (in a workspace you have not trusted)`);
      else this.log.info(summary);
    }
  }

  /**
   * Reads `<folder>/.bulkhead-baseline.json` again (gone: every finding is published). Through the reader, as
   * `.bulkhead.yaml`: nothing outside the folder, no FIFO, a size limit.
   */
  reloadBaselineFile(folder: string): void {
    const path = join(folder, BASELINE_FILE_NAME);
    const read = readFileWithin(path, { roots: readRoots([folder]), maxFileSize: BASELINE_MAX_SIZE });
    if (read.notRead !== undefined) {
      if (read.absent) this.baselineFiles.delete(folder);
      else {
        this.log.warn(`${path} not read: ${read.notRead}; every finding is shown`);
        this.baselineFiles.set(folder, { path, error: `not read: ${read.notRead}` });
      }
      return;
    }
    const parsed = parseBaseline(read.text);
    if ('error' in parsed) {
      this.log.warn(`${path}: ${parsed.error}; every finding is shown`);
      this.baselineFiles.set(folder, { path, error: parsed.error });
      return;
    }
    const size = baselineSize(parsed.baseline);
    const summary = `${path} accepts ${size} finding${size === 1 ? '' : 's'}: they are not shown`;
    if (this.workspaceTrusted === false) this.log.warn(`${summary} (in a workspace you have not trusted)`);
    else this.log.info(summary);
    this.baselineFiles.set(folder, { path, baseline: parsed.baseline });
  }

  /** The workspace folder whose `.bulkhead-baseline.json` this is, if it is one. */
  baselineFileFolder(path: string): string | undefined {
    return this.folders.find((folder) => join(folder, BASELINE_FILE_NAME) === path);
  }

  /** Each folder's baseline file as read, and whether the workspace is untrusted (its hiding is then shown). */
  baselineFileStates(): { states: BaselineFileState[]; untrusted: boolean } {
    return { states: [...this.baselineFiles.values()], untrusted: this.workspaceTrusted === false };
  }

  /** The workspace folder whose `.bulkhead.yaml` this is, if it is one. */
  projectFileFolder(path: string): string | undefined {
    return this.folders.find((folder) => join(folder, CONFIG_FILE_NAME) === path);
  }

  /** Problems in each `.bulkhead.yaml`, by its path (empty lists for files without problems, so they get cleared). */
  projectFileErrors(): Map<string, ConfigError[]> {
    const result = new Map<string, ConfigError[]>();
    for (const file of this.projectFiles.values()) result.set(file.path, file.errors);
    return result;
  }

  /** The `.bulkhead.yaml` files in use, and how many rules and patterns they switch off together. */
  projectFilesInUse(): { paths: string[]; switchedOff: number } {
    const files = [...this.projectFiles.values()];
    return { paths: files.map((f) => f.path), switchedOff: files.reduce((n, f) => n + f.switchedOff.length, 0) };
  }

  /** False when the client says the user has not trusted the workspace. */
  get trusted(): boolean {
    return this.workspaceTrusted !== false;
  }

  /**
   * What each `.bulkhead.yaml` switches off, by its path, when the workspace is untrusted: shown in the file so that a
   * repository cannot silence Bulkhead unseen. Empty lists otherwise (the log still says it).
   */
  projectFileSwitchOffs(): Map<string, ConfigSwitchOff[]> {
    const result = new Map<string, ConfigSwitchOff[]>();
    for (const file of this.projectFiles.values())
      result.set(file.path, this.workspaceTrusted === false ? file.switchedOff : []);
    return result;
  }

  forFile(path: string | undefined): FileConfig {
    const folder = path ? folderOf(path, this.folders) : undefined;
    const scope = (folder !== undefined ? this.scopes.get(folder) : undefined) ?? this.scopes.get(GLOBAL_SCOPE);
    const settings = scope?.settings ?? defaultSettings();
    const project = folder !== undefined ? this.projectFiles.get(folder) : undefined;
    const engine = defaultConfig();
    engine.rules = { ...settings.rules, ...(project?.config.rules ?? {}) };
    engine.exclude = [...settings.exclude, ...(project?.config.exclude ?? [])];
    engine.excludePatterns = [...(scope?.exclude ?? []), ...(project?.config.excludePatterns ?? [])];
    engine.maxFileSize = project?.setsMaxFileSize
      ? project.config.maxFileSize
      : (settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    const roots = folder !== undefined ? this.roots : readRoots(path ? [dirname(path)] : []);
    const baseline = folder !== undefined ? this.baselineFiles.get(folder)?.baseline : undefined;
    return {
      settings,
      engine,
      folder,
      roots,
      scanExcludes: scope?.filesExclude ?? [],
      ...(baseline ? { baseline } : {}),
    };
  }

  /** Excluded by `bulkhead.exclude` or `.bulkhead.yaml` (always), or by `files.exclude` (for the workspace scan). */
  isExcluded(path: string, config: FileConfig, forScan: boolean, isFolder = false): boolean {
    if (config.folder === undefined) return false;
    const rel = relativePosix(config.folder, path);
    if (matchesAny(rel, config.engine.excludePatterns, isFolder)) return true;
    return forScan && matchesAny(rel, config.scanExcludes, isFolder);
  }

  /** The settings that apply everywhere (tracing, debounce): the global scope's. */
  get global(): Settings {
    return this.scopes.get(GLOBAL_SCOPE)?.settings ?? defaultSettings();
  }
}

/** Globs typed by hand: one that cannot be read is reported and left out, the others still apply. */
function compileGlobs(globs: readonly string[], setting: string, problems: string[]): Glob[] {
  const compiled: Glob[] = [];
  for (const pattern of globs) {
    const { glob, error } = compileGlob(pattern);
    if (glob) compiled.push(glob);
    else problems.push(`${setting}: cannot read the pattern ${quotePattern(pattern)}: ${error}`);
  }
  return compiled;
}

function answerWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
