import { defineRule, prose, file } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/finding-place';
import { hardeningFix, readOnlyRoot } from '../../compose/hardening';
import { needsOf, profileOfService } from '../../compose/service-needs';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';

interface ReadOnlyFix {
  service: ComposeService;
}

export default defineRule({
  meta: {
    id: 'container/writable-root-fs',
    title: 'Writable root filesystem',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Set \`read_only: true\` and give the service a \`tmpfs\` or a volume for the paths it writes (\`/tmp\`, caches,
      data).
    `,
    cis: '5.12',
    peers: { semgrep: ['yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'] },
    references: [
      {
        title: 'Compose file reference: read_only',
        url: 'https://docs.docker.com/reference/compose-file/services/#read_only',
      },
      { title: 'Compose file reference: tmpfs', url: 'https://docs.docker.com/reference/compose-file/services/#tmpfs' },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` has a writable root filesystem: an intruder can replace its binaries and configuration
        and keep a foothold.
      `,
      disabled: prose`
        Service \`{{service}}\` sets \`read_only: false\`: an intruder can replace its binaries and configuration and
        keep a foothold.
      `,
      unsupported:
        'Service `{{service}}` has a writable root filesystem, which the `{{profile}}` image needs: {{why}}.',
    },
    aspect: { group: 'container/missing-hardening', label: '`read_only: true`', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service without \`read_only: true\`. With a read-only root filesystem a compromised process cannot
        change the image's programs or drop tools into it; the paths the service must write get a \`tmpfs\` or a volume.
        An image whose profile says it cannot run read-only is reported as information, with the reason.

        The fix sets \`read_only: true\` and gives a tmpfs to every path the service writes at run time and a volume to
        every path whose data it keeps, unless the service or the image (a \`VOLUME\`) already mounts something there:
        the paths come from the image's profile (postgres writes its socket in \`/var/run/postgresql\`, nginx its cache
        in \`/var/cache/nginx\`) and from the Dockerfile the service builds (its \`VOLUME\`s; folders it makes writable
        are named in the title). \`/tmp\` always gets a tmpfs. Where nothing tells, the title says what it assumes. It
        is offered one by one: a service that writes elsewhere fails until it gets a volume there.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: nginx:1.27
          `,
          file`
            services:
              app:
                image: nginx:1.27
                read_only: false
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
                read_only: true
                tmpfs: [/tmp, /var/cache/nginx]
          `,
        ],
      },
      peerNotes: prose`
        Semgrep reports \`read_only: false\` at the service key; we report the \`read_only: false\` line itself, which
        is what has to change.
      `,
    },
  },

  check(model) {
    const findings: Finding<'missing' | 'disabled' | 'unsupported', ReadOnlyFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const readOnly = spec.readOnly;
      const fixData: ReadOnlyFix = { service };
      if (readOnly && readOnly.value !== false) continue;
      if (!readOnly && spec.partial) continue;
      const profile = profileOfService(service);
      const place = readOnly ? placeOf(readOnly.origin) : placeOfMissing(spec);
      if (profile?.readOnlyUnsupported) {
        findings.push({
          messageId: 'unsupported',
          data: { service: service.name, profile: profile.id, why: profile.readOnlyUnsupported.why },
          ...place,
          severity: 'info',
        });
      } else {
        findings.push({
          messageId: readOnly ? 'disabled' : 'missing',
          data: { service: service.name },
          ...place,
          fixData,
        });
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    if (!service) return [];
    const edit = readOnlyRoot(model, service, needsOf(model, service));
    return edit ? [hardeningFix(edit)] : [];
  },
});
