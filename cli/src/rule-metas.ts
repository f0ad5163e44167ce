import type { DocMeta } from '../../shared/src/docs';
import { allMetas } from '../../shared/src/rules/index';

/** Every rule's metadata, registry order, then the groups and the engine's own diagnostics (`syntax`, `internal-error`). */
export function allRuleMetas(): DocMeta[] {
  return allMetas();
}
