/**
 * Young-generation garbage collected while the server waits for the next keystroke, not during the next analysis.
 *
 * Each analysis of an open document allocates a few megabytes (the parse, the model, the diagnostics and their JSON),
 * and V8 collects its young generation when that space fills: every third or fourth keystroke of a 500-line Compose
 * file, in the middle of an analysis. Each such collection copies what is still alive, the last analysis' results
 * among it, and took 3–8 ms here: the largest part of the keystroke latency's tail (BENCHMARKS.md). Collected a few
 * milliseconds after the diagnostics are published, while the user's next keystroke is still tens of milliseconds
 * away, the space is nearly empty when the next analysis starts. The collector costs more CPU in total (it runs after
 * most analyses instead of every few) but none of it while a keystroke waits for its diagnostics.
 *
 * V8 exposes a collection only to code started with `--expose-gc`; an editor launches the server with flags of its
 * own, so the flag is set at run time and the `gc` function read from a new context (as Jest's leak detector does).
 * Where that fails, nothing is collected here and V8 collects as it always does. `BULKHEAD_IDLE_GC=0` turns it off.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Collects the young generation now. */
export type CollectYoung = () => void;

/** Bytes used and available in the young generation's active half. */
export interface YoungSpace {
  used: number;
  size: number;
}

/** Collect only when the young generation is at least this full: a nearly empty space is cheap to leave. */
const MIN_FILL = 0.25;

/** After an analysis, wait this long for the publication to be written and for more work before collecting. */
const DELAY_MS = 2;

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  /** Collections run so far. */
  collections = 0;

  constructor(
    /** null: this process cannot collect (or must not: `BULKHEAD_IDLE_GC=0`). */
    private readonly collect: CollectYoung | null = process.env.BULKHEAD_IDLE_GC === '0'
      ? null
      : (youngCollector() ?? null),
    private readonly space: () => YoungSpace | undefined = youngSpace,
    private readonly delayMs = DELAY_MS,
  ) {}

  /** Whether this process can collect on its own. */
  get enabled(): boolean {
    return this.collect !== null;
  }

  /** Work has ended: collect once nothing else happens for a moment. A new call before then postpones it. */
  afterWork(): void {
    if (!this.collect) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const space = this.space();
      if (!space || space.used < space.size * MIN_FILL) return;
      this.collections++;
      this.collect!();
    }, this.delayMs);
    // A pending collection never keeps the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

let cachedCollector: CollectYoung | null | undefined;

/** A function that runs a young-generation collection, or undefined when V8 does not give one. */
export function youngCollector(): CollectYoung | undefined {
  if (cachedCollector === undefined) {
    cachedCollector = null;
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as unknown;
      if (typeof gc === 'function')
        cachedCollector = () => (gc as (options: { type: 'minor' }) => void)({ type: 'minor' });
    } catch {
      // Not available: V8 collects on its own schedule.
    }
  }
  return cachedCollector ?? undefined;
}

export function youngSpace(): YoungSpace | undefined {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space && { used: space.space_used_size, size: space.space_size };
}
