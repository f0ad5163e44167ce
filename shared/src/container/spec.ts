/**
 * A container spec: what one container will run with, whatever file declared it (a compose service today; a
 * devcontainer.json or a `docker run` line later). The container rules reason over this shape only, so they do not
 * change when a new kind of file joins.
 *
 * Every setting keeps where it was written. A setting that is not written is absent (undefined, or an empty list); a
 * setting that is written but whose value cannot be known (an unset `${VAR}`) has `value: undefined`, and rules draw no
 * conclusion from it.
 */
import type { Range } from '../types';
import type { ImageRef } from '../dockerfile/image-ref';

/** How a value reached the container from somewhere other than where the container is declared. */
export interface Via {
  /**
   * - `alias`: a YAML alias used as the value (`cap_add: *caps`);
   * - `merge`: a YAML merge key (`<<: *defaults`);
   * - `extends`: another service this one extends (`extends: base`);
   * - `override`: a file merged over this one (`compose.override.yaml`), for the cross-file layer.
   */
  kind: 'alias' | 'merge' | 'extends' | 'override';
  /** Where the value entered: the alias (`*defaults`) or the `extends` value, inside the container's declaration. */
  range: Range;
  /** The anchor or the extended service. */
  name: string;
  /** The file the value came from, when it is not the file being checked (workspace-relative or absolute). */
  path?: string;
}

/** Whether a value came through YAML (alias or merge key) rather than from another service or file. */
export function isYamlVia(via: Via): boolean {
  return via.kind === 'alias' || via.kind === 'merge';
}

/** Where a value was written. */
export interface Origin {
  /** The value itself as written; for a value reached through an alias, inside the anchor's definition. */
  range: Range;
  /** The whole entry: `privileged: true`, `- SYS_ADMIN`, a long-syntax mount mapping. */
  entryRange: Range;
  /** The key, for a value written as `key: value` (`cap_drop` of a whole list). */
  keyRange?: Range;
  /** How the value reached the container, outermost first; empty when it is written in the declaration itself. */
  via: Via[];
  /** A handle the file kind's editor understands (compose: `YamlRef` from compose/model.ts); never read by rules. */
  ref?: unknown;
}

export interface Setting<T> {
  /** The value, or undefined when it cannot be known without running anything (an unset variable). */
  value: T | undefined;
  /** As written, before interpolation. */
  text: string;
  origin: Origin;
}

/** A list setting, possibly gathered from several places (a service and the one it extends). */
export interface SettingList<T> {
  items: Setting<T>[];
  /** Where the list keys are written (`cap_drop:`), the container's own first. Empty when no such key is written. */
  holders: Origin[];
  /** Some entry, or the whole list, could not be read: do not conclude that something is missing. */
  unknown: boolean;
}

export type NamespaceKind = 'network' | 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroup';

export interface SecurityOpt {
  /** Lower-cased option name: `seccomp`, `apparmor`, `label`, `no-new-privileges`, `systempaths`, … */
  name: string;
  /** The value after `:` or `=` (`unconfined`, `disable`, `type:spc_t`); `true` for a bare `no-new-privileges`. */
  value: string;
  /** The separator written, so a fix can keep it. */
  separator: ':' | '=' | '';
}

export interface Mount {
  /** `bind` (a host path), `volume` (named or anonymous), `tmpfs`, `npipe`, `image`, `cluster`. */
  type: string;
  /** Host path for binds as written after interpolation (`./data`, `~/x`, `/etc`); volume name for named volumes. */
  source?: string;
  /**
   * The host path a bind exposes, normalised (`//var/run/../run/docker.sock/` → `/run/docker.sock`, `$HOME/x` →
   * `~/x`); undefined when the mount is not a bind or the path is relative to the project (`./data`).
   */
  hostPath?: string;
  target?: string;
  readOnly: boolean;
  syntax: 'short' | 'long';
  /** Short syntax: the access mode list as written after the target (`ro`, `rw,z`), when there is one. */
  mode?: string;
  /** Bind propagation as written (`rshared`, `rslave`, …: short syntax's mode, long syntax's `bind.propagation`). */
  propagation?: string;
  /** For a named volume defined with a host `device` (a bind in disguise): where that device is written. */
  deviceOrigin?: Origin;
}

export interface Device {
  /** Host device path (`/dev/sda`) or CDI name (`vendor.com/gpu=all`). */
  source: string;
  target?: string;
  permissions?: string;
}

