import { defineRule, prose, file } from '../../rule';
import type { Finding } from '../../types';
import { placeOf } from '../../container/finding-place';
import type { Mount, Setting } from '../../container/spec';
import { cleanPath } from '../../dockerfile/dockerignore';
import type { ComposeService } from '../../compose/model';

type MessageId = 'shared';

export default defineRule({
  meta: {
    id: 'container/shared-writable-volume',
    title: 'Exposed service shares a writable volume',
    kind: 'compose',
    severity: 'info',
    threat: 'container-container',
    mitigation: prose`
        Mount the shared volume read-only (\`:ro\`, \`read_only: true\`) in every service that only reads it, so that
        one service writes and the others read; or give each service its own volume.
      `,
    peers: {},
    references: [
      {
        title: 'Compose file reference: volumes (short syntax, access mode)',
        url: 'https://docs.docker.com/reference/compose-file/services/#volumes',
      },
      { title: 'Docker: volumes, use a read-only volume', url: 'https://docs.docker.com/engine/storage/volumes/' },
    ],
    fix: 'none',
    messages: {
      shared: prose`
          Service \`{{service}}\` publishes ports and mounts {{what}} writable, as {{others}} {{verb}}: an intruder in
          \`{{service}}\` can change the files the other services read, run or serve.
        `,
    },
    docs: {
      description: prose`
        Reports a service that publishes ports (\`ports:\`, on any interface) and mounts a named volume, or a host
        path, that another service of the file mounts writable too: a web application and a worker sharing an
        uploads volume, nginx and PHP-FPM sharing the application's code. Whoever takes over the exposed service
        can then write what the other trusts (a script it runs, a template it renders, a file it parses), which
        moves the intrusion from the container facing the network to one that may hold more secrets or rights.

        The finding is at the exposed service's mount and names the other writers. A mount read-only on either side
        (\`:ro\`, \`read_only: true\` in the long syntax) clears it: with one writer, the files flow one way.
        Anonymous volumes, \`tmpfs\` and mounts behind unset variables are not compared; host paths are compared as
        written after interpolation and cleaning (\`./data\` and \`data/\` are one path).

        It is information, not a warning: sharing files is often the design (an uploads folder, static files served by
        a proxy), and only the authors know which side needs to write. There is no fix for the same reason: making
        the wrong side read-only breaks the service that writes.
      `,
      examples: {
        bad: [
          file`
            services:
              web:
                image: example/web:1.4
                ports: ["8080:8080"]
                volumes: [uploads:/srv/uploads]
              worker:
                image: example/worker:1.4
                volumes: [uploads:/data]
            volumes:
              uploads: {}
          `,
        ],
        good: [
          file`
            services:
              web:
                image: example/web:1.4
                ports: ["8080:8080"]
                volumes: [uploads:/srv/uploads]
              worker:
                image: example/worker:1.4
                volumes: [uploads:/data:ro]
            volumes:
              uploads: {}
          `,
        ],
      },
    },
  },

  check(model) {
    const writers = new Map<string, { service: ComposeService; mount: Setting<Mount> }[]>();
    for (const service of model.services) {
      const seen = new Set<string>();
      for (const mount of service.spec.mounts.items) {
        const key = shareKey(mount.value);
        if (!key || mount.value?.readOnly || seen.has(key)) continue;
        seen.add(key);
        const list = writers.get(key) ?? [];
        list.push({ service, mount });
        writers.set(key, list);
      }
    }
    const findings: Finding<MessageId>[] = [];
    for (const [key, list] of writers) {
      if (list.length < 2) continue;
      for (const { service, mount } of list) {
        if (!service.spec.ports.items.some((port) => port.value)) continue;
        const others = list.filter((w) => w.service !== service).map((w) => `\`${w.service.name}\``);
        findings.push({
          messageId: 'shared',
          data: {
            service: service.name,
            what: key.startsWith('volume:') ? `volume \`${key.slice(7)}\`` : `host path \`${key.slice(5)}\``,
            others:
              others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}` : others[0],
            verb: others.length > 1 ? 'do' : 'does',
          },
          ...placeOf(mount.origin),
        });
      }
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

/** What two mounts share when they name the same thing: `volume:data`, `bind:/srv/app`; undefined for the rest. */
function shareKey(mount: Mount | undefined): string | undefined {
  if (!mount?.source) return undefined;
  if (mount.type === 'volume') return `volume:${mount.source}`;
  if (mount.type === 'bind') return `bind:${mount.hostPath ?? cleanPath(mount.source.replace(/\\/g, '/'))}`;
  return undefined;
}
