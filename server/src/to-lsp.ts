import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { ruleDocUrl } from '../../shared/src/docs';
import type { ConfigError } from '../../shared/src/config';
import { baselineSize } from '../../shared/src/baseline/file';
import type { BaselineFileState } from './configuration';
import type { FileReport } from '../../shared/src/engine';
import type { Diagnostic, Range, Severity } from '../../shared/src/types';
import { showControls } from '../../shared/src/visible-controls';
import { resolveRelated, uriOfPath } from './paths';

export const SOURCE = 'bulkhead';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface Origin {
  uri: string;
  /** Path on disk, when the document has one: related paths resolve against it. */
  path?: string;
  folder?: string;
}

/**
 * Messages quote the file (users, image names, values). The Problems view shows them as plain text, so a terminal
 * escape does nothing there, but a bidi override reorders what is shown (`toor` reads `root`) and a line break splits
 * one problem in two, and the editor's own highlighting of such characters covers the editor, not the Problems view:
 * messages are sent through `showControls`, as every human-readable output is.
 *
 * No `data`: code actions take their fixes from the stored report, so fixes are not sent with every publish (they were
 * a third of each message's bytes, 71 KB per keystroke for a 500-line Compose file; see BENCHMARKS.md).
 */
export function toLspDiagnostic(d: Diagnostic, origin: Origin): LspDiagnostic {
  const diagnostic: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocUrl(d.ruleId) },
    source: SOURCE,
    message: showControls(d.message),
  };
  if (d.related?.length) {
    diagnostic.relatedInformation = d.related.map((r) => ({
      location: {
        uri: r.path && origin.path ? uriOfPath(resolveRelated(origin.path, r.path, origin.folder)) : origin.uri,
        range: r.range,
      },
      message: showControls(r.message),
    }));
  }
  return diagnostic;
}

export function toLspDiagnostics(report: FileReport, origin: Origin): LspDiagnostic[] {
  return report.diagnostics.map((d) => toLspDiagnostic(d, origin));
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** One informational line on a file Bulkhead did not analyse, so an empty Problems list is not read as "all clear". */
export function skippedDiagnostic(reason: string): LspDiagnostic {
  return {
    range: START,
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `Bulkhead did not analyse this file: ${showControls(reason)}.`,
  };
}

/**
 * Problems of a `.bulkhead.yaml` (errors), or what it switches off (information, prefixed), at the line and column the
 * parser names, spanning the word there.
 */
export function configErrorDiagnostics(
  errors: readonly ConfigError[],
  text: string | undefined,
  switchOff = false,
): LspDiagnostic[] {
  const lines = text?.split(/\r\n|\r|\n/) ?? [];
  return errors.map((e) => {
    const line = Math.max(0, e.line - 1);
    const character = Math.max(0, e.column - 1);
    const rest = (lines[line] ?? '').slice(character);
    const word = /^[^\s:#]+/.exec(rest)?.[0].length ?? 0;
    return {
      range: { start: { line, character }, end: { line, character: character + word } },
      severity: switchOff ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
      source: SOURCE,
      message: showControls(
        `${switchOff ? 'Untrusted workspace: this file ' : ''}${e.key && !switchOff ? `\`${e.key}\`: ` : ''}${e.message}`,
      ),
    };
  });
}

/**
 * What a workspace folder's `.bulkhead-baseline.json` says about itself: why it is not applied, or, in an untrusted
 * workspace, how many findings it hides (a repository must not silence Bulkhead unseen, as with `.bulkhead.yaml`).
 */
export function baselineFileDiagnostics(state: BaselineFileState, untrusted: boolean): LspDiagnostic[] {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  if (state.error)
    return [
      {
        range: at,
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        message: showControls(`This baseline is not applied (${state.error}): every finding is shown`),
      },
    ];
  if (!untrusted || !state.baseline) return [];
  const size = baselineSize(state.baseline);
  return [
    {
      range: at,
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `Untrusted workspace: this baseline hides ${size} finding${size === 1 ? '' : 's'} of this folder`,
    },
  ];
}
