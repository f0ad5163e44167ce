import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { compileGlob, quotePattern, type Glob } from './glob';
import type { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.bulkhead.yaml';
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** `.bulkhead.yaml`, after validation. */
export interface BulkheadConfig {
  /** Per-rule severity (`off` disables). */
  rules: Record<string, SeveritySetting>;
  /** Globs of paths (relative to the scanned root) not to scan. */
  exclude: string[];
  excludePatterns: Glob[];
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
}

export interface ConfigError {
  path: string;
  line: number; // 1-based, as people read it
  column: number;
  key: string;
  message: string;
}

/**
 * A check the file switches off (a rule set to `off`, an exclude pattern), where it says so: an untrusted workspace's
 * configuration must not silence Bulkhead unseen.
 */
export interface ConfigSwitchOff extends ConfigError {
  /** In a few words: `image/sudo`, or `exclude \`vendor/\``. */
  check: string;
}

export function defaultConfig(): BulkheadConfig {
  return { rules: {}, exclude: [], excludePatterns: [], maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

/**
 * A file size as `.bulkhead.yaml` and the editor settings take it: bytes as a number, or a number with a unit (`512KB`,
 * `2MiB`, `1.5 GB`; KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024). Undefined when it is none or not positive.
 */
export function parseSize(raw: unknown): number | undefined {
  const m =
    typeof raw === 'number' ? [String(raw), String(raw)] : typeof raw === 'string' ? SIZE.exec(raw.trim()) : null;
  const bytes = m ? Math.round(Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1)) : NaN;
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

export function formatConfigError(e: ConfigError): string {
  return `${e.path}:${e.line}:${e.column}: ${e.key ? `\`${e.key}\`: ` : ''}${e.message}`;
}

/**
 * Reads `.bulkhead.yaml`. Every problem is reported with file, line and key; the valid parts still apply so the
 * editor keeps working with a half-edited config.
 */
export function parseConfig(
  text: string,
  path: string,
  knownRuleIds: ReadonlySet<string>,
): { config: BulkheadConfig; errors: ConfigError[]; switchedOff: ConfigSwitchOff[] } {
  const config = defaultConfig();
  const errors: ConfigError[] = [];
  const switchedOff: ConfigSwitchOff[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const position = (node: Node | Pair | null | undefined) => {
    const nodeRange = node && 'range' in node ? node.range : undefined;
    const keyRange = node && 'key' in node ? (node.key as Node | null)?.range : undefined;
    const pos = lines.linePos(nodeRange?.[0] ?? keyRange?.[0] ?? 0);
    return { path, line: pos.line, column: pos.col };
  };
  const at = (node: Node | Pair | null | undefined, key: string, message: string) =>
    errors.push({ ...position(node), key, message });
  for (const e of doc.errors) {
    const pos = lines.linePos(e.pos[0]);
    errors.push({ path, line: pos.line, column: pos.col, key: '', message: e.message.split('\n')[0] });
  }
  if (errors.length) return { config, errors, switchedOff };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
    return { config, errors, switchedOff };
  if (!isMap(root)) {
    at(root, '', 'the file must be a mapping with `rules`, `exclude` and `maxFileSize`.');
    return { config, errors, switchedOff };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    // `rules:` with nothing after it is an empty section, which YAML reads as a null scalar.
    const value = isEmptyNode(pair.value) ? null : (pair.value as Node);
    if (key === 'rules') {
      if (value === null) continue;
      if (!isMap(value)) {
        at(value ?? pair, 'rules', 'expected a mapping of rule id to off|info|warning|error.');
        continue;
      }
      for (const rulePair of value.items) {
        const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
        const sev =
          isScalar(rulePair.value) && rulePair.value.value !== null ? String(rulePair.value.value) : undefined;
        if (!knownRuleIds.has(id)) {
          at(rulePair.key as Node, `rules.${id}`, `unknown rule id${suggest(id, knownRuleIds)}.`);
          continue;
        }
        if (sev === undefined || !SEVERITIES.has(sev)) {
          at(
            (rulePair.value as Node) ?? rulePair,
            `rules.${id}`,
            `severity must be one of off, info, warning, error (got ${sev ?? 'nothing'}).`,
          );
          continue;
        }
        config.rules[id] = sev as SeveritySetting;
        if (sev === 'off')
          switchedOff.push({
            ...position(rulePair.value as Node),
            key: `rules.${id}`,
            check: id,
            message: `switches \`${id}\` off: its findings are not reported.`,
          });
      }
    } else if (key === 'exclude') {
      if (value === null) continue;
      const items = isSeq(value) ? value.items : isScalar(value) ? [value] : undefined;
      if (!items) {
        at(value ?? pair, 'exclude', 'expected a list of glob patterns.');
        continue;
      }
      for (const item of items) {
        if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
          at(item as Node, 'exclude', 'each pattern must be a non-empty string.');
          continue;
        }
        const compiled = compileGlob(item.value);
        if (compiled.error !== undefined) {
          at(item, 'exclude', `cannot read the pattern ${quotePattern(item.value)}: ${compiled.error}.`);
          continue;
        }
        config.exclude.push(item.value);
        config.excludePatterns.push(compiled.glob);
        const quoted = quotePattern(item.value);
        switchedOff.push({
          ...position(item),
          key: 'exclude',
          check: `exclude ${quoted}`,
          message: `excludes ${quoted}: files matching it are not checked.`,
        });
      }
    } else if (key === 'maxFileSize') {
      const bytes = parseSize(isScalar(value) ? value.value : undefined);
      if (bytes === undefined) {
        at(value ?? pair, 'maxFileSize', 'expected a positive size in bytes, or with a unit (512KB, 2MiB).');
        continue;
      }
      config.maxFileSize = bytes;
    } else {
      at(pair.key as Node, key, 'unknown key; expected `rules`, `exclude` or `maxFileSize`.');
    }
  }
  return { config, errors, switchedOff };
}

/**
 * The known id the user most likely meant: the same rule name under another prefix (`sudo` → `image/sudo`), a name
 * that contains what was written (`root` → `image/root-user`), or one a couple of typos away (`image/sudoo`).
 */
function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function suggest(id: string, known: ReadonlySet<string>): string {
  const tail = id.split('/').pop() ?? id;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const candidateTail = candidate.split('/').pop() ?? candidate;
    const score =
      candidateTail === tail
        ? 0
        : tail.length >= 4 && candidateTail.includes(tail)
          ? 1
          : Math.min(editDistance(id, candidate), editDistance(tail, candidateTail));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(tail.length / 4))
    ? ` (did you mean \`${best}\`?)`
    : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
