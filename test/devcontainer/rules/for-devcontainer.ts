import type { AnyRule } from '../../../shared/src/rule';
import { devcontainerRule } from '../../../shared/src/devcontainer/rules';

/** A container rule as it checks a devcontainer.json: the rule tester then parses its cases as one. */
export function forDevcontainer(rule: AnyRule): AnyRule {
  const adapted = devcontainerRule(rule);
  if (!adapted) throw new Error(`${rule.meta.id} does not check dev containers`);
  return adapted;
}
