import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import type { NamespaceKind } from '../../container/spec';
import type { Finding } from '../../types';

/** The namespaces compose can join to another container's, and how far each lets one reach into the other. */
const JOINABLE: { kind: NamespaceKind; severity: 'warning' | 'info' }[] = [
  { kind: 'pid', severity: 'warning' },
  { kind: 'ipc', severity: 'info' },
  { kind: 'network', severity: 'info' },
];

type MessageId = 'pid' | 'ipc' | 'network';

export default defineRule({
  meta: {
    id: 'container/joined-namespace',
    title: "Namespace joined to another container's",
    kind: 'compose',
    severity: 'info',
    threat: 'container-container',
    mitigation: prose`
      Join namespaces only between containers that are one unit (an app and its sidecar), and keep the one that joins as
      confined as the other (same user, no added capabilities).
    `,
    peers: {},
    references: [
      {
        title: 'Docker run reference: PID, IPC and network settings',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/',
      },
      {
        title: 'Compose file reference: pid, ipc, network_mode',
        url: 'https://docs.docker.com/reference/compose-file/services/',
      },
      {
        title: 'proc(5): /proc/pid/environ and ptrace access mode',
        url: 'https://man7.org/linux/man-pages/man5/proc_pid_environ.5.html',
      },
    ],
    fix: 'none',
    messages: {
      pid: prose`
        Service \`{{service}}\` joins the PID namespace of \`{{other}}\` (\`pid: {{mode}}\`): it sees, and as the same
        user can signal and read the environment of, every process there.
      `,
      ipc: prose`
        Service \`{{service}}\` joins the IPC namespace of \`{{other}}\` (\`ipc: {{mode}}\`): it can read and write the
        shared memory and message queues of its processes.
      `,
      network: prose`
        Service \`{{service}}\` uses the network stack of \`{{other}}\` (\`network_mode: {{mode}}\`): it can reach the
        services \`{{other}}\` listens for on localhost only, and capture its traffic with \`NET_RAW\`.
      `,
    },
    docs: {
      description: prose`
        Reports a service that joins the namespace of another service (\`service:name\`) or container
        (\`container:name\`): \`pid\`, \`ipc\` and \`network_mode\`, also when the setting comes from a YAML anchor or
        a service it extends. Two containers that share a namespace are no longer isolated from each other in it,
        so a compromise of one reaches into the other.

        A shared PID namespace lets each see the other's processes and, as the same user, signal them and read
        \`/proc/<pid>/environ\` (where secrets passed as environment variables are); with \`SYS_PTRACE\` it can trace
        them. It is reported as a warning. A shared IPC namespace gives access to the other's shared memory and
        message queues. A shared network stack shares \`localhost\`: a database or admin port bound to 127.0.0.1 in
        one container is open to the other. Both are common in sidecar designs (a VPN client that another
        container routes through, a metrics agent), so they are reported as information, for review.

        \`host\` modes are reported by \`container/host-namespace\`, which recommends joining one named service
        instead when two containers must share: this rule marks such a join so that it stays a decision, not a
        default.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: nginx:1.27
              debug:
                image: busybox:1.36
                pid: "service:app"
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
              debug:
                image: busybox:1.36
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      for (const { kind, severity } of JOINABLE) {
        const setting = service.spec.namespaces[kind];
        const mode = setting?.value?.trim();
        const joined = mode && /^(service|container):(.+)$/.exec(mode);
        if (!setting || !joined) continue;
        findings.push({
          messageId: kind as MessageId,
          data: { service: service.name, other: joined[2].trim(), mode },
          ...placeOf(setting.origin),
          ...(severity === 'info' ? {} : { severity }),
        });
      }
    }
    return findings;
  },
});
