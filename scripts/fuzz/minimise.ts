/**
 * Delta debugging (Zeller's ddmin, complements only): the smallest input that still fails the same way, first by
 * whole lines, then by characters. `fails` answers whether a candidate still shows the failure; `budget` caps how
 * many candidates are tried, so a slow failure (a hang) cannot make minimising endless.
 */
export async function ddmin<T>(items: readonly T[], fails: (candidate: T[]) => Promise<boolean>, budget: { tests: number }): Promise<T[]> {
  let current = [...items];
  let n = 2;
  while (current.length >= 2 && budget.tests > 0) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && budget.tests > 0; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
      budget.tests--;
      if (await fails(complement)) {
        current = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  return current;
}

export async function minimise(text: string, fails: (candidate: string) => Promise<boolean>, tests = 600): Promise<string> {
  const budget = { tests };
  const lines = await ddmin(text.split(/(?<=\n)/), (c) => fails(c.join('')), budget);
  const chars = await ddmin([...lines.join('')], (c) => fails(c.join('')), budget);
  return chars.join('');
}
