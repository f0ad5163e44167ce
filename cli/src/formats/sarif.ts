import { pathToFileURL } from 'node:url';
import { renderRuleDoc, ruleDocUrl, RULE_DOCS_BASE_URL, type DocMeta } from '../../../shared/src/docs';
import { FINGERPRINT_VERSION } from '../../../shared/src/baseline/fingerprint';
import { THREATS } from '../../../shared/src/threats';
import type { Diagnostic, FileKind, Range, Severity } from '../../../shared/src/types';
import { showControls } from '../../../shared/src/visible-controls';
import { VERSION } from '../help';
import type { ScanReport, ScannedFile } from '../scan';
import { allRuleMetas } from '../rule-metas';
import { STREAMED, writeJsonStreaming } from '../stream-json';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule with its help from the rule docs and the threat catalog,
 * `security-severity` and tags; results located relative to `%SRCROOT%` (the working directory) with 1-based lines and
 * UTF-16 columns; safe and unsafe fixes as SARIF fixes.
 */
/** SARIF's `sourceLanguage` per kind of file. */
const SOURCE_LANGUAGES: Record<FileKind, string> = { dockerfile: 'dockerfile', compose: 'yaml', devcontainer: 'jsonc' };

export function formatSarif(report: ScanReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}

/** The same text as `formatSarif`, written in pieces: the results one by one, never the whole log at once. */
export function writeSarif(report: ScanReport, write: (chunk: string) => void): void {
  const { log, results } = sarifParts(report);
  writeJsonStreaming(log(STREAMED), results, write);
}

const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(report: ScanReport): object {
  const { log, results } = sarifParts(report);
  return log([...results]);
}

/** The log around its results, and the results one by one (a large scan's are written as they are made). */
function sarifParts(report: ScanReport): { log: (results: unknown[]) => object; results: Iterable<unknown> } {
  const metas = allRuleMetas();
  const ruleIndex = new Map(metas.map((meta, i) => [meta.id, i]));
  const artifactIndex = new Map(report.files.map((file, i) => [file.path, i]));
  const location = (path: string) => ({ uri: relativeUri(path), uriBaseId: SRCROOT, index: artifactIndex.get(path) });

  function* results() {
    for (const file of report.files) {
      for (const [i, d] of file.diagnostics.entries()) {
        const fingerprint = file.fingerprints?.[i];
        yield {
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: sarifText(d.message) },
          locations: [{ physicalLocation: { artifactLocation: location(file.path), region: region(d.range) } }],
          // GitHub matches alerts across runs by these (with the rule and the path): ours survive moved lines.
          ...(fingerprint !== undefined ? { partialFingerprints: { [FINGERPRINT_VERSION]: fingerprint } } : {}),
          // The baseline's own findings are left out, not listed as `unchanged`: GitHub code scanning opens an alert
          // for every result it is sent whatever its `baselineState` (and closes those no longer sent), so only
          // leaving them out keeps accepted findings out of the alerts, as they are out of the text report.
          ...(report.baseline ? { baselineState: 'new' } : {}),
          ...(d.related?.length ? { relatedLocations: relatedLocations(file, d, location) } : {}),
          ...(d.fixes.length ? { fixes: d.fixes.map((fix) => sarifFix(file, fix, location)) } : {}),
          // A group's finding (container/missing-hardening) names the rules it stands for, each with its own text.
          ...(d.aspects
            ? {
                properties: {
                  aspects: d.aspects.map((a) => ({
                    ruleId: a.ruleId,
                    level: LEVEL[a.severity],
                    message: sarifText(a.message),
                  })),
                },
              }
            : {}),
        };
      }
    }
  }

  const notifications = [
    ...report.notices.map((text) => ({ level: 'warning', message: { text: sarifText(text) } })),
    ...report.files
      .filter((file) => file.skipped !== null)
      .map((file) => ({
        level: 'note',
        message: { text: sarifText(`Skipped ${file.path}: ${file.skipped}`) },
        locations: [{ physicalLocation: { artifactLocation: location(file.path) } }],
      })),
  ];

  const log = (results: unknown[]) => ({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bulkhead',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: RULE_DOCS_BASE_URL,
            rules: metas.map(sarifRule),
          },
        },
        invocations: [
          { executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(report.cwd) } },
        artifacts: report.files.map((file) => ({
          location: { uri: relativeUri(file.path), uriBaseId: SRCROOT },
          sourceLanguage: SOURCE_LANGUAGES[file.kind],
        })),
        results,
        columnKind: 'utf16CodeUnits',
        ...(report.baseline || report.changedSince
          ? {
              properties: {
                ...(report.baseline
                  ? {
                      baseline: report.baseline.path,
                      baselined: report.baseline.baselined,
                      fixedSinceBaseline: report.baseline.fixedSince,
                    }
                  : {}),
                ...(report.changedSince
                  ? { changedSince: report.changedSince.ref, unchangedNotShown: report.changedSince.unchanged }
                  : {}),
              },
            }
          : {}),
      },
    ],
  });
  return { log, results: results() };
}

