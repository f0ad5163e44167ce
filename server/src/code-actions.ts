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
import type { AnalyzeOptions } from '../../shared/src/engine';
import { compatibleSafeFixes, fixAll } from '../../shared/src/fix-all';
import { ruleMeta } from '../../shared/src/hover/index';
import {
  ignoreFileEdit,
  ignoreInstructionEdit,
  ignoreLineEdit,
  inContinuedInstruction,
  suppressionSilences,
} from '../../shared/src/suppress-edit';
import { SourceText, applyEdits } from '../../shared/src/text';
import type { Fix, Range } from '../../shared/src/types';
import { showControls } from '../../shared/src/visible-controls';
import { parsedText } from './parsed';
import { SERVER_COMMANDS } from './protocol';
import { ruleDocumentation } from './rule-docs';
import type { Entry } from './store';

/** The fix-all kind: `editor.codeActionsOnSave: { "source.fixAll.bulkhead": "explicit" }` runs it on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** The fix-all action in the quick-fix menu (Ctrl+.), where a source action is not shown. */
export const FIX_ALL_IN_FILE_TITLE = 'Fix all Bulkhead safe problems in this file';

/** Past this many findings in range, "ignore" actions are offered for the first ones only: a long menu helps no one. */
const MAX_SUPPRESSION_ACTIONS = 12;

export interface EditSupport {
  documentChanges: boolean;
  snippets: boolean;
  /** The client asks `codeAction/resolve` for an action's edit when it is chosen (or run on save). */
  resolvesEdits: boolean;
}

export function editSupport(capabilities: ClientCapabilities): EditSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const documentChanges = workspaceEdit?.documentChanges === true;
  return {
    documentChanges,
    snippets: documentChanges && workspaceEdit?.snippetEditSupport === true,
    resolvesEdits: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
  };
}

/** What a fix-all action offered without its edit carries, so that `codeAction/resolve` can compute the edit. */
export interface FixAllData {
  fixAll: { uri: string };
}

export function isFixAllData(data: unknown): data is FixAllData {
  return typeof (data as FixAllData | undefined)?.fixAll?.uri === 'string';
}

/**
 * Code actions for one document: each fix as a quick fix (the first safe fix of a finding preferred), "ignore this
 * rule" for the line and for the file, and fix-all. Edits go straight into the actions, but fix-all's, which a client
 * that resolves edits gets from `codeAction/resolve` (`resolveFixAll`) when the action is chosen.
 */
