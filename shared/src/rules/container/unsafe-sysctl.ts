import { defineRule, prose, file } from '../../rule';
import type { Finding } from '../../types';
import { placeOf } from '../../container/finding-place';
import type { ContainerSpec, NamespaceKind, Sysctl } from '../../container/spec';

type MessageId = 'hostKernel' | 'hostNamespace' | 'routeLocalnet' | 'forwarding' | 'unlisted';

/**
 * Sysctls Kubernetes calls safe: namespaced, and without influence on other pods of the node (kubernetes.io, "Using
 * sysctls in a Kubernetes Cluster"; kubernetes/kubernetes `pkg/kubelet/sysctl/safe_sysctls.go`, v1.29).
 */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/**
 * Namespaced network parameters that size the container's own listen queues or let it route by packet mark (what
 * `wg-quick` needs): not in the Kubernetes set, but they open nothing, so they are not reported either.
 * `tcp_max_syn_backlog` was in Kubernetes' first safe set (kubernetes/kubernetes `docs/proposals/sysctl.md`).
 */
const TUNING = [
  /^net\.core\.somaxconn$/,
  /^net\.ipv4\.tcp_max_syn_backlog$/,
  /^net\.ipv4\.conf\.[^.]+\.src_valid_mark$/,
];

/** The IPC sysctls runc lets a container set in its own IPC namespace (runc `libcontainer/configs/validate`). */
const IPC = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);

/**
 * Network sysctls whose value turns a feature off: a container that sets them hardens its own network stack
 * (kernel.org, "IP Sysctl"). Each maps to the values that harden.
 */
const HARDENING: [RegExp, Set<string>][] = [
  [
    /^net\.ipv[46]\.conf\.[^.]+\.(accept_redirects|secure_redirects|send_redirects|accept_source_route)$/,
    new Set(['0']),
  ],
  [/^net\.ipv4\.conf\.[^.]+\.rp_filter$/, new Set(['1', '2'])],
  [/^net\.ipv4\.conf\.[^.]+\.log_martians$/, new Set(['1'])],
  [/^net\.ipv4\.icmp_(echo_ignore_broadcasts|ignore_bogus_error_responses)$/, new Set(['1'])],
  [/^net\.ipv6\.conf\.[^.]+\.disable_ipv6$/, new Set(['1'])],
];

const FORWARDING = /^net\.ipv4\.ip_forward$|^net\.ipv[46]\.conf\.[^.]+\.forwarding$/;
const ROUTE_LOCALNET = /^net\.ipv4\.conf\.[^.]+\.route_localnet$/;

/** The namespace a sysctl belongs to, as runc decides whether a container may set it; undefined: the host's. */
function namespaceOf(name: string): NamespaceKind | undefined {
  if (IPC.has(name) || name.startsWith('fs.mqueue.')) return 'ipc';
  if (name.startsWith('net.')) return 'network';
  if (name === 'kernel.domainname') return 'uts';
  return undefined;
}

