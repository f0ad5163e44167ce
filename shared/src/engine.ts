import { parseDockerfile } from './dockerfile/model';
import { parseComposeProject } from './compose/project';
import { parseDevcontainer } from './devcontainer/model';
import { devcontainerRules } from './devcontainer/rules';
import { formatMessage, type AnyRule, type ModelsByKind, type RuleKind } from './rule';
import type { WorkspaceReader } from './context';
import { GROUPS, RULES } from './rules/index';
import { INTERNAL_ERROR, NOT_CHECKED, SYNTAX, type BuiltinMeta } from './rules/builtin';
import {
  dockerfileStageEnd,
  dockerfileStatementEnd,
  isSuppressed,
  readSuppressions,
  type Suppressions,
} from './suppress';
import { defaultConfig, type BulkheadConfig } from './config';
import type { Diagnostic, FileKind, Finding, Severity } from './types';
import type { SourceText } from './text';
import { textSkipReason } from './file-fit';
import { readAddSources } from './dockerfile/add-sources';
import { readBuildContext } from './dockerfile/build-context';

export interface FileReport {
  path: string;
  kind: FileKind;
  /** Why the file was not analysed (binary, too large), or null. */
  skipped: string | null;
  diagnostics: Diagnostic[];
  /**
   * The model the rules read, when asked for (`keepModel`): an editor's hovers and code actions read the analysed text
   * through it instead of parsing it again. Not enumerable: reports are copied, serialised and sent between threads
   * without it.
   */
  readonly model?: Parsed['model'];
}

export interface AnalyzeOptions {
  config?: BulkheadConfig;
  context?: WorkspaceReader;
  /**
   * The caller has put this very text through the size and binary test (file-fit.ts) under `config.maxFileSize`: a
   * file read by io/read-file.ts, or an open document the server tested. The test runs once per text, not again here.
   */
  fitChecked?: boolean;
  /** Rules to run instead of the registry (tests). */
  rules?: readonly AnyRule[];
  /**
   * Each finding's fixes: computed with the analysis (true, the default); not at all (false: results that only list
   * problems, a workspace scan); or `'lazy'`, on first reading of a diagnostic's `fixes` (an editor re-analysing at
   * every keystroke, where a code action asks for the fixes of the one or two findings under the cursor). A lazy fix
   * keeps the parsed model alive with the report, and one that throws reads as no fixes (the analysis has ended: no
   * `internal-error` can join the report any more).
   */
  fixes?: boolean | 'lazy';
  /** Keep the parsed model with the report (`FileReport.model`). */
  keepModel?: boolean;
  /**
   * Report a group's aspects together (container/missing-hardening: one diagnostic per service listing the settings it
   * lacks), as users see them; true by default. False reports each aspect rule's findings on their own (a rule's docs
   * and tests, which look at that rule alone).
   */
  group?: boolean;
  /**
   * The same file will be analysed again after small edits (an editor's open document): its parse is kept, and the
   * next analysis of the same path re-parses only what changed where the format allows it (Compose entries).
   */
  keepParse?: boolean;
}

/** A parsed file of any kind, with what the engine needs beside the rules' model. */
export interface Parsed<K extends RuleKind = RuleKind> {
  model: ModelsByKind[K];
  source: SourceText;
  syntax: { range: Diagnostic['range']; message: string }[];
  /** Parts of the file left unchecked, and why (`not-checked`). */
  notChecked: { range: Diagnostic['range']; message: string }[];
  suppressions: Suppressions;
}

/** `context` gives a parser the files beside this one (compose reads its `.env`). */
export type Parser = (
  text: string,
  path: string,
  context?: WorkspaceReader,
  options?: { keepParse?: boolean },
) => Parsed;

