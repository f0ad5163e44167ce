/**
 * The check and fix that `container/memory-unlimited`, `container/cpu-unlimited` and `container/pids-unlimited`
 * share: only the resource differs. What counts as a limit is a fact of the container spec (container/limits.ts);
 * how a limit is written into a compose file is compose/limits.ts.
 */
import type { ComposeModel, ComposeService } from '../compose/model';
import { addLimit, memoryFor, replaceLimit } from '../compose/limits';
import { placeOf, placeOfMissing } from '../container/finding-place';
import { limitStatus, type ResourceKind } from '../container/limits';
import type { Finding, Fix } from '../types';

/** What the check found: the service that has no limit. */
export interface UnlimitedService {
  service: ComposeService;
}

export type LimitFinding = Finding<'missing' | 'disabled', UnlimitedService>;

/** A finding per service with no limit on `kind`, or one written as "none"; nothing where a value is unknown. */
export function checkLimits(model: ComposeModel, kind: ResourceKind): LimitFinding[] {
  const findings: LimitFinding[] = [];
  for (const service of model.services) {
    const status = limitStatus(service.spec, kind);
    if (status.state === 'unlimited') {
      const { setting } = status;
      findings.push({
        messageId: 'disabled',
        data: { service: service.name, key: setting.value?.key ?? '', value: setting.text },
        ...placeOf(setting.origin),
        fixData: { service },
      });
    } else if (status.state === 'missing' && !service.spec.partial) {
      findings.push({
        messageId: 'missing',
        data: { service: service.name },
        ...placeOfMissing(service.spec),
        fixData: { service },
      });
    }
  }
  return findings;
}

export function limitFixes(finding: LimitFinding, model: ComposeModel, kind: ResourceKind): Fix[] {
  const service = finding.fixData?.service;
  if (!service) return [];
  const fix = limitFix(model, service, kind);
  return fix ? [fix] : [];
}

/** The fix that limits one resource of a service, with a documented minimum for memory where the image has one. */
function limitFix(model: ComposeModel, service: ComposeService, kind: ResourceKind): Fix | undefined {
  const status = limitStatus(service.spec, kind);
  const { amount, why } = kind === 'memory' ? memoryFor(model, service) : {};
  const written =
    status.state === 'unlimited'
      ? replaceLimit(model, service, status.setting)
      : status.state === 'missing'
        ? addLimit(model, service, kind, amount)
        : undefined;
  if (!written) return undefined;
  const title =
    status.state === 'unlimited'
      ? `Set \`${written.key}\` to \`${written.value}\``
      : `Add \`${written.key}: ${written.value}\``;
  return {
    title: title + (amount && why ? ` (${why})` : ''),
    safe: false,
    edits: written.edits,
    placeholders: written.placeholders,
  };
}
