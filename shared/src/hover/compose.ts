import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { SourceText, parserText } from '../text';
import { isRootUser } from '../dockerfile/users';
import { engineSocketAt, sensitiveHostPath } from '../container/host-paths';
import {
  isTrueFlag,
  normalizeCapability,
  normalizeHostPath,
  parseSecurityOpt,
  splitVolumeSpec,
} from '../container/spec';
import { ALL_CAPABILITIES, capabilityInfo, type CapabilityInfo } from './capabilities';
import { markdownCode } from '../markdown-text';
import type { KeywordHover } from './types';

/**
 * What a security-relevant Compose key or value means for the container, even when it is fine: privileges,
 * capabilities, security options, namespaces, mounts and limits. Reads the YAML itself (position → key path), so it
 * works on any text, half-typed files included.
 */
export function composeKeywordHover(
  text: string,
  offset: number,
  doc: Document = parseComposeForHover(text),
): KeywordHover | undefined {
  const spot = locate(doc.contents as Node | null, [], offset);
  if (!spot || spot.path[0] !== 'services' || spot.path.length < 3) return undefined;
  const source = new SourceText(text);
  const range = source.rangeOf(spot.node.range![0], spot.node.range![1]);
  const hover = explain(spot.path.slice(2), spot);
  return hover && { range, ...hover };
}

/** The document the hovers read: duplicate keys tolerated, so a half-typed file still explains what it can. */
export function parseComposeForHover(text: string): Document {
  return parseDocument(parserText(text), { uniqueKeys: false });
}

type PathItem = string | number;

interface Spot {
  path: PathItem[];
  on: 'key' | 'value';
  /** The scalar (or collection key) under the cursor. */
  node: Node;
  /** For a key: the value it holds. For a value: the value itself. */
  value: Node | null;
  /** The mapping that holds the key or value, for context (`type: bind` beside `source:`). */
  parent?: YAMLMap;
}

function locate(node: Node | null, path: PathItem[], offset: number, parent?: YAMLMap): Spot | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const name = isScalar(key) ? String(key.value) : '';
      if (key?.range && within(key.range, offset))
        return { path: [...path, name], on: 'key', node: key, value, parent: node };
      if (value?.range && within(value.range, offset)) {
        if (isScalar(value)) return { path: [...path, name], on: 'value', node: value, value, parent: node };
        return locate(value, [...path, name], offset, node);
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (!item?.range || !within(item.range, offset)) continue;
      if (isScalar(item)) return { path: [...path, i], on: 'value', node: item, value: item, parent };
      return locate(item, [...path, i], offset, parent);
    }
  }
  return undefined;
}

function within(range: [number, number, number], offset: number): boolean {
  return offset >= range[0] && offset <= range[1];
}