/** One parser per kind. */
const PARSERS: Record<FileKind, Parser> = {
  dockerfile: (text, path, context) => {
    const model = parseDockerfile(text, path);
    if (context) {
      model.textSources = readAddSources(model, context);
      model.buildContext = readBuildContext(model, context);
    }
    return {
      model,
      source: model.source,
      syntax: model.syntaxProblems,
      notChecked: model.notChecked,
      suppressions: readSuppressions(model.source, dockerfileStatementEnd(model), dockerfileStageEnd(model)),
    };
  },
  compose: (text, path, context, options) => {
    const model = parseComposeProject(text, path, context, options);
    return {
      model,
      source: model.source,
      syntax: model.syntaxProblems,
      notChecked: model.notChecked,
      suppressions: readSuppressions(model.source),
    };
  },
  devcontainer: (text, path, context) => {
    const model = parseDevcontainer(text, path, context);
    return {
      model,
      source: model.source,
      syntax: model.syntaxProblems,
      notChecked: model.notChecked,
      suppressions: readSuppressions(model.source, undefined, undefined, '//'),
    };
  },
};

/**
 * The rules that check a kind of file. A devcontainer.json is checked by the container rules that apply to a dev
 * container (devcontainer/rules.ts).
 */
export function rulesOfKind(kind: FileKind, rules: readonly AnyRule[] = RULES): AnyRule[] {
  return kind === 'devcontainer' ? devcontainerRules(rules) : rules.filter((rule) => rule.meta.kind === kind);
}

/** Parses a file into its kind's model. */
export function parseFile(kind: FileKind, text: string, path: string, context?: WorkspaceReader): Parsed {
  return PARSERS[kind](text, path, context);
}

/** Replaces a kind's parser: tests wrap the real one to count the work done on its model (test/compose/scale.test.ts). */
export function registerParser(kind: FileKind, parser: Parser): void {
  PARSERS[kind] = parser;
}

export { SKIPPED_FOR_SIZE, skipReason } from './file-fit';

/**
 * Analyses one file's text: parse, run every rule of its kind, word the findings, apply configuration and inline
 * suppressions, attach fixes. Never throws for bad input: parse problems become `syntax` diagnostics and a rule that
 * throws becomes one `internal-error` diagnostic.
 */
export function analyzeText(path: string, text: string, kind: FileKind, options: AnalyzeOptions = {}): FileReport {
  const config = options.config ?? defaultConfig();
  const context = options.context ?? {};
  const report: FileReport = { path, kind, skipped: null, diagnostics: [] };
  const skip = options.fitChecked ? null : textSkipReason(text, config);
  if (skip) {
    report.skipped = skip;
    return report;
  }
  const parser = PARSERS[kind];
  let parsed: Parsed;
  try {
    parsed = parser(text, path, context, { keepParse: options.keepParse });
  } catch (error) {
    report.diagnostics.push(internalError('parser', error, config));
    return report;
  }
  if (options.keepModel) Object.defineProperty(report, 'model', { value: parsed.model, enumerable: false });
  addBuiltinDiagnostics(report.diagnostics, SYNTAX, parsed.syntax, parsed, config);
  const rules = rulesOfKind(kind, options.rules);
  const fixesMode = options.fixes ?? true;
  const grouping = options.group !== false;
  /** Findings of aspect rules, kept aside until every rule has run: two or more on one service make one diagnostic. */
  const aspects: AspectFinding[] = [];
  for (const rule of rules) {
    const { meta } = rule;
    if (config.rules[meta.id] === 'off' || parsed.suppressions.file.has(meta.id)) continue;
    let findings;
    try {
      findings = rule.check(parsed.model);
    } catch (error) {
      report.diagnostics.push(internalError(meta.id, error, config));
      continue;
    }
    for (const finding of findings) {
      // A finding placed in another file of the project is that file's to report.
      if (finding.path !== undefined) continue;
      if (isSuppressed(parsed.suppressions, meta.id, meta.peers.hadolint, finding.range.start.line)) continue;
      const severity = severityFor(meta.id, meta.severity, finding.severity, config);
      if (!severity) continue;
      let fixes: Diagnostic['fixes'] = [];
      const fixer = rule.fixes;
      if (fixer && fixesMode === true) {
        try {
          fixes = fixer(finding, parsed.model);
        } catch (error) {
          report.diagnostics.push(internalError(meta.id, error, config));
        }
      }
      const message = formatMessage(meta.messages[finding.messageId] ?? finding.messageId, finding.data);
      const diagnostic: Diagnostic =
        fixer && fixesMode === 'lazy'
          ? withLazyFixes(meta.id, severity, message, finding.range, meta.threat, () => fixer(finding, parsed.model))
          : { ruleId: meta.id, severity, message, range: finding.range, threat: meta.threat, fixes };
      if (finding.related?.length) diagnostic.related = finding.related;
      const aspect = meta.aspect;
      if (grouping && aspect && aspect.messages.includes(finding.messageId))
        aspects.push({ group: aspect.group, ruleId: meta.id, finding, diagnostic });
      else report.diagnostics.push(diagnostic);
    }
  }
  if (aspects.length) report.diagnostics.push(...groupAspects(aspects, parsed, context, config, fixesMode));
  // After the rules: a rule may leave part of the file unchecked too (a Dockerfile value it expands past the bound).
  addBuiltinDiagnostics(report.diagnostics, NOT_CHECKED, parsed.notChecked, parsed, config);
  report.diagnostics.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return report;
}

