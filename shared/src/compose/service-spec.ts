/**
 * One compose service → one container spec. Every compose spelling of a setting is read here (short and long volume
 * and port syntax, environment as mapping or list, `deploy.resources.limits` as well as `mem_limit`/`cpus`/
 * `pids_limit`, …), so rules see one shape whatever was written.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../types';
import { parseImageRef, type ImageRef } from '../dockerfile/image-ref';
import {
  emptySpec,
  normalizeCapability,
  normalizeHostPath,
  parseBytes,
  parseNumber,
  parseSecurityOpt,
  splitVolumeSpec,
  type ContainerSpec,
  type Device,
  type EnvVar,
  type Limit,
  type Mount,
  type NamespaceKind,
  type Origin,
  type Port,
  type Setting,
  type SettingList,
  type Sysctl,
  type Via,
} from '../container/spec';
import { interpolate, usesVariables } from './interpolate';
import { entriesOf, originOf, rangeOfNode, resolveNode, scalarText, type Entry, type ReadContext } from './yaml';
import type { ComposeModel } from './model';

export interface ServiceInput {
  ctx: ReadContext;
  model: ComposeModel;
  name: string;
  declaration: Origin;
  /** The service's entries, merge keys applied. */
  entries: Map<string, Entry>;
}

export function readServiceSpec(input: ServiceInput): ContainerSpec {
  const reader = new ServiceReader(input);
  const spec = emptySpec(input.name, input.declaration);
  for (const field of SETTING_FIELDS) readSetting(spec, field, reader);
  return spec;
}

// ---------------------------------------------------------------------------------------------------------------
// The settings table: every field of a container spec that a compose file sets, with the keys that set it, how it is
// read and how `extends` and override files merge it. A field of `ContainerSpec` without a row does not compile.

/** The fields of a container spec that settings fill (the others say which container it is). */
export type SettingField = Exclude<keyof ContainerSpec, 'name' | 'declaration' | 'partial'>;

/**
 * How a base's value and the service's own combine, after compose-spec `merge.md`:
 * - `replace`: the service's own value when it writes one, else the base's;
 * - `union`: both lists, the base's first, an item of the base dropped when the service has one with the same key;
 * - `each`: a record whose every key is merged as `replace` (namespaces) or as `replace` of a whole list (limits);
 * - `own`: never inherited.
 */
export interface Merge<T> {
  kind: 'replace' | 'union' | 'each' | 'own';
  merge(own: T, base: T): T;
}

export interface SettingRow<F extends SettingField> {
  /** The service keys that set it, dotted below the service (`deploy.resources.limits.memory`). */
  keys: readonly string[];
  read(reader: ServiceReader, keys: readonly string[]): ContainerSpec[F];
  merge: Merge<ContainerSpec[F]>;
  /** Lines of a service mapping that set it, indented as its keys: the table's test reads, extends and validates them. */
  example: string;
}

export type SettingsTable = { [F in SettingField]: SettingRow<F> };

const replace = <T>(): Merge<T | undefined> => ({
  kind: 'replace',
  merge: (own, base) => (own !== undefined ? own : base),
});

const ownOnly = <T>(): Merge<T> => ({ kind: 'own', merge: (ownValue) => ownValue });

function union<T>(key: (value: T) => string | undefined = (value) => JSON.stringify(value)): Merge<SettingList<T>> {
  return {
    kind: 'union',
    merge(ownList, baseList) {
      const seen = new Set<string | undefined>(
        ownList.items.map((item) => (item.value === undefined ? undefined : key(item.value))),
      );
      seen.delete(undefined);
      const items = [
        ...baseList.items.filter((item) => item.value === undefined || !seen.has(key(item.value))),
        ...ownList.items,
      ];
      return {
        items,
        holders: [...ownList.holders, ...baseList.holders],
        unknown: ownList.unknown || baseList.unknown,
      };
    },
  };
}

/** A record merged key by key: a key the service writes replaces the base's (a limit's settings as a whole). */
function each<R extends object>(written: (value: R[keyof R]) => boolean): Merge<R> {
  return {
    kind: 'each',
    merge(ownRecord, baseRecord) {
      const merged = { ...baseRecord };
      for (const key of Object.keys(ownRecord) as (keyof R)[])
        if (written(ownRecord[key])) merged[key] = ownRecord[key];
      return merged;
    },
  };
}