function sarifRule(meta: DocMeta) {
  // Engine diagnostics (`syntax`, `internal-error`) are about the file, not its security: no score, no security tag.
  const builtin = meta.kind === 'any';
  const tags = builtin
    ? ['correctness']
    : ['security', meta.kind, meta.threat, ...(meta.cis ? [`CIS-Docker-Benchmark-${meta.cis}`] : [])];
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.description.trim(), markdown: meta.docs.description.trim() },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    helpUri: ruleDocUrl(meta.id),
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    properties: {
      tags,
      ...(builtin ? {} : { 'security-severity': securitySeverity(meta), threat: meta.threat }),
      ...(meta.cis ? { cis: meta.cis } : {}),
      fix: meta.fix,
    },
  };
}

/** The rule's documentation page, without the note that it is generated (meaningless in a code scanning alert). */
function helpMarkdown(meta: DocMeta): string {
  return renderRuleDoc(meta).replace(/^<!--[^\n]*-->\n/, '');
}

function helpText(meta: DocMeta): string {
  const parts = [`${meta.title} (${meta.id})`, meta.docs.description.trim()];
  if (meta.kind !== 'any') {
    const threat = THREATS[meta.threat];
    parts.push(`Threat (${threat.title}): ${threat.vector}\nImpact: ${threat.impact}`);
  }
  parts.push(`How to fix: ${meta.mitigation}`);
  if (meta.cis) parts.push(`CIS Docker Benchmark: ${meta.cis}`);
  parts.push(`Documentation: ${ruleDocUrl(meta.id)}`);
  return parts.join('\n\n');
}

/**
 * GitHub ranks alerts by this score (9+ critical, 7+ high, 4+ medium, else low): an escape to the host is the worst a
 * container finding can mean, so host-container errors rank critical.
 */
function securitySeverity(meta: DocMeta): string {
  const hostEscape = meta.threat === 'host-container';
  const score =
    meta.severity === 'error' ? (hostEscape ? 9.0 : 8.0) : meta.severity === 'warning' ? (hostEscape ? 6.5 : 5.0) : 2.0;
  return score.toFixed(1);
}

/** SARIF regions are 1-based with an exclusive end column; LSP characters and SARIF utf16CodeUnits columns agree. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

type LocationOf = (path: string) => { uri: string; uriBaseId: string; index?: number };

function sarifFix(file: ScannedFile, fix: Diagnostic['fixes'][number], location: LocationOf) {
  return {
    description: { text: sarifText(fix.title) },
    artifactChanges: [
      {
        artifactLocation: location(file.path),
        replacements: fix.edits.map((edit) => ({
          deletedRegion: region(edit.range),
          insertedContent: { text: edit.newText },
        })),
      },
    ],
    properties: { safe: fix.safe },
  };
}

function relatedLocations(file: ScannedFile, d: Diagnostic, location: LocationOf) {
  return (d.related ?? []).map((related, id) => ({
    id,
    message: { text: sarifText(related.message) },
    physicalLocation: {
      artifactLocation: related.path ? { uri: relativeUri(related.path), uriBaseId: SRCROOT } : location(file.path),
      region: region(related.range),
    },
  }));
}

/**
 * A message that quotes the workspace, as GitHub shows it in an alert: control characters visible (a line break or a
 * bidi override must not reshape the alert), and `[`/`]` backslash-escaped as SARIF plain text allows (§3.11.6), so that a
 * quoted `[text](1)` is not taken for an embedded link to a location.
 */
function sarifText(text: string): string {
  return showControls(text).replace(/[[\]]/g, '\\$&');
}

/** A reported path (`/`-separated, relative) as a relative URI reference: each segment percent-encoded. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