function scalarText(node: Node | null | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

type Explained = Omit<KeywordHover, 'range'>;

function explain(path: PathItem[], spot: Spot): Explained | undefined {
  const [key, index, sub] = path;
  if (typeof key !== 'string') return undefined;
  const value = scalarText(spot.value);
  switch (key) {
    case 'privileged':
      return { markdown: privilegedText(value), rules: ['container/privileged'] };
    case 'read_only':
      return { markdown: readOnlyText(value), rules: ['container/writable-root-fs'] };
    case 'cap_add':
    case 'cap_drop':
      if (typeof index === 'number' && spot.on === 'value' && value !== undefined) {
        return {
          markdown: capabilityText(value, key),
          rules: ['container/dangerous-capability', 'container/capabilities-not-dropped'],
        };
      }
      return path.length === 1
        ? {
            markdown: capListText(key, spot.value),
            rules: ['container/capabilities-not-dropped', 'container/dangerous-capability'],
          }
        : undefined;
    case 'security_opt':
      if (typeof index === 'number' && value !== undefined) return securityOptText(value);
      return path.length === 1
        ? {
            markdown: SECURITY_OPT_TEXT,
            rules: ['container/no-new-privileges', 'container/seccomp-unconfined', 'container/mac-disabled'],
          }
        : undefined;
    case 'network_mode':
    case 'pid':
    case 'ipc':
    case 'uts':
    case 'userns_mode':
    case 'cgroup':
      return path.length === 1
        ? { markdown: namespaceText(key, value), rules: ['container/host-namespace'] }
        : undefined;
    case 'volumes':
      return volumeHover(path, spot);
    case 'devices':
      return { markdown: DEVICES_TEXT, rules: ['container/sensitive-host-mount'] };
    case 'device_cgroup_rules':
      return { markdown: DEVICE_CGROUP_TEXT, rules: ['container/all-devices-allowed'] };
    case 'sysctls':
      return { markdown: SYSCTLS_TEXT, rules: ['container/unsafe-sysctl'] };
    case 'oom_kill_disable':
      return { markdown: OOM_KILL_TEXT, rules: ['container/oom-kill-disabled'] };
    case 'user':
      return path.length === 1 ? { markdown: userText(value), rules: ['container/root-user'] } : undefined;
    case 'ports':
      return typeof index === 'number' ? portText(path, spot) : undefined;
    case 'pids_limit':
      return { markdown: pidsText(value), rules: ['container/pids-unlimited'] };
    case 'mem_limit':
    case 'memswap_limit':
      return { markdown: MEMORY_TEXT, rules: ['container/memory-unlimited'] };
    case 'mem_reservation':
      return {
        markdown: '**mem_reservation**: a soft reservation, not a limit: the container may still use more.',
        rules: ['container/memory-unlimited'],
      };
    case 'cpus':
    case 'cpu_quota':
    case 'cpu_shares':
      return { markdown: CPU_TEXT, rules: ['container/cpu-unlimited'] };
    case 'deploy':
      if (index === 'resources' && sub === 'limits' && path.length === 4) {
        const limit = path[3];
        if (limit === 'memory') return { markdown: MEMORY_TEXT, rules: ['container/memory-unlimited'] };
        if (limit === 'cpus') return { markdown: CPU_TEXT, rules: ['container/cpu-unlimited'] };
        if (limit === 'pids') return { markdown: pidsText(value), rules: ['container/pids-unlimited'] };
      }
      return undefined;
    default:
      return undefined;
  }
}

function privilegedText(value: string | undefined): string {
  const head =
    '**privileged**: every capability, every host device, and no seccomp, AppArmor or SELinux confinement. Root in a privileged container is root on the host.';
  return value === 'true'
    ? `${head}\n\nSet here: remove it and add only the capabilities or devices the service needs.`
    : head;
}

function readOnlyText(value: string | undefined): string {
  const head =
    '**read_only**: mounts the container’s root file system read-only, so an intruder cannot change its binaries or drop tools into it. Writable paths come from `tmpfs:` and volumes.';
  return value === 'true' ? head : `${head}\n\nNot set to \`true\` here: the root file system is writable.`;
}

function capListText(key: 'cap_add' | 'cap_drop', list: Node | null): string {
  const items = isSeq(list)
    ? list.items.map((i) => scalarText(i as Node)).filter((v): v is string => v !== undefined)
    : [];
  const names = items.map(normalizeCapability);
  if (key === 'cap_drop') {
    const lines = [
      '**cap_drop**: capabilities taken away from the container. `cap_drop: [ALL]`, with only what the service needs in `cap_add`, is least privilege.',
    ];
    if (names.includes(ALL_CAPABILITIES)) lines.push('', 'All capabilities are dropped here.');
    return lines.join('\n');
  }
  const lines = [
    '**cap_add**: capabilities added to what the container keeps. Each one widens what root in the container can do to the kernel.',
  ];
  const notable = names
    .map((n) => (n === ALL_CAPABILITIES ? undefined : capabilityInfo(n)))
    .filter((c): c is CapabilityInfo => !!c && (c.risk === 'critical' || c.risk === 'high'));
  if (names.includes(ALL_CAPABILITIES)) lines.push('', '`ALL` grants every capability: close to `privileged`.');
  for (const c of notable) lines.push('', `${markdownCode(c.name)} (${c.risk} risk): ${c.abuse ?? c.grants}`);
  return lines.join('\n');
}

function capabilityText(raw: string, list: 'cap_add' | 'cap_drop'): string {
  const name = normalizeCapability(raw);
  const action = list === 'cap_add' ? 'Added here.' : 'Dropped here.';
  if (name === ALL_CAPABILITIES) {
    return list === 'cap_add'
      ? '**ALL**: every capability. Added, it gives root in the container nearly the power of `privileged`.'
      : '**ALL**: every capability. Dropping all and adding back only what is needed is least privilege.';
  }
  const cap = capabilityInfo(name);
  if (!cap) return `**${name}** is not a Linux capability Docker knows: the container will not start with it.`;
  const lines = [
    `**CAP_${cap.name}** (${cap.risk} risk${cap.dockerDefault ? ', in Docker’s default set' : ''}): ${cap.grants}`,
  ];
  if (cap.abuse) lines.push('', `For an attacker: ${cap.abuse}`);
  lines.push('', action);
  return lines.join('\n');
}

const SECURITY_OPT_TEXT =
  '**security_opt**: Linux security settings: `no-new-privileges:true` (no privilege gain through setuid binaries), the seccomp profile, and AppArmor or SELinux labels.';

function securityOptText(raw: string): Explained {
  const { name, value } = parseSecurityOpt(raw);
  switch (name) {
    case 'no-new-privileges':
      return {
        markdown: isTrueFlag(value)
          ? '**no-new-privileges**: processes cannot gain privileges through set-user-ID binaries or file capabilities (`su`, `sudo` and setuid exploits stop working).'
          : '**no-new-privileges: false**: processes may gain privileges through set-user-ID binaries and file capabilities.',
        rules: ['container/no-new-privileges'],
      };
    case 'seccomp':
      return {
        markdown:
          value === 'unconfined'
            ? '**seccomp: unconfined**: no system call filter. Calls Docker’s default profile blocks (`mount`, `bpf`, `keyctl`, `unshare` …) reach the host kernel: a much larger attack surface.'
            : `**seccomp** profile ${markdownCode(value)}: replaces Docker’s default filter; it should be at least as strict.`,
        rules: ['container/seccomp-unconfined'],
      };
    case 'apparmor':
      return {
        markdown:
          value === 'unconfined'
            ? '**apparmor: unconfined**: no AppArmor profile confines the container.'
            : `**apparmor** profile ${markdownCode(value)} confines the container.`,
        rules: ['container/mac-disabled'],
      };
    case 'label':
      return {
        markdown:
          value === 'disable'
            ? '**label: disable**: SELinux does not confine the container’s processes.'
            : `**label** ${markdownCode(value)}: the SELinux label of the container’s processes.`,
        rules: ['container/mac-disabled'],
      };
    case 'systempaths':
      return {
        markdown:
          value === 'unconfined'
            ? '**systempaths: unconfined**: unmasks the `/proc` and `/sys` paths Docker hides from containers (such as `/proc/kcore` and `/sys/firmware`).'
            : '**systempaths**: which `/proc` and `/sys` paths Docker masks.',
        rules: ['container/systempaths-unconfined'],
      };
    default:
      return { markdown: SECURITY_OPT_TEXT, rules: [] };
  }
}

const NAMESPACE_TEXT: Record<string, { host: string; what: string }> = {
  network_mode: {
    what: 'network namespace',
    host: 'the **host’s network stack**: every host interface, any host port, and services that listen only on the host’s localhost. No network isolation from the host.',
  },
  pid: {
    what: 'process namespace',
    host: 'the **host’s processes**: it sees every process on the host and can signal those of its user; with `SYS_PTRACE` it reads their memory.',
  },
  ipc: {
    what: 'IPC namespace',
    host: 'the **host’s IPC**: System V IPC objects and POSIX shared memory (`/dev/shm`) of the host.',
  },
  uts: {
    what: 'UTS namespace',
    host: 'the **host’s hostname** and domain name; with `SYS_ADMIN` it can change them for the host.',
  },
  userns_mode: {
    what: 'user namespace',
    host: '**no user namespace remapping**: root in the container is uid 0 on the host, even where the daemon remaps users.',
  },
  cgroup: {
    what: 'cgroup namespace',
    host: 'the **host’s cgroup namespace**: it sees the host’s whole cgroup hierarchy.',
  },
};

function namespaceText(key: string, value: string | undefined): string {
  const ns = NAMESPACE_TEXT[key];
  const head = `**${key}**: which ${ns.what} the container uses.`;
  if (value === undefined) return head;
  if (value === 'host') return `${head}\n\n\`host\` shares ${ns.host}`;
  const shared = /^(service|container):(.+)$/.exec(value);
  if (shared)
    return `${head}\n\n${markdownCode(value)} joins the ${ns.what} of ${shared[1]} ${markdownCode(shared[2])}: the two are not isolated from each other there.`;
  if (key === 'network_mode' && value === 'none') return `${head}\n\n\`none\`: no network at all.`;
  return `${head}\n\n${markdownCode(value)}: a namespace of its own.`;
}

const DEVICES_TEXT =
  '**devices**: host devices made available inside the container: direct access to host hardware, outside the usual isolation.';

const DEVICE_CGROUP_TEXT =
  '**device_cgroup_rules**: devices the container may read and write (`TYPE MAJOR:MINOR ACCESS`). It may already create a node for any device; a rule with `*` as the major number lets it open every device of that type, the host’s disks among them.';

const SYSCTLS_TEXT =
  '**sysctls**: kernel parameters set in the container’s own namespaces: the IPC ones, `net.*` and `kernel.domainname`. Docker refuses host-wide ones such as `vm.max_map_count`; those belong on the host.';

const OOM_KILL_TEXT =
  '**oom_kill_disable**: the kernel’s OOM killer spares the container’s processes. Without a memory limit it kills other containers’ and the host’s processes instead; with one, the container hangs at its limit. Honoured on cgroup v1 hosts only.';

function userText(value: string | undefined): string {
  const head = '**user**: the user the container’s process runs as; it overrides the image’s `USER`.';
  if (value === undefined) return head;
  return isRootUser(value)
    ? `${head}\n\n${markdownCode(value)} means **root**: root on the kernel the container shares with the host.`
    : `${head}\n\n${markdownCode(value)} is not root.`;
}

const MEMORY_TEXT =
  '**Memory limit**: without one, a leak or an attack can take all of the host’s memory, and the kernel’s OOM killer then stops other containers too.';
const CPU_TEXT =
  '**CPU limit**: without one, the container can use every core of the host and slow its neighbours down.';

function pidsText(value: string | undefined): string {
  const head =
    '**Process limit**: caps how many processes the container may start, so a fork bomb cannot exhaust the process ids the whole host shares.';
  return value === '-1' || value === '0' ? `${head}\n\n${markdownCode(value)} means **unlimited**.` : head;
}

function portText(path: PathItem[], spot: Spot): Explained | undefined {
  const [, , field] = path;
  if (field === 'published') {
    // Long syntax: the host address is its own key beside `published`.
    const hostIp = scalarText(spot.parent?.get('host_ip', true) as Node | undefined);
    return hostIp ? undefined : { markdown: ALL_INTERFACES_TEXT, rules: ['container/ports-on-all-interfaces'] };
  }
  const value = scalarText(spot.value);
  if (path.length !== 2 || value === undefined) return undefined;
  // Short syntax: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]; an IPv6 host address is written in brackets.
  const parts = value.replace(/^\[[^\]]*\]/, 'ip').split(':');
  if (parts.length >= 3)
    return { markdown: '**Port** published on one host address only.', rules: ['container/ports-on-all-interfaces'] };
  return { markdown: ALL_INTERFACES_TEXT, rules: ['container/ports-on-all-interfaces'] };
}

