import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { forcedScanWorkers } from '../../shared/src/io/scan-workers';
import { fileContext, scanTarget, type ScanOptions, type ScannedFile } from './scan';
import type { Target } from './walk';

/** `workerData.role` of an analysis worker: the CLI's own bundle, started again as a worker thread. */
export const CLI_WORKER_ROLE = 'bulkhead-cli-worker';
/** Below this many files the analysis stays on the main thread: starting workers would cost more than it saves. */
const MIN_FILES_FOR_WORKERS = 100;
const MAX_WORKERS = 4;
/** Files per message: small enough that the workers finish together, large enough that messages stay rare. */
const BATCH_SIZE = 16;
/** See the language server's scan pool: a worker's garbage counts towards the process's memory. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };

interface Batch {
  id: number;
  targets: Target[];
}

interface BatchResult {
  id: number;
  files: ScannedFile[];
}

/**
 * Below this many logical cores the CLI scans on its own thread. Measured on 2 vCPUs (BENCHMARKS.md): two processes
 * side by side got only 1.34× the throughput of one, and two workers (the main thread waiting) took 13.2 s where one
 * thread took 11.9 s on the 10,000-file workspace; with 2 logical cores often one physical core, workers start to pay
 * from 4.
 */
const MIN_CORES_FOR_WORKERS = 4;

/** How many workers: `BULKHEAD_SCAN_WORKERS` (0 = none) wins; else one per core, none for a few files or few cores. */
export function workerCount(
  files: number,
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): number {
  const forced = forcedScanWorkers(env);
  if (forced !== undefined) return forced;
  if (files < MIN_FILES_FOR_WORKERS || cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.min(MAX_WORKERS, cores);
}

/**
 * Scans the targets on worker threads; the results are in the targets' order, whatever order they come back in. Each
 * file is read, analysed and (with `--fix`) written by the one worker that has it. Files of a worker that cannot start
 * or crashes are scanned on this thread.
 */
export async function scanInWorkers(
  targets: readonly Target[],
  options: ScanOptions,
  count: number,
  script: string,
): Promise<ScannedFile[]> {
  const results: (ScannedFile | undefined)[] = new Array(targets.length);
  const batches: Batch[] = [];
  for (let i = 0; i < targets.length; i += BATCH_SIZE)
    batches.push({ id: i, targets: targets.slice(i, i + BATCH_SIZE) });
  let next = 0;
  const orphans: Batch[] = [];
  await Promise.all(
    Array.from(
      { length: Math.min(count, batches.length) },
      () =>
        new Promise<void>((resolve) => {
          let worker: Worker;
          try {
            worker = new Worker(script, {
              workerData: { role: CLI_WORKER_ROLE, options },
              resourceLimits: WORKER_LIMITS,
            });
          } catch {
            resolve();
            return;
          }
          let current: Batch | undefined;
          let finished = false;
          const finish = () => {
            if (finished) return;
            finished = true;
            if (current) orphans.push(current);
            current = undefined;
            void worker.terminate().catch(() => undefined);
            resolve();
          };
          const send = () => {
            current = batches[next++];
            if (!current) return finish();
            worker.postMessage(current);
          };
          worker.on('message', (message: BatchResult) => {
            message.files.forEach((file, i) => (results[message.id + i] = file));
            current = undefined;
            send();
          });
          worker.on('error', finish);
          worker.on('exit', finish);
          send();
        }),
    ),
  );
  // Batches no worker took (none could start) or lost with a crashed worker.
  const context = fileContext(options);
  for (const batch of [...orphans, ...batches.slice(next)]) {
    batch.targets.forEach((target, i) => (results[batch.id + i] ??= scanTarget(target, options, context)));
  }
  return results as ScannedFile[];
}

/** The worker's side: scans each batch it is sent with the options it was started with. */
export function runScanWorker(options: ScanOptions): void {
  const port = parentPort;
  if (!port) return;
  const context = fileContext(options);
  port.on('message', (batch: Batch) => {
    const result: BatchResult = {
      id: batch.id,
      files: batch.targets.map((target) => scanTarget(target, options, context)),
    };
    port.postMessage(result);
  });
}
