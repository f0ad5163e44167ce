/**
 * The edits that harden a compose service, one builder per setting, written from what the service needs
 * (images/needs.ts): `cap_drop: [ALL]` with the `cap_add` its image needs back, `read_only: true` with a tmpfs for each
 * runtime path and a volume for each state path, `no-new-privileges`, resource limits. The per-setting fixes and
 * "Harden service" use the same builders, so the two never disagree.
 *
 * Each builder returns undefined when the service's text cannot be edited safely (see compose/edit.ts), and says in
 * its title what it rests on: the facts used, or what it assumes where nothing tells.
 */
import type { Fix, FixBasis, TextEdit } from '../types';
import { mergeEdits } from '../text';
import type { ContainerSpec } from '../container/spec';
import { isAtOrBelow, normalizeHostPath, splitVolumeSpec } from '../container/spec';
import type { ServiceNeeds } from '../images/needs';
import { isScalar } from 'yaml';
import {
  addServiceListItems,
  formatString,
  insertPairs,
  ownedBy,
  replaceScalar,
  setServiceValue,
  type NewPair,
  type Placement,
} from './edit';
import { yamlRef, type ComposeModel, type ComposeService } from './model';

export interface HardeningEdit {
  /** What the edit does, as a fix title would say it (without what it rests on). */
  what: string;
  edits: TextEdit[];
  basis: FixBasis;
  /** Something the user must still do or check, said in the title ("`/app/uploads` needs a volume"). */
  caveats: string[];
}

/** A fix from a hardening edit: its title says what it rests on. Never safe: it changes what the container may do. */
export function hardeningFix(edit: HardeningEdit): Fix {
  return { title: titleOf(edit), safe: false, edits: edit.edits, basis: edit.basis };
}

export function titleOf(edit: Pick<HardeningEdit, 'what' | 'basis' | 'caveats'>): string {
  const rest = [...(edit.basis.assumption ? [`check that ${edit.basis.assumption}`] : []), ...edit.caveats];
  const facts = edit.basis.facts.length && !edit.basis.assumption ? ` (from ${joinWords(edit.basis.facts)})` : '';
  return `${edit.what}${facts}${rest.length ? ` — ${rest.join('; ')}` : ''}`;
}

