/**
 * Fixes several rules share: taking an item out of `security_opt`, and turning a boolean setting off. Each edits
 * only the service the finding is about, also when the setting comes from an anchor other services share.
 */
import type { Setting } from '../container/spec';
import type { Fix } from '../types';
import { ownedBy, removeServiceListItem, removeServiceKey, setServiceValue } from './edit';
import type { ComposeModel, ComposeService } from './model';

/** Which `security_opt` item a fix takes out: the service and the item's index in its list. */
export interface SecurityOptFix {
  service: ComposeService;
  index: number;
}

/** Removes the item; from a list shared through an anchor, the service gets its own list without it. Unsafe. */
export function removeSecurityOptFixes(model: ComposeModel, data: SecurityOptFix | undefined): Fix[] {
  const service = data?.service;
  const item = data && service?.spec.securityOpt.items[data.index];
  if (!service || !item) return [];
  const edits = removeServiceListItem(model, service, 'security_opt', service.spec.securityOpt, item.origin, [
    { after: '<<' },
    { after: 'image' },
  ]);
  return edits ? [{ title: `Remove \`${item.text}\``, safe: false, edits }] : [];
}

/** Removes `key: true` where the service writes it; where it comes from a shared anchor, sets `key: false`. Unsafe. */
export function turnOffFixes(
  model: ComposeModel,
  service: ComposeService,
  setting: Setting<boolean>,
  key: string,
): Fix[] {
  if (ownedBy(model, service, setting.origin)) {
    const edits = removeServiceKey(model, service, setting.origin);
    return edits ? [{ title: `Remove \`${key}\``, safe: false, edits }] : [];
  }
  const edits = setServiceValue(model, service, key, { raw: 'false' }, [
    { after: '<<' },
    { after: 'image' },
    { after: 'build' },
  ]);
  return edits ? [{ title: `Set \`${key}: false\` for service \`${service.name}\``, safe: false, edits }] : [];
}
