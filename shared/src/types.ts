import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

export type { Position, Range, TextEdit };

/** Severity as users configure it; `off` only exists in configuration. */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type FileKind = 'dockerfile' | 'compose' | 'devcontainer';

/** Keys of the threat catalog (see threats.ts): the four directions an attack can take. */
export type ThreatKey = 'host-container' | 'container-container' | 'external-container' | 'application';

/** A fix is a pure value: a title, whether it is safe to apply unattended, and sorted non-overlapping edits. */
export interface Fix {
  title: string;
  /** Safe fixes go into fix-all and `--fix`; unsafe ones may change runtime behaviour and are offered one by one. */
  safe: boolean;
  edits: TextEdit[];
  /**
   * Values in the edits that the user should choose (a memory limit): the edit text holds a sensible default, and
   * editors that support snippets place the cursor on it. Offsets are into `edits[edit].newText`.
   */
  placeholders?: FixPlaceholder[];
  /**
   * What a fix that hardens a container rests on: the facts it used (an image profile, workspace files), or what it
   * assumes where nothing tells. A fix with an assumption is never safe.
   */
  basis?: FixBasis;
}

export interface FixBasis {
  /** "the `postgres` image profile", "`app/Dockerfile`". */
  facts: string[];
  /** What the fix takes for granted, one clause ("`web` needs no capability back"). */
  assumption?: string;
}

export interface FixPlaceholder {
  edit: number;
  start: number;
  end: number;
}

/** Another spot that matters to a finding (the stage a user came from, the anchor a value came from). */
export interface RelatedLocation {
  /** Workspace-relative or absolute path; absent means the same file. */
  path?: string;
  range: Range;
  message: string;
}

/**
 * What a rule's check returns: data only, wording lives in the rule's meta. `FixData` is what the check hands to the
 * rule's own fixes (Biome's `State`): the type the rule declares, so a finding of the wrong shape does not compile.
 */
export interface Finding<MessageId extends string = string, FixData = unknown> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  range: Range;
  /** Overrides the rule's default severity for this finding (configuration still wins). */
  severity?: Severity;
  related?: RelatedLocation[];
  /**
   * Set when the finding belongs to another file than the one analysed (a setting an override file of the same
   * project gives): that file's own analysis reports it, this one drops it.
   */
  path?: string;
  /** Rule-private facts the check found and the fixer needs (what it found, never a computed fix); never shown. */
  fixData?: FixData;
}

/** A finding after the engine has worded it, applied configuration and attached fixes. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  threat: ThreatKey | null;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** A group's diagnostic (container/missing-hardening): the aspect findings it stands for, each as its rule words it. */
  aspects?: Diagnostic[];
}
