import type { DocMeta } from '../../shared/src/docs';
import { BUILTINS, RULES } from '../../shared/src/rules/index';

/** Every rule's metadata, registry order, then the engine's own diagnostics (`syntax`, `internal-error`). */
export function allRuleMetas(): DocMeta[] {
  return [...RULES.map((rule) => rule.meta as DocMeta), ...BUILTINS];
}
