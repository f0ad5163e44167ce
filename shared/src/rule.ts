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
  /**
   * Files beside every example, by path (`.env`, `src/app.js`): the workspace the examples are analysed in, for a
   * rule that reads more than the file (a Dockerfile's build context). Shown on the rule's page.
   */
  workspace?: Record<string, string>;
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
 * Prose written across source lines, as rule docs are: single line breaks (and the indentation around them) become
 * spaces, blank lines stay paragraph breaks. Markdown that lives on lines keeps them: a line that starts a list item
 * (`- `, `* `, `+ `, `1. `) starts a new line of its paragraph, and a fenced code block (from a line starting with
 * three backticks to the next such line) keeps its lines as written, less the fence's indentation, as a paragraph of
 * its own. So a wrapped line must not start with `- ` or `1. ` unless it is a list item. `${}` values are inserted
 * before the text is read. `prose` tag on a template literal.
 */
export function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  const blocks: string[] = [];
  let paragraph = '';
  let fence: { indent: number; lines: string[] } | undefined;
  const endParagraph = () => {
    if (paragraph) blocks.push(paragraph);
    paragraph = '';
  };
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (fence) {
      const indent = Math.min(fence.indent, line.length - line.trimStart().length);
      fence.lines.push(line.slice(indent).trimEnd());
      if (trimmed.startsWith('```')) {
        blocks.push(fence.lines.join('\n'));
        fence = undefined;
      }
    } else if (trimmed.startsWith('```')) {
      endParagraph();
      fence = { indent: line.length - line.trimStart().length, lines: [trimmed] };
    } else if (!trimmed) endParagraph();
    else if (!paragraph) paragraph = trimmed;
    else paragraph += (LIST_ITEM.test(trimmed) ? '\n' : ' ') + trimmed;
  }
  if (fence) throw new Error(`prose: a code block is not closed:\n${fence.lines.join('\n')}`);
  endParagraph();
  return blocks.join('\n\n');
}

const LIST_ITEM = /^([-*+]|\d+[.)]) /;

/**
 * A file's text written as a template literal indented with the code around it, so that a test case (or a rule's
 * example) reads as the file it is. The literal starts with a line break and ends on a line of its own:
 *
 *     file`
 *       services:
 *         app:
 *           image: alpine:3.20
 *     `
 *
 * gives `services:\n  app:\n    image: alpine:3.20\n`: the first line break and the indentation of the closing line
 * are dropped, the final line break is kept, and the common indentation of the lines is removed.
 *
 * - The common indentation is the longest run of leading spaces and tabs that every line which is not blank shares,
 *   compared character by character: a tab is not a number of spaces. Indentation beyond it is kept, tabs included
 *   (a Dockerfile here-document's `<<-` tabs, written `\t` or as tabs).
 * - A blank line (only spaces and tabs) does not count; it keeps what lies beyond the common indentation, and is
 *   empty when it has less. Trailing spaces are invisible in the source: write them as `${' '}`.
 * - Escapes are those of any template literal (`\\` is one backslash, `\${` a dollar and a brace, `\r` a carriage
 *   return). A `${}` value is inserted as it is, after the indentation is removed: its own line breaks are not
 *   indented, and the indentation of the line it is on is read from the literal text before it.
 * - A file that does not end with a line break cannot be written this way; use a string.
 */
export function file(strings: TemplateStringsArray, ...values: unknown[]): string {
  // Values stand as one opaque character while the indentation is read, so their text never counts as indentation.
  const hole = '\uE000';
  if (strings.some((part) => part === undefined || part.includes(hole)))
    throw new Error('file: the literal has an invalid escape sequence or U+E000');
  const body = /^\n([^]*\n)[ \t]*$/.exec(strings.join(hole));
  if (!body)
    throw new Error('file: the literal must start with a line break and end with one, then the closing backtick');
  const lines = body[1].slice(0, -1).split('\n');
  let common: string | undefined;
  for (const line of lines) {
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent === line) continue;
    if (common === undefined) common = indent;
    let n = 0;
    while (n < common.length && common[n] === indent[n]) n++;
    common = common.slice(0, n);
  }
  const prefix = common ?? '';
  const text = lines.map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : '')).join('\n') + '\n';
  return text.split(hole).reduce((out, part, i) => out + String(values[i - 1]) + part);
}
