/**
 * What must hold for any input, however broken: the engine neither throws nor reports an `internal-error`, and every
 * fix it offers keeps the promises of test/fix-checks.ts. The time of the analysis is measured for the report, never
 * judged here (a loaded machine would make that flaky): the runner judges only a hang.
 */
import { performance } from 'node:perf_hooks';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import type { AnyRule } from '../../shared/src/rule';
import type { FileKind } from '../../shared/src/types';
import { countOf, fixFailures, type FixFailureKind } from '../../test/fix-checks';

export interface FuzzInput {
  kind: FileKind;
  text: string;
}

export type Property = 'exception' | 'internal-error' | FixFailureKind | 'hang' | 'server';

export interface Failure {
  property: Property;
  /** The rule at fault, when one is. */
  rule?: string;
  detail: string;
}

export interface CheckResult {
  /** Milliseconds of the analysis with its fixes (not of the fix checks). */
  ms: number;
  fixes: number;
  failures: Failure[];
}

/** The file name an input is analysed under: the default of its kind. */
export function pathFor(kind: FileKind): string {
  return kind === 'compose' ? 'compose.yaml' : 'Dockerfile';
}

/** A failure's class: the same class found again is the same defect, and minimising keeps the class. */
export function signature(failure: Failure): string {
  return `${failure.property}${failure.rule ? ` ${failure.rule}` : ''}`;
}

/**
 * `rules`: the rules to run instead of the registry (the checks' own tests). `progress` is called after the analysis
 * and after each fix checked: a hang guard waits for the next step, not for the whole check, whose cost grows with the
 * number of fixes (each one's output is analysed again).
 */
export function checkInput(input: FuzzInput, rules?: readonly AnyRule[], progress: () => void = () => {}): CheckResult {
  const file = { name: pathFor(input.kind), kind: input.kind, text: input.text };
  const started = performance.now();
  let report: FileReport;
  try {
    report = analyzeText(file.name, file.text, file.kind, { rules });
  } catch (error) {
    return {
      ms: performance.now() - started,
      fixes: 0,
      failures: [{ property: 'exception', detail: firstLine(error) }],
    };
  }
  const ms = performance.now() - started;
  progress();
  const failures: Failure[] = [];
  for (const d of report.diagnostics) {
    if (d.ruleId === 'internal-error')
      failures.push({ property: 'internal-error', rule: ruleNamed(d.message), detail: d.message });
  }
  let fixes = 0;
  const syntaxBefore = countOf(report, 'syntax');
  for (const d of report.diagnostics) {
    if (d.ruleId === 'syntax' || d.ruleId === 'internal-error') continue;
    for (const fix of d.fixes) {
      fixes++;
      if (fixes > 1) progress();
      try {
        for (const f of fixFailures(
          file,
          fix,
          d.ruleId,
          d.message,
          countOf(report, d.ruleId, d.message),
          syntaxBefore,
          { rules },
        )) {
          failures.push({ property: f.kind, rule: d.ruleId, detail: `"${fix.title}": ${f.detail}` });
        }
      } catch (error) {
        // The engine threw on the fix's output: that output is an input the engine cannot take.
        failures.push({
          property: 'exception',
          rule: d.ruleId,
          detail: `on the output of "${fix.title}": ${firstLine(error)}`,
        });
      }
    }
  }
  return { ms, fixes, failures };
}

/** The rule an `internal-error` message names: "Rule `image/x` failed on this file (…)". */
function ruleNamed(message: string): string | undefined {
  return /`([^`]+)`/.exec(message)?.[1];
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0].slice(0, 300);
}