const ALL_INTERFACES_TEXT =
  '**Port** published on **all interfaces** of the host (`0.0.0.0`): reachable from every network the host is on, and Docker’s rules bypass host firewalls such as ufw. Prefix `127.0.0.1:` when only local access is meant.';

function volumeHover(path: PathItem[], spot: Spot): Explained | undefined {
  if (path.length === 1) {
    return {
      markdown:
        '**volumes**: what is mounted into the container. Named volumes are managed by Docker; host paths expose the host’s files.',
      rules: ['container/docker-socket-mount', 'container/sensitive-host-mount'],
    };
  }
  const value = scalarText(spot.value);
  if (value === undefined || spot.on !== 'value') return undefined;
  if (path.length === 2) {
    const parts = splitVolumeSpec(value);
    if (parts.length === 1)
      return { markdown: '**Anonymous volume**: a fresh volume managed by Docker; no host path.', rules: [] };
    const mode = parts.length > 2 ? parts.slice(2).join(':') : '';
    return {
      markdown: mountText(parts[0], mode.split(',').includes('ro')),
      rules: ['container/docker-socket-mount', 'container/sensitive-host-mount'],
    };
  }
  if (path.length === 3 && path[2] === 'source') {
    const type = scalarText(spot.parent?.get('type', true) as Node | undefined);
    const readOnly = scalarText(spot.parent?.get('read_only', true) as Node | undefined) === 'true';
    if (type !== 'bind' && type !== undefined) return { markdown: `**${type} mount**: no host path.`, rules: [] };
    return {
      markdown: mountText(value, readOnly),
      rules: ['container/docker-socket-mount', 'container/sensitive-host-mount'],
    };
  }
  return undefined;
}

