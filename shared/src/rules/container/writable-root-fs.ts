import { defineRule } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/report';
import { insertPairs, ownedBy, setServiceValue, type NewPair, type Placement } from '../../compose/edit';
import { yamlRef } from '../../compose/model';
import type { ContainerSpec } from '../../container/spec';
import type { Fix, TextEdit } from '../../types';

interface ReadOnlyFix {
  service: string;
}

/** `read_only` goes next to the image it protects. */
const PLACEMENT: Placement = [{ after: 'image' }, { after: 'build' }, { after: '<<' }];

export default defineRule({
  meta: {
    id: 'container/writable-root-fs',
    title: 'Writable root filesystem',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: 'Set `read_only: true` and give the service a `tmpfs` or a volume for the paths it writes (`/tmp`, caches, data).',
    cis: '5.12',
    peers: { semgrep: ['yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'] },
    references: [
      { title: 'Compose file reference: read_only', url: 'https://docs.docker.com/reference/compose-file/services/#read_only' },
      { title: 'Compose file reference: tmpfs', url: 'https://docs.docker.com/reference/compose-file/services/#tmpfs' },
    ],
    fix: 'unsafe',
    messages: {
      missing: 'Service `{{service}}` has a writable root filesystem: an intruder can replace its binaries and configuration and keep a foothold.',
      disabled: 'Service `{{service}}` sets `read_only: false`: an intruder can replace its binaries and configuration and keep a foothold.',
    },
    docs: {
      description:
        "Reports a service without `read_only: true`. With a read-only root filesystem a compromised process cannot change the image's programs or drop tools into it; the paths the service must write get a `tmpfs` or a volume. The fix adds `read_only: true`, and a tmpfs at `/tmp` when the service has no tmpfs yet; it is offered one by one because a service that writes elsewhere will fail until it gets a volume there.",
      examples: {
        bad: ['services:\n  app:\n    image: nginx:1.27\n', 'services:\n  app:\n    image: nginx:1.27\n    read_only: false\n'],
        good: ['services:\n  app:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp, /var/cache/nginx]\n'],
      },
      peerNotes:
        'Semgrep reports `read_only: false` at the service key; we report the `read_only: false` line itself, which is what has to change.',
    },
  },

  check(model) {
    const findings = [];
    for (const service of model.services) {
      const { spec } = service;
      const readOnly = spec.readOnly;
      if (readOnly) {
        if (readOnly.value !== false) continue;
        findings.push({ messageId: 'disabled' as const, data: { service: service.name }, ...placeOf(readOnly.origin), fixData: { service: service.name } satisfies ReadOnlyFix });
      } else if (!spec.partial) {
        findings.push({ messageId: 'missing' as const, data: { service: service.name }, ...placeOfMissing(spec), fixData: { service: service.name } satisfies ReadOnlyFix });
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData as ReadOnlyFix | undefined;
    const service = model.services.find((s) => s.name === data?.service);
    if (!service?.map) return [];
    const { spec } = service;
    const addTmp = needsTmp(spec);
    const tmpfs: NewPair = { key: 'tmpfs', value: { list: [{ string: '/tmp' }] } };
    const current = spec.readOnly?.origin;
    let edits: TextEdit[] | undefined;
    if (current && ownedBy(model, service, current)) {
      edits = setServiceValue(model, service, 'read_only', { raw: 'true' }, PLACEMENT, current);
      const ref = yamlRef(current);
      const tmpEdits = addTmp && ref?.holder === service.map ? insertPairs(model, service.map, [tmpfs], [{ after: 'read_only' }]) : addTmp ? insertPairs(model, service.map, [tmpfs], PLACEMENT) : [];
      edits = edits && tmpEdits ? [...edits, ...tmpEdits] : undefined;
    } else if (!service.aliased) {
      edits = insertPairs(model, service.map, [{ key: 'read_only', value: { raw: 'true' } }, ...(addTmp ? [tmpfs] : [])], PLACEMENT);
    }
    if (!edits) return [];
    const title = addTmp ? 'Set `read_only: true` and mount a tmpfs at `/tmp`' : 'Set `read_only: true`';
    return [{ title, safe: false, edits }];
  },
});

/** A tmpfs at /tmp is added only when the service has no tmpfs at all and nothing mounted at /tmp. */
function needsTmp(spec: ContainerSpec): boolean {
  if (spec.tmpfs.items.length || spec.tmpfs.unknown || spec.mounts.unknown) return false;
  return !spec.mounts.items.some((m) => m.value?.type === 'tmpfs' || m.value?.target?.replace(/\/+$/, '') === '/tmp');
}
