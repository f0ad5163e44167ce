/**
 * Runs Bulkhead over other tools' labelled samples (../shared/corpus/peers/) for every peer rule one of our rules claims
 * as equivalent (`meta.peers.kics` / `semgrep` / `trivy`), and says where we agree. Shared by the peer report script and
 * its test.
 *
 * A sample is one label entry: a file for KICS and Trivy; for semgrep, the lines of one file annotated `ruleid`
 * (positive) or `ok` (negative). A positive is found when the claiming rule reports anything in the file (peers place
 * "missing X" findings differently: semgrep at each CMD, we at the stage); whether our findings sit on the peer's lines is
 * reported beside it. A negative is flagged when the rule reports anything in the file (KICS, Trivy) or on one of its
 * `ok` lines (semgrep, whose positives share the file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText } from '../shared/src/engine';
import { parseDockerfile } from '../shared/src/dockerfile/model';
import { RULES } from '../shared/src/rules/index';
import type { AnyRule } from '../shared/src/rule';
import type { FileKind } from '../shared/src/types';

export const SUITES = ['kics', 'semgrep', 'trivy'] as const;
export type Suite = (typeof SUITES)[number];

export const SUITE_LABELS: Record<Suite, string> = { kics: 'KICS', semgrep: 'Semgrep', trivy: 'Trivy' };

export interface PeerLabel {
  file: string;
  kind: FileKind;
  peer_rule: string;
  peer_severity: string;
  expected: 'positive' | 'negative';
  lines: number[];
  note?: string;
}

export interface SampleResult {
  suite: Suite;
  peerRule: string;
  ruleId: string;
  /** Path relative to the suite folder, as in labels.json. */
  file: string;
  kind: FileKind;
  expected: 'positive' | 'negative';
  /** Why the sample was not analysed (no parser for its kind yet), or undefined. */
  skipped?: string;
  /** Whether our rule reports this sample (for semgrep negatives: on one of its lines). */
  flagged: boolean;
  /** A positive found, or a negative left alone. */
  agrees: boolean;
  /**
   * Positives with lines (KICS, semgrep): whether our findings sit on the peer's lines — exactly those lines for KICS,
   * whose list is complete; every `ruleid` line for semgrep.
   */
  linesMatch?: boolean;
  /** Semgrep negatives: the `ok` lines we report. */
  flaggedLines?: number[];
  /** 1-based lines (statement starts) of our rule's findings in the file. */
  ourLines: number[];
  expectedLines: number[];
}

export interface PeerEvaluation {
  /** Why nothing could be evaluated (the corpus is missing), or undefined. */
  missing?: string;
  results: SampleResult[];
  /** Per suite: semgrep findings of a claiming rule on lines semgrep labels neither way. */
  unlabelledFlags: { suite: Suite; ruleId: string; file: string; line: number }[];
  /** Per suite, the peer rules no rule of ours claims. */
  unclaimed: Record<Suite, string[]>;
}

/** Whether `rule` claims the peer rule named in a label; semgrep rules may be named by their short or registry id. */
export function claims(rule: AnyRule, suite: Suite, peerRule: string): boolean {
  const ids = rule.meta.peers[suite] ?? [];
  if (suite === 'semgrep') return ids.some((id) => id === peerRule || id.split('.').pop() === peerRule);
  return ids.includes(peerRule);
}

