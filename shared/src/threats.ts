import type { ThreatKey } from './types';

/** One direction an attack on a container deployment can take; rule docs and hovers are rendered from these. */
export interface Threat {
  key: ThreatKey;
  title: string;
  /** Who attacks what, in one sentence. */
  vector: string;
  /** What an attacker gains when this goes wrong. */
  impact: string;
  /** The mitigations that close this vector, most effective first. */
  mitigations: string[];
  references: { title: string; url: string }[];
}

export const THREATS: Record<ThreatKey, Threat> = {
  'host-container': {
    key: 'host-container',
    title: 'Host ↔ container',
    vector:
      'A compromised container attacks the host it runs on: through the kernel it shares, host files and devices mounted into it, the Docker API socket, or by exhausting CPU, memory and process ids.',
    impact:
      'Root on the host (and so every other container on it), host data read or changed, kernel modules loaded, or the host made unavailable.',
    mitigations: [
      'Run as a non-root USER, or remap root with user namespaces',
      'Drop all capabilities and add back only those needed',
      'Keep the default seccomp profile and an AppArmor/SELinux profile; set no-new-privileges',
      'Never mount the Docker socket or sensitive host paths; mount what is needed read-only',
      'Set memory, CPU and pids limits (cgroups)',
    ],
    references: [
      {
        title: 'CIS Docker Benchmark, section 5 (Container Runtime)',
        url: 'https://www.cisecurity.org/benchmark/docker',
      },
      { title: 'Docker security', url: 'https://docs.docker.com/engine/security/' },
      {
        title: 'OWASP Docker Security Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
      },
    ],
  },
  'container-container': {
    key: 'container-container',
    title: 'Container ↔ container',
    vector:
      'One container harms its neighbours on the same host: by sharing their network, process or IPC namespaces, or by starving them of CPU, memory and process ids.',
    impact:
      'Traffic and processes of other containers seen or tampered with; neighbours slowed down or killed (noisy neighbour).',
    mitigations: [
      'Keep each container in its own namespaces (no host or container network/pid/ipc modes)',
      'Set memory, CPU and pids limits',
      'Publish ports only on the interfaces that need them',
    ],
    references: [
      {
        title: 'CIS Docker Benchmark, section 5 (Container Runtime)',
        url: 'https://www.cisecurity.org/benchmark/docker',
      },
      { title: 'Docker resource constraints', url: 'https://docs.docker.com/engine/containers/resource_constraints/' },
    ],
  },
  'external-container': {
    key: 'external-container',
    title: 'External → container',
    vector:
      'An attacker from outside reaches the container: through unpatched packages in its OS layers, weak or default passwords, services it did not need to expose, or a writable root filesystem to persist in.',
    impact:
      'Remote code execution in the container, then persistence and a foothold to move on to the host or the network.',
    mitigations: [
      'Use minimal images (scratch, distroless) with no shell or package manager, pinned by digest',
      'Verify what you download (TLS, checksums, content trust)',
      'Make the root filesystem read-only',
      'No default passwords; publish ports only where needed; restrict outbound traffic',
    ],
    references: [
      {
        title: 'CIS Docker Benchmark, section 4 (Container Images and Build File)',
        url: 'https://www.cisecurity.org/benchmark/docker',
      },
      { title: 'Distroless images', url: 'https://github.com/GoogleContainerTools/distroless' },
    ],
  },
  application: {
    key: 'application',
    title: 'Application',
    vector:
      'The application packaged in the image leaks what it carries: secrets baked into layers or environment, needless services (SSH, shells, package managers) an intruder can use.',
    impact:
      'Credentials stolen from any copy of the image (layers are public to whoever can pull it); extra services to attack and tools to live off.',
    mitigations: [
      'Pass secrets at run time (BuildKit secret mounts, Compose secrets, an orchestrator secret store), never in ENV, ARG or COPY',
      'Ship one process per container, with no SSH server or build tools',
    ],
    references: [
      { title: 'Build secrets (BuildKit)', url: 'https://docs.docker.com/build/building/secrets/' },
      {
        title: 'OWASP Docker Security Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
      },
    ],
  },
};