const asIs = (value: string): string => value;
const capability = (value: string): string => normalizeCapability(value);

/** `cap_add: [...]`-like keys: one list of scalars. */
function listOf<T>(readText: (text: string) => T | undefined, options?: ListOptions<T>) {
  return (reader: ServiceReader, [key]: readonly string[]): SettingList<T> => reader.list(key, readText, options);
}

function scalarOf<T>(convert: (text: string) => T | undefined) {
  return (reader: ServiceReader, [key]: readonly string[]): Setting<T> | undefined =>
    reader.scalar(key, convert, reader.entryAt(key));
}

const NAMESPACE_KEYS: Record<NamespaceKind, string> = {
  network: 'network_mode',
  pid: 'pid',
  ipc: 'ipc',
  uts: 'uts',
  userns: 'userns_mode',
  cgroup: 'cgroup',
};

type Limits = ContainerSpec['limits'];

/** Every key that sets a limit; a limit written by several keys keeps each (`mem_limit` and `deploy…memory`). */
const LIMIT_KEYS: { [L in keyof Limits]: [string, (text: string) => number | undefined][] } = {
  memory: [
    ['mem_limit', parseBytes],
    ['deploy.resources.limits.memory', parseBytes],
  ],
  memorySwap: [['memswap_limit', parseBytes]],
  cpus: [
    ['cpus', parseNumber],
    ['deploy.resources.limits.cpus', parseNumber],
  ],
  cpuQuota: [['cpu_quota', parseNumber]],
  cpuShares: [['cpu_shares', parseNumber]],
  pids: [
    ['pids_limit', parseNumber],
    ['deploy.resources.limits.pids', parseNumber],
  ],
};