export function evaluatePeers(peersDir: string, rules: readonly AnyRule[] = RULES): PeerEvaluation {
  const evaluation: PeerEvaluation = {
    results: [],
    unlabelledFlags: [],
    unclaimed: { kics: [], semgrep: [], trivy: [] },
  };
  if (!existsSync(peersDir)) {
    evaluation.missing = `the peer corpus is not at ${peersDir} (set BULKHEAD_CORPUS to the folder holding peers/)`;
    return evaluation;
  }
  for (const suite of SUITES) {
    const labelsFile = join(peersDir, suite, 'labels.json');
    if (!existsSync(labelsFile)) continue;
    const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as PeerLabel[];
    const claimed = new Set<string>();
    const analysed = new Map<
      string,
      { lines: Map<string, number[]>; statementStart: (line: number) => number } | string
    >();

    for (const label of labels) {
      const claimants = rules.filter((rule) => rule.meta.kind === label.kind && claims(rule, suite, label.peer_rule));
      if (!claimants.length) continue;
      claimed.add(label.peer_rule);
      const key = `${label.kind}:${label.file}`;
      if (!analysed.has(key)) analysed.set(key, analyse(join(peersDir, suite, label.file), label.kind, rules));
      const file = analysed.get(key)!;
      for (const rule of claimants) {
        const base = {
          suite,
          peerRule: label.peer_rule,
          ruleId: rule.meta.id,
          file: label.file,
          kind: label.kind,
          expected: label.expected,
        };
        if (typeof file === 'string') {
          evaluation.results.push({
            ...base,
            skipped: file,
            flagged: false,
            agrees: false,
            ourLines: [],
            expectedLines: label.lines,
          });
          continue;
        }
        const ourLines = file.lines.get(rule.meta.id) ?? [];
        const expectedLines = [...new Set(label.lines.map(file.statementStart))].sort((a, b) => a - b);
        if (label.expected === 'positive') {
          const flagged = ourLines.length > 0;
          const linesMatch = !expectedLines.length
            ? undefined
            : suite === 'kics'
              ? sameSet(ourLines, expectedLines)
              : expectedLines.every((l) => ourLines.includes(l));
          evaluation.results.push({ ...base, flagged, agrees: flagged, linesMatch, ourLines, expectedLines });
        } else if (suite === 'semgrep') {
          const flaggedLines = expectedLines.filter((l) => ourLines.includes(l));
          evaluation.results.push({
            ...base,
            flagged: flaggedLines.length > 0,
            agrees: !flaggedLines.length,
            flaggedLines,
            ourLines,
            expectedLines,
          });
        } else {
          evaluation.results.push({
            ...base,
            flagged: ourLines.length > 0,
            agrees: !ourLines.length,
            ourLines,
            expectedLines,
          });
        }
      }
    }

    if (suite === 'semgrep') {
      // semgrep's test semantics: a finding on a line not marked `ruleid` is a false positive, labelled or not.
      for (const [key, file] of analysed) {
        if (typeof file === 'string') continue;
        const path = key.slice(key.indexOf(':') + 1);
        const fileLabels = labels.filter((l) => l.file === path);
        for (const [ruleId, lines] of file.lines) {
          // Engine diagnostics (syntax, internal-error) belong to no rule and claim nothing.
          const rule = rules.find((r) => r.meta.id === ruleId);
          const mine = rule ? fileLabels.filter((l) => claims(rule, suite, l.peer_rule)) : [];
          if (!mine.length) continue;
          const labelled = new Set(mine.flatMap((l) => l.lines.map(file.statementStart)));
          for (const line of lines)
            if (!labelled.has(line)) evaluation.unlabelledFlags.push({ suite, ruleId, file: path, line });
        }
      }
    }
    evaluation.unclaimed[suite] = [...new Set(labels.map((l) => l.peer_rule))].filter((p) => !claimed.has(p)).sort();
  }
  return evaluation;
}

/** Our findings per rule (1-based statement-start lines), or why the file cannot be analysed. */
function analyse(
  path: string,
  kind: FileKind,
  rules: readonly AnyRule[],
): { lines: Map<string, number[]>; statementStart: (line: number) => number } | string {
  const text = readFileSync(path, 'utf8');
  const statementStart = statementStarts(kind, text);
  // Each rule on its own, as the peers check one query at a time.
  const report = analyzeText(path, text, kind, { rules, group: false });
  const lines = new Map<string, number[]>();
  for (const d of report.diagnostics) {
    const list = lines.get(d.ruleId) ?? [];
    const line = statementStart(d.range.start.line + 1);
    if (!list.includes(line)) list.push(line);
    lines.set(
      d.ruleId,
      list.sort((a, b) => a - b),
    );
  }
  return { lines, statementStart };
}

/**
 * Maps a 1-based line to the line its statement starts on. Peers report a Dockerfile instruction at its first line while
 * we point at the offending word, which may sit on a continuation line; comparing statements compares like with like.
 * In compose files the peers and we both point at the key, so lines compare as they are.
 */
function statementStarts(kind: FileKind, text: string): (line: number) => number {
  if (kind !== 'dockerfile') return (line) => line;
  const starts = new Map<number, number>();
  for (const ins of parseDockerfile(text).ast.getInstructions()) {
    const { start, end } = ins.getRange();
    for (let l = start.line; l <= end.line; l++) starts.set(l + 1, start.line + 1);
  }
  return (line) => starts.get(line) ?? line;
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether a rule's peer notes document its disagreement on a sample (they name the sample's file). */
export function documentedDisagreement(rule: AnyRule | undefined, result: SampleResult): boolean {
  const notes = rule?.meta.docs.peerNotes ?? '';
  return notes.includes(result.file) || notes.includes(basename(result.file));
}

/** A sample we disagree with the peer on: a positive missed or a negative flagged. */
export function disagreements(results: readonly SampleResult[]): SampleResult[] {
  return results.filter((r) => !r.skipped && !r.agrees);
}