export interface Port {
  /** Host interface (`127.0.0.1`, `::1`), undefined when none is written: all interfaces. */
  hostIp?: string;
  /** Published host port or range (`8080`, `8000-8010`), undefined when Docker picks one. */
  published?: string;
  /** Container port or range. */
  target: string;
  protocol: string;
  syntax: 'short' | 'long';
}

export interface Sysctl {
  /** The kernel parameter as written (`net.ipv4.ip_forward`). */
  name: string;
  /** Its value after interpolation; undefined when it cannot be known (an unset variable). */
  value: string | undefined;
}

export interface EnvVar {
  name: string;
  /** The literal value; undefined when it comes from the host environment (`- NAME`, `NAME:`) or is unknown. */
  literal?: string;
  /** Written without a value: taken from the environment compose runs in. */
  passthrough: boolean;
  /** The value as written uses variables (`${DB_PASSWORD}`), so it is not a literal in the file. */
  usesVariables: boolean;
}

/** One resource limit as written, by any key that sets it. */
export interface Limit {
  /** The key that sets it: `mem_limit`, `deploy.resources.limits.memory`, `pids_limit`, `cpus`, `cpu_quota`, … */
  key: string;
  /** Bytes for memory, CPUs for cpus (`0.5`), a count for pids, raw numbers for quota/shares; 0 or -1 may mean none. */
  amount: number;
}

export interface BuildSpec {
  context?: Setting<string>;
  dockerfile?: Setting<string>;
  /** A Dockerfile written in the compose file itself (`dockerfile_inline`): Compose builds it instead of a file. */
  dockerfileInline?: Setting<string>;
  target?: Setting<string>;
  origin: Origin;
}

export interface ContainerSpec {
  /** The service name (compose), or the container's name where the file gives one. */
  name: string;
  /** Where the container is declared (the service key): findings about something missing point here. */
  declaration: Origin;
  /**
   * Why some settings may be missing from this spec (they come from a file not read yet, such as `extends: {file: …}`).
   * Rules that report a missing setting stay silent when this is set.
   */
  partial?: string;
  image?: Setting<ImageRef>;
  build?: BuildSpec;
  user?: Setting<string>;
  privileged?: Setting<boolean>;
  readOnly?: Setting<boolean>;
  /** An init process as PID 1 (`init: true`, `--init`): reaps zombies and forwards signals. */
  init?: Setting<boolean>;
  /** Capability names upper-cased without `CAP_` (`SYS_ADMIN`, `ALL`). */
  capAdd: SettingList<string>;
  capDrop: SettingList<string>;
  securityOpt: SettingList<SecurityOpt>;
  tmpfs: SettingList<string>;
  /** Namespace modes as written: `host`, `service:db`, `container:x`, `private`, `none`, a network name. */
  namespaces: Partial<Record<NamespaceKind, Setting<string>>>;
  mounts: SettingList<Mount>;
  devices: SettingList<Device>;
  ports: SettingList<Port>;
  limits: {
    memory: Setting<Limit>[];
    memorySwap: Setting<Limit>[];
    cpus: Setting<Limit>[];
    cpuQuota: Setting<Limit>[];
    cpuShares: Setting<Limit>[];
    pids: Setting<Limit>[];
  };
  environment: SettingList<EnvVar>;
  envFiles: SettingList<string>;
  /** Exec form as a list of words, or shell form as one string. */
  command?: Setting<string[] | string>;
  entrypoint?: Setting<string[] | string>;
  /** The logging driver (`json-file`, `local`, `syslog`, `none`, …); absent: the daemon's default. */
  logDriver?: Setting<string>;
  /** Compose profiles: the container only runs when one of them is enabled. Empty: always. */
  profiles: string[];
  /** Kernel parameters set for the container's namespaces (`sysctls`, mapping or `name=value` list). */
  sysctls: SettingList<Sysctl>;
  /** Device cgroup rules as written, interpolated (`c 189:* rmw`): devices the container may create and open. */
  deviceCgroupRules: SettingList<string>;
  /** `oom_kill_disable`: the kernel's OOM killer spares the container's processes. */
  oomKillDisable?: Setting<boolean>;
}

export function emptyList<T>(): SettingList<T> {
  return { items: [], holders: [], unknown: false };
}

