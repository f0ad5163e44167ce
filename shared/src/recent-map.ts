/**
 * A map that keeps only its most recently set entries: at most `maxEntries`, and entries whose weights add up to at
 * most `maxWeight` (an entry heavier than that alone is not kept). The core's caches across analyses use it: parses
 * kept for the next keystroke, files other files extend, Dockerfiles a Compose file builds. Reading an entry does not
 * make it recent; setting it again does.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly weightOf: (value: V) => number = () => 0,
    private readonly maxWeight = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps the value as the newest entry (unless it alone is too heavy), dropping the oldest ones past the bounds. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weightOf(value);
    if (weight > this.maxWeight) return;
    this.entries.set(key, value);
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) {
      const [oldest, dropped] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.weight -= this.weightOf(dropped);
    }
  }

  delete(key: K): void {
    if (!this.entries.has(key)) return;
    this.weight -= this.weightOf(this.entries.get(key)!);
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}
