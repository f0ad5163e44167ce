import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type CodeActionParams,
  type ClientCapabilities,
  type Diagnostic as LspDiagnostic,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { analyzeText, type AnalyzeOptions } from '../../shared/src/engine';
import { compatibleSafeFixes, fixAll } from '../../shared/src/fix-all';
import { ignoreFileEdit, ignoreLineEdit } from '../../shared/src/suppress-edit';
import { SourceText, applyEdits } from '../../shared/src/text';
import type { Diagnostic, Fix, Range } from '../../shared/src/types';
import type { Entry } from './store';

/** The fix-all kind: `editor.codeActionsOnSave: { "source.fixAll.bulkhead": "explicit" }` runs it on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** Suppression actions are checked by analysing the edited text; past this many findings in range they are not offered. */
const MAX_CHECKED_SUPPRESSIONS = 12;

export interface EditSupport {
  documentChanges: boolean;
  snippets: boolean;
}

export function editSupport(capabilities: ClientCapabilities): EditSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const documentChanges = workspaceEdit?.documentChanges === true;
  return { documentChanges, snippets: documentChanges && workspaceEdit?.snippetEditSupport === true };
}

/**
 * Code actions for one document: each fix as a quick fix (the first safe fix of a finding preferred), "ignore this
 * rule" for the line and for the file, and fix-all. Edits go straight into the actions; nothing is resolved later.
 */
