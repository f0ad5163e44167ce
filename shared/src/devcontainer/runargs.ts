/**
 * `runArgs`: words the Dev Container CLI adds to `docker run`. Read as Docker's flag parser reads them, in both
 * spellings: `"--cap-add=SYS_ADMIN"` and `"--cap-add", "SYS_ADMIN"` (short flags also as `"-vVALUE"`). A word with a
 * space in it (`"--cap-add SYS_ADMIN"`) reaches Docker as one unknown flag, so it sets nothing.
 */
import type { Node } from 'jsonc-parser';
import type { SourceText } from '../text';
import {
  normalizeCapability,
  parseBytes,
  parseNumber,
  parseSecurityOpt,
  type ContainerSpec,
  type NamespaceKind,
  type Origin,
  type SettingList,
} from '../container/spec';
import { readShortDevice, readShortPort, readShortVolume } from '../compose/service-spec';
import { readBool } from '../compose/service-spec';
import { elementOrigin, propertyOrigin } from './json';
import { readMountText, withHostVariables } from './mounts';

const SHORT: Record<string, string> = { v: 'volume', u: 'user', m: 'memory', p: 'publish' };
const BOOLEAN_FLAGS = new Set(['privileged', 'read-only', 'init', 'oom-kill-disable']);
const NAMESPACE_FLAGS: Record<string, NamespaceKind> = {
  network: 'network',
  net: 'network',
  pid: 'pid',
  ipc: 'ipc',
  uts: 'uts',
  userns: 'userns',
  cgroupns: 'cgroup',
};
/** Flags this reader turns into settings; any other flag's value is skipped with it when written apart. */
const VALUE_FLAGS = new Set([
  'cap-add',
  'cap-drop',
  'security-opt',
  'volume',
  'mount',
  'user',
  'pids-limit',
  'memory',
  'cpus',
  'publish',
  'device',
  'sysctl',
  'device-cgroup-rule',
  ...Object.keys(NAMESPACE_FLAGS),
]);

export function readRunArgs(
  source: SourceText,
  property: Node,
  spec: ContainerSpec,
  notChecked: { range: Origin['range']; message: string }[],
): void {
  const list = property.children![1];
  if (list.type !== 'array') return;
  const holder = propertyOrigin(source, property);
  const words = list.children ?? [];
  const hold = <T>(setting: SettingList<T>) => {
    if (!setting.holders.includes(holder)) setting.holders.push(holder);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.type !== 'string') continue;
    const text = String(word.value);
    const flag = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(text) ?? shortFlag(text);
    if (!flag) continue;
    const name = flag[1];
    let value = flag[2];
    let elements = [word];
    if (BOOLEAN_FLAGS.has(name)) {
      const on = value === undefined ? true : readBool(value);
      const setting = { value: on, text, origin: elementOrigin(source, elements) };
      if (name === 'privileged') spec.privileged = setting;
      else if (name === 'init') spec.init = setting;
      else if (name === 'oom-kill-disable') spec.oomKillDisable = setting;
      else spec.readOnly = setting;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) continue;
    if (value === undefined) {
      const next = words[i + 1];
      if (next?.type !== 'string') continue;
      value = String(next.value);
      elements = [word, next];
      i++;
    }
    const origin = elementOrigin(source, elements);
    const setting = <T>(v: T | undefined) => ({ value: v, text: value!, origin });
    switch (name) {
      case 'cap-add':
        spec.capAdd.items.push(setting(normalizeCapability(value)));
        hold(spec.capAdd);
        break;
      case 'cap-drop':
        spec.capDrop.items.push(setting(normalizeCapability(value)));
        hold(spec.capDrop);
        break;
      case 'security-opt':
        spec.securityOpt.items.push(setting(parseSecurityOpt(value)));
        hold(spec.securityOpt);
        break;
      case 'volume':
      case 'mount': {
        const mount =
          name === 'mount'
            ? readMountText(value)
            : readShortVolume(withHostVariables(value), { hostVolumes: new Map() });
        if (mount) spec.mounts.items.push(setting(mount));
        else {
          spec.mounts.unknown = true;
          notChecked.push({ range: origin.range, message: `\`${text}\`: mount not read.` });
        }
        hold(spec.mounts);
        break;
      }
      case 'user':
        spec.user = setting(value);
        break;
      case 'pids-limit':
        spec.limits.pids.push(limit('--pids-limit', parseNumber(value)));
        break;
      case 'memory':
        spec.limits.memory.push(limit('--memory', parseBytes(value)));
        break;
      case 'cpus':
        spec.limits.cpus.push(limit('--cpus', parseNumber(value)));
        break;
      case 'publish': {
        const port = readShortPort(value);
        if (port) spec.ports.items.push(setting(port));
        hold(spec.ports);
        break;
      }
      case 'device': {
        const device = readShortDevice(value);
        if (device) spec.devices.items.push(setting(device));
        hold(spec.devices);
        break;
      }
      case 'sysctl': {
        // `name=value`, as `docker run --sysctl` takes it.
        const eq = value.indexOf('=');
        spec.sysctls.items.push(
          setting(
            eq < 0
              ? { name: value.trim(), value: undefined }
              : { name: value.slice(0, eq).trim(), value: value.slice(eq + 1).trim() },
          ),
        );
        hold(spec.sysctls);
        break;
      }
      case 'device-cgroup-rule':
        spec.deviceCgroupRules.items.push(setting(value));
        hold(spec.deviceCgroupRules);
        break;
      default:
        spec.namespaces[NAMESPACE_FLAGS[name]] = setting(value);
    }
    function limit(key: string, amount: number | undefined) {
      return { value: amount === undefined ? undefined : { key, amount }, text: value!, origin };
    }
  }
}

/** `-v`, `-v=x`, `-vx` → `volume` and its value, as pflag reads a short flag. */
function shortFlag(text: string): RegExpExecArray | [string, string, string | undefined] | null {
  const m = /^-([vump])(=?)([\s\S]*)$/.exec(text);
  if (!m) return null;
  return [text, SHORT[m[1]], m[2] || m[3] ? m[3] : undefined];
}
