/**
 * Writing a resource limit into a compose service, in the syntax the service already uses: under
 * `deploy.resources.limits` when the service has its own `deploy:` mapping, else as a service key (`mem_limit`,
 * `cpus`, `pids_limit`). The value written is a default the user is expected to change, so it is marked as a
 * placeholder.
 */
import { isAlias, isMap, isScalar, type YAMLMap } from 'yaml';
import type { FixPlaceholder, TextEdit } from '../types';
import type { Limit, Setting } from '../container/spec';
import type { ResourceKind } from '../container/limits';
import { insertPairs, ownPair, ownedBy, replaceScalar, setServiceValue, type NewPair, type Placement } from './edit';
import { isMergeKey, keyText } from './yaml';
import { yamlRef, type ComposeModel, type ComposeService } from './model';
import { needsOf } from './service-needs';

/** How one resource is written, and the default each key gets. */
interface LimitSyntax {
  /** The service key (`mem_limit`). */
  key: string;
  value: string;
  /** The key under `deploy.resources.limits`, when Compose has one there for this resource. */
  deployKey?: string;
  deployValue?: string;
  /** Where the service key goes: beside the other limits, else after what names the image. */
  placement: Placement;
  /** Where the key goes inside `limits:`. */
  deployPlacement?: Placement;
}

const AFTER_IMAGE: Placement = [{ after: 'restart' }, { after: 'image' }, { after: 'build' }, { after: '<<' }];

const LIMIT_SYNTAX: Record<ResourceKind, LimitSyntax> = {
  memory: {
    key: 'mem_limit',
    value: '512m',
    deployKey: 'memory',
    deployValue: '512M',
    placement: [{ after: 'cpus' }, { before: 'pids_limit' }, { before: 'memswap_limit' }, ...AFTER_IMAGE],
    deployPlacement: [{ after: 'cpus' }],
  },
  cpu: {
    key: 'cpus',
    value: '1.0',
    deployKey: 'cpus',
    deployValue: '1.0',
    placement: [{ before: 'mem_limit' }, { before: 'pids_limit' }, { after: 'cpu_shares' }, ...AFTER_IMAGE],
    deployPlacement: [{ before: 'memory' }],
  },
  // `deploy.resources.limits.pids` is newer than `pids_limit`: docker-compose 1.x and early Compose v2 refuse it,
  // while every Compose reads `pids_limit`.
  pids: { key: 'pids_limit', value: '256', placement: [{ after: 'mem_limit' }, { after: 'cpus' }, ...AFTER_IMAGE] },
};

/** The default written in place of an unlimited value, per key that can hold one. */
const REPLACEMENT: Record<string, string> = {
  mem_limit: '512m',
  'deploy.resources.limits.memory': '512M',
  cpus: '1.0',
  'deploy.resources.limits.cpus': '1.0',
  // Microseconds of CPU time per 100 ms period (the default `cpu_period`): one CPU.
  cpu_quota: '100000',
  pids_limit: '256',
  'deploy.resources.limits.pids': '256',
};

export interface LimitEdit {
  edits: TextEdit[];
  placeholders: FixPlaceholder[];
  /** The key written, as a person would name it (`mem_limit`, `deploy.resources.limits.memory`). */
  key: string;
  value: string;
}

/** Replaces a limit written as "none" (`mem_limit: 0`, `pids_limit: -1`) with a default. */
export function replaceLimit(
  model: ComposeModel,
  service: ComposeService,
  current: Setting<Limit>,
): LimitEdit | undefined {
  const key = current.value?.key;
  const value = key === undefined ? undefined : REPLACEMENT[key];
  if (key === undefined || value === undefined) return undefined;
  const ref = yamlRef(current.origin);
  let edits: TextEdit[] | undefined;
  if (ref && isScalar(ref.node) && ownedBy(model, service, current.origin)) {
    // Keep the quotes the value had; a plain value stays a plain number or size.
    const quoted = ref.node.type === 'QUOTE_DOUBLE' || ref.node.type === 'QUOTE_SINGLE';
    const edit = replaceScalar(model, ref.node, quoted ? { string: value } : { raw: value }, !!ref.holder.flow);
    edits = edit ? [edit] : undefined;
  } else if (!key.includes('.')) {
    // Set by an anchor other services share, or by a service this one extends: override it here.
    edits = setServiceValue(model, service, key, { raw: value }, LIMIT_SYNTAX[kindOfKey(key)].placement);
  }
  return edits && withPlaceholder(edits, key, value);
}

/**
 * Adds a limit to a service that has none; `amount` overrides the default (`{ key: '2g', deploy: '2G' }`, from a
 * documented minimum).
 */
export function addLimit(
  model: ComposeModel,
  service: ComposeService,
  kind: ResourceKind,
  amount?: { key: string; deploy: string },
): LimitEdit | undefined {
  const syntax = amount ? { ...LIMIT_SYNTAX[kind], value: amount.key, deployValue: amount.deploy } : LIMIT_SYNTAX[kind];
  if (!service.map || service.aliased) return undefined;
  if (syntax.deployKey && syntax.deployValue) {
    const deploy = ownPair(service, 'deploy');
    if (deploy && isMap(deploy.value)) {
      const edits = insertUnder(
        model,
        deploy.value,
        ['resources', 'limits'],
        { key: syntax.deployKey, value: { raw: syntax.deployValue } },
        syntax.deployPlacement ?? [],
      );
      if (edits) return withPlaceholder(edits, `deploy.resources.limits.${syntax.deployKey}`, syntax.deployValue);
    }
  }
  const edits = insertPairs(model, service.map, [{ key: syntax.key, value: { raw: syntax.value } }], syntax.placement);
  return edits && withPlaceholder(edits, syntax.key, syntax.value);
}