/** What the main sensitive host folders hold; others get a general sentence. */
const AREA_TEXT: Record<string, string> = {
  '/': 'the host’s **whole file system**',
  '~': 'a **home folder** (SSH keys, credentials)',
  '/etc': 'the host’s **configuration** (`passwd`, `shadow`, `sudoers`, cron)',
  '/proc': 'the host’s **kernel and process interfaces**',
  '/sys': 'the host’s **kernel interfaces**',
  '/dev': 'the host’s **devices**',
  '/boot': 'the host’s **kernel and boot files**',
  '/root': 'root’s **home** (SSH keys, credentials)',
  '/home': 'users’ **homes** (SSH keys, credentials)',
  '/usr': 'the host’s **programs**',
  '/bin': 'the host’s **programs**',
  '/sbin': 'the host’s **programs**',
  '/lib': 'the host’s **libraries**',
  '/var/lib/docker': 'the data of **every container and image**',
  '/var/log': 'the host’s **logs**',
};

/** Explains one mount source: an engine's API socket, a sensitive host path, another host path, or a named volume. */
export function mountText(source: string, readOnly: boolean): string {
  const hostPath = normalizeHostPath(source);
  if (hostPath === undefined) {
    if (/^\$/.test(source)) return `**Mount** of ${markdownCode(source)}: the host path comes from a variable.`;
    if (!/^\./.test(source))
      return `**Named volume** ${markdownCode(source)}: storage managed by Docker; no host path is exposed.`;
  }
  const access = readOnly ? 'Mounted read-only.' : 'Mounted **read-write**: the container can change these host files.';
  if (hostPath === undefined) return `**Bind mount** ${markdownCode(source)}: a folder of the project. ${access}`;
  const socket = engineSocketAt(hostPath);
  if (socket) {
    const what =
      socket.kind === 'socket'
        ? `the ${socket.engine} API socket`
        : `a folder that holds the ${socket.engine} API socket`;
    return `**Container runtime socket**: ${markdownCode(source)} is ${what}. Whoever can write to it can start a privileged container, so this is root on the host (read-only does not help: it is an API, not a file).`;
  }
  const sensitive = sensitiveHostPath(hostPath);
  if (sensitive?.harmless)
    return `**Host path** ${markdownCode(source)}: a file containers commonly read; it gives nothing away. ${access}`;
  if (sensitive) {
    const what = AREA_TEXT[sensitive.area] ?? `inside ${markdownCode(sensitive.area)}, a sensitive host folder`;
    return `**Host path** ${markdownCode(source)}: ${what}. ${access}`;
  }
  return `**Host path** ${markdownCode(source)}: a folder of the host. ${access}`;
}