export const COMPOSE_SETTINGS: SettingsTable = {
  image: {
    keys: ['image'],
    read: scalarOf((value): ImageRef | undefined => (value.trim() ? parseImageRef(value) : undefined)),
    merge: replace(),
    example: 'image: nginx:1.27',
  },
  user: { keys: ['user'], read: scalarOf(asIs), merge: replace(), example: 'user: "1000:1000"' },
  privileged: { keys: ['privileged'], read: scalarOf(readBool), merge: replace(), example: 'privileged: true' },
  readOnly: { keys: ['read_only'], read: scalarOf(readBool), merge: replace(), example: 'read_only: true' },
  init: { keys: ['init'], read: scalarOf(readBool), merge: replace(), example: 'init: true' },
  capAdd: { keys: ['cap_add'], read: listOf(capability), merge: union(), example: 'cap_add:\n  - NET_ADMIN' },
  capDrop: { keys: ['cap_drop'], read: listOf(capability), merge: union(), example: 'cap_drop:\n  - ALL' },
  securityOpt: {
    keys: ['security_opt'],
    read: listOf(parseSecurityOpt),
    merge: union(),
    example: 'security_opt:\n  - no-new-privileges:true',
  },
  tmpfs: { keys: ['tmpfs'], read: listOf(asIs, { scalarAllowed: true }), merge: union(), example: 'tmpfs:\n  - /run' },
  namespaces: {
    keys: Object.values(NAMESPACE_KEYS),
    read(reader) {
      const namespaces: ContainerSpec['namespaces'] = {};
      for (const [kind, key] of Object.entries(NAMESPACE_KEYS) as [NamespaceKind, string][]) {
        const setting = reader.scalar(key, asIs);
        if (setting) namespaces[kind] = setting;
      }
      return namespaces;
    },
    merge: each((setting) => setting !== undefined),
    example: 'network_mode: host\npid: host\nipc: host\nuts: host\nuserns_mode: host\ncgroup: host',
  },
  mounts: {
    keys: ['volumes'],
    read: (reader, [key]) =>
      reader.list(key, (value) => readShortVolume(value, reader.model), {
        mapItem: (map, item) => reader.longVolume(map, item),
        paths: true,
      }),
    merge: union((mount) => mount.target),
    example:
      'volumes:\n  - /var/run/docker.sock:/var/run/docker.sock\n  - type: bind\n    source: ./data\n    target: /data',
  },
  devices: {
    keys: ['devices'],
    read: (reader, [key]) => reader.list(key, readShortDevice, { mapItem: (map) => reader.longDevice(map) }),
    merge: union((device) => device.target ?? device.source),
    example: 'devices:\n  - /dev/fuse:/dev/fuse',
  },
  ports: {
    keys: ['ports'],
    read: (reader, [key]) => reader.list(key, readShortPort, { mapItem: (map) => reader.longPort(map) }),
    merge: union(),
    example: 'ports:\n  - "127.0.0.1:8080:80"',
  },
  environment: {
    keys: ['environment'],
    read: (reader) => reader.environment(),
    merge: union((env) => env.name),
    example: 'environment:\n  POSTGRES_PASSWORD: example\n  DEBUG:',
  },
  envFiles: {
    keys: ['env_file'],
    read: (reader, [key]) =>
      reader.list(key, asIs, {
        scalarAllowed: true,
        mapItem: (map) => reader.fieldText(map, 'path') ?? 'unknown',
      }),
    merge: union(),
    example: 'env_file:\n  - app.env',
  },
  command: {
    keys: ['command'],
    read: (reader, [key]) => reader.scalarOrList(key),
    merge: replace(),
    example: 'command: ["nginx", "-g", "daemon off;"]',
  },
  entrypoint: {
    keys: ['entrypoint'],
    read: (reader, [key]) => reader.scalarOrList(key),
    merge: replace(),
    example: 'entrypoint: /docker-entrypoint.sh',
  },
  logDriver: { keys: ['logging.driver'], read: scalarOf(asIs), merge: replace(), example: 'logging:\n  driver: none' },
  profiles: {
    keys: ['profiles'],
    read: (reader, [key]) =>
      reader.list(key, asIs).items.flatMap((item) => (item.value === undefined ? [] : [item.value])),
    merge: ownOnly(),
    example: 'profiles:\n  - debug',
  },
  sysctls: {
    keys: ['sysctls'],
    read: (reader) => reader.sysctls(),
    merge: union((sysctl) => sysctl.name),
    example: 'sysctls:\n  net.core.somaxconn: 1024\n  net.ipv4.tcp_syncookies: 0',
  },
  deviceCgroupRules: {
    keys: ['device_cgroup_rules'],
    read: listOf(asIs),
    merge: union(),
    example: 'device_cgroup_rules:\n  - "c 189:* rmw"',
  },
  oomKillDisable: {
    keys: ['oom_kill_disable'],
    read: scalarOf(readBool),
    merge: replace(),
    example: 'oom_kill_disable: true',
  },
  build: {
    keys: ['build'],
    read: (reader) => reader.build(),
    merge: replace(),
    example: 'build:\n  context: .\n  dockerfile: Dockerfile.prod\n  target: runtime',
  },
  limits: {
    keys: Object.values(LIMIT_KEYS).flatMap((keys) => keys.map(([key]) => key)),
    read(reader) {
      const limits = {} as Limits;
      for (const limit of Object.keys(LIMIT_KEYS) as (keyof Limits)[]) limits[limit] = reader.limits(LIMIT_KEYS[limit]);
      return limits;
    },
    merge: each((settings) => settings.length > 0),
    example:
      'mem_limit: 512m\nmemswap_limit: 1g\ncpus: 0.5\ncpu_quota: 50000\ncpu_shares: 512\npids_limit: 100\n' +
      'deploy:\n  resources:\n    limits:\n      memory: 256m\n      cpus: "0.25"\n      pids: 50',
  },
};

/** The table's fields, in the order they are read. */
export const SETTING_FIELDS = Object.keys(COMPOSE_SETTINGS) as SettingField[];

function readSetting<F extends SettingField>(spec: ContainerSpec, field: F, reader: ServiceReader): void {
  const row = COMPOSE_SETTINGS[field];
  const value = row.read(reader, row.keys);
  if (value !== undefined) spec[field] = value;
}

function mergeSetting<F extends SettingField>(
  spec: ContainerSpec,
  field: F,
  own: ContainerSpec,
  base: ContainerSpec,
): void {
  const value = COMPOSE_SETTINGS[field].merge.merge(own[field], base[field]);
  if (value !== undefined) spec[field] = value;
  else delete (spec as Partial<ContainerSpec>)[field];
}

/** Compose booleans: YAML `true`/`false` and the strings interpolation leaves (`"true"`, `yes`, `on`, …). */
export function readBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(t)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(t)) return false;
  return undefined;
}

