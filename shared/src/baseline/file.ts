/**
 * `.bulkhead-baseline.json`: the findings a team has accepted for now, so a scan reports only new ones. Kept in the
 * repository and reviewed like code, so it is written for readable diffs: sorted, one finding per entry, no line
 * numbers (they would change with every unrelated edit), a message only to say what an entry is.
 */
export const BASELINE_FILE_NAME = '.bulkhead-baseline.json';
export const BASELINE_VERSION = 1;
/** A baseline of a large tree is a few megabytes; one past this is not a baseline. */
export const BASELINE_MAX_SIZE = 64 * 1024 * 1024;

export interface BaselineEntry {
  rule: string;
  /** `fingerprintDiagnostics`'s value: a hash of the finding's text and context, and its occurrence index. */
  fingerprint: string;
  /** What the finding said when it was accepted; not compared (wording may change). */
  message: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  /** By file path relative to the baseline's folder, `/`-separated. */
  findings: Record<string, BaselineEntry[]>;
}

/** The accepted findings, for lookups. */
export interface Baseline {
  /** `baselineKey`s. */
  keys: Set<string>;
  /** Paths with entries, and how many each has. */
  counts: Map<string, number>;
}

export function baselineKey(path: string, rule: string, fingerprint: string): string {
  return `${path}\0${rule}\0${fingerprint}`;
}

export function formatBaseline(findings: Iterable<{ path: string } & BaselineEntry>): string {
  const byPath = new Map<string, BaselineEntry[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push({ rule: f.rule, fingerprint: f.fingerprint, message: f.message });
    byPath.set(f.path, list);
  }
  const sorted: BaselineFile = { version: BASELINE_VERSION, findings: {} };
  for (const path of [...byPath.keys()].sort(compareStrings))
    sorted.findings[path] = byPath
      .get(path)!
      .sort((a, b) => compareStrings(a.rule, b.rule) || compareFingerprints(a.fingerprint, b.fingerprint));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** Code-unit order, the same on every machine (not the locale's). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By hash, then by occurrence as a number (`:10` after `:9`). */
function compareFingerprints(a: string, b: string): number {
  const [hashA, nA] = a.split(':');
  const [hashB, nB] = b.split(':');
  return compareStrings(hashA, hashB) || Number(nA) - Number(nB);
}

/** Reads a baseline's text, or says what is wrong with it (in one sentence, for a message naming the file). */
export function parseBaseline(text: string): { baseline: Baseline } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const file = data as Partial<BaselineFile> | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return { error: 'not a JSON object' };
  if (file.version !== BASELINE_VERSION)
    return {
      error: `version ${JSON.stringify(file.version)} is not ${BASELINE_VERSION}; write it again with \`bulkhead baseline\``,
    };
  if (typeof file.findings !== 'object' || file.findings === null || Array.isArray(file.findings))
    return { error: '`findings` is not an object of file paths' };
  const keys = new Set<string>();
  const counts = new Map<string, number>();
  for (const [path, entries] of Object.entries(file.findings)) {
    if (!Array.isArray(entries)) return { error: `\`findings\` of ${JSON.stringify(path)} is not a list` };
    for (const entry of entries as unknown[]) {
      const { rule, fingerprint } = (entry ?? {}) as Partial<BaselineEntry>;
      if (typeof rule !== 'string' || typeof fingerprint !== 'string')
        return { error: `an entry of ${JSON.stringify(path)} lacks its \`rule\` or \`fingerprint\`` };
      keys.add(baselineKey(path, rule, fingerprint));
    }
    counts.set(path, entries.length);
  }
  return { baseline: { keys, counts } };
}

/** How many findings the baseline accepts in all. */
export function baselineSize(baseline: Baseline): number {
  let n = 0;
  for (const count of baseline.counts.values()) n += count;
  return n;
}
