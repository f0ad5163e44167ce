/**
 * The security posture of a workspace as a matrix: one row per thing that runs (a Compose service, a Dockerfile's
 * final stage), one column per mitigation. Pure: built from the engine's FileReports and the rows each file holds,
 * so the editor's report and the CLI can share it.
 *
 * A cell is `missing` when a rule that guards its mitigation reported a finding on the row; otherwise what is known of
 * the row decides (report/facts.ts): `in-place` with how, or `unknown` with why (a value behind an unset variable, an
 * image whose user is in metadata Bulkhead does not read, rules turned off). Silence alone is not a pass: a row's facts
 * must say a mitigation is there. `not-applicable` is for what that kind of file cannot say.
 */
import { rangeContains } from '../text';
import type { FileReport } from '../engine';
import type { FileKind, Range, Severity } from '../types';
import type { SubjectFacts } from './facts';

export type MitigationKey =
  | 'non-root'
  | 'caps-dropped'
  | 'no-new-privileges'
  | 'read-only'
  | 'seccomp-mac'
  | 'limits'
  | 'minimal-base'
  | 'no-socket'
  | 'no-host-namespaces';

export interface PostureColumn {
  key: MitigationKey;
  title: string;
  /** What the mitigation achieves, one sentence (tooltips). */
  description: string;
  /** The rules whose findings mean this mitigation is missing, per file kind; a kind not listed cannot express it. */
  rules: Partial<Record<FileKind, string[]>>;
}

export const POSTURE_COLUMNS: readonly PostureColumn[] = [
  {
    key: 'non-root',
    title: 'Non-root',
    description: 'The container does not run as root.',
    rules: {
      dockerfile: ['image/root-user'],
      compose: ['container/root-user'],
      devcontainer: ['container/root-user'],
    },
  },
  {
    key: 'caps-dropped',
    title: 'Capabilities dropped',
    description: 'All capabilities dropped, none dangerous added, not privileged.',
    rules: {
      compose: ['container/capabilities-not-dropped', 'container/dangerous-capability', 'container/privileged'],
      devcontainer: ['container/capabilities-not-dropped', 'container/dangerous-capability', 'container/privileged'],
    },
  },
  {
    key: 'no-new-privileges',
    title: 'No new privileges',
    description: 'Processes cannot gain privileges through setuid binaries.',
    rules: { compose: ['container/no-new-privileges'], devcontainer: ['container/no-new-privileges'] },
  },
  {
    key: 'read-only',
    title: 'Read-only root',
    description: 'The root file system is read-only.',
    rules: { compose: ['container/writable-root-fs'] },
  },
  {
    key: 'seccomp-mac',
    title: 'Seccomp / MAC',
    description: 'Seccomp and AppArmor/SELinux confinement stay on.',
    rules: {
      compose: ['container/seccomp-unconfined', 'container/mac-disabled', 'container/privileged'],
      devcontainer: ['container/seccomp-unconfined', 'container/mac-disabled', 'container/privileged'],
    },
  },
  {
    key: 'limits',
    title: 'Limits',
    description: 'Memory, CPU and process limits are set.',
    rules: { compose: ['container/memory-unlimited', 'container/cpu-unlimited', 'container/pids-unlimited'] },
  },
  {
    key: 'minimal-base',
    title: 'Minimal base',
    description: 'The image has no shell or package manager (scratch, distroless).',
    rules: { dockerfile: ['image/full-os-base'] },
  },
  {
    key: 'no-socket',
    title: 'No runtime socket',
    description: 'The Docker (or other runtime) socket is not mounted.',
    rules: { compose: ['container/docker-socket-mount'], devcontainer: ['container/docker-socket-mount'] },
  },
  {
    key: 'no-host-namespaces',
    title: 'No host namespaces',
    description: 'No host network, PID, IPC, UTS, user or cgroup namespace.',
    rules: { compose: ['container/host-namespace'], devcontainer: ['container/host-namespace'] },
  },
];

/**
 * Something that runs: a Compose service, the final stage of a Dockerfile, a dev container (whose read-only root and
 * limits are not applicable: devcontainer/rules.ts).
 */
export interface PostureSubject {
  path: string;
  kind: FileKind;
  /** `web` for a service; the stage name or `final stage` for a Dockerfile. */
  name: string;
  /** Where it is written: findings inside belong to it. */
  range: Range;
  /** Other spans whose findings belong to it too: shared anchors it merges, aliases it uses. */
  borrowed?: Range[];
  /** What is known of its mitigations when nothing is reported, and the profile of what it runs. */
  facts?: SubjectFacts;
}

