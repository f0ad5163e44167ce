import { defineRule, prose } from '../../rule';
import type { Finding } from '../../types';
import { placeOf } from '../../container/finding-place';

type MessageId = 'everyDevice' | 'everyBlockDevice' | 'everyCharDevice';

const MESSAGE: Record<string, MessageId> = { a: 'everyDevice', b: 'everyBlockDevice', c: 'everyCharDevice' };

/**
 * A device cgroup rule as Docker accepts it (`opts.ValidateDeviceCgroupRule`): `TYPE MAJOR:MINOR ACCESS`, type `a`
 * (all), `b` (block) or `c` (character), numbers or `*`, access some of `r`, `w`, `m` (mknod).
 */
const RULE = /^\s*([abc])\s+(\*|\d+):(\*|\d+)\s+([rwm]{1,3})\s*$/;

export default defineRule({
  meta: {
    id: 'container/all-devices-allowed',
    title: 'Every device allowed by a device cgroup rule',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
        Allow the one device class the service needs, by its major number (\`c 189:* rmw\` for USB devices), or pass the
        device itself with \`devices:\`.
      `,
    cis: '5.17',
    peers: {},
    references: [
      {
        title: 'Docker run reference: --device-cgroup-rule',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#device-cgroup-rule',
      },
      {
        title: 'Compose file reference: device_cgroup_rules',
        url: 'https://docs.docker.com/reference/compose-file/services/#device_cgroup_rules',
      },
      {
        title: 'runc: libcontainer/specconv/spec_linux.go (AllowedDevices: mknod for any device)',
        url: 'https://github.com/opencontainers/runc/blob/main/libcontainer/specconv/spec_linux.go',
      },
      {
        title: 'Linux kernel: device whitelist controller (cgroup v1)',
        url: 'https://docs.kernel.org/admin-guide/cgroup-v1/devices.html',
      },
      { title: 'Linux allocated devices (major numbers)', url: 'https://docs.kernel.org/admin-guide/devices.html' },
    ],
    fix: 'none',
    messages: {
      everyDevice: prose`
          Service \`{{service}}\` allows every device (\`{{rule}}\`): it can create and open a node for any host device,
          the host's disks included, which is root on the host.
        `,
      everyBlockDevice: prose`
          Service \`{{service}}\` allows every block device (\`{{rule}}\`): it can create and open a node for any host
          disk, and so read or change any file on it.
        `,
      everyCharDevice: prose`
          Service \`{{service}}\` allows every character device (\`{{rule}}\`): it can create and open a node for any of
          them, the host's keyboards (\`/dev/input\`), kernel log and terminals included.
        `,
    },
    docs: {
      description: prose`
        Reports a \`device_cgroup_rules\` entry whose major number is \`*\` and that allows reading or writing: \`a *:*
        rwm\` (every device), \`b *:* rw\` (every block device), \`c *:* rwm\` (every character device), also when it
        comes from a YAML anchor or a service the service extends. The device cgroup is what stops a root process in a
        container from using a device node: runc already lets every container create any node (its default rules \`c *:*
        m\` and \`b *:* m\`, with Docker's default \`MKNOD\` capability), and refuses only to open it. A rule that
        grants \`r\` or \`w\` for every major number lifts that: the container runs \`mknod /dev/sda b 8 0\` and reads
        or writes the host's disk.

        Every device and every block device are errors: the host's disks are open to the container, so any file on them
        can be read or changed. Every character device is a warning: it gives the host's input devices (a keylogger),
        the kernel log and terminals; \`/dev/mem\` also needs \`SYS_RAWIO\`. A rule that only adds \`m\` changes
        nothing, and a rule with a major number (\`c 189:* rmw\`, USB devices; \`c 116:* rw\`, ALSA sound) names one
        class of devices: neither is reported. There is no fix: which device the service needs is for you to say.
      `,
      examples: {
        bad: ['services:\n  app:\n    image: alpine:3.20\n    device_cgroup_rules:\n      - "a *:* rwm"\n'],
        good: ['services:\n  app:\n    image: alpine:3.20\n    device_cgroup_rules:\n      - "c 189:* rmw"\n'],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      for (const item of service.spec.deviceCgroupRules.items) {
        const m = item.value === undefined ? null : RULE.exec(item.value);
        if (!m || m[2] !== '*' || !/[rw]/.test(m[4])) continue;
        const [, type] = m;
        findings.push({
          messageId: MESSAGE[type],
          data: { service: service.name, rule: item.value!.trim() },
          ...placeOf(item.origin),
          ...(type === 'c' ? { severity: 'warning' as const } : {}),
        });
      }
    }
    return findings;
  },
});
