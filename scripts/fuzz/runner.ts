/**
 * Runs `checkInput` in a worker thread, so that an input that hangs the engine (an expansion that never ends) is a
 * finding and not the end of the campaign: when a step of the check (the analysis, or one fix's check) takes longer
 * than the time guard, the worker is terminated, a fresh one started, and the input reported as a `hang`. The worker is the calling bundle itself (`entry`, which calls `serveChecks` when it is
 * not the main thread): scripts and tests are bundled one file each.
 */
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { checkInput, type CheckResult, type FuzzInput } from './properties';

/** Far above any real file's time, well below a test's hang guard. */
export const HANG_MS = 10_000;

/** In the worker: answer each input posted with its check result. */
export function serveChecks(): void {
  if (isMainThread || !parentPort) throw new Error('serveChecks runs in a worker thread');
  const port = parentPort;
  port.on('message', (input: FuzzInput) =>
    port.postMessage({ done: checkInput(input, undefined, () => port.postMessage({ step: true })) }),
  );
}

export class CheckRunner {
  private worker: Worker | undefined;
  /** Workers started: one, plus one after each hang. */
  started = 0;

  constructor(
    private readonly entry: string,
    private readonly hangMs = HANG_MS,
  ) {}

  /** Checks one input; a `hang` when the worker makes no step (the analysis, or one fix's check) within the guard. */
  check(input: FuzzInput): Promise<CheckResult> {
    const worker = (this.worker ??= this.spawn());
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const done = (result: CheckResult) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(result);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.worker = undefined;
          void worker.terminate();
          done({
            ms: this.hangMs,
            fixes: 0,
            failures: [{ property: 'hang', detail: `no answer in ${this.hangMs} ms` }],
          });
        }, this.hangMs);
      };
      const onMessage = (message: { step?: true; done?: CheckResult }) => {
        if (message.done) done(message.done);
        else arm();
      };
      const onError = (error: Error) => {
        this.worker = undefined;
        done({
          ms: 0,
          fixes: 0,
          failures: [{ property: 'exception', detail: `worker died: ${error.message.split('\n')[0]}` }],
        });
      };
      arm();
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(input);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(): Worker {
    this.started++;
    // A stack overflow or an out-of-memory in the engine ends the worker, not the campaign.
    return new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  }
}