export function codeActions(
  entry: Entry,
  params: CodeActionParams,
  support: EditSupport,
  options: AnalyzeOptions,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (entry.report.skipped) return actions;
  const source = new SourceText(entry.text);

  if (wants(CodeActionKind.QuickFix)) {
    const inRange = entry.report.diagnostics
      .map((diagnostic, index) => ({ diagnostic, lsp: entry.diagnostics[index] }))
      .filter(
        ({ diagnostic, lsp }) =>
          lsp && intersects(diagnostic.range, params.range) && matchesContext(lsp, params.context.diagnostics),
      );
    for (const { diagnostic, lsp } of inRange) {
      const preferred = diagnostic.fixes.find((fix) => fix.safe && fix.edits.length);
      for (const fix of diagnostic.fixes) {
        if (!fix.edits.length) continue;
        actions.push({
          // The title can quote the file (a service name): the editor shows it in a menu, as plain text.
          title: showControls(fix.title),
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          ...(fix === preferred ? { isPreferred: true } : {}),
          edit: workspaceEdit(entry, fixEdits(fix, source, support), support),
        });
      }
    }
    const seen = new Set<string>();
    const parsed = inRange.length ? parsedText(entry) : undefined;
    for (const { diagnostic, lsp } of inRange.slice(0, MAX_SUPPRESSION_ACTIONS)) {
      const line = diagnostic.range.start.line;
      const key = `${diagnostic.ruleId}:${line}`;
      if (seen.has(key) || diagnostic.ruleId === 'syntax' || !parsed) continue;
      seen.add(key);
      const model = parsed.kind === 'dockerfile' ? parsed.model : undefined;
      const hadolintIds = ruleMeta(diagnostic.ruleId)?.peers?.hadolint;
      // Each title says exactly what the comment covers: the line, the whole (continued) instruction, the file.
      const suppressions = [
        { scope: 'line', edit: ignoreLineEdit(entry.kind, entry.text, diagnostic.ruleId, line, model) },
        {
          scope: 'instruction',
          edit:
            model && inContinuedInstruction(model, line)
              ? ignoreInstructionEdit(entry.text, diagnostic.ruleId, line, model)
              : undefined,
        },
        { scope: 'file', edit: ignoreFileEdit(entry.kind, entry.text, diagnostic.ruleId) },
      ];
      for (const { scope, edit } of suppressions) {
        if (!edit || !suppressionSilences(parsed, edit, diagnostic.ruleId, hadolintIds, line)) continue;
        actions.push({
          title: `Ignore ${diagnostic.ruleId} for this ${scope}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          edit: workspaceEdit(entry, [eolAware(edit, source)], support),
        });
      }
    }
    // Ctrl+. asks for quick fixes only, so the source fix-all below never shows there: the same action as a quick fix,
    // offered beside a finding when the file has a safe fix (as ESLint's "Fix all auto-fixable problems").
    if (inRange.length && compatibleSafeFixes(source, entry.report.diagnostics).length) {
      const action: CodeAction = {
        ...fixAllAction(entry),
        title: FIX_ALL_IN_FILE_TITLE,
        kind: CodeActionKind.QuickFix,
      };
      if (support.resolvesEdits) actions.push({ ...action, data: { fixAll: { uri: entry.uri } } satisfies FixAllData });
      else {
        const resolved = resolveFixAll(action, entry, support, options);
        if (resolved.edit) actions.push(resolved);
      }
    }
    // Last in the menu, as ESLint does: each rule at the cursor once.
    const documented = new Set<string>();
    for (const { diagnostic, lsp } of inRange) {
      if (documented.has(diagnostic.ruleId) || !ruleDocumentation(diagnostic.ruleId)) continue;
      documented.add(diagnostic.ruleId);
      const title = `Show documentation for ${diagnostic.ruleId}`;
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        command: { title, command: SERVER_COMMANDS.showRuleDocumentation, arguments: [diagnostic.ruleId] },
      });
    }
  }

  // Fix-all costs an analysis per pass: offered when asked for by kind (on save, "Source Action…") or on an explicit
  // request, not for the lightbulb's automatic requests at every cursor move; and computed only when chosen, when the
  // client resolves edits.
  const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
  if (only ? wants(FIX_ALL_KIND) : !automatic) {
    if (support.resolvesEdits) {
      // Offered when one pass has something to fix; the passes themselves run on resolve.
      if (compatibleSafeFixes(source, entry.report.diagnostics).length)
        actions.push({ ...fixAllAction(entry), data: { fixAll: { uri: entry.uri } } satisfies FixAllData });
    } else {
      const action = resolveFixAll(fixAllAction(entry), entry, support, options);
      if (action.edit) actions.push(action);
    }
  }
  return actions;
}

function fixAllAction(entry: Entry): CodeAction {
  return {
    title: 'Fix all Bulkhead safe problems',
    kind: FIX_ALL_KIND,
    diagnostics: entry.diagnostics.filter((_, i) => entry.report.diagnostics[i].fixes.some((f) => f.safe)),
  };
}

/**
 * The fix-all action with its edit, for the entry's current text (an action offered on an older version resolves to
 * the fixes of the text the user has now). Without anything left to fix the action comes back without an edit.
 */
export function resolveFixAll(
  action: CodeAction,
  entry: Entry,
  support: EditSupport,
  options: AnalyzeOptions,
): CodeAction {
  const edits = entry.report.skipped ? [] : fixAllEdits(entry, options);
  const { data: _data, ...rest } = action;
  return edits.length ? { ...rest, edit: workspaceEdit(entry, edits, { ...support, snippets: false }) } : rest;
}

/**
 * Every safe fix, applied in passes like `bulkhead --fix`. When one pass settles the file its edits are returned as
 * they are (small edits keep the cursor and folding where they were); otherwise one edit covering what changed.
 */
export function fixAllEdits(entry: Entry, options: AnalyzeOptions): TextEdit[] {
  const cached = fixAllCache.get(entry);
  if (cached && cached.config === options.config) return cached.edits;
  const edits = computeFixAllEdits(entry, options);
  fixAllCache.set(entry, { config: options.config, edits });
  return edits;
}

/** Per analysis (an entry is replaced at each one) and engine configuration (a new object when settings change). */
const fixAllCache = new WeakMap<Entry, { config: unknown; edits: TextEdit[] }>();

function computeFixAllEdits(entry: Entry, options: AnalyzeOptions): TextEdit[] {
  const source = new SourceText(entry.text);
  const firstPass = compatibleSafeFixes(source, entry.report.diagnostics).flatMap(({ fix }) =>
    fix.edits.map((edit) => eolAware(edit, source)),
  );
  if (!firstPass.length) return [];
  const { text } = fixAll(entry.path ?? entry.uri, entry.text, entry.kind, options);
  if (text === entry.text) return [];
  if (applyEdits(entry.text, firstPass) === text) return firstPass;
  return [minimalEdit(source, text)];
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
      snippet +=
        escapeSnippet(original.slice(cursor, hole.start)) +
        `\${${++tabStop}:${escapeSnippet(original.slice(hole.start, hole.end))}}`;
      cursor = hole.end;
    }
    snippet += escapeSnippet(original.slice(cursor));
    const value = source.withLineBreaks(snippet);
    return { range: edit.range, snippet: { kind: 'snippet', value } } satisfies SnippetTextEdit;
  });
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Rules write `\n`; a CRLF or CR file gets its own line break so it keeps one line ending. */
function eolAware(edit: TextEdit, source: SourceText): TextEdit {
  return source.eol === '\n' ? edit : { ...edit, newText: source.withLineBreaks(edit.newText) };
}

/** One edit that turns the text into `next`: the span between their common prefix and common suffix. */
function minimalEdit(source: SourceText, next: string): TextEdit {
  const text = source.text;
  let start = 0;
  while (start < text.length && start < next.length && text[start] === next[start]) start++;
  let end = 0;
  while (
    end < text.length - start &&
    end < next.length - start &&
    text[text.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  // Never split a surrogate pair or a CRLF at either boundary.
  const splits = (s: string, at: number) =>
    /[\uDC00-\uDFFF]/.test(s[at] ?? '') || (s[at - 1] === '\r' && s[at] === '\n');
  while (start > 0 && (splits(text, start) || splits(next, start))) start--;
  while (end > 0 && (splits(text, text.length - end) || splits(next, next.length - end))) end--;
  return { range: source.rangeOf(start, text.length - end), newText: next.slice(start, next.length - end) };
}

function workspaceEdit(entry: Entry, edits: (TextEdit | SnippetTextEdit)[], support: EditSupport): WorkspaceEdit {
  if (support.documentChanges)
    return { documentChanges: [{ textDocument: { uri: entry.uri, version: entry.version }, edits }] };
  return { changes: { [entry.uri]: edits as TextEdit[] } };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** When the client names the diagnostics it asks about, only those (by rule and range); else all in range. */
function matchesContext(lsp: LspDiagnostic, asked: readonly LspDiagnostic[]): boolean {
  const ours = asked.filter((d) => d.source === lsp.source);
  if (!ours.length) return true;
  return ours.some((d) => d.code === lsp.code && sameRange(d.range, lsp.range));
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
