import type { FileKind, Range } from '../../../shared/src/types';
import type { ScanReport } from '../scan';
import { STREAMED, writeJsonStreaming } from '../stream-json';

/** The JSON report, version 1. Ranges are LSP ranges: 0-based lines, UTF-16 characters, end exclusive. */
export interface JsonReport {
  version: 1;
  files: { path: string; kind: FileKind; skipped: string | null }[];
  /** With a baseline: the file, how many findings it accepted (not listed) and how many it lists that are gone. */
  baseline?: { path: string; baselined: number; fixedSinceBaseline: number };
  /** With `--changed-since`: the ref, and how many findings were on lines unchanged since it (not listed). */
  changedSince?: { ref: string; unchanged: number };
  diagnostics: {
    path: string;
    rule: string;
    severity: 'error' | 'warning' | 'info';
    message: string;
    range: Range;
    threat: string | null;
    fixes: {
      title: string;
      safe: boolean;
      edits: { range: Range; newText: string }[];
      basis?: { facts: string[]; assumption?: string };
    }[];
    /** For a group's diagnostic (container/missing-hardening): the rule findings it lists. */
    aspects?: { rule: string; severity: 'error' | 'warning' | 'info'; message: string }[];
  }[];
}

export function toJsonReport(report: ScanReport): JsonReport {
  return { ...skeleton(report), diagnostics: [...jsonDiagnostics(report)] };
}

export function formatJson(report: ScanReport): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}

/** The same text as `formatJson`, written in pieces: the diagnostics one by one, never the whole report at once. */
export function writeJson(report: ScanReport, write: (chunk: string) => void): void {
  writeJsonStreaming({ ...skeleton(report), diagnostics: STREAMED }, jsonDiagnostics(report), write);
}

function skeleton(report: ScanReport): Omit<JsonReport, 'diagnostics'> {
  return {
    version: 1,
    files: report.files.map((f) => ({ path: f.path, kind: f.kind, skipped: f.skipped })),
    ...(report.baseline
      ? {
          baseline: {
            path: report.baseline.path,
            baselined: report.baseline.baselined,
            fixedSinceBaseline: report.baseline.fixedSince,
          },
        }
      : {}),
    ...(report.changedSince ? { changedSince: { ...report.changedSince } } : {}),
  };
}

function* jsonDiagnostics(report: ScanReport): Generator<JsonReport['diagnostics'][number]> {
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      yield {
        path: f.path,
        rule: d.ruleId,
        severity: d.severity,
        message: d.message,
        range: copyRange(d.range),
        threat: d.threat,
        fixes: d.fixes.map((fix) => ({
          title: fix.title,
          safe: fix.safe,
          edits: fix.edits.map((e) => ({ range: copyRange(e.range), newText: e.newText })),
          ...(fix.basis
            ? {
                basis: {
                  facts: [...fix.basis.facts],
                  ...(fix.basis.assumption ? { assumption: fix.basis.assumption } : {}),
                },
              }
            : {}),
        })),
        ...(d.aspects
          ? { aspects: d.aspects.map((a) => ({ rule: a.ruleId, severity: a.severity, message: a.message })) }
          : {}),
      };
    }
  }
}

/** Exactly the documented fields, whatever else a range object carries. */
function copyRange(r: Range): Range {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}