/**
 * Inserts `leaves` at `path` below `map`, creating the missing mappings. Undefined when a step is not a plain mapping
 * of its own (an alias, a scalar), or may come from a merge key: writing there would replace what the merge gives.
 */
function insertUnder(
  model: ComposeModel,
  map: YAMLMap,
  path: string[],
  leaf: NewPair | NewPair[],
  leafPlacement: Placement,
): TextEdit[] | undefined {
  const leaves = Array.isArray(leaf) ? leaf : [leaf];
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = current.items.find((p) => keyText(p.key) === path[i]);
    if (!pair) {
      if (hasMergeKey(current)) return undefined;
      let value: NewPair[] = leaves;
      for (let j = path.length - 1; j > i; j--) value = [{ key: path[j], value: { map: value } }];
      return insertPairs(model, current, [{ key: path[i], value: { map: value } }], PATH_PLACEMENT[path[i]] ?? []);
    }
    if (isAlias(pair.value) || !isMap(pair.value)) return undefined;
    current = pair.value;
  }
  if (hasMergeKey(current) || current.items.some((p) => leaves.some((l) => keyText(p.key) === l.key))) return undefined;
  return insertPairs(model, current, leaves, leafPlacement);
}

/**
 * Limits on several resources at once (Harden service): the ones `deploy.resources.limits` takes go there together
 * when the service has its own `deploy:`, the others as service keys together, so no mapping is written twice.
 */
export function addLimits(
  model: ComposeModel,
  service: ComposeService,
  kinds: ResourceKind[],
  memory?: { key: string; deploy: string },
): { edits: TextEdit[]; written: string[] } | undefined {
  if (!service.map || service.aliased || !kinds.length) return undefined;
  const deploy = ownPair(service, 'deploy');
  const underDeploy = deploy && isMap(deploy.value) ? kinds.filter((k) => LIMIT_SYNTAX[k].deployKey) : [];
  const asKeys = kinds.filter((k) => !underDeploy.includes(k));
  const value = (k: ResourceKind, deployed: boolean): string =>
    k === 'memory' && memory
      ? deployed
        ? memory.deploy
        : memory.key
      : deployed
        ? LIMIT_SYNTAX[k].deployValue!
        : LIMIT_SYNTAX[k].value;
  const edits: TextEdit[] = [];
  const written: string[] = [];
  if (underDeploy.length) {
    // cpus before memory, as Compose's docs write them.
    const ordered = [...underDeploy].sort((a, b) => (a === 'cpu' ? -1 : b === 'cpu' ? 1 : 0));
    const inserted = insertUnder(
      model,
      deploy!.value as YAMLMap,
      ['resources', 'limits'],
      ordered.map((k) => ({ key: LIMIT_SYNTAX[k].deployKey!, value: { raw: value(k, true) } })),
      [{ after: 'cpus' }],
    );
    if (!inserted) return undefined;
    edits.push(...inserted);
    written.push(...ordered.map((k) => `deploy.resources.limits.${LIMIT_SYNTAX[k].deployKey}: ${value(k, true)}`));
  }
  if (asKeys.length) {
    const order: ResourceKind[] = ['memory', 'cpu', 'pids'];
    const ordered = order.filter((k) => asKeys.includes(k));
    const inserted = insertPairs(
      model,
      service.map,
      ordered.map((k) => ({ key: LIMIT_SYNTAX[k].key, value: { raw: value(k, false) } })),
      LIMIT_SYNTAX[ordered[0]].placement,
    );
    if (!inserted) return undefined;
    edits.push(...inserted);
    written.push(...ordered.map((k) => `${LIMIT_SYNTAX[k].key}: ${value(k, false)}`));
  }
  return { edits, written };
}

/** The memory amount to write for a service: its image's documented minimum when above the default. */
export function memoryFor(
  model: ComposeModel,
  service: ComposeService,
): { amount?: { key: string; deploy: string }; why?: string; basis?: string } {
  const minimum = needsOf(model, service).minMemory;
  if (!minimum || minimum.bytes <= 512 * 1024 ** 2) return {};
  return { amount: memoryAmount(minimum.bytes), why: `${minimum.basis}: ${minimum.why}`, basis: minimum.basis };
}

/** People write `limits` before `reservations`. */
const PATH_PLACEMENT: Record<string, Placement> = { limits: [{ before: 'reservations' }] };

function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((p) => isMergeKey(p.key));
}

function withPlaceholder(edits: TextEdit[], key: string, value: string): LimitEdit {
  const placeholders: FixPlaceholder[] = [];
  // The value is the last thing each edit writes (`mem_limit: 512m`, `limits: {memory: 512M}`).
  for (let index = edits.length - 1; index >= 0; index--) {
    const start = edits[index].newText.lastIndexOf(value);
    if (start < 0) continue;
    placeholders.push({ edit: index, start, end: start + value.length });
    break;
  }
  return { edits, placeholders, key, value };
}

function kindOfKey(key: string): ResourceKind {
  if (key === 'mem_limit' || key.endsWith('.memory')) return 'memory';
  if (key === 'pids_limit' || key.endsWith('.pids')) return 'pids';
  return 'cpu';
}

/** `2147483648` → `2g` / `2G`; `805306368` → `768m` / `768M`. */
function memoryAmount(bytes: number): { key: string; deploy: string } {
  const mib = Math.ceil(bytes / 1024 ** 2);
  return mib % 1024 === 0 ? { key: `${mib / 1024}g`, deploy: `${mib / 1024}G` } : { key: `${mib}m`, deploy: `${mib}M` };
}