interface ListOptions<T> {
  /** A single scalar stands for a one-item list (`tmpfs: /run`). */
  scalarAllowed?: boolean;
  /** Reads a mapping item (long syntax); `'unknown'` when it cannot be read. */
  mapItem?: (map: YAMLMap, item: { via: Via[] }) => T | 'unknown' | undefined;
  /** Items hold host paths (see `interpolatePath`). */
  paths?: boolean;
}

class ServiceReader {
  constructor(private readonly input: ServiceInput) {}

  get model(): ComposeModel {
    return this.input.model;
  }

  private get ctx(): ReadContext {
    return this.input.ctx;
  }

  /** `at` is the value's spot, for the `not-checked` of a value past the expansion bounds. */
  private interpolate(text: string, at: Range | (() => Range)): string | undefined {
    return interpolate(text, this.input.model.variables, at);
  }

  /** Host paths: `$HOME` not set in `.env` is still the user's home (`~`), which compose always has. */
  interpolatePath(text: string, at: Range | (() => Range)): string | undefined {
    const vars = this.input.model.variables;
    return interpolate(text, vars.has('HOME') ? vars : vars.withDefault('HOME', '~'), at);
  }

  private rangeOf(node: Node): () => Range {
    return () => rangeOfNode(this.ctx.source, node);
  }

  /** A scalar setting; a non-scalar value (a list where a string belongs) reads as unknown. */
  scalar<T>(
    key: string,
    convert: (text: string) => T | undefined,
    entry = this.input.entries.get(key),
  ): Setting<T> | undefined {
    if (!entry || entry.value === null) return undefined;
    const origin = originOf(this.ctx, entry, entry.value);
    const text = scalarText(entry.value);
    if (text === undefined) return { value: undefined, text: '', origin };
    const value = this.interpolate(text, origin.range);
    return { value: value === undefined ? undefined : convert(value), text, origin };
  }

  list<T>(
    key: string,
    readText: (text: string) => T | undefined,
    options: ListOptions<T> = {},
    entry = this.input.entries.get(key),
  ): SettingList<T> {
    const list: SettingList<T> = { items: [], holders: [], unknown: false };
    if (!entry || entry.value === null) return list;
    const holder = originOf(this.ctx, entry, entry.value);
    list.holders.push(holder);
    const value = entry.value;
    if (isScalar(value) && options.scalarAllowed) {
      const text = scalarText(value) ?? '';
      const interpolated = this.interpolate(text, holder.range);
      const item = interpolated === undefined ? undefined : readText(interpolated);
      if (item === undefined) list.unknown = true;
      list.items.push({ value: item, text, origin: holder });
      return list;
    }
    if (!isSeq(value)) {
      list.unknown = true;
      return list;
    }
    for (const raw of value.items) {
      const resolved = resolveNode(this.ctx, raw, entry.via);
      const node = resolved.node;
      if (!node) continue;
      const origin = originOf(this.ctx, entry, node, { via: resolved.via, holder: value });
      const text = scalarText(node);
      let item: T | 'unknown' | undefined;
      if (text !== undefined) {
        const interpolated = options.paths
          ? this.interpolatePath(text, origin.range)
          : this.interpolate(text, origin.range);
        item = interpolated === undefined ? undefined : readText(interpolated);
      } else if (isMap(node) && options.mapItem) {
        item = options.mapItem(node, { via: resolved.via });
      }
      if (item === undefined || item === 'unknown') {
        list.unknown = true;
        list.items.push({ value: undefined, text: text ?? '', origin });
      } else {
        list.items.push({ value: item, text: text ?? '', origin });
      }
    }
    return list;
  }

  /** A field of a long-syntax mapping, interpolated; undefined when absent or unknown. */
  fieldText(map: YAMLMap, key: string, via: Via[] = []): string | undefined {
    const entry = entriesOf(this.ctx, map, via).get(key);
    const text = scalarText(entry?.value ?? null);
    return text === undefined ? undefined : this.interpolate(text, this.rangeOf(entry!.value!));
  }

