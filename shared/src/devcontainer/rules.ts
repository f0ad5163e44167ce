/**
 * Which container rules check a devcontainer.json, and how: the compose rules' checks run unchanged over the dev
 * container's spec (model.ts `containerView`); their fixes are this kind's (fixes.ts).
 *
 * A dev container is a workstation, not a service: its limits (memory, CPU, PIDs) would throttle builds; a read-only
 * root file system breaks the tools and extensions it installs; a debugger in it is the point; its environment
 * (`containerEnv`, `remoteEnv`) and logging are not read. Those rules are off for this kind. Dropping capabilities
 * and no-new-privileges are worth having but break `sudo` and package installs, so they are info here.
 */
import type { AnyRule } from '../rule';
import type { Severity } from '../types';
import { containerView, type DevcontainerModel } from './model';
import { DEVCONTAINER_FIXES } from './fixes';

/** Rule id → the severity it takes for a dev container (undefined: the rule's own default). */
export const DEVCONTAINER_RULES: ReadonlyMap<string, Severity | undefined> = new Map<string, Severity | undefined>([
  ['container/privileged', undefined],
  ['container/dangerous-capability', undefined],
  ['container/docker-socket-mount', undefined],
  ['container/docker-api-exposed', undefined],
  ['container/host-namespace', undefined],
  ['container/joined-namespace', undefined],
  ['container/sensitive-host-mount', undefined],
  ['container/shared-mount-propagation', undefined],
  ['container/seccomp-unconfined', undefined],
  ['container/mac-disabled', undefined],
  ['container/ports-on-all-interfaces', undefined],
  ['container/unpinned-image', undefined],
  ['container/root-user', undefined],
  ['container/systempaths-unconfined', undefined],
  ['container/unsafe-sysctl', undefined],
  ['container/all-devices-allowed', undefined],
  ['container/oom-kill-disabled', undefined],
  ['container/cleartext-admin-port', undefined],
  ['container/capabilities-not-dropped', 'info'],
  ['container/no-new-privileges', 'info'],
]);

const adapted = new WeakMap<AnyRule, AnyRule>();

/** The rule as it runs on a devcontainer.json, or undefined when it does not apply there. */
export function devcontainerRule(rule: AnyRule): AnyRule | undefined {
  if (rule.meta.kind !== 'compose' || !DEVCONTAINER_RULES.has(rule.meta.id)) return undefined;
  let known = adapted.get(rule);
  if (!known) {
    const severity = DEVCONTAINER_RULES.get(rule.meta.id) ?? rule.meta.severity;
    const fixer = DEVCONTAINER_FIXES[rule.meta.id];
    const meta = {
      ...rule.meta,
      kind: 'devcontainer' as const,
      severity,
      // The compose fixes edit YAML: only this kind's own fixes are offered (all unsafe).
      fix: fixer ? ('unsafe' as const) : ('none' as const),
      messages: devcontainerWording(rule.meta.messages),
      // Reported one by one: the group's message and its one fix (Harden service) are a compose service's.
      aspect: undefined,
    };
    known = {
      meta: meta as unknown as AnyRule['meta'],
      check: (model) => {
        const findings = rule.check(containerView(model as unknown as DevcontainerModel) as never);
        // A finding's own severity is the compose reading's; an info rule here stays info.
        return severity === 'info' ? findings.map((f) => ({ ...f, severity: 'info' as const })) : findings;
      },
      ...(fixer ? { fixes: (finding, model) => fixer(finding, model as unknown as DevcontainerModel) } : {}),
    };
    adapted.set(rule, known);
  }
  return known;
}

/**
 * The compose messages name the container a service: here it is the dev container. The settings they quote stay in
 * Compose's spelling (`network_mode: host`); the finding's range shows the JSON that sets them.
 */
function devcontainerWording(messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).map(([id, text]) => [
      id,
      text
        .replace(/\bService `\{\{service\}\}`/g, 'Dev container `{{service}}`')
        .replace(/\bservice `\{\{service\}\}`/g, 'dev container `{{service}}`'),
    ]),
  );
}

/** The rules that check a devcontainer.json, from a list of rules (the registry, or a test's). */
export function devcontainerRules(rules: readonly AnyRule[]): AnyRule[] {
  return rules.map(devcontainerRule).filter((r): r is AnyRule => r !== undefined);
}
