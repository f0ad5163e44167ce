import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { engineSocketAt } from '../../container/host-paths';
import type { Finding, RelatedLocation } from '../../types';

export default defineRule({
  meta: {
    id: 'container/docker-socket-mount',
    title: 'Container engine socket mounted',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Do not mount the engine socket. If the service must manage containers, put a filtering proxy (only the API calls
      it needs) in front of the socket, or use rootless Docker so the engine is not root.
    `,
    cis: '5.31',
    peers: {
      kics: ['Docker Socket Mounted In Container'],
      semgrep: ['yaml.docker-compose.security.exposing-docker-socket-volume.exposing-docker-socket-volume'],
    },
    references: [
      {
        title: 'Docker security: Docker daemon attack surface',
        url: 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      },
      {
        title: 'OWASP Docker Security Cheat Sheet, rule 1',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers',
      },
    ],
    fix: 'none',
    messages: {
      socket: prose`
        Service \`{{service}}\` mounts the {{engine}} API socket \`{{path}}\`: whoever controls the service can start a
        privileged container with the host disk mounted, i.e. is root on the host (read-only does not help).
      `,
      folder: prose`
        Service \`{{service}}\` mounts \`{{path}}\`, which holds the {{engine}} API socket: whoever controls the service
        can start a privileged container with the host disk mounted, i.e. is root on the host.
      `,
    },
    docs: {
      description: prose`
        Reports a bind mount of a container engine API socket (Docker, containerd, Podman, CRI-O, BuildKit; rootless and
        Docker Desktop locations too; the Windows named pipe) or of a folder that holds one (\`/run\`, \`/var/run\`,
        \`/run/containerd\`, …), by any volume syntax or path spelling (\`//var/run/docker.sock\`,
        \`/var/run/../run/docker.sock\`, \`\${DOCKER_SOCK:-/var/run/docker.sock}\`, a named volume bound to the path).
        Access to the socket is full control of the engine, and the engine runs as root: \`:ro\` changes nothing, since
        a socket is not written to as a file.
      `,
      examples: {
        bad: [
          file`
            services:
              ci:
                image: jenkins/jenkins:lts
                volumes:
                  - /var/run/docker.sock:/var/run/docker.sock:ro
          `,
          file`
            services:
              ui:
                image: portainer/portainer-ce:2.21.0
                volumes:
                  - type: bind
                    source: /run/docker.sock
                    target: /var/run/docker.sock
          `,
        ],
        good: [
          file`
            services:
              ci:
                image: jenkins/jenkins:lts
                environment:
                  DOCKER_HOST: tcp://socket-proxy:2375
          `,
        ],
      },
      peerNotes: prose`
        semgrep (exposing-docker-socket-volume.test.yaml) also flags \`- /var/run/docker.sock\` and
        \`- /run/docker.sock\` with no host part (service14–21, 39, 41): that syntax creates an anonymous volume at that
        path inside the container and mounts nothing from the host, so we do not report it. semgrep reports the
        \`volumes:\` key; we report the mount item.
      `,
    },
  },

  check(model) {
    const findings: Finding<'socket' | 'folder'>[] = [];
    for (const service of model.services) {
      for (const mount of service.spec.mounts.items) {
        const hostPath = mount.value?.hostPath;
        if (!hostPath) continue;
        const socket = engineSocketAt(hostPath);
        if (!socket) continue;
        const place = placeOf(mount.origin);
        const device = mount.value?.deviceOrigin;
        const related: RelatedLocation[] = [
          ...(place.related ?? []),
          ...(device ? [{ range: device.range, message: `Volume bound to \`${hostPath}\` here.` }] : []),
        ];
        findings.push({
          messageId: socket.kind,
          data: { service: service.name, path: hostPath, engine: socket.engine },
          range: place.range,
          ...(place.path ? { path: place.path } : {}),
          ...(related.length ? { related } : {}),
        });
      }
    }
    return findings;
  },
});
