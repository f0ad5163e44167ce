import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { ownedBy, removeServiceKey, setServiceValue } from '../../compose/edit';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';

interface PrivilegedFix {
  service: ComposeService;
}

export default defineRule({
  meta: {
    id: 'container/privileged',
    title: 'Privileged container',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation:
      'Remove `privileged: true`; grant only the capability (`cap_add`) or device (`devices`) the container needs.',
    cis: '5.4',
    peers: {
      kics: ['Privileged Containers Enabled'],
      semgrep: ['yaml.docker-compose.security.privileged-service.privileged-service'],
    },
    references: [
      {
        title: 'Docker run reference: runtime privilege and Linux capabilities',
        url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      },
      {
        title: 'Compose file reference: privileged',
        url: 'https://docs.docker.com/reference/compose-file/services/#privileged',
      },
    ],
    fix: 'unsafe',
    messages: {
      privileged: prose`
        Service \`{{service}}\` runs privileged: it gets every capability and host device, without seccomp or AppArmor
        confinement, so a process in it can take over the host.
      `,
    },
    docs: {
      description: prose`
        Reports a service with \`privileged: true\` (also when it comes from a YAML anchor or a service it extends). A
        privileged container can mount the host disk, load kernel modules and reach every device: it is root on the host
        in all but name.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                privileged: true
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                cap_add: [NET_BIND_SERVICE]
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'privileged', PrivilegedFix>[] = [];
    for (const service of model.services) {
      const privileged = service.spec.privileged;
      if (privileged?.value !== true) continue;
      findings.push({
        messageId: 'privileged',
        data: { service: service.name },
        ...placeOf(privileged.origin),
        fixData: { service },
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    const privileged = service?.spec.privileged;
    if (!service || !privileged) return [];
    if (ownedBy(model, service, privileged.origin)) {
      const edits = removeServiceKey(model, service, privileged.origin);
      return edits ? [{ title: 'Remove `privileged: true`', safe: false, edits }] : [];
    }
    // Shared with other services: override for this one only.
    const edits = setServiceValue(model, service, 'privileged', { raw: 'false' }, [
      { after: '<<' },
      { after: 'image' },
      { after: 'build' },
    ]);
    return edits ? [{ title: `Set \`privileged: false\` for service \`${service.name}\``, safe: false, edits }] : [];
  },
});
