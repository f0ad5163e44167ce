import type { Finding, Fix, FileKind, Severity, ThreatKey } from './types';
import type { DockerfileModel } from './dockerfile/model';
import type { ComposeModel } from './compose/model';

/**
 * The model each kind of file is parsed into. New kinds join by declaration merging, so a rule's `check` is typed by
 * its `meta.kind`.
 */
export interface ModelsByKind {
  dockerfile: DockerfileModel;
  compose: ComposeModel;
}

export type RuleKind = keyof ModelsByKind & FileKind;

export interface PeerIds {
  hadolint?: string[];
  trivy?: string[];
  checkov?: string[];
  kics?: string[];
  semgrep?: string[];
}

export interface RuleDocs {
  /** What the rule finds, a paragraph of Markdown. */
  description: string;
  /** Complete files: every `bad` example must trigger the rule, every `good` one must not. Tests run them. */
  examples: { bad: string[]; good: string[] };
  /** Where we disagree with a peer and why. */
  peerNotes?: string;
}

export interface RuleMeta<MessageId extends string, Kind extends RuleKind = RuleKind> {
  /** `image/root-user`: the file path, test path, docs path, diagnostic code, SARIF ruleId, config key. */
  id: string;
  title: string;
  kind: Kind;
  severity: Severity;
  threat: ThreatKey;
  /** What to do, one sentence. */
  mitigation: string;
  /** CIS Docker Benchmark control, e.g. `4.1`. */
  cis?: string;
  peers: PeerIds;
  references: { title: string; url: string }[];
  fix: 'none' | 'safe' | 'unsafe' | 'mixed';
  /** Message templates; `{{name}}` is replaced from the finding's data. */
  messages: Record<MessageId, string>;
  docs: RuleDocs;
  /**
   * The rule checks one aspect of a group (container/missing-hardening): its findings with these message ids, two or
   * more on the same service, are reported as one diagnostic of the group that lists them.
   */
  aspect?: { group: string; label: string; messages: MessageId[] };
}

/**
 * `FixData` is what a finding hands to the rule's fixes: `check` fills it, `fixes` receives it typed. A rule without
 * fixes need not name it. Rules get the model only: files beside the analysed one are read while the model is built
 * (through the analysis's `WorkspaceReader`), never by a rule.
 */
export interface Rule<MessageId extends string = string, Kind extends RuleKind = RuleKind, FixData = unknown> {
  meta: RuleMeta<MessageId, Kind>;
  check(model: ModelsByKind[Kind]): Finding<MessageId, FixData>[];
  fixes?(finding: Finding<MessageId, FixData>, model: ModelsByKind[Kind]): Fix[];
}

/**
 * A group of aspect rules reported together (one diagnostic per service for the settings it lacks), with a fix that
 * applies them all. Its id works like a rule id in configuration and suppressions.
 */
export interface RuleGroup<Kind extends RuleKind = RuleKind> {
  meta: RuleMeta<'missing', Kind>;
  /** One fix for the whole group: its members' findings, in the order of `order`. */
  fixes(members: { ruleId: string; finding: Finding }[], model: ModelsByKind[Kind]): Fix[];
  /** Member rule ids in the order their aspects are listed. */
  order: string[];
}

export type AnyRuleGroup = RuleGroup<RuleKind>;

export function defineGroup<Kind extends RuleKind>(group: RuleGroup<Kind>): AnyRuleGroup {
  return group as unknown as AnyRuleGroup;
}

/** Any rule, whatever its message ids, kind and fix data: what the registry and engine hold. */
export type AnyRule = Rule<string, RuleKind, unknown>;

/**
 * Typed rule definition: a message id used in `check` that `meta.messages` lacks is a compile error, `check` receives
 * the model of the rule's file kind, and `fixes` receives the `fixData` of the type `check`'s findings declare. The
 * engine hands a finding only to the rule that made it, so the types meet only here.
 */
export function defineRule<MessageId extends string, Kind extends RuleKind, FixData = unknown>(
  rule: Rule<MessageId, Kind, FixData>,
): AnyRule {
  return rule as unknown as AnyRule;
}

/**
 * A message template split once into literal text and `{{placeholders}}`: [text, placeholder, name, text, placeholder,
 * name, …, text]. The engine formats every finding's message at every keystroke, from a few dozen templates.
 */
const templateParts = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/(\{\{\s*(\w+)\s*\}\})/);
    // Templates come from rule metadata, but a message id that is none is used as its own template: keep the cache bounded.
    if (templateParts.size < 10_000) templateParts.set(template, parts);
  }
  return parts;
}

/** The template with each `{{name}}` replaced by `data[name]`; a placeholder without data stays as written. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i + 1];
    out += (data && name in data ? String(data[name]) : parts[i]) + parts[i + 2];
  }
  return out;
}

/**
 * Prose written across source lines, as rule docs are: single line breaks (and the indentation after them) become
 * spaces, blank lines stay paragraph breaks. `prose` tag on a template literal.
 */
export function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  return text
    .trim()
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .join('\n\n');
}
