/**
 * What a host path gives a container that mounts it. Paths are normalised first (container/spec.ts
 * `normalizeHostPath`): absolute, or under `~`.
 */
import { isAtOrBelow } from './spec';

export type Engine = 'Docker' | 'containerd' | 'Podman' | 'CRI-O' | 'BuildKit';

/** Socket file names of container engine APIs, wherever they live (rootless and desktop engines move them). */
const SOCKET_NAMES: [RegExp, Engine][] = [
  [/^docker\.sock(\.raw)?$/, 'Docker'],
  [/^docker_engine$/, 'Docker'],
  [/^containerd\.sock$/, 'containerd'],
  [/^podman\.sock$/, 'Podman'],
  [/^crio\.sock$/, 'CRI-O'],
  [/^buildkitd\.sock$/, 'BuildKit'],
  [/^cri-dockerd\.sock$/, 'Docker'],
];

/** Folders that hold an engine socket: mounting them exposes the socket as surely as mounting the file. */
const SOCKET_FOLDERS: [RegExp, Engine][] = [
  [/^\/(var\/)?run$/, 'Docker'],
  [/^\/(var\/)?run\/containerd$/, 'containerd'],
  [/^\/(var\/)?run\/podman$/, 'Podman'],
  [/^\/(var\/)?run\/crio$/, 'CRI-O'],
  [/^\/(var\/)?run\/buildkit$/, 'BuildKit'],
  [/^\/run\/user\/\d+$/, 'Docker'],
  [/^\/run\/user\/\d+\/podman$/, 'Podman'],
  [/^\/run\/k3s\/containerd$/, 'containerd'],
  [/^~\/\.docker\/run$/, 'Docker'],
  [/^~\/\.docker\/desktop$/, 'Docker'],
];

export interface EngineSocket {
  engine: Engine;
  /** The socket file itself, or a folder that holds it. */
  kind: 'socket' | 'folder';
}

/** The engine API a mounted host path exposes, if any. Named pipes (`\\.\pipe\docker_engine`) count. */
export function engineSocketAt(hostPath: string): EngineSocket | undefined {
  const name = hostPath.slice(Math.max(hostPath.lastIndexOf('/'), hostPath.lastIndexOf('\\')) + 1).toLowerCase();
  for (const [pattern, engine] of SOCKET_NAMES) if (pattern.test(name)) return { engine, kind: 'socket' };
  for (const [pattern, engine] of SOCKET_FOLDERS) if (pattern.test(hostPath)) return { engine, kind: 'folder' };
  return undefined;
}

/**
 * Host folders whose contents let a container read secrets, change the host's programs or configuration, or reach
 * the kernel. Anything at or below them counts, except the harmless files below.
 */
const SENSITIVE: string[] = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/containers',
  '/var/lib/kubelet',
  '/var/log',
  '/var/spool/cron',
  '/run/dbus',
  '/var/run/dbus',
  '/run/systemd',
  '/var/run/systemd',
  '~/.ssh',
  '~/.aws',
  '~/.kube',
  '~/.docker',
  '~/.gnupg',
  '~/.config/gcloud',
  '~/.azure',
];

/** Folders that are sensitive as a whole (a whole home), though paths below them usually are not (a project). */
const SENSITIVE_EXACTLY = [/^\/$/, /^~$/, /^\/home$/, /^\/home\/[^/]+$/, /^\/Users(\/[^/]+)?$/];

/**
 * Files and folders under sensitive paths that containers commonly read and that give nothing away: the clock, time
 * zones, name resolution, CA certificates, the syslog socket. Not reported when mounted read-only; a warning, not an
 * error, when writable.
 */
const HARMLESS: string[] = [
  '/etc/localtime',
  '/etc/timezone',
  '/usr/share/zoneinfo',
  '/etc/hosts',
  '/etc/hostname',
  '/etc/resolv.conf',
  '/etc/machine-id',
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/ssl/certs',
  '/etc/ca-certificates',
  '/etc/pki/ca-trust',
  '/etc/pki/tls/certs',
  '/usr/share/ca-certificates',
  '/usr/local/share/ca-certificates',
  '/dev/null',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
  '/dev/log',
];

export interface SensitivePath {
  /** The sensitive folder the path is in (or is). */
  area: string;
  /** A harmless file or folder inside it (see HARMLESS). */
  harmless: boolean;
}

export function sensitiveHostPath(hostPath: string): SensitivePath | undefined {
  for (const pattern of SENSITIVE_EXACTLY) if (pattern.test(hostPath)) return { area: hostPath, harmless: false };
  // A user's credential folders are as sensitive under /home/<user> as under ~.
  const home = /^\/(?:home|Users)\/[^/]+(\/.*)$/.exec(hostPath);
  const inHome = home ? SENSITIVE.find((dir) => dir.startsWith('~/') && isAtOrBelow('~' + home[1], dir)) : undefined;
  if (inHome) return { area: hostPath.slice(0, hostPath.length - home![1].length) + inHome.slice(1), harmless: false };
  const area = SENSITIVE.find((dir) => isAtOrBelow(hostPath, dir));
  if (!area) return undefined;
  return { area, harmless: HARMLESS.some((dir) => isAtOrBelow(hostPath, dir)) };
}

/** Host devices that give raw access to disks or memory (the host's data and kernel), as opposed to a GPU or FUSE. */
export function isRawDevice(path: string): boolean {
  return /^\/dev\/(mem|kmem|port|kmsg|sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|dm-\d|loop\d|md\d|sg\d|disk\/|mapper\/|cpu\/)/.test(
    path,
  );
}
