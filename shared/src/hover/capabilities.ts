import { normalizeCapability } from '../container/spec';

/**
 * Linux capabilities as a container sees them: what each one lets a process do, and what that means for an attacker
 * who controls the container. Wording follows capabilities(7); the risk is about escaping to, or harming, the host.
 */

/** `critical`: a known way to take over the host; `high`: host-wide effects or secrets of other processes. */
export type CapabilityRisk = 'critical' | 'high' | 'moderate' | 'low';

export interface CapabilityInfo {
  name: string;
  /** What the kernel lets the holder do, one sentence. */
  grants: string;
  /** What it gives an attacker in a container, when that matters beyond `grants`. */
  abuse?: string;
  risk: CapabilityRisk;
  /** Docker grants it to every container unless it is dropped. */
  dockerDefault: boolean;
}

const info = (
  name: string,
  risk: CapabilityRisk,
  dockerDefault: boolean,
  grants: string,
  abuse?: string,
): CapabilityInfo => ({
  name,
  grants,
  ...(abuse ? { abuse } : {}),
  risk,
  dockerDefault,
});

const TABLE: CapabilityInfo[] = [
  info(
    'AUDIT_CONTROL',
    'high',
    false,
    'Enable and disable kernel auditing and change its rules.',
    'Hides what the container does from the host’s audit log.',
  ),
  info('AUDIT_READ', 'low', false, 'Read the kernel audit log through a multicast netlink socket.'),
  info('AUDIT_WRITE', 'low', true, 'Write records to the kernel audit log.'),
  info('BLOCK_SUSPEND', 'low', false, 'Prevent the system from suspending.'),
  info(
    'BPF',
    'high',
    false,
    'Load BPF programs and create BPF maps.',
    'Runs code inside the host kernel and can read kernel memory: a large attack surface for kernel exploits.',
  ),
  info(
    'CHECKPOINT_RESTORE',
    'moderate',
    false,
    'Checkpoint and restore processes: choose process ids, read `/proc/<pid>/map_files`.',
  ),
  info('CHOWN', 'low', true, 'Change the owner and group of any file.'),
  info('DAC_OVERRIDE', 'moderate', true, 'Bypass read, write and execute permission checks on files.'),
  info(
    'DAC_READ_SEARCH',
    'critical',
    false,
    'Bypass read permission checks on files and directories, and open files by handle (`open_by_handle_at`).',
    'Reads any file of the host file system through a mounted handle (the “Shocker” container escape).',
  ),
  info('FOWNER', 'low', true, 'Bypass the owner checks of `chmod`, `utime` and similar calls on any file.'),
  info('FSETID', 'low', true, 'Keep set-user-ID and set-group-ID bits when a file is modified.'),
  info('IPC_LOCK', 'low', false, 'Lock memory so it is never swapped out (`mlock`).'),
  info('IPC_OWNER', 'moderate', false, 'Bypass permission checks on System V IPC objects.'),
  info('KILL', 'low', true, 'Send signals to processes of any user.'),
  info('LEASE', 'low', false, 'Take leases on files it does not own.'),
  info('LINUX_IMMUTABLE', 'low', false, 'Set and clear the immutable and append-only file flags.'),
  info(
    'MAC_ADMIN',
    'high',
    false,
    'Change Mandatory Access Control settings (AppArmor, Smack policy).',
    'Can loosen the very profile meant to confine the container.',
  ),
  info('MAC_OVERRIDE', 'high', false, 'Override Mandatory Access Control (Smack).'),
  info(
    'MKNOD',
    'moderate',
    true,
    'Create device files with `mknod`.',
    'Device files reach host hardware where the device cgroup allows it.',
  ),
  info(
    'NET_ADMIN',
    'high',
    false,
    'Configure networking: interfaces, routes, firewall rules, promiscuous mode.',
    'Sniffs or redirects other containers’ traffic; with `network_mode: host`, rewrites the host’s firewall and routes.',
  ),
  info('NET_BIND_SERVICE', 'low', true, 'Bind to ports below 1024.'),
  info('NET_BROADCAST', 'low', false, 'Send broadcasts and listen to multicast (unused by the kernel today).'),
  info(
    'NET_RAW',
    'moderate',
    true,
    'Open raw and packet sockets: craft any packet.',
    'ARP and DNS spoofing against neighbours on the same network.',
  ),
  info(
    'PERFMON',
    'moderate',
    false,
    'Use performance monitoring (`perf_event_open`) system-wide.',
    'Observes other processes and the kernel; side channels.',
  ),
  info('SETFCAP', 'low', true, 'Set file capabilities on executables.'),
  info('SETGID', 'moderate', true, 'Change the process’s group ids to any group.'),
  info('SETPCAP', 'moderate', true, 'Change the capability sets of its own threads (within the bounding set).'),
  info('SETUID', 'moderate', true, 'Change the process’s user ids to any user.'),
  info(
    'SYS_ADMIN',
    'critical',
    false,
    'A catch-all for administration: mount file systems, create namespaces, change many kernel settings.',
    'Mounts host devices and cgroup file systems: several known escapes to root on the host (cgroup `release_agent`, CVE-2022-0492).',
  ),
  info('SYS_BOOT', 'high', false, 'Reboot and load a new kernel (`kexec_load`).'),
  info('SYS_CHROOT', 'low', true, 'Use `chroot`.'),
  info(
    'SYS_MODULE',
    'critical',
    false,
    'Load and unload kernel modules.',
    'Runs any code in the host kernel: the host is lost.',
  ),
  info(
    'SYS_NICE',
    'moderate',
    false,
    'Raise priorities, set real-time scheduling and CPU affinity of any process.',
    'Starves neighbouring containers of CPU.',
  ),
  info('SYS_PACCT', 'low', false, 'Switch process accounting on and off.'),
  info(
    'SYS_PTRACE',
    'high',
    false,
    'Trace and inspect any process it can see (`ptrace`, `process_vm_readv`).',
    'Reads secrets from other processes’ memory and injects code; with `pid: host`, into host processes.',
  ),
  info(
    'SYS_RAWIO',
    'critical',
    false,
    'Raw I/O: I/O ports (`iopl`, `ioperm`), `/dev/mem`, raw disk commands.',
    'Reads and writes host memory and disks directly.',
  ),
  info(
    'SYS_RESOURCE',
    'moderate',
    false,
    'Override resource limits, disk quotas and reserved disk space.',
    'Escapes the limits meant to protect neighbours.',
  ),
  info(
    'SYS_TIME',
    'high',
    false,
    'Set the system clock.',
    'The clock is not namespaced: this changes the host’s time (breaks TLS, logs, tokens).',
  ),
  info('SYS_TTY_CONFIG', 'low', false, 'Use `vhangup` and privileged terminal ioctls.'),
  info(
    'SYSLOG',
    'moderate',
    false,
    'Privileged `syslog` operations; read kernel addresses hidden by `kptr_restrict`.',
    'Kernel addresses help kernel exploits.',
  ),
  info('WAKE_ALARM', 'low', false, 'Set timers that wake the system up.'),
];

export const CAPABILITIES: ReadonlyMap<string, CapabilityInfo> = new Map(TABLE.map((c) => [c.name, c]));

/** `ALL` is not a capability but means every one of them. */
export const ALL_CAPABILITIES = 'ALL';

/** Docker's default set: what a container keeps unless `cap_drop` removes it. */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = TABLE.filter((c) => c.dockerDefault).map((c) => c.name);

export { normalizeCapability };

export function capabilityInfo(raw: string): CapabilityInfo | undefined {
  return CAPABILITIES.get(normalizeCapability(raw));
}
