import { lstat, readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import {
  FileChangeType,
  type Connection,
  type FileEvent,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../shared/src/config';
import { BASELINE_FILE_NAME } from '../../shared/src/baseline/file';
import { detectKind } from '../../shared/src/detect';
import type { FileKind } from '../../shared/src/types';
import type { Configuration, FileConfig } from './configuration';
import type { OpenDocuments } from './documents';
import { readForAnalysisSync } from './files';
import type { Linter } from './linter';
import { ScanPool, workerCount, type ScanJob } from './scan-pool';
import { folderOf, pathOfUri, uriOfPath } from './paths';
import { isInside } from '../../shared/src/io/read-file';
import type { DiagnosticsStore, Entry } from './store';
import type { Logger } from './log';

/** Folders no one wants scanned: version control metadata and installed dependencies. */
const SKIPPED_FOLDERS = new Set(['.git', '.hg', '.svn', 'node_modules']);
/** A workspace with more Dockerfiles and Compose files than this is probably a mirror; the rest is left unscanned. */
const MAX_FILES = 20000;
/** Progress messages are throttled: a message per file would cost more than the analysis. */
const PROGRESS_INTERVAL_MS = 200;
/** After an open document's analysis, the files that read it wait this long for typing to pause. */
const DEPENDENTS_DELAY_MS = 250;

export interface ScanResult {
  files: number;
  cancelled: boolean;
}

/**
 * The workspace-wide listing: finds every Dockerfile and Compose file in the workspace folders, analyses them in the
 * background with cancellable progress, and keeps them current from file system events. Open documents are the
 * editor's business (their text may differ from the disk), so the scan leaves them alone.
 */
export class Workspace {
  private generation = 0;
  private dependentTimers = new Map<string, NodeJS.Timeout>();
  private pool: ScanPool | undefined;
  private current: Promise<ScanResult> | undefined;
  /** A scan is running (the status item shows it). */
  scanning = false;
  /** Called when a scan starts and ends. */
  onScanning: (scanning: boolean) => void = () => undefined;
  /** Called before file events that create or delete paths are handled, and before each scan: listings change. */
  onPathsChanged: () => void = () => undefined;
  /** The running scan was asked for with `force`. */
  private forcedRunning = false;
  private firstScanDone!: () => void;
  /** Resolves when the first scan after start has finished (or was skipped): pull requests wait for it. */
  readonly firstScan = new Promise<void>((resolve) => (this.firstScanDone = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly config: Configuration,
    private readonly linter: Linter,
    private readonly store: DiagnosticsStore,
    private readonly documents: OpenDocuments,
    private readonly log: Logger,
    /** The server's own script, started again as the scan's worker threads. */
    private readonly workerScript: string = __filename,
  ) {}

  private get enabled(): boolean {
    return this.config.workspaceFolders.some((folder) => {
      const settings = this.config.forFile(folder).settings;
      return settings.enable && settings.workspaceScan;
    });
  }

  /** Scans all folders (a running scan is superseded); with `force`, even when the setting turns scanning off. */
  scan(force = false): Promise<ScanResult> {
    if (!force && !this.enabled) {
      // The start-up scan with scanning off must not cancel a scan the user asked for meanwhile (`force`).
      if (this.forcedRunning) return Promise.resolve({ files: 0, cancelled: false });
      this.generation++;
      this.forgetDiskFiles(() => true);
      this.firstScanDone();
      return Promise.resolve({ files: 0, cancelled: false });
    }
    const generation = ++this.generation;
    this.forcedRunning = force;
    const run = this.run(generation, force).finally(() => {
      if (generation === this.generation) this.forcedRunning = false;
      this.firstScanDone();
    });
    this.current = run;
    return run;
  }

  /** Stops a running scan (shutdown). */
  stop(): void {
    this.generation++;
    this.forcedRunning = false;
  }

  /** Waits for a scan in progress, if any. */
  async settled(): Promise<void> {
    await this.firstScan;
    await this.current?.catch(() => undefined);
  }

  private async run(generation: number, force: boolean): Promise<ScanResult> {
    await this.config.ready;
    const progress = await this.startProgress();
    // A scan is asked for when what the watchers said is in doubt.
    this.onPathsChanged();
    this.scanning = true;
    this.onScanning(true);
    const superseded = () => generation !== this.generation;
    const cancelled = () => superseded() || progress?.token.isCancellationRequested === true;
    let analysed = 0;
    try {
      progress?.begin('Bulkhead', 0, 'Finding Dockerfiles and Compose files…', true);
      const started = performance.now();
      const found = await this.findFiles(cancelled);
      progress?.report(0, `Analysing ${found.size} files…`);
      let lastReport = performance.now();
      const tick = () => {
        analysed++;
        if (performance.now() - lastReport > PROGRESS_INTERVAL_MS) {
          lastReport = performance.now();
          progress?.report(Math.floor((analysed / found.size) * 100), `${analysed}/${found.size} files`);
        }
      };
      let left = [...found].map(([path, kind]) => ({ path, kind }));
      const workers = workerCount(left.length);
      if (workers > 0 && !cancelled()) left = await this.analyseInWorkers(left, workers, force, cancelled, tick);
      for (const { path, kind } of left) {
        if (cancelled()) break;
        this.analyseFromDisk(path, kind, force);
        tick();
        // Let edits, hovers and code actions through between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const wasCancelled = cancelled();
      if (!wasCancelled) {
        // Files analysed before but not found now were deleted (or excluded) while no one was watching.
        this.forgetDiskFiles((entry) => !entry.path || !found.has(entry.path));
        this.log.info(`Workspace scan: ${analysed} files in ${(performance.now() - started).toFixed(0)} ms`);
      } else if (!superseded()) {
        this.log.info(`Workspace scan cancelled after ${analysed} of ${found.size} files`);
      }
      progress?.report(100, `${analysed}/${found.size} files`);
      return { files: analysed, cancelled: wasCancelled };
    } catch (error) {
      this.log.error('Workspace scan failed', error);
      return { files: analysed, cancelled: false };
    } finally {
      progress?.done();
      // A superseded scan hands over to the next one, which is still running.
      if (generation === this.generation) {
        this.scanning = false;
        this.onScanning(false);
      }
    }
  }

  /** Every Dockerfile and Compose file of the workspace folders that is not excluded, in a stable order. */
  async findFiles(cancelled: () => boolean = () => false): Promise<Map<string, FileKind>> {
    const found = new Map<string, FileKind>();
    for (const folder of this.config.workspaceFolders) {
      if (cancelled()) break;
      await this.walk(folder, folder, found, cancelled);
    }
    return found;
  }

  private async startProgress(): Promise<WorkDoneProgressServerReporter | undefined> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch (error) {
      this.log.debug(`No progress reporting: ${String(error)}`);
      return undefined;
    }
  }

  private async walk(
    folder: string,
    dir: string,
    found: Map<string, FileKind>,
    cancelled: () => boolean,
  ): Promise<void> {
    if (cancelled() || found.size >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.log.warn(`Cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const config = this.config.forFile(dir);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (this.config.isExcluded(path, config, true, entry.isDirectory())) continue;
      if (entry.isDirectory()) {
        // Links to folders are not followed: inside the workspace their target is walked anyway, outside is out of scope.
        if (!SKIPPED_FOLDERS.has(entry.name)) await this.walk(folder, path, found, cancelled);
      } else {
        // Files, links, and a FIFO or device named like one: the reader says why those are not read, never opens them.
        const kind = detectKind(path);
        if (!kind) continue;
        if (found.size >= MAX_FILES) {
          this.log.warn(`More than ${MAX_FILES} Dockerfiles and Compose files in ${folder}: the rest is not scanned`);
          return;
        }
        found.set(path, kind);
      }
    }
  }

  /**
   * Analyses a file from disk unless it is open (the editor's text wins) or excluded; `force` when the user asked for
   * a scan although the setting turns scanning off. Answers whether the file's entry now holds the disk's result.
   */
  private analyseFromDisk(path: string, kind: FileKind, force = false): boolean {
    const key = path;
    if (this.documents.isOpen(key)) return false;
    const config = this.config.forFile(path);
    if (!this.scanWants(path, config, force)) return false;
    // Read synchronously: a workspace file is small (its size is checked first) and the scan yields between files
    // anyway, while an asynchronous read leaves the analysis idle for each thread-pool round trip (see BENCHMARKS.md).
    const read = readForAnalysisSync(path, config);
    // The file may have been opened while it was read: the document's analysis stands.
    if (this.documents.isOpen(key)) return false;
    const target = { key, uri: uriOfPath(path), path, kind, version: null };
    if ('missing' in read) {
      this.forget(key);
      return false;
    }
    if ('skipped' in read) this.linter.skipped(target, read.skipped);
    else this.linter.lint(target, read.text, true);
    return true;
  }

  /** Whether the scan analyses the file; if not, its result from an earlier scan goes. */
  private scanWants(path: string, config: FileConfig, force: boolean): boolean {
    if (
      !config.settings.enable ||
      (!config.settings.workspaceScan && !force) ||
      this.config.isExcluded(path, config, true)
    ) {
      this.forget(path);
      return false;
    }
    return true;
  }

  /**
   * The scan's files on worker threads (see `ScanPool`): this thread decides what is analysed, stores and publishes.
   * Answers the files left to this thread (no worker could start, or one crashed).
   */
  private async analyseInWorkers(
    files: { path: string; kind: FileKind }[],
    workers: number,
    force: boolean,
    cancelled: () => boolean,
    tick: () => void,
  ): Promise<{ path: string; kind: FileKind }[]> {
    this.pool ??= new ScanPool(this.log, this.workerScript);
    // One configuration per folder for the whole run: the workers receive each once per batch.
    const configs = new Map<string, FileConfig>();
    const configFor = (path: string) => {
      const folder = folderOf(path, this.config.workspaceFolders) ?? '';
      let config = configs.get(folder);
      if (!config) configs.set(folder, (config = this.config.forFile(path)));
      return config;
    };
    type Job = ScanJob & { before: Entry | undefined };
    const jobs: Job[] = files.map(({ path, kind }) => ({
      path,
      kind,
      engine: undefined!,
      roots: undefined!,
      before: undefined,
    }));
    const started = performance.now();
    const left = await this.pool.analyse(jobs, workers, {
      cancelled,
      prepare: (job) => {
        if (this.documents.isOpen(job.path)) {
          tick();
          return false;
        }
        const config = configFor(job.path);
        if (!this.scanWants(job.path, config, force)) {
          tick();
          return false;
        }
        job.engine = config.engine;
        job.folder = config.folder;
        job.roots = config.roots;
        job.baseline = config.baseline;
        job.before = this.store.get(job.path);
        return true;
      },
      done: (job, outcome) => {
        tick();
        // Opened, or analysed again from a file event, while the worker had it: the newer result stands.
        if (this.documents.isOpen(job.path) || this.store.get(job.path) !== job.before) return;
        const target = { key: job.path, uri: uriOfPath(job.path), path: job.path, kind: job.kind, version: null };
        if ('missing' in outcome) this.forget(job.path);
        else if ('skipped' in outcome) this.linter.skipped(target, outcome.skipped);
        // The worker read the disk: a file it read is open with unsaved text here, which wins.
        else if (outcome.reads.some((read) => this.documents.isOpen(read)))
          this.analyseFromDisk(job.path, job.kind, force);
        else this.linter.accept(target, outcome.report, outcome.reads);
      },
    });
    this.log.debug(
      () =>
        `Workspace scan: ${files.length - left.length} files on ${workers} worker threads in ${(performance.now() - started).toFixed(0)} ms`,
    );
    return left;
  }

  /** Ends the scan workers (shutdown). */
  close(): void {
    this.stop();
    for (const timer of this.dependentTimers.values()) clearTimeout(timer);
    this.dependentTimers.clear();
    this.pool?.close();
  }

  /**
   * A document was closed: its file goes back to the scan's results when the scan covers it. Answers false when the
   * disk has nothing for it (the file was deleted or renamed while open, or is excluded): its diagnostics then go.
   */
  takeBack(path: string | undefined): boolean {
    if (!path) return false;
    const kind = detectKind(path);
    const folder = folderOf(path, this.config.workspaceFolders);
    if (!kind || folder === undefined) return false;
    const settings = this.config.forFile(path).settings;
    if (!settings.enable || !settings.workspaceScan) return false;
    try {
      return this.analyseFromDisk(path, kind);
    } catch (error) {
      this.log.error(`Could not analyse ${path}`, error);
      return false;
    }
  }

  /**
   * File system events: analyse what changed, and what read it (a Compose file whose Dockerfile changed). Answers
   * whether a workspace folder's `.bulkhead.yaml` changed: then everything needs analysing again.
   */
  async onFilesChanged(changes: readonly FileEvent[]): Promise<boolean> {
    if (changes.some((change) => change.type !== FileChangeType.Changed)) this.onPathsChanged();
    let configChanged = false;
    const touched = new Set<string>();
    const toAnalyse = new Map<string, FileKind>();
    for (const change of changes) {
      const path = pathOfUri(change.uri);
      if (!path) continue;
      if (basename(path) === CONFIG_FILE_NAME && this.config.projectFileFolder(path) !== undefined) {
        configChanged = true;
        continue;
      }
      // A baseline changes what every file of its folder publishes: as a configuration does.
      if (basename(path) === BASELINE_FILE_NAME && this.config.baselineFileFolder(path) !== undefined) {
        configChanged = true;
        continue;
      }
      touched.add(path);
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event: everything known below it is gone too.
        for (const entry of this.store.all()) {
          if (entry.path && entry.version === null && isInside(entry.path, path)) this.forget(entry.key);
        }
        continue;
      }
      const folder = folderOf(path, this.config.workspaceFolders);
      if (folder === undefined) continue;
      const kind = detectKind(path);
      if (kind) toAnalyse.set(path, kind);
      else if (change.type === FileChangeType.Created && (await this.isWalkableFolder(folder, path)))
        await this.walk(folder, path, toAnalyse, () => false);
    }
    // A folder's files may come as their own events as well as the folder's: each is analysed once.
    for (const [path, kind] of toAnalyse) {
      touched.add(path);
      this.analyseFromDisk(path, kind);
    }
    const dependents = new Map<string, Entry>();
    for (const path of touched)
      for (const entry of this.store.dependents(path)) if (!touched.has(entry.key)) dependents.set(entry.key, entry);
    for (const entry of dependents.values()) await this.reanalyse(entry);
    return configChanged;
  }

  /**
   * A created path the scan would walk: a real folder (a link to one is not followed, as in the scan), not one of
   * the skipped folders or below one, not excluded.
   */
  private async isWalkableFolder(folder: string, path: string): Promise<boolean> {
    if (
      relative(folder, path)
        .split(sep)
        .some((segment) => SKIPPED_FOLDERS.has(segment))
    )
      return false;
    try {
      if (!(await lstat(path)).isDirectory()) return false;
    } catch {
      return false; // gone again, or unreadable: the next event or scan says more
    }
    return !this.config.isExcluded(path, this.config.forFile(path), true, true);
  }

  /**
   * Analyses again, once typing pauses, the files whose last analysis read `path`, an open document that was just
   * analysed (a Compose file follows its Dockerfile's unsaved edits). Waiting keeps their analyses off the keystrokes:
   * re-analysing a 500-line Compose file after every typed character of its Dockerfile delayed the next character's
   * diagnostics (BENCHMARKS.md).
   */
  refreshDependentsSoon(path: string): void {
    clearTimeout(this.dependentTimers.get(path));
    this.dependentTimers.set(
      path,
      setTimeout(() => {
        this.dependentTimers.delete(path);
        void this.refreshDependents(path).catch((error: unknown) =>
          this.log.error(`Could not analyse the files that read ${path}`, error),
        );
      }, DEPENDENTS_DELAY_MS),
    );
  }

  /** Analyses again the files whose last analysis read `path` (its text changed in the editor or on disk). */
  async refreshDependents(path: string): Promise<void> {
    for (const entry of this.store.dependents(path)) if (entry.key !== path) await this.reanalyse(entry);
  }

  /** After a settings or `.bulkhead.yaml` change: everything again, open documents first. */
  async onConfigurationChanged(): Promise<void> {
    await this.documents.relintAll();
    await this.scan();
  }

  private async reanalyse(entry: Entry): Promise<void> {
    if (entry.version !== null) {
      const document = this.documents.byKey(entry.key);
      if (document)
        this.linter.lint(
          { key: entry.key, uri: entry.uri, path: entry.path, kind: entry.kind, version: document.version },
          document.getText(),
        );
    } else if (entry.path) {
      this.analyseFromDisk(entry.path, entry.kind);
    }
  }

  private forget(key: string): void {
    if (this.store.get(key)?.version === null) this.store.delete(key);
  }

  private forgetDiskFiles(which: (entry: Entry) => boolean): void {
    for (const entry of this.store.all()) if (entry.version === null && which(entry)) this.store.delete(entry.key);
  }
}