export function emptySpec(name: string, declaration: Origin): ContainerSpec {
  return {
    name,
    declaration,
    capAdd: emptyList(),
    capDrop: emptyList(),
    securityOpt: emptyList(),
    tmpfs: emptyList(),
    namespaces: {},
    mounts: emptyList(),
    devices: emptyList(),
    ports: emptyList(),
    limits: { memory: [], memorySwap: [], cpus: [], cpuQuota: [], cpuShares: [], pids: [] },
    environment: emptyList(),
    envFiles: emptyList(),
    profiles: [],
    sysctls: emptyList(),
    deviceCgroupRules: emptyList(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading values the way the Docker engine does, whatever file they came from.

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` → `SYS_ADMIN`; `all` → `ALL`. */
export function normalizeCapability(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/**
 * `seccomp:unconfined`, `seccomp=unconfined`, `no-new-privileges`, `no-new-privileges:true`, `label=type:spc_t`.
 * Docker splits on the first `=`, and for the older form on the first `:`.
 */
export function parseSecurityOpt(text: string): SecurityOpt {
  const trimmed = text.trim();
  const eq = trimmed.indexOf('=');
  const colon = trimmed.indexOf(':');
  let at = -1;
  let separator: SecurityOpt['separator'] = '';
  if (eq >= 0 && (colon < 0 || eq < colon)) {
    at = eq;
    separator = '=';
  } else if (colon >= 0) {
    at = colon;
    separator = ':';
  }
  if (at < 0)
    return {
      name: trimmed.toLowerCase(),
      value: trimmed.toLowerCase() === 'no-new-privileges' ? 'true' : '',
      separator,
    };
  return { name: trimmed.slice(0, at).trim().toLowerCase(), value: trimmed.slice(at + 1).trim(), separator };
}

/** Whether a `no-new-privileges` value turns it on (Docker parses it as a Go bool). */
export function isTrueFlag(value: string): boolean {
  return ['true', '1', 't'].includes(value.trim().toLowerCase());
}

/**
 * A host path normalised for comparison: `\` kept (Windows paths are left alone), duplicate and trailing slashes
 * dropped, `.` and `..` resolved for absolute paths, `$HOME`/`${HOME}` read as `~`. Relative paths come back
 * undefined: they stay inside the project.
 */
export function normalizeHostPath(path: string): string | undefined {
  let p = path.trim();
  p = p.replace(/^\$\{HOME\}|^\$HOME(?![A-Za-z0-9_])/, '~');
  if (p === '~' || p.startsWith('~/')) {
    const below = collapse(p.slice(1));
    return below === '/' ? '~' : '~' + below;
  }
  if (!p.startsWith('/')) return undefined;
  return collapse(p);
}

function collapse(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/**
 * Splits short volume syntax (`[SOURCE:]TARGET[:MODE]`, also `docker run -v`) on its colons as compose-go does,
 * keeping Windows drive letters (`C:\\data`) and, for text not yet interpolated, `${VAR:-x}` whole.
 */
export function splitVolumeSpec(spec: string): string[] {
  const parts: string[] = [];
  let buffer = '';
  let braces = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '$' && spec[i + 1] === '{') braces++;
    else if (c === '}' && braces > 0) braces--;
    if (
      c === ':' &&
      braces === 0 &&
      !(buffer.length === 1 && /[A-Za-z]/.test(buffer) && /[\\/]/.test(spec[i + 1] ?? ''))
    ) {
      parts.push(buffer);
      buffer = '';
    } else buffer += c;
  }
  parts.push(buffer);
  return parts;
}

/** Whether `path` is `dir` or lies below it (both normalised). */
export function isAtOrBelow(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(dir + '/');
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** `512m`, `1g`, `1.5GB`, `1048576` → bytes, as compose reads memory sizes; undefined when unreadable. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([kmgt]?b?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = BYTE_UNITS[(m[2] ?? '').toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** A plain number (`0.5`, `2`, `-1`), undefined when unreadable. */
export function parseNumber(text: string): number | undefined {
  if (!/^\s*-?\d+(?:\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

/**
 * A `command` or `entrypoint` as the words it runs: the exec form as written, the shell form split the way a shell
 * splits plain and quoted words (no expansions), as Compose does before it hands the words to the engine.
 */
export function commandWords(value: string[] | string): string[] {
  if (typeof value !== 'string') return value;
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}