/** The Markdown report: a table per suite, totals, and every disagreement with whether the rule documents it. */
export function renderPeerReport(evaluation: PeerEvaluation, rules: readonly AnyRule[] = RULES): string {
  const lines: string[] = [
    '<!-- Generated by `npm run peers`: edit the rules or their peer notes, not this file. -->',
    '# Peer report',
    '',
  ];
  if (evaluation.missing) return [...lines, `Not run: ${evaluation.missing}.`, ''].join('\n');
  lines.push(
    "How Bulkhead's rules do on the labelled samples of the peer rules they claim as equivalent (`meta.peers`). A sample is one labelled file (for semgrep, the lines of a file annotated `ruleid` or `ok`). A positive is found when the rule reports anything in it; *on peer lines* says whether our findings also sit where the peer expects them (KICS: exactly its lines; semgrep: every `ruleid` line; Trivy gives no lines). A negative is flagged when the rule reports anything in the file (for semgrep: on an `ok` line). Positives found should be all and negatives flagged none, unless the peer is wrong, which the rule's peer notes then explain, naming the sample.",
    '',
  );
  const totals: string[] = [
    '| Suite | Peer rules claimed | Positives found | Negatives flagged | Not analysed |',
    '|---|---|---|---|---|',
  ];
  for (const suite of SUITES) {
    const results = evaluation.results.filter((r) => r.suite === suite);
    lines.push(`## ${SUITE_LABELS[suite]}`, '');
    if (!results.length) {
      lines.push('No peer rule of this suite is claimed by a Bulkhead rule yet.', '');
    } else {
      const withLines = suite !== 'trivy';
      lines.push(
        `| Peer rule | Bulkhead rule | Positives found |${withLines ? ' On peer lines |' : ''} Negatives flagged | Not analysed |`,
        `|---|---|---|${withLines ? '---|' : ''}---|---|`,
      );
      const pairs = [...new Set(results.map((r) => `${r.peerRule}\u0000${r.ruleId}`))].sort();
      for (const pair of pairs) {
        const [peerRule, ruleId] = pair.split('\u0000');
        const row = results.filter((r) => r.peerRule === peerRule && r.ruleId === ruleId);
        const c = counts(row);
        lines.push(
          `| ${cell(peerRule)} | \`${ruleId}\` | ${c.found}/${c.positives} |${withLines ? ` ${c.onLines}/${c.found} |` : ''} ${c.flagged}/${c.negatives} | ${c.skipped} |`,
        );
      }
      const c = counts(results);
      lines.push(
        `| **total** | | **${c.found}/${c.positives}** |${withLines ? ` **${c.onLines}/${c.found}** |` : ''} **${c.flagged}/${c.negatives}** | **${c.skipped}** |`,
        '',
      );
      totals.push(
        `| ${SUITE_LABELS[suite]} | ${new Set(results.map((r) => r.peerRule)).size} | ${c.found}/${c.positives} | ${c.flagged}/${c.negatives} | ${c.skipped} |`,
      );
    }
    const extra = evaluation.unlabelledFlags.filter((f) => f.suite === suite);
    if (extra.length) {
      lines.push(
        `Findings on lines semgrep labels neither way (a false positive under semgrep's test semantics): ${extra.map((f) => `\`${f.ruleId}\` ${f.file}:${f.line}`).join(', ')}.`,
        '',
      );
    }
    if (evaluation.unclaimed[suite].length) {
      lines.push(
        `Peer rules no Bulkhead rule claims (${evaluation.unclaimed[suite].length}): ${evaluation.unclaimed[suite].map((p) => cell(p)).join('; ')}.`,
        '',
      );
    }
  }
  lines.push('## Totals', '', ...totals, '');
  const differ = disagreements(evaluation.results);
  lines.push('## Disagreements', '');
  if (!differ.length) lines.push('None.', '');
  for (const r of differ) {
    const rule = rules.find((x) => x.meta.id === r.ruleId);
    const what = r.expected === 'positive' ? 'missed positive' : 'flagged negative';
    const where = `${r.suite}/${r.file}${r.flaggedLines?.length ? `:${r.flaggedLines.join(',')}` : ''}`;
    lines.push(
      `- \`${r.ruleId}\` vs ${SUITE_LABELS[r.suite]} “${r.peerRule}”: ${what} ${where} — ${documentedDisagreement(rule, r) ? 'documented in the rule’s peer notes' : '**not documented**'}`,
    );
  }
  if (differ.length) lines.push('');
  return lines.join('\n');
}

function counts(results: readonly SampleResult[]) {
  const analysed = results.filter((r) => !r.skipped);
  const positives = analysed.filter((r) => r.expected === 'positive');
  const negatives = analysed.filter((r) => r.expected === 'negative');
  return {
    positives: positives.length,
    found: positives.filter((r) => r.flagged).length,
    onLines: positives.filter((r) => r.flagged && r.linesMatch).length,
    negatives: negatives.length,
    flagged: negatives.filter((r) => r.flagged).length,
    skipped: results.length - analysed.length,
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