export function codeActions(entry: Entry, params: CodeActionParams, support: EditSupport, options: AnalyzeOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (entry.report.skipped) return actions;
  const source = new SourceText(entry.text);

  if (wants(CodeActionKind.QuickFix)) {
    const inRange = entry.report.diagnostics
      .map((diagnostic, index) => ({ diagnostic, lsp: entry.diagnostics[index] }))
      .filter(({ diagnostic, lsp }) => lsp && intersects(diagnostic.range, params.range) && matchesContext(lsp, params.context.diagnostics));
    for (const { diagnostic, lsp } of inRange) {
      const preferred = diagnostic.fixes.find((fix) => fix.safe && fix.edits.length);
      for (const fix of diagnostic.fixes) {
        if (!fix.edits.length) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          ...(fix === preferred ? { isPreferred: true } : {}),
          edit: workspaceEdit(entry, fixEdits(fix, source, support), support),
        });
      }
    }
    const seen = new Set<string>();
    for (const { diagnostic, lsp } of inRange.slice(0, MAX_CHECKED_SUPPRESSIONS)) {
      const key = `${diagnostic.ruleId}:${diagnostic.range.start.line}`;
      if (seen.has(key) || diagnostic.ruleId === 'syntax') continue;
      seen.add(key);
      const suppressions = [
        { scope: 'line', edit: ignoreLineEdit(entry.kind, entry.text, diagnostic.ruleId, diagnostic.range.start.line) },
        { scope: 'file', edit: ignoreFileEdit(entry.kind, entry.text, diagnostic.ruleId) },
      ];
      for (const { scope, edit } of suppressions) {
        if (!silences(entry, diagnostic, edit, options)) continue;
        actions.push({
          title: `Ignore ${diagnostic.ruleId} for this ${scope}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          edit: workspaceEdit(entry, [eolAware(edit, source)], support),
        });
      }
    }
  }

  // Fix-all costs an analysis per pass: computed when asked for by kind (on save, "Source Action…") or on an explicit
  // request, not for the lightbulb's automatic requests at every cursor move.
  const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
  if (only ? wants(FIX_ALL_KIND) : !automatic) {
    const edits = fixAllEdits(entry, options);
    if (edits.length) {
      actions.push({
        title: 'Fix all Bulkhead safe problems',
        kind: FIX_ALL_KIND,
        diagnostics: entry.diagnostics.filter((_, i) => entry.report.diagnostics[i].fixes.some((f) => f.safe)),
        edit: workspaceEdit(entry, edits, { ...support, snippets: false }),
      });
    }
  }
  return actions;
}

/**
 * Every safe fix, applied in passes like `bulkhead --fix`. When one pass settles the file its edits are returned as
 * they are (small edits keep the cursor and folding where they were); otherwise one edit covering what changed.
 */
export function fixAllEdits(entry: Entry, options: AnalyzeOptions): TextEdit[] {
  const source = new SourceText(entry.text);
  const firstPass = compatibleSafeFixes(source, entry.report.diagnostics).flatMap(({ fix }) => fix.edits.map((edit) => eolAware(edit, source)));
  if (!firstPass.length) return [];
  const { text } = fixAll(entry.path ?? entry.uri, entry.text, entry.kind, options);
  if (text === entry.text) return [];
  if (applyEdits(entry.text, firstPass) === text) return firstPass;
  return [minimalEdit(source, text)];
}

/**
 * Answers of `silences` per analysis: each answer costs a whole analysis, and the lightbulb asks again at every cursor
 * move over the same text. Keyed by the report (a new one after every analysis of the file, including re-analysis when
 * a file it reads changed) and the engine configuration object (a new one when settings change).
 */
const silencesCache = new WeakMap<object, { config: unknown; answers: Map<string, boolean> }>();

/** Whether inserting the suppression really silences the finding without breaking the file. */
function silences(entry: Entry, diagnostic: Diagnostic, edit: TextEdit, options: AnalyzeOptions): boolean {
  if (edit.newText === '') return false;
  let cache = silencesCache.get(entry.report);
  if (!cache || cache.config !== options.config) {
    cache = { config: options.config, answers: new Map() };
    silencesCache.set(entry.report, cache);
  }
  const key = JSON.stringify([diagnostic.ruleId, diagnostic.message, edit]);
  let answer = cache.answers.get(key);
  if (answer === undefined) {
    answer = reallySilences(entry, diagnostic, edit, options);
    cache.answers.set(key, answer);
  }
  return answer;
}

function reallySilences(entry: Entry, diagnostic: Diagnostic, edit: TextEdit, options: AnalyzeOptions): boolean {
  const before = count(entry.report.diagnostics, diagnostic);
  const syntaxBefore = entry.report.diagnostics.filter((d) => d.ruleId === 'syntax').length;
  const after = analyzeText(entry.path ?? entry.uri, applyEdits(entry.text, [edit]), entry.kind, options);
  return count(after.diagnostics, diagnostic) < before && after.diagnostics.filter((d) => d.ruleId === 'syntax').length <= syntaxBefore;
}

function count(diagnostics: readonly Diagnostic[], like: Diagnostic): number {
  return diagnostics.filter((d) => d.ruleId === like.ruleId && d.message === like.message).length;
}

function fixEdits(fix: Fix, source: SourceText, support: EditSupport): (TextEdit | SnippetTextEdit)[] {
  const edits = fix.edits.map((edit) => eolAware(edit, source));
  if (!support.snippets || !fix.placeholders?.length) return edits;
  let tabStop = 0;
  return edits.map((edit, index) => {
    const holes = fix.placeholders!.filter((p) => p.edit === index).sort((a, b) => a.start - b.start);
    if (!holes.length) return edit;
    const original = fix.edits[index].newText;
    let snippet = '';
    let cursor = 0;
    for (const hole of holes) {
      snippet += escapeSnippet(original.slice(cursor, hole.start)) + `\${${++tabStop}:${escapeSnippet(original.slice(hole.start, hole.end))}}`;
      cursor = hole.end;
    }
    snippet += escapeSnippet(original.slice(cursor));
    const value = source.eol === '\r\n' ? snippet.replace(/\r?\n/g, '\r\n') : snippet;
    return { range: edit.range, snippet: { kind: 'snippet', value } } satisfies SnippetTextEdit;
  });
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Rules write `\n`; a CRLF file gets CRLF so it keeps one line ending. */
function eolAware(edit: TextEdit, source: SourceText): TextEdit {
  return source.eol === '\r\n' ? { ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') } : edit;
}

/** One edit that turns the text into `next`: the span between their common prefix and common suffix. */
function minimalEdit(source: SourceText, next: string): TextEdit {
  const text = source.text;
  let start = 0;
  while (start < text.length && start < next.length && text[start] === next[start]) start++;
  let end = 0;
  while (end < text.length - start && end < next.length - start && text[text.length - 1 - end] === next[next.length - 1 - end]) end++;
  // Never split a surrogate pair or a CRLF at either boundary.
  const splits = (s: string, at: number) => /[\uDC00-\uDFFF]/.test(s[at] ?? '') || (s[at - 1] === '\r' && s[at] === '\n');
  while (start > 0 && (splits(text, start) || splits(next, start))) start--;
  while (end > 0 && (splits(text, text.length - end) || splits(next, next.length - end))) end--;
  return { range: source.rangeOf(start, text.length - end), newText: next.slice(start, next.length - end) };
}

function workspaceEdit(entry: Entry, edits: (TextEdit | SnippetTextEdit)[], support: EditSupport): WorkspaceEdit {
  if (support.documentChanges) return { documentChanges: [{ textDocument: { uri: entry.uri, version: entry.version }, edits }] };
  return { changes: { [entry.uri]: edits as TextEdit[] } };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** When the client names the diagnostics it asks about, only those (by rule and range); else all in range. */
function matchesContext(lsp: LspDiagnostic, asked: readonly LspDiagnostic[]): boolean {
  const ours = asked.filter((d) => d.source === lsp.source);
  if (!ours.length) return true;
  return ours.some((d) => d.code === lsp.code && sameRange(d.range, lsp.range));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