export type CellStatus = 'in-place' | 'missing' | 'unknown' | 'not-applicable';

export interface PostureFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
}

export interface PostureCell {
  column: MitigationKey;
  status: CellStatus;
  /** The findings that make the cell missing, first the one to jump to. */
  findings: PostureFinding[];
  /** How the mitigation is in place, or why it is unknown (or missing without a finding), one clause. */
  reason?: string;
}

export interface PostureRow {
  subject: PostureSubject;
  cells: PostureCell[];
  /** Why the row may be incomplete (the file does not parse). */
  note?: string;
}

export interface PostureMatrix {
  columns: readonly PostureColumn[];
  rows: PostureRow[];
  /** Files that could not be analysed, with the reason. */
  skipped: { path: string; reason: string }[];
  totals: Record<CellStatus, number>;
}

export interface PostureInput {
  report: FileReport;
  subjects: PostureSubject[];
  /** Ids of the rules that ran on this file (registered and not turned off). */
  activeRules: ReadonlySet<string>;
}

export function postureMatrix(
  files: readonly PostureInput[],
  columns: readonly PostureColumn[] = POSTURE_COLUMNS,
): PostureMatrix {
  const rows: PostureRow[] = [];
  const skipped: PostureMatrix['skipped'] = [];
  const totals: Record<CellStatus, number> = { 'in-place': 0, missing: 0, unknown: 0, 'not-applicable': 0 };
  const ordered = [...files].sort((a, b) => compareStrings(a.report.path, b.report.path));
  for (const { report, subjects, activeRules } of ordered) {
    if (report.skipped) {
      skipped.push({ path: report.path, reason: report.skipped });
      continue;
    }
    const syntaxProblems = report.diagnostics.filter((d) => d.ruleId === 'syntax').length;
    for (const subject of subjects) {
      const cells = columns.map((column) => cellFor(column, subject, report, activeRules));
      for (const cell of cells) totals[cell.status]++;
      rows.push({
        subject,
        cells,
        ...(syntaxProblems
          ? {
              note: `The file has ${syntaxProblems} syntax problem${syntaxProblems > 1 ? 's' : ''}: findings may be missing.`,
            }
          : {}),
      });
    }
  }
  return { columns, rows, skipped, totals };
}

function cellFor(
  column: PostureColumn,
  subject: PostureSubject,
  report: FileReport,
  activeRules: ReadonlySet<string>,
): PostureCell {
  const rules = column.rules[subject.kind];
  if (!rules) return { column: column.key, status: 'not-applicable', findings: [] };
  if (!rules.some((id) => activeRules.has(id)))
    return {
      column: column.key,
      status: 'unknown',
      findings: [],
      reason: `its rules are turned off (${rules.join(', ')})`,
    };
  // A group's finding (container/missing-hardening) stands for its aspects: each counts for its own rule.
  const diagnostics = report.diagnostics.flatMap((d) =>
    d.aspects ? [d, ...d.aspects.map((a) => ({ ...a, range: d.range }))] : [d],
  );
  const findings = diagnostics
    .filter((d) => rules.includes(d.ruleId) && belongsTo(d, subject))
    .map(({ ruleId, severity, message, range }) => ({ ruleId, severity, message, range }));
  if (findings.length) return { column: column.key, status: 'missing', findings };
  const known = subject.facts?.cells[column.key];
  if (known) return { column: column.key, status: known.status, findings: [], reason: known.reason };
  // The rules ran and found nothing, and their checks are complete for this mitigation.
  if (COMPLETE_WHEN_SILENT.has(column.key)) return { column: column.key, status: 'in-place', findings: [] };
  return { column: column.key, status: 'unknown', findings: [], reason: 'nothing in the file says so' };
}

/**
 * Mitigations whose rules report every way to lose them (each setting that removes it is a finding), so silence means
 * they are in place: no socket, no host namespace. The others need a fact that says they are there.
 */
const COMPLETE_WHEN_SILENT = new Set<MitigationKey>(['no-socket', 'no-host-namespaces', 'seccomp-mac']);

/** A finding belongs to a subject when it, or a spot it names in the same file, lies in the subject's text. */
function belongsTo(d: FileReport['diagnostics'][number], subject: PostureSubject): boolean {
  const spans = [subject.range, ...(subject.borrowed ?? [])];
  const places = [
    d.range,
    ...(d.related ?? []).filter((r) => r.path === undefined || r.path === subject.path).map((r) => r.range),
  ];
  return places.some((place) => spans.some((span) => rangeContains(span, place)));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