export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function code(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Capabilities

/** Where a person writes `cap_drop`: just before `cap_add`, or with the other security settings. */
export const CAP_PLACEMENT: Placement = [
  { before: 'cap_add' },
  { after: 'security_opt' },
  { after: 'privileged' },
  { after: 'user' },
  { after: 'image' },
  { after: 'build' },
  { after: '<<' },
];
const CAP_ADD_PLACEMENT: Placement = [{ after: 'cap_drop' }, ...CAP_PLACEMENT.slice(1)];

/** `cap_drop: [ALL]` (or `ALL` added to it) and `cap_add` for what the image needs that the service does not add yet. */
export function dropCapabilities(
  model: ComposeModel,
  service: ComposeService,
  needs: ServiceNeeds,
): HardeningEdit | undefined {
  const { spec } = service;
  const edits: TextEdit[] = [];
  const hasAll = spec.capDrop.items.some((i) => i.value === 'ALL');
  if (!hasAll) {
    const drop = addServiceListItems(model, service, 'cap_drop', spec.capDrop, [{ string: 'ALL' }], CAP_PLACEMENT);
    if (!drop) return undefined;
    edits.push(...drop);
  }
  const added = new Set(spec.capAdd.items.map((i) => i.value));
  const missing = needs.capabilities.needs.filter((n) => !added.has(n.capability) && !added.has('ALL'));
  if (missing.length) {
    if (spec.capAdd.unknown) return undefined;
    const add = addServiceListItems(
      model,
      service,
      'cap_add',
      spec.capAdd,
      missing.map((n) => ({ string: n.capability })),
      spec.capDrop.holders.length ? CAP_ADD_PLACEMENT : CAP_PLACEMENT,
    );
    if (!add) return undefined;
    edits.push(...add);
  }
  const merged = mergeAll(model, edits);
  if (!merged?.length) return undefined;
  const dropText = hasAll ? '' : spec.capDrop.holders.length ? 'Add `ALL` to `cap_drop`' : 'Add `cap_drop: [ALL]`';
  const addText = missing.length
    ? `${dropText ? ' with' : 'Add'} \`cap_add: [${missing.map((n) => n.capability).join(', ')}]\``
    : '';
  const facts = needs.capabilities.known
    ? factsOf(
        needs,
        needs.capabilities.needs.map((n) => n.basis),
      )
    : [];
  return {
    what: `${dropText}${addText}`,
    edits: merged,
    basis: needs.capabilities.known
      ? { facts }
      : { facts: [], assumption: `\`${service.name}\` needs no capability back` },
    caveats: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Read-only root filesystem

/** `read_only` goes next to the image it protects. */
export const READ_ONLY_PLACEMENT: Placement = [{ after: 'image' }, { after: 'build' }, { after: '<<' }];

/**
 * `read_only: true`, a tmpfs for each runtime path the service does not mount yet, and an anonymous volume for each
 * state path that neither the service nor the image mounts (Docker keeps an anonymous volume across restarts; a
 * named one keeps the data across `docker compose down`, which is the user's choice to make).
 */
export function readOnlyRoot(
  model: ComposeModel,
  service: ComposeService,
  needs: ServiceNeeds,
): HardeningEdit | undefined {
  const { spec } = service;
  if (!service.map) return undefined;
  const targets = mountTargets(spec);
  // A mount whose target cannot be read may be where a new tmpfs would go: Docker refuses a mount point twice.
  if (!targets) return undefined;
  const covered = (path: string) => targets.some((t) => isAtOrBelow(path, t));
  const tmpfs = needs.runtimePaths.filter((p) => !covered(p.path)).map((p) => p.path);
  const volumes = needs.statePaths.filter((p) => !p.imageVolume && !covered(p.path)).map((p) => p.path);
  const edits: TextEdit[] = [];
  const current = spec.readOnly?.origin;
  const readOnly: NewPair = { key: 'read_only', value: { raw: 'true' } };
  const newPairs: NewPair[] = [];
  if (current && ownedBy(model, service, current)) {
    const set = setServiceValue(model, service, 'read_only', { raw: 'true' }, READ_ONLY_PLACEMENT, current);
    if (!set) return undefined;
    edits.push(...set);
  } else if (current) {
    const set = setServiceValue(model, service, 'read_only', { raw: 'true' }, READ_ONLY_PLACEMENT);
    if (!set) return undefined;
    edits.push(...set);
  } else {
    if (service.aliased) return undefined;
    newPairs.push(readOnly);
  }
  const sameSpot = !current || yamlRef(current)?.holder === service.map;
  if (tmpfs.length) {
    const holder = spec.tmpfs.holders[0];
    const single = yamlRef(holder)?.node;
    if (holder && isScalar(single) && ownedBy(model, service, holder)) {
      // `tmpfs: /run` is a one-item list: it becomes a flow list with the new paths.
      const written = spec.tmpfs.items[0]?.text ?? '';
      const edit = replaceScalar(model, single, {
        raw: `[${[written, ...tmpfs].map((p) => formatString(p, 'plain', true)).join(', ')}]`,
      });
      if (!edit) return undefined;
      edits.push(edit);
    } else if (spec.tmpfs.holders.length) {
      const add = addServiceListItems(
        model,
        service,
        'tmpfs',
        spec.tmpfs,
        tmpfs.map((path) => ({ string: path })),
        [{ after: 'read_only' }, ...READ_ONLY_PLACEMENT],
      );
      if (!add) return undefined;
      edits.push(...add);
    } else if (!current || sameSpot)
      newPairs.push({ key: 'tmpfs', value: { list: tmpfs.map((path) => ({ string: path })) } });
    else {
      const add = insertPairs(
        model,
        service.map,
        [{ key: 'tmpfs', value: { list: tmpfs.map((path) => ({ string: path })) } }],
        READ_ONLY_PLACEMENT,
      );
      if (!add) return undefined;
      edits.push(...add);
    }
  }
  if (newPairs.length) {
    const placement = current ? [{ after: 'read_only' }, ...READ_ONLY_PLACEMENT] : READ_ONLY_PLACEMENT;
    const add = insertPairs(model, service.map, newPairs, placement);
    if (!add) return undefined;
    edits.push(...add);
  }
  if (volumes.length) {
    const add = addServiceListItems(
      model,
      service,
      'volumes',
      spec.mounts,
      volumes.map((path) => ({ string: path })),
      [{ after: 'tmpfs' }, ...READ_ONLY_PLACEMENT],
    );
    if (!add) return undefined;
    edits.push(...add);
  }
  const merged = mergeAll(model, edits);
  if (!merged) return undefined;
  const parts = ['Set `read_only: true`'];
  if (tmpfs.length) parts.push(`${parts.length > 1 ? '' : ' with '}a tmpfs at ${code(tmpfs)}`);
  if (volumes.length) parts.push(`${tmpfs.length ? ' and ' : ' with '}a volume at ${code(volumes)}`);
  const known = needs.profile?.role === 'service' || !!needs.built;
  const caveats = needs.writeTargets
    .filter((t) => !covered(t.path))
    .map((t) => `\`${t.path}\` is made writable by the Dockerfile: give it a tmpfs or a volume`);
  const facts = factsOf(
    needs,
    [...needs.runtimePaths, ...needs.statePaths].map((p) => p.basis).filter((b) => b !== 'common practice'),
  );
  return {
    what: parts.join(''),
    edits: merged,
    basis: known && facts.length ? { facts } : { facts: [], assumption: `\`${service.name}\` writes nowhere else` },
    caveats,
  };
}

/**
 * Where the service mounts something (tmpfs, volumes, binds), normalised; undefined when a target cannot be read. A
 * short-syntax volume whose source is behind an unset variable (`${MEDIA}:/media`) still names its target.
 */
function mountTargets(spec: ContainerSpec): string[] | undefined {
  const targets: string[] = [];
  for (const item of spec.tmpfs.items) {
    const written = item.value ?? (item.text.includes('$') ? undefined : item.text);
    const normal = written && normalizeHostPath(written.split(':')[0].trim());
    if (!normal) return undefined;
    targets.push(normal);
  }
  if (spec.tmpfs.unknown && !spec.tmpfs.items.length) return undefined;
  for (const item of spec.mounts.items) {
    let target = item.value?.target;
    if (!item.value) {
      const parts = item.text ? splitVolumeSpec(item.text) : [];
      const candidate = parts.length >= 2 ? parts[1] : undefined;
      target = candidate && !candidate.includes('$') ? candidate : undefined;
    }
    const normal = target && normalizeHostPath(target);
    if (!normal) return undefined;
    targets.push(normal);
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------------------------
// no-new-privileges

export const NNP_PLACEMENT: Placement = [
  { after: 'cap_drop' },
  { after: 'cap_add' },
  { after: 'read_only' },
  { after: 'privileged' },
  { after: 'user' },
  { after: 'image' },
  { after: 'build' },
  { after: '<<' },
];

export function noNewPrivileges(
  model: ComposeModel,
  service: ComposeService,
  needs: ServiceNeeds,
): HardeningEdit | undefined {
  const edits = addServiceListItems(
    model,
    service,
    'security_opt',
    service.spec.securityOpt,
    [{ string: 'no-new-privileges:true' }],
    NNP_PLACEMENT,
  );
  if (!edits) return undefined;
  const setuid = needs.profile?.role === 'service' || needs.built;
  return {
    what: 'Add `no-new-privileges:true` to `security_opt`',
    edits,
    basis: setuid
      ? { facts: factsOf(needs, needs.basis) }
      : { facts: [], assumption: `\`${service.name}\` runs no setuid program such as su or sudo` },
    caveats: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------

function mergeAll(model: ComposeModel, edits: TextEdit[]): TextEdit[] | undefined {
  return edits.length <= 1 ? edits : mergeEdits(model.source, edits);
}

/** The distinct facts a decision used, in the order found. */
function factsOf(needs: ServiceNeeds, used: readonly string[]): string[] {
  const out: string[] = [];
  for (const basis of used) if (basis && !out.includes(basis) && basis !== 'common practice') out.push(basis);
  if (!out.length && needs.basis.length) out.push(...needs.basis);
  return out;
}
