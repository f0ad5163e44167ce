/**
 * Whether a container is held to a memory, CPU or process limit, whatever key set it. Kind-neutral: it reads the
 * container spec only, so `docker run --memory` or a devcontainer's `runArgs` answer the same way later.
 */
import type { ContainerSpec, Limit, Setting } from './spec';

export type ResourceKind = 'memory' | 'cpu' | 'pids';

export type LimitStatus =
  /** Some key sets a positive limit. */
  | { state: 'limited' }
  /** A key is written but its value cannot be known (an unset variable): no conclusion. */
  | { state: 'unknown' }
  /** No key is written. */
  | { state: 'missing' }
  /** Keys are written, and every one says "no limit" (`0`, `-1`): the first of them. */
  | { state: 'unlimited'; setting: Setting<Limit> };

/**
 * The settings that can limit a resource. CPU counts `cpus` and `cpu_quota` (both cap CPU time); `cpu_shares` is a
 * relative weight that only matters under contention, so it limits nothing.
 */
export function limitSettings(spec: ContainerSpec, kind: ResourceKind): Setting<Limit>[] {
  switch (kind) {
    case 'memory':
      return spec.limits.memory;
    case 'cpu':
      return [...spec.limits.cpus, ...spec.limits.cpuQuota];
    case 'pids':
      return spec.limits.pids;
  }
}

/** Docker reads `0` (and `-1` for pids and CPU quota) as "no limit": any amount above zero is a limit. */
export function limitStatus(spec: ContainerSpec, kind: ResourceKind): LimitStatus {
  const settings = limitSettings(spec, kind);
  if (settings.some((s) => s.value !== undefined && s.value.amount > 0)) return { state: 'limited' };
  if (settings.some((s) => s.value === undefined)) return { state: 'unknown' };
  if (settings.length) return { state: 'unlimited', setting: settings[0] };
  return { state: 'missing' };
}