/** What setting the sysctl does, or undefined when it is safe. */
function problemOf(sysctl: Sysctl, spec: ContainerSpec): { messageId: MessageId; mode?: string } | undefined {
  // sysctl.d's `/` separator names the same parameter.
  const name = sysctl.name.replace(/\//g, '.');
  const namespace = namespaceOf(name);
  if (!namespace) return { messageId: 'hostKernel' };
  const mode = spec.namespaces[namespace]?.value?.trim();
  if (mode?.toLowerCase() === 'host') return { messageId: 'hostNamespace', mode };
  if (SAFE.has(name) || TUNING.some((pattern) => pattern.test(name))) return undefined;
  const value = sysctl.value;
  if (value !== undefined) {
    if (HARDENING.some(([pattern, values]) => pattern.test(name) && values.has(value))) return undefined;
    const on = value !== '0';
    if (ROUTE_LOCALNET.test(name)) return on ? { messageId: 'routeLocalnet' } : undefined;
    if (FORWARDING.test(name)) return on ? { messageId: 'forwarding' } : undefined;
  }
  return { messageId: 'unlisted' };
}

const SEVERITY: Record<MessageId, 'warning' | 'info'> = {
  hostKernel: 'warning',
  hostNamespace: 'warning',
  routeLocalnet: 'warning',
  forwarding: 'info',
  unlisted: 'info',
};

const NAMESPACE_KEY: Partial<Record<NamespaceKind, string>> = { network: 'network_mode', ipc: 'ipc', uts: 'uts' };

export default defineRule({
  meta: {
    id: 'container/unsafe-sysctl',
    title: 'Kernel parameter outside the safe set',
    kind: 'compose',
    severity: 'warning',
    threat: 'container-container',
    mitigation: prose`
        Set only the sysctls Kubernetes lists as safe; set a host-wide parameter (\`vm.*\`, most of \`kernel.*\`) on the
        host, and leave \`route_localnet\` and forwarding off unless the container is a router.
      `,
    peers: {},
    references: [
      {
        title: 'Docker run reference: configure namespaced kernel parameters (--sysctl)',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#sysctl',
      },
      {
        title: 'Compose file reference: sysctls',
        url: 'https://docs.docker.com/reference/compose-file/services/#sysctls',
      },
      {
        title: 'Kubernetes: using sysctls in a Kubernetes cluster (safe and unsafe sysctls)',
        url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      },
      {
        title: 'runc: libcontainer/configs/validate/validator.go (which sysctls a container may set)',
        url: 'https://github.com/opencontainers/runc/blob/main/libcontainer/configs/validate/validator.go',
      },
      { title: 'Linux kernel: IP sysctl', url: 'https://docs.kernel.org/networking/ip-sysctl.html' },
      {
        title: 'CVE-2020-8558: route_localnet exposes localhost services',
        url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-8558',
      },
    ],
    fix: 'none',
    messages: {
      hostKernel: prose`
          Service \`{{service}}\` sets \`{{name}}\`, a kernel parameter of the whole host, not of a namespace: Docker
          refuses to start the container ("not in a separate kernel namespace"), and set on the host it applies to every
          container.
        `,
      hostNamespace: prose`
          Service \`{{service}}\` sets \`{{name}}\` in the host's namespace (\`{{key}}: {{mode}}\`): it would change the
          host's own setting, so Docker refuses to start the container.
        `,
      routeLocalnet: prose`
          Service \`{{service}}\` sets \`{{name}}={{value}}\`: packets from the network addressed to 127.0.0.1 are
          routed to the container, so what it serves on localhost only is open to its neighbours.
        `,
      forwarding: prose`
          Service \`{{service}}\` turns on packet forwarding (\`{{name}}={{value}}\`): the container routes traffic
          between the networks it is on, which a VPN or router container needs and nothing else does.
        `,
      unlisted: prose`
          Service \`{{service}}\` sets \`{{name}}\`, a namespaced kernel parameter outside the Kubernetes safe set:
          check that it weakens nothing and lets the container draw on no kernel resource beyond its limits.
        `,
    },
    docs: {
      description: prose`
        Reports a \`sysctls\` entry, in the mapping or the \`name=value\` list form, that is not in the set Kubernetes
        calls safe (namespaced, and without influence on other workloads of the node): \`kernel.shm_rmid_forced\`,
        \`net.ipv4.ip_local_port_range\`, \`net.ipv4.ip_local_reserved_ports\`, \`net.ipv4.ip_unprivileged_port_start\`,
        \`net.ipv4.ping_group_range\`, \`net.ipv4.tcp_syncookies\`, \`net.ipv4.tcp_fin_timeout\` and the three
        \`net.ipv4.tcp_keepalive_*\`. How it is reported depends on what the parameter opens.

        Docker sets only namespaced parameters: the IPC ones (\`kernel.msgmax\`, \`kernel.msgmnb\`, \`kernel.msgmni\`,
        \`kernel.sem\`, \`kernel.shmall\`, \`kernel.shmmax\`, \`kernel.shmmni\`, \`kernel.shm_rmid_forced\`,
        \`fs.mqueue.*\`), the network ones (\`net.*\`) and \`kernel.domainname\`, each in the container's own namespace.
        Anything else (\`vm.max_map_count\`, \`kernel.randomize_va_space\`, \`fs.file-max\`) belongs to the whole host:
        runc refuses to start the container, and the setting belongs in the host's \`/etc/sysctl.d\`, where it changes
        every container. So does a namespaced parameter in a namespace shared with the host (\`net.*\` with
        \`network_mode: host\`, IPC ones with \`ipc: host\`). Both are warnings: the service does not start as written,
        and what it asks for is a change to the host.

        \`route_localnet\` turned on (\`net.ipv4.conf.*.route_localnet=1\`) is a warning: the container then accepts
        packets for 127.0.0.0/8 from its network, so a neighbour can reach a service the image binds to localhost to
        keep it private, the weakness behind CVE-2020-8558. Forwarding (\`net.ipv4.ip_forward=1\`,
        \`net.ipv*.conf.*.forwarding=1\`) is information: the container routes between the networks it is attached to,
        what VPN and router containers are for. Other namespaced parameters are information, for review: they change
        only the container's own namespace, but some raise limits on kernel memory (\`kernel.shmmax\`,
        \`net.ipv4.tcp_rmem\`) or weaken its network stack. Parameters that only size the container's own listen queues
        or mark its routing (\`net.core.somaxconn\`, \`net.ipv4.tcp_max_syn_backlog\`,
        \`net.ipv4.conf.*.src_valid_mark\`, which WireGuard needs) are not reported, though Kubernetes does not list
        them. Values that harden it are not reported (\`accept_redirects\`, \`send_redirects\`, \`secure_redirects\`,
        \`accept_source_route\` set to 0; \`rp_filter\`, \`log_martians\`, \`icmp_echo_ignore_broadcasts\`,
        \`disable_ipv6\` set to 1), nor is a value-dependent parameter turned off. A value behind an unset variable is
        not read: the parameter is judged by its name alone.
      `,
      peerNotes: prose`
        No compose checker in the peer corpus reads \`sysctls\`. The Kubernetes checks of the same idea (the Pod
        Security Standards' baseline "Sysctls" control, Trivy KSV026, Kyverno's restrict-sysctls) allow the Kubernetes
        safe set, or an older version of it, and report everything else alike; we grade by what the parameter opens, and
        leave out hardening values and listen-queue tuning.
      `,
      examples: {
        bad: [
          'services:\n  search:\n    image: elasticsearch:8.15.0\n    sysctls:\n      - vm.max_map_count=262144\n',
          'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      net.ipv4.conf.all.route_localnet: 1\n',
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                sysctls:
                  net.ipv4.ip_unprivileged_port_start: 0
                  net.ipv4.conf.all.accept_redirects: 0
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      for (const item of service.spec.sysctls.items) {
        const sysctl = item.value;
        const problem = sysctl && problemOf(sysctl, service.spec);
        if (!sysctl || !problem) continue;
        const namespace = namespaceOf(sysctl.name.replace(/\//g, '.'));
        findings.push({
          messageId: problem.messageId,
          data: {
            service: service.name,
            name: sysctl.name,
            value: sysctl.value ?? '?',
            key: (namespace && NAMESPACE_KEY[namespace]) ?? '',
            mode: problem.mode ?? '',
          },
          ...placeOf(item.origin),
          ...(SEVERITY[problem.messageId] === 'warning' ? {} : { severity: SEVERITY[problem.messageId] }),
        });
      }
    }
    return findings;
  },
});
