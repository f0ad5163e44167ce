import { availableParallelism } from 'node:os';
import type { Baseline } from '../../shared/src/baseline/file';
import { Worker } from 'node:worker_threads';
import type { BulkheadConfig } from '../../shared/src/config';
import type { ReadRoots } from '../../shared/src/io/read-file';
import { forcedScanWorkers } from '../../shared/src/io/scan-workers';
import type { FileReport } from '../../shared/src/engine';
import type { FileKind } from '../../shared/src/types';
import type { Logger } from './log';

/** `workerData.role` of a scan worker: the server's own bundle, started again as a worker thread. */
export const SCAN_WORKER_ROLE = 'bulkhead-scan-worker';
/** More workers than this gain little: the main thread's publishing becomes the limit. */
const MAX_WORKERS = 4;
/** Below this many files a scan runs on the main thread: starting workers would cost more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;
/** Files per message: few enough to keep both workers busy to the end, enough to make messages rare. */
const BATCH_SIZE = 16;
/** Batches queued per worker, so that it never waits for the main thread between two. */
const BATCHES_IN_FLIGHT = 2;

/**
 * A worker's heap, kept small: V8 lets a heap grow far beyond what is live before collecting, and every worker's
 * garbage counts towards the server's memory. Analyses need a few MB; a file that needs more crashes the worker, and
 * its batch is analysed on the main thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 };

/** What a worker needs to analyse one file as the main thread would. */
export interface ScanJob {
  path: string;
  kind: FileKind;
  engine: BulkheadConfig;
  folder?: string;
  roots: ReadRoots;
  baseline?: Baseline;
}

/** A worker's answer for one file. Reports come without fixes: a code action computes them when asked. */
export type ScanOutcome = { missing: string } | { skipped: string } | { report: FileReport; reads: string[] };

export interface ScanBatch {
  id: number;
  verbose: boolean;
  /** Engine configurations of the batch's files, each sent once. */
  configs: { engine: BulkheadConfig; folder?: string; roots: ReadRoots; baseline?: Baseline }[];
  files: { path: string; kind: FileKind; config: number }[];
}

export type LogLine = ['error' | 'warn' | 'info' | 'debug', string];

export interface ScanBatchResult {
  id: number;
  outcomes: ScanOutcome[];
  logs: LogLine[];
}

export interface PoolHooks<J extends ScanJob> {
  /** Checked before each batch is sent and when results arrive: a cancelled run's results are dropped. */
  cancelled(): boolean;
  /** Called on the main thread just before a file is sent: false leaves the file out (opened, excluded meanwhile). */
  prepare(job: J): boolean;
  /** One file's result, on the main thread. */
  done(job: J, outcome: ScanOutcome): void;
}

interface PoolWorker {
  worker: Worker;
  batches: Set<number>;
}

interface InFlight {
  run: number;
  jobs: ScanJob[];
  worker: PoolWorker;
}

interface Run {
  id: number;
  hooks: PoolHooks<ScanJob>;
  queue: ScanJob[];
  next: number;
  /** Jobs of batches lost with a crashed worker: done on the main thread. */
  orphans: ScanJob[];
  pending: number;
  finish: (left: ScanJob[]) => void;
}

/** How many workers to use: `BULKHEAD_SCAN_WORKERS` (0 = none) wins; else one per core, at most `MAX_WORKERS`. */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = forcedScanWorkers(env);
  if (forced !== undefined) return forced;
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

/**
 * Worker threads that read and analyse workspace files for the scan, so that a large workspace uses every core and the
 * main thread stays free for edits: it only sends paths and stores and publishes what comes back. The workers are
 * started for a scan and ended when no scan needs them (an idle worker holds its own heap). A worker that cannot start
 * or crashes is logged and its files are handed back to the caller, which analyses them on the main thread.
 */
