import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { removeServiceListItem } from '../../compose/edit';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix, Severity } from '../../types';

/** Capabilities that reach past the container's namespaces into the host kernel, and what each lets a process do. */
const MESSAGES = {
  ALL: prose`
    Service \`{{service}}\` adds every capability (\`cap_add: ALL\`): with them a root process can load kernel modules,
    mount the host disk and escape the container.
  `,
  SYS_ADMIN: prose`
    Service \`{{service}}\` adds \`SYS_ADMIN\`: it allows mounting filesystems and most of what root can do, the usual
    first step of a container escape.
  `,
  SYS_MODULE: 'Service `{{service}}` adds `SYS_MODULE`: a process in it can load kernel modules into the host kernel.',
  SYS_PTRACE: prose`
    Service \`{{service}}\` adds \`SYS_PTRACE\`: a process in it can trace and inject code into processes it can see
    (all of the host with \`pid: host\`).
  `,
  SYS_RAWIO: 'Service `{{service}}` adds `SYS_RAWIO`: it allows raw I/O ports and memory access, bypassing the kernel.',
  SYS_BOOT: 'Service `{{service}}` adds `SYS_BOOT`: a process in it can load a new kernel for the host to boot.',
  DAC_READ_SEARCH: prose`
    Service \`{{service}}\` adds \`DAC_READ_SEARCH\`: it lets a process open host files by handle, outside its mounts
    (the "shocker" escape).
  `,
  BPF: 'Service `{{service}}` adds `BPF`: a process in it can load eBPF programs into the host kernel.',
  MAC_ADMIN: 'Service `{{service}}` adds `MAC_ADMIN`: a process in it can change the host AppArmor or SELinux policy.',
  MAC_OVERRIDE:
    'Service `{{service}}` adds `MAC_OVERRIDE`: a process in it can bypass the host AppArmor or SELinux policy.',
  NET_ADMIN: prose`
    Service \`{{service}}\` adds \`NET_ADMIN\`: a process in it can reconfigure interfaces, routes and firewall rules of
    its network namespace (the host's with \`network_mode: host\`).
  `,
  PERFMON:
    'Service `{{service}}` adds `PERFMON`: it opens kernel performance monitoring, a source of kernel address leaks.',
  SYSLOG: prose`
    Service \`{{service}}\` adds \`SYSLOG\`: a process in it can read and clear the host kernel log, which exposes
    kernel addresses.
  `,
  SYS_TIME: prose`
    Service \`{{service}}\` adds \`SYS_TIME\`: a process in it can set the host clock, which is shared by every
    container.
  `,
} as const;

type Capability = keyof typeof MESSAGES;

/** Capabilities that weaken the host without giving it away: reported as warnings. */
const WARNING_ONLY = new Set<Capability>(['PERFMON', 'SYSLOG', 'SYS_TIME']);

interface CapabilityFix {
  service: ComposeService;
  index: number;
}

export default defineRule({
  meta: {
    id: 'container/dangerous-capability',
    title: 'Capability that reaches the host kernel',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Remove the capability from \`cap_add\`; if a feature needs it, find the narrower capability, device or host-side
      setup that serves it.
    `,
    cis: '5.3',
    peers: {},
    references: [
      {
        title: 'Docker run reference: runtime privilege and Linux capabilities',
        url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      },
      { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      {
        title: 'Compose file reference: cap_add',
        url: 'https://docs.docker.com/reference/compose-file/services/#cap_add',
      },
    ],
    fix: 'unsafe',
    messages: MESSAGES,
    docs: {
      description: prose`
        Reports \`cap_add\` entries that give a container power over the host kernel: \`ALL\`, \`SYS_ADMIN\`,
        \`SYS_MODULE\`, \`SYS_PTRACE\`, \`SYS_RAWIO\`, \`SYS_BOOT\`, \`DAC_READ_SEARCH\`, \`BPF\`, \`MAC_ADMIN\`,
        \`MAC_OVERRIDE\`, \`NET_ADMIN\` (errors), and \`PERFMON\`, \`SYSLOG\`, \`SYS_TIME\` (warnings). Names are read
        as Docker reads them: any case, with or without \`CAP_\`. \`NET_ADMIN\` is a warning unless the service shares
        the host network. Capabilities in Docker's default set (\`CHOWN\`, \`NET_BIND_SERVICE\`, …) are not reported.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                cap_add:
                  - SYS_ADMIN
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                cap_drop: [ALL]
                cap_add: [NET_BIND_SERVICE]
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<Capability, CapabilityFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const hostNetwork = spec.namespaces.network?.value === 'host';
      spec.capAdd.items.forEach((item, index) => {
        const capability = item.value;
        if (capability === undefined || !(capability in MESSAGES)) return;
        const cap = capability as Capability;
        let severity: Severity | undefined;
        if (WARNING_ONLY.has(cap) || (cap === 'NET_ADMIN' && !hostNetwork)) severity = 'warning';
        findings.push({
          messageId: cap,
          data: { service: service.name },
          ...placeOf(item.origin),
          ...(severity ? { severity } : {}),
          fixData: { service, index },
        });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    const item = data && service?.spec.capAdd.items[data.index];
    if (!service || !item) return [];
    const edits = removeServiceListItem(model, service, 'cap_add', service.spec.capAdd, item.origin, [
      { after: '<<' },
      { after: 'image' },
    ]);
    return edits ? [{ title: `Remove \`${item.text}\` from \`cap_add\``, safe: false, edits }] : [];
  },
});
