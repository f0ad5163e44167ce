/**
 * Delta debugging (Zeller's ddmin, complements only): the smallest input that still fails the same way, first by
 * whole lines, then by characters. `fails` answers whether a candidate still shows the failure; `budget` caps how
 * many candidates are tried and until when, so a slow failure (a hang, an expansion) cannot make minimising endless.
 */
export interface Budget {
  tests: number;
  /** Milliseconds since the epoch. */
  deadline: number;
}

function spent(budget: Budget): boolean {
  return budget.tests <= 0 || Date.now() >= budget.deadline;
}

export async function ddmin<T>(
  items: readonly T[],
  fails: (candidate: T[]) => Promise<boolean>,
  budget: Budget,
): Promise<T[]> {
  let current = [...items];
  let n = 2;
  while (current.length >= 2 && !spent(budget)) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && !spent(budget); start += size) {
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

export async function minimise(
  text: string,
  fails: (candidate: string) => Promise<boolean>,
  budget: Budget = { tests: 600, deadline: Date.now() + 60_000 },
): Promise<string> {
  const lines = await ddmin(text.split(/(?<=\n)/), (c) => fails(c.join('')), budget);
  const chars = await ddmin([...lines.join('')], (c) => fails(c.join('')), budget);
  return chars.join('');
}