  longVolume(map: YAMLMap, item: { via: Via[] }): Mount | 'unknown' {
    const fields = entriesOf(this.ctx, map, item.via);
    const read = (key: string): string | undefined | null => {
      const entry = fields.get(key);
      if (!entry || entry.value === null) return null;
      const text = scalarText(entry.value);
      const at = this.rangeOf(entry.value);
      return text === undefined
        ? undefined
        : key === 'source'
          ? this.interpolatePath(text, at)
          : this.interpolate(text, at);
    };
    const source = read('source');
    const target = read('target');
    let type = read('type');
    const readOnlyText = read('read_only');
    if (source === undefined || target === undefined || type === undefined || readOnlyText === undefined)
      return 'unknown';
    if (type === null) type = source !== null && isFilePath(source) ? 'bind' : 'volume';
    const readOnly = readOnlyText === null ? false : readBool(readOnlyText);
    if (readOnly === undefined) return 'unknown';
    const mount: Mount = { type, readOnly, syntax: 'long' };
    if (source !== null) mount.source = source;
    if (target !== null) mount.target = target;
    const bind = fields.get('bind')?.value;
    const propagation = bind && isMap(bind) ? this.fieldText(bind, 'propagation', item.via) : undefined;
    if (propagation !== undefined) mount.propagation = propagation.trim();
    this.locateHost(mount);
    return mount;
  }

  private locateHost(mount: Mount): void {
    if (mount.type === 'bind' && mount.source !== undefined) {
      const host = normalizeHostPath(mount.source) ?? (mount.source.startsWith('\\\\') ? mount.source : undefined);
      if (host !== undefined) mount.hostPath = host;
    } else if (mount.type === 'volume' && mount.source) {
      const bound = this.input.model.hostVolumes.get(mount.source);
      const host = bound && normalizeHostPath(bound.device);
      if (bound && host) {
        mount.hostPath = host;
        mount.deviceOrigin = bound.origin;
      }
    }
  }

  longDevice(map: YAMLMap): Device | 'unknown' {
    const source = this.fieldText(map, 'source');
    if (source === undefined) return 'unknown';
    const device: Device = { source };
    const target = this.fieldText(map, 'target');
    const permissions = this.fieldText(map, 'permissions');
    if (target !== undefined) device.target = target;
    if (permissions !== undefined) device.permissions = permissions;
    return device;
  }

  longPort(map: YAMLMap): Port | 'unknown' {
    const target = this.fieldText(map, 'target');
    if (target === undefined) return 'unknown';
    const port: Port = { target, protocol: (this.fieldText(map, 'protocol') ?? 'tcp').toLowerCase(), syntax: 'long' };
    const published = this.fieldText(map, 'published');
    const hostIp = this.fieldText(map, 'host_ip');
    // A `host_ip` behind an unset variable may name any interface, so where the port listens is unknown.
    if (hostIp === undefined && entriesOf(this.ctx, map).get('host_ip')?.value) return 'unknown';
    if (published !== undefined && published !== '') port.published = published;
    if (hostIp !== undefined && hostIp !== '') port.hostIp = hostIp.replace(/^\[(.*)\]$/, '$1');
    return port;
  }

  environment(): SettingList<EnvVar> {
    return this.namedValues('environment', (name, written, at) => {
      if (written === undefined) return { name, passthrough: true, usesVariables: false };
      const env: EnvVar = { name, passthrough: false, usesVariables: usesVariables(written) };
      const value = this.interpolate(written, at);
      if (value !== undefined) env.literal = value;
      return env;
    });
  }

  /** `sysctls` as a mapping (`net.core.somaxconn: 1024`) or a list (`- net.core.somaxconn=1024`). */
  sysctls(): SettingList<Sysctl> {
    return this.namedValues('sysctls', (name, written, at) => ({
      name,
      value: written === undefined ? '' : this.interpolate(written, at)?.trim(),
    }));
  }

