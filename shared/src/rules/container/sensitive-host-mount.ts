import { isMap, isScalar } from 'yaml';
import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { engineSocketAt, isRawDevice, sensitiveHostPath } from '../../container/host-paths';
import { splitVolumeSpec } from '../../container/spec';
import { editable, ownedBy, replaceScalar, setMappingValue, sharingServices } from '../../compose/edit';
import { yamlRef } from '../../compose/model';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix, RelatedLocation, Severity, TextEdit } from '../../types';

type MessageId = 'writable' | 'readOnly' | 'device';

interface MountFix {
  service: ComposeService;
  index: number;
}

export default defineRule({
  meta: {
    id: 'container/sensitive-host-mount',
    title: 'Sensitive host path mounted',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Mount only the files the service needs, from a folder made for it, read-only (\`:ro\`); pass configuration and
      secrets with \`configs\` and \`secrets\`, and devices only when the service cannot work without them.
    `,
    cis: '5.5',
    peers: { kics: ['Volume Has Sensitive Host Directory'] },
    references: [
      {
        title: 'Compose file reference: volumes',
        url: 'https://docs.docker.com/reference/compose-file/services/#volumes',
      },
      { title: 'Docker: bind mounts', url: 'https://docs.docker.com/engine/storage/bind-mounts/' },
    ],
    fix: 'unsafe',
    messages: {
      writable: prose`
        Service \`{{service}}\` mounts host path \`{{path}}\` writable: a process in it can change host {{area}}, a
        direct way to take over the host.
      `,
      readOnly: prose`
        Service \`{{service}}\` mounts host path \`{{path}}\` (read-only): a process in it can read host {{area}}, which
        may hold keys and secrets.
      `,
      device: prose`
        Service \`{{service}}\` is given host device \`{{path}}\`: a process in it talks to the host kernel driver
        directly.
      `,
    },
    docs: {
      description: prose`
        Reports bind mounts of host paths that hold the host's system, configuration, secrets or kernel interfaces:
        \`/\`, \`/etc\`, \`/proc\`, \`/sys\`, \`/dev\`, \`/boot\`, \`/root\`, \`/usr\`, \`/bin\`, \`/sbin\`, \`/lib*\`,
        \`/var/lib/docker\` (and other engines' state), \`/var/log\`, \`/run/dbus\`, a whole home folder, and credential
        folders such as \`~/.ssh\`, \`~/.aws\`, \`~/.kube\`, \`~/.docker\`. A writable mount is an error, a read-only
        one a warning. Harmless files in those folders (\`/etc/localtime\`, \`/etc/timezone\`, \`/etc/resolv.conf\`, CA
        certificates, \`/dev/null\`, …) are not reported when read-only. Engine sockets and the folders holding them are
        left to \`container/docker-socket-mount\`. Devices (\`devices:\`) are reported too: raw disks and memory
        (\`/dev/sda\`, \`/dev/mem\`, …) as errors, others as warnings. The fix makes a writable mount read-only.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                volumes:
                  - /etc:/host/etc
          `,
          file`
            services:
              exporter:
                image: prom/node-exporter:v1.8.2
                volumes:
                  - /proc:/host/proc:ro
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                volumes:
                  - ./config:/etc/app:ro
                  - /etc/localtime:/etc/localtime:ro
                  - data:/var/lib/app
            volumes:
              data: {}
          `,
        ],
      },
      peerNotes: prose`
        KICS flags any host path starting with \`/var\`, \`/home\`, \`/srv\`, \`/media\`, … (positive2.yaml binds
        \`/var/lib/backup/data\`, positive3.yaml \`/var/data\` through an unused volume); we report only folders that
        hold the host's system or secrets, so an application data folder such as \`/var/lib/backup/data\` is not
        reported. KICS positive1.yaml \`- /var/lib/backup/data\` has no host part: it is an anonymous volume, not a host
        mount. KICS reports the \`volumes\` key; we report the mount item.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, MountFix>[] = [];
    for (const service of model.services) {
      service.spec.mounts.items.forEach((mount, index) => {
        const value = mount.value;
        if (!value?.hostPath || engineSocketAt(value.hostPath)) return;
        const sensitive = sensitiveHostPath(value.hostPath);
        if (!sensitive || (sensitive.harmless && value.readOnly)) return;
        const place = placeOf(mount.origin);
        const related: RelatedLocation[] = [...(place.related ?? [])];
        if (value.deviceOrigin)
          related.push({ range: value.deviceOrigin.range, message: `Volume bound to \`${value.hostPath}\` here.` });
        const severity: Severity = value.readOnly || sensitive.harmless ? 'warning' : 'error';
        findings.push({
          messageId: value.readOnly ? 'readOnly' : 'writable',
          data: { service: service.name, path: value.hostPath, area: describeArea(sensitive.area) },
          range: place.range,
          ...(place.path ? { path: place.path } : {}),
          ...(related.length ? { related } : {}),
          severity,
          fixData: { service, index },
        });
      });
      for (const device of service.spec.devices.items) {
        const source = device.value?.source;
        if (!source?.startsWith('/')) continue;
        findings.push({
          messageId: 'device',
          data: { service: service.name, path: source },
          ...placeOf(device.origin),
          severity: isRawDevice(source) ? 'error' : 'warning',
        });
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    if (finding.messageId !== 'writable' || !editable(model)) return [];
    const data = finding.fixData;
    const service = data?.service;
    const mount = data && service?.spec.mounts.items[data.index];
    const ref = yamlRef(mount?.origin);
    if (!service || !mount?.value || !ref) return [];
    // Named volumes bound to a host path are made read-only where they are mounted, like any other.
    let edits: TextEdit[] | undefined;
    if (mount.value.syntax === 'short' && isScalar(ref.node)) {
      const written = withReadOnlyMode(mount.text);
      const edit =
        written === undefined ? undefined : replaceScalar(model, ref.node, { string: written }, !!ref.holder.flow);
      edits = edit ? [edit] : undefined;
    } else if (isMap(ref.node)) {
      edits = setMappingValue(model, ref.node, 'read_only', { raw: 'true' }, [
        { after: 'target' },
        { after: 'source' },
      ]);
    }
    if (!edits) return [];
    if (ownedBy(model, service, mount.origin))
      return [{ title: `Mount \`${mount.value.hostPath}\` read-only`, safe: false, edits }];
    if (mount.origin.via.some((v) => v.kind === 'extends')) return [];
    // Shared through an anchor: a read-only host path is meant for every service that mounts it.
    const users = sharingServices(model, mount.origin);
    return [
      {
        title: `Mount \`${mount.value.hostPath}\` read-only in the shared anchor (services ${users.map((u) => `\`${u}\``).join(', ')})`,
        safe: false,
        edits,
      },
    ];
  },
});

/** The short volume syntax with `ro` as its access mode: `/etc:/etc` → `/etc:/etc:ro`, `/x:/y:rw,z` → `/x:/y:ro,z`. */
export function withReadOnlyMode(spec: string): string | undefined {
  const parts = splitVolumeSpec(spec);
  if (parts.length === 2) return `${spec}:ro`;
  if (parts.length !== 3) return undefined;
  const modes = parts[2].split(',').filter((m) => m !== 'rw' && m !== 'ro');
  return [parts[0], parts[1], ['ro', ...modes].join(',')].join(':');
}

function describeArea(area: string): string {
  if (area === '/') return 'files (the whole root filesystem)';
  if (area.startsWith('~') || area.startsWith('/home') || area.startsWith('/Users') || area === '/root')
    return `files in \`${area}\` (user files and keys)`;
  if (area === '/proc' || area === '/sys' || area === '/dev') return `kernel interfaces in \`${area}\``;
  return `files in \`${area}\``;
}
