import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import type { NamespaceKind } from '../../container/spec';
import type { Finding } from '../../types';

/** The order namespaces are reported in, with the compose key each is written under. */
const KINDS: NamespaceKind[] = ['network', 'pid', 'ipc', 'uts', 'userns', 'cgroup'];

/** Namespaces whose sharing exposes the host without handing it over: warnings. */
const WARNING_ONLY = new Set<NamespaceKind>(['uts']);

export default defineRule({
  meta: {
    id: 'container/host-namespace',
    title: 'Host namespace shared with the container',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Remove the \`host\` mode and give the container its own namespace; publish ports instead of
      \`network_mode: host\`, and share a namespace with one named service (\`service:name\`) when two containers must
      see each other.
    `,
    cis: '5.9, 5.15, 5.16, 5.20, 5.30',
    peers: { kics: ['Shared Host Network Namespace'] },
    references: [
      {
        title: 'Compose file reference: network_mode, pid, ipc, uts, userns_mode, cgroup',
        url: 'https://docs.docker.com/reference/compose-file/services/',
      },
      { title: 'Docker run reference', url: 'https://docs.docker.com/reference/cli/docker/container/run/' },
    ],
    fix: 'none',
    messages: {
      network: prose`
        Service \`{{service}}\` uses the host network (\`network_mode: host\`): it can reach every host interface and
        local-only service, and sniff or bind host ports.
      `,
      pid: prose`
        Service \`{{service}}\` shares the host PID namespace (\`pid: host\`): it sees every host process and, as root,
        can signal or trace them.
      `,
      ipc: prose`
        Service \`{{service}}\` shares the host IPC namespace (\`ipc: host\`): it can read and write the shared memory
        of host processes.
      `,
      uts: prose`
        Service \`{{service}}\` shares the host UTS namespace (\`uts: host\`): it sees, and with \`SYS_ADMIN\` can
        change, the host name.
      `,
      userns: prose`
        Service \`{{service}}\` opts out of user-namespace remapping (\`userns_mode: host\`): root in the container is
        root on the host.
      `,
      cgroup: prose`
        Service \`{{service}}\` shares the host cgroup namespace (\`cgroup: host\`): it sees the host cgroup tree, a
        step towards escaping through it.
      `,
    },
    docs: {
      description: prose`
        Reports a service that joins one of the host's namespaces: \`network_mode: host\`, \`pid: host\`, \`ipc: host\`,
        \`uts: host\` (a warning), \`userns_mode: host\`, \`cgroup: host\`. Namespaces are what separate a container
        from the host; each one shared removes a wall. Sharing with another service (\`service:db\`) or container is not
        reported.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                network_mode: host
          `,
          file`
            services:
              app:
                image: alpine:3.20
                pid: host
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                ports: ["127.0.0.1:8080:8080"]
              sidecar:
                image: busybox:1.36
                network_mode: service:app
          `,
        ],
      },
      peerNotes: prose`
        KICS "Cgroup Not Default" reports \`cgroup_parent\`, which places the container under another cgroup but shares
        no namespace; it is not claimed here.
      `,
    },
  },

  check(model) {
    const findings: Finding<NamespaceKind>[] = [];
    for (const service of model.services) {
      for (const kind of KINDS) {
        const setting = service.spec.namespaces[kind];
        if (setting?.value?.trim().toLowerCase() !== 'host') continue;
        findings.push({
          messageId: kind,
          data: { service: service.name },
          ...placeOf(setting.origin),
          ...(WARNING_ONLY.has(kind) ? { severity: 'warning' as const } : {}),
        });
      }
    }
    return findings;
  },
});