export class ScanPool {
  private workers: PoolWorker[] = [];
  private inFlight = new Map<number, InFlight>();
  private runs = new Map<number, Run>();
  private counter = 0;
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly script: string,
  ) {}

  /**
   * Analyses the jobs on `size` workers; resolves with the jobs left to the caller (workers unavailable or crashed,
   * in order) once every other job is done, or at once when the run is cancelled.
   */
  analyse<J extends ScanJob>(jobs: J[], size: number, hooks: PoolHooks<J>): Promise<J[]> {
    if (this.closed || size <= 0) return Promise.resolve(jobs);
    this.start(size);
    if (!this.workers.length) return Promise.resolve(jobs);
    return new Promise<J[]>((resolve) => {
      const run: Run = {
        id: ++this.counter,
        hooks: hooks as PoolHooks<ScanJob>,
        queue: jobs,
        next: 0,
        orphans: [],
        pending: 0,
        finish: (left) => {
          this.runs.delete(run.id);
          resolve(left as J[]);
          this.stopWhenIdle();
        },
      };
      this.runs.set(run.id, run);
      this.dispatch();
    });
  }

  /** Ends every worker (shutdown); later runs go to the main thread. */
  close(): void {
    this.closed = true;
    for (const run of [...this.runs.values()]) run.finish([]);
    this.stopWorkers();
  }

  get size(): number {
    return this.workers.length;
  }

  private start(size: number): void {
    while (this.workers.length < size) {
      let worker: Worker;
      try {
        worker = new Worker(this.script, { workerData: { role: SCAN_WORKER_ROLE }, resourceLimits: WORKER_LIMITS });
      } catch (error) {
        this.log.error('Could not start a workspace scan worker; the scan runs on the main thread', error);
        return;
      }
      // Workers must never keep the server alive: it exits when its client goes.
      worker.unref();
      const entry: PoolWorker = { worker, batches: new Set() };
      worker.on('message', (message: ScanBatchResult) => this.received(message));
      worker.on('error', (error) => this.lost(entry, error));
      worker.on('exit', (code) => this.lost(entry, `exit code ${code}`));
      this.workers.push(entry);
    }
  }

  private received(message: ScanBatchResult): void {
    const batch = this.inFlight.get(message.id);
    if (!batch) return;
    this.inFlight.delete(message.id);
    batch.worker.batches.delete(message.id);
    const run = this.runs.get(batch.run);
    if (run) {
      run.pending--;
      for (const [level, line] of message.logs) this.log[level](line);
      if (!run.hooks.cancelled()) batch.jobs.forEach((job, i) => run.hooks.done(job, message.outcomes[i]));
    }
    this.dispatch();
  }

  /** A worker failed to start or died: its batches go back to the main thread, and it is not used again. */
  private lost(entry: PoolWorker, reason: unknown): void {
    const index = this.workers.indexOf(entry);
    if (index < 0) return;
    this.workers.splice(index, 1);
    if (!this.closed)
      this.log.error('A workspace scan worker stopped; its files are analysed on the main thread', reason);
    for (const id of entry.batches) {
      const batch = this.inFlight.get(id);
      this.inFlight.delete(id);
      const run = batch && this.runs.get(batch.run);
      if (!run || !batch) continue;
      run.pending--;
      run.orphans.push(...batch.jobs);
    }
    entry.batches.clear();
    void entry.worker.terminate().catch(() => undefined);
    this.dispatch();
  }

  /** Fills every worker's queue from the runs, oldest first; finishes runs with nothing left. */
  private dispatch(): void {
    for (const run of [...this.runs.values()]) {
      if (run.hooks.cancelled()) {
        run.finish([]);
        continue;
      }
      if (!this.workers.length) {
        run.finish([...run.orphans, ...run.queue.slice(run.next)]);
        continue;
      }
      for (const entry of [...this.workers]) {
        while (this.workers.includes(entry) && entry.batches.size < BATCHES_IN_FLIGHT && run.next < run.queue.length) {
          if (!this.send(run, entry)) break;
        }
      }
      if (run.next >= run.queue.length && run.pending === 0) run.finish(run.orphans);
    }
  }

  private send(run: Run, entry: PoolWorker): boolean {
    const jobs: ScanJob[] = [];
    const configs: ScanBatch['configs'] = [];
    const configIndex = new Map<BulkheadConfig, number>();
    const files: ScanBatch['files'] = [];
    while (jobs.length < BATCH_SIZE && run.next < run.queue.length) {
      const job = run.queue[run.next++];
      if (!run.hooks.prepare(job)) continue;
      let config = configIndex.get(job.engine);
      if (config === undefined) {
        config = configs.push({ engine: job.engine, folder: job.folder, roots: job.roots, baseline: job.baseline }) - 1;
        configIndex.set(job.engine, config);
      }
      jobs.push(job);
      files.push({ path: job.path, kind: job.kind, config });
    }
    if (!jobs.length) return false;
    const id = ++this.counter;
    const batch: ScanBatch = { id, verbose: this.log.verbose, configs, files };
    this.inFlight.set(id, { run: run.id, jobs, worker: entry });
    entry.batches.add(id);
    run.pending++;
    try {
      entry.worker.postMessage(batch);
    } catch (error) {
      this.lost(entry, error);
    }
    return true;
  }

  private stopWhenIdle(): void {
    if (!this.runs.size) this.stopWorkers();
  }

  private stopWorkers(): void {
    const workers = this.workers;
    this.workers = [];
    this.inFlight.clear();
    for (const { worker } of workers) void worker.terminate().catch(() => undefined);
  }
}
