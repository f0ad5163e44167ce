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

/** Facts beyond the file itself that a check may use (cross-file facts come through here). */
export interface RuleContext {
  /**
   * Reads another workspace file, or undefined when it is not there or not readable. Never executes anything.
   *
   * `path` is absolute, or relative to what the analysed file's own path is relative to: the model resolves a path a
   * file names (`build: ../app`) against that file's path, so with the CLI's paths (relative to the working
   * directory) it is relative to the working directory, and with the server's (absolute) it is absolute.
   */
  readFile?(path: string): string | undefined;
}

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
}

export interface Rule<MessageId extends string = string, Kind extends RuleKind = RuleKind> {
  meta: RuleMeta<MessageId, Kind>;
  check(model: ModelsByKind[Kind], context: RuleContext): Finding<MessageId>[];
  fixes?(finding: Finding<MessageId>, model: ModelsByKind[Kind], context: RuleContext): Fix[];
}

/** Any rule, whatever its message ids and kind: what the registry and engine hold. */
export type AnyRule = Rule<string, RuleKind>;

/**
 * Typed rule definition: a message id used in `check` that `meta.messages` lacks is a compile error, and `check`
 * receives the model of the rule's file kind.
 */
export function defineRule<MessageId extends string, Kind extends RuleKind>(rule: Rule<MessageId, Kind>): AnyRule {
  return rule as unknown as AnyRule;
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    data && key in data ? String(data[key]) : whole,
  );
}