  /**
   * A setting written as a `name: value` mapping or a `name=value` list (`environment`, `sysctls`), each entry made
   * by `make` from its name and its value as written (undefined when written without one). Names are never
   * interpolated and values are, so a list item is split at its first `=` before its value is read.
   */
  private namedValues<T>(
    key: string,
    make: (name: string, written: string | undefined, at: Range) => T,
  ): SettingList<T> {
    const entry = this.input.entries.get(key);
    const list: SettingList<T> = { items: [], holders: [], unknown: false };
    if (!entry || entry.value === null) return list;
    if (isSeq(entry.value)) {
      const raw = this.list(key, (text) => text);
      for (const item of raw.items) {
        const eq = item.text.indexOf('=');
        const name = (eq < 0 ? item.text : item.text.slice(0, eq)).trim();
        const value = name ? make(name, eq < 0 ? undefined : item.text.slice(eq + 1), item.origin.range) : undefined;
        if (value === undefined) list.unknown = true;
        list.items.push({ value, text: item.text, origin: item.origin });
      }
      list.holders = raw.holders;
      list.unknown ||= raw.items.some((item) => !item.text);
      return list;
    }
    list.holders.push(originOf(this.ctx, entry, entry.value));
    if (!isMap(entry.value)) {
      list.unknown = true;
      return list;
    }
    for (const [name, field] of entriesOf(this.ctx, entry.value, entry.via)) {
      const origin = originOf(this.ctx, field, field.value);
      const text = field.value === null ? '' : scalarText(field.value);
      if (text === undefined) list.unknown = true;
      const value = text === undefined ? undefined : make(name, field.value === null ? undefined : text, origin.range);
      list.items.push({ value, text: text ?? '', origin });
    }
    return list;
  }

  scalarOrList(key: string): Setting<string[] | string> | undefined {
    const entry = this.input.entries.get(key);
    if (!entry || entry.value === null) return undefined;
    if (isSeq(entry.value)) {
      const list = this.list(key, (text) => text);
      const words = list.items.map((item) => item.value);
      const known = words.every((w): w is string => w !== undefined) && !list.unknown;
      return {
        value: known ? (words as string[]) : undefined,
        text: '',
        origin: originOf(this.ctx, entry, entry.value),
      };
    }
    return this.scalar(key, (text) => text, entry);
  }

  build(): ContainerSpec['build'] {
    const entry = this.input.entries.get('build');
    if (!entry || entry.value === null) return undefined;
    const origin = originOf(this.ctx, entry, entry.value);
    if (isScalar(entry.value)) {
      const context = this.scalar('context', (text) => text, entry);
      return context ? { context, origin } : { origin };
    }
    if (!isMap(entry.value)) return { origin };
    const fields = entriesOf(this.ctx, entry.value, entry.via);
    const build: NonNullable<ContainerSpec['build']> = { origin };
    const context = this.scalar('context', (text) => text, fields.get('context'));
    const dockerfile = this.scalar('dockerfile', (text) => text, fields.get('dockerfile'));
    const dockerfileInline = this.scalar('dockerfile_inline', (text) => text, fields.get('dockerfile_inline'));
    const target = this.scalar('target', (text) => text, fields.get('target'));
    if (context) build.context = context;
    if (dockerfile) build.dockerfile = dockerfile;
    if (dockerfileInline) build.dockerfileInline = dockerfileInline;
    if (target) build.target = target;
    return build;
  }

  /** Every key that sets one limit (`mem_limit`, `deploy.resources.limits.memory`), each as its own setting. */
  limits(keys: [string, (text: string) => number | undefined][]): Setting<Limit>[] {
    const settings: Setting<Limit>[] = [];
    for (const [key, parse] of keys) {
      const entry = this.entryAt(key);
      const setting = this.scalar(
        key,
        (text) => {
          const amount = parse(text);
          return amount === undefined ? undefined : { key, amount };
        },
        entry,
      );
      if (setting) settings.push(setting);
    }
    return settings;
  }

  /** The entry of a key below the service, dotted for nested ones (`logging.driver`), merge keys applied. */
  entryAt(dotted: string): Entry | undefined {
    const path = dotted.split('.');
    const first = this.input.entries.get(path[0]);
    return path.length === 1 ? first : this.fieldEntryFrom(first, path.slice(1));
  }

  private fieldEntryFrom(entry: Entry | undefined, path: string[]): Entry | undefined {
    let current: Entry | undefined = entry;
    for (const key of path) {
      if (!current || !isMap(current.value)) return undefined;
      current = entriesOf(this.ctx, current.value, current.via).get(key);
    }
    return current;
  }
}

/** compose-go's `isFilePath`: what makes a short-syntax volume source a host path rather than a volume name. */
export function isFilePath(source: string): boolean {
  if (!source) return false;
  if ('./~'.includes(source[0])) return true;
  if (source.startsWith('\\\\')) return true;
  return /^[A-Za-z]:/.test(source);
}

/** Bind propagation modes, as compose-go reads them among a short volume's access modes. */
const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