interface AspectFinding {
  group: string;
  ruleId: string;
  finding: Finding;
  diagnostic: Diagnostic;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * The aspect findings of one analysis as users see them: per group and service, two or more become one diagnostic
 * that lists them (its fixes: the group's own, then each aspect's); a lone one stays as it is. A group turned off or
 * suppressed on the service drops its aspects there.
 */
function groupAspects(
  aspects: AspectFinding[],
  parsed: Parsed,
  context: WorkspaceReader,
  config: BulkheadConfig,
  fixesMode: AnalyzeOptions['fixes'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byKey = new Map<string, AspectFinding[]>();
  for (const a of aspects) {
    const { start, end } = a.finding.range;
    const key = `${a.group}\u0000${String(a.finding.data?.service ?? '')}\u0000${start.line}:${start.character}-${end.line}:${end.character}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(a);
  }
  for (const members of byKey.values()) {
    const group = groupById().get(members[0].group);
    if (!group || members.length < 2) {
      out.push(...members.map((m) => m.diagnostic));
      continue;
    }
    const { meta } = group;
    const range = members[0].finding.range;
    if (
      config.rules[meta.id] === 'off' ||
      parsed.suppressions.file.has(meta.id) ||
      isSuppressed(parsed.suppressions, meta.id, undefined, range.start.line)
    )
      continue;
    members.sort((a, b) => group.order.indexOf(a.ruleId) - group.order.indexOf(b.ruleId));
    const strongest = members.reduce(
      (s, m) => (SEVERITY_RANK[m.diagnostic.severity] > SEVERITY_RANK[s] ? m.diagnostic.severity : s),
      'info' as Severity,
    );
    const severity = severityFor(meta.id, strongest, undefined, config) ?? strongest;
    const labels = members.map((m) => ruleById().get(m.ruleId)?.meta.aspect?.label ?? m.ruleId);
    const message = formatMessage(meta.messages.missing, {
      service: String(members[0].finding.data?.service ?? ''),
      count: members.length,
      list: joinList(labels),
    });
    const compute = (): Diagnostic['fixes'] => {
      let own: Diagnostic['fixes'] = [];
      try {
        own = group.fixes(
          members.map((m) => ({ ruleId: m.ruleId, finding: m.finding })),
          parsed.model,
        );
      } catch {
        own = [];
      }
      return [...own, ...members.flatMap((m) => m.diagnostic.fixes)];
    };
    const diagnostic: Diagnostic =
      fixesMode === 'lazy'
        ? withLazyFixes(meta.id, severity, message, range, meta.threat, compute)
        : {
            ruleId: meta.id,
            severity,
            message,
            range,
            threat: meta.threat,
            fixes: fixesMode === true ? compute() : [],
          };
    diagnostic.aspects = members.map((m) => m.diagnostic);
    const related = members.flatMap((m) => m.diagnostic.related ?? []);
    if (related.length) diagnostic.related = related;
    out.push(diagnostic);
  }
  return out;
}

/** The registry by id: every group of aspects looks its group and its members' rules up. */
let groupsById: Map<string, (typeof GROUPS)[number]> | undefined;
let rulesById: Map<string, AnyRule> | undefined;
const groupById = () => (groupsById ??= new Map(GROUPS.map((g) => [g.meta.id, g])));
const ruleById = () => (rulesById ??= new Map(RULES.map((r) => [r.meta.id, r])));

function joinList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A group's diagnostics with their aspects listed in their place: each aspect rule's findings, as it reports them. */
export function expandAspects(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.flatMap((d) => (d.aspects ? d.aspects : [d]));
}

/**
 * A diagnostic whose `fixes` are computed on first read and kept. The accessor is written in the object literal (not
 * added with `defineProperty`, which costs as much as computing the fixes did), and is enumerable like a plain value:
 * spreading or serialising the diagnostic reads the fixes.
 */
function withLazyFixes(
  ruleId: string,
  severity: Severity,
  message: string,
  range: Diagnostic['range'],
  threat: Diagnostic['threat'],
  compute: () => Diagnostic['fixes'],
): Diagnostic {
  let fixes: Diagnostic['fixes'] | undefined;
  return {
    ruleId,
    severity,
    message,
    range,
    threat,
    get fixes(): Diagnostic['fixes'] {
      if (!fixes) {
        try {
          fixes = compute();
        } catch {
          fixes = [];
        }
      }
      return fixes;
    },
    set fixes(value: Diagnostic['fixes']) {
      fixes = value;
    },
  };
}

/** Configuration wins; then the finding's own severity; then the rule's default. Undefined means off. */
function severityFor(
  id: string,
  ruleDefault: Severity,
  findingSeverity: Severity | undefined,
  config: BulkheadConfig,
): Severity | undefined {
  const configured = config.rules[id];
  if (configured === 'off') return undefined;
  return configured ?? findingSeverity ?? ruleDefault;
}

/**
 * Adds the engine's own diagnostics of one builtin (`syntax`, `not-checked`), configured severity and suppressions
 * applied. Pushed one by one: a file can hold more problems than a spread call takes arguments.
 */
function addBuiltinDiagnostics(
  out: Diagnostic[],
  meta: BuiltinMeta,
  problems: Parsed['syntax'],
  parsed: Parsed,
  config: BulkheadConfig,
): void {
  const severity = severityFor(meta.id, meta.severity, undefined, config);
  if (!severity) return;
  for (const problem of problems) {
    if (isSuppressed(parsed.suppressions, meta.id, undefined, problem.range.start.line)) continue;
    out.push({ ruleId: meta.id, severity, message: problem.message, range: problem.range, threat: null, fixes: [] });
  }
}

function internalError(ruleId: string, error: unknown, config: BulkheadConfig): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ruleId: INTERNAL_ERROR.id,
    severity: severityFor(INTERNAL_ERROR.id, INTERNAL_ERROR.severity, undefined, config) ?? 'warning',
    message: formatMessage(INTERNAL_ERROR.messages.crashed, {
      rule: ruleId,
      error: message.split('\n')[0].slice(0, 200),
    }),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    threat: null,
    fixes: [],
  };
}

/** Every rule id the engine knows, builtins included: what config and suppressions may name. */
export function knownRuleIds(rules: readonly AnyRule[] = RULES): Set<string> {
  const groups = GROUPS.filter((g) => rules.some((r) => r.meta.aspect?.group === g.meta.id));
  return new Set([
    SYNTAX.id,
    INTERNAL_ERROR.id,
    NOT_CHECKED.id,
    ...rules.map((r) => r.meta.id),
    ...groups.map((g) => g.meta.id),
  ]);
}