/** `[SOURCE:]TARGET[:MODE]`, as compose-go parses it. */
export function readShortVolume(text: string, model: Pick<ComposeModel, 'hostVolumes'>): Mount | undefined {
  const parts = splitVolumeSpec(text);
  if (!parts || parts.length > 3 || parts.some((p) => p === '')) return undefined;
  if (parts.length === 1) return { type: 'volume', target: parts[0], readOnly: false, syntax: 'short' };
  const [source, target, mode] = parts;
  const modes = mode === undefined ? [] : mode.split(',');
  let readOnly = false;
  let propagation: string | undefined;
  for (const m of modes) {
    if (m === 'ro') readOnly = true;
    else if (m === 'rw') readOnly = false;
    else if (PROPAGATIONS.has(m)) propagation = m;
  }
  const mount: Mount = { type: isFilePath(source) ? 'bind' : 'volume', source, target, readOnly, syntax: 'short' };
  if (mode !== undefined) mount.mode = mode;
  if (propagation !== undefined) mount.propagation = propagation;
  if (mount.type === 'bind') {
    const host = normalizeHostPath(source) ?? (source.startsWith('\\\\') ? source : undefined);
    if (host !== undefined) mount.hostPath = host;
  } else {
    const bound = model.hostVolumes.get(source);
    const host = bound && normalizeHostPath(bound.device);
    if (bound && host) {
      mount.hostPath = host;
      mount.deviceOrigin = bound.origin;
    }
  }
  return mount;
}

/** `HOST[:CONTAINER[:PERMISSIONS]]`, or a CDI name (`vendor.com/class=name`). */
export function readShortDevice(text: string): Device | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!t.startsWith('/') && t.includes('=')) return { source: t };
  const [source, target, permissions] = t.split(':');
  const device: Device = { source };
  if (target) device.target = target;
  if (permissions) device.permissions = permissions;
  return device;
}

/** `[[HOST_IP:][HOST_PORT:]]CONTAINER_PORT[/PROTOCOL]`, IPv6 hosts bare or in brackets, as Docker's port spec parser. */
export function readShortPort(text: string): Port | undefined {
  let rest = text.trim();
  if (!rest) return undefined;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let published: string | undefined;
  let target: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    hostIp = rest.slice(1, close);
    const after = rest.slice(close + 1).replace(/^:/, '');
    const parts = after.split(':');
    if (parts.length !== 2) return undefined;
    [published, target] = parts;
  } else {
    const parts = rest.split(':');
    const n = parts.length;
    target = parts[n - 1];
    if (n === 2) published = parts[0];
    else if (n === 3) [hostIp, published] = parts;
    else if (n > 3) {
      hostIp = parts.slice(0, n - 2).join(':');
      published = parts[n - 2];
    }
  }
  if (!target) return undefined;
  const port: Port = { target, protocol, syntax: 'short' };
  if (hostIp) port.hostIp = hostIp;
  if (published) port.published = published;
  return port;
}

// ---------------------------------------------------------------------------------------------------------------
// extends

/**
 * `own` merged over `base` with Compose's merge rules (compose-spec `merge.md`), as for `extends` and for override
 * files (`compose.yaml` + `compose.override.yaml`): single values are replaced, capability and security lists are
 * unioned, mounts and devices are merged by target, environment by name. Everything taken from `base` records `via`.
 */
export function mergeSpecs(base: ContainerSpec, own: ContainerSpec, via?: Via): ContainerSpec {
  // Without a `via`, `base` is the file being checked (an override file merged over it marks its own origins).
  const inherited = via ? rebase(base, via) : base;
  const spec: ContainerSpec = { ...own };
  for (const field of SETTING_FIELDS) mergeSetting(spec, field, own, inherited);
  const partial = own.partial ?? inherited.partial;
  if (partial !== undefined) spec.partial = partial;
  return spec;
}

/** A copy of a spec whose every origin records one more `via` (outermost first). */
export function rebase<T>(value: T, via: Via): T {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => rebase(item, via)) as T;
  const record = value as Record<string, unknown>;
  if ('entryRange' in record && 'via' in record && 'range' in record) {
    return { ...record, via: [via, ...(record.via as Via[])] } as T;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) copy[key] = key === 'ref' ? child : rebase(child, via);
  return copy as T;
}
