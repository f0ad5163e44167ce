import { defineRule, prose, file } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/finding-place';
import { dropCapabilities, hardeningFix } from '../../compose/hardening';
import { needsOf } from '../../compose/service-needs';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';

interface DropFix {
  service: ComposeService;
}

export default defineRule({
  meta: {
    id: 'container/capabilities-not-dropped',
    title: 'Default capabilities not dropped',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Add \`cap_drop: [ALL]\` and list in \`cap_add\` only the capabilities the service needs (often none, or
      \`NET_BIND_SERVICE\`).
    `,
    cis: '5.3',
    peers: {},
    references: [
      {
        title: 'Docker run reference: runtime privilege and Linux capabilities',
        url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      },
      {
        title: 'OWASP Docker Security Cheat Sheet, rule 3',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-3-limit-capabilities-grant-only-specific-capabilities-needed-by-a-container',
      },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` keeps Docker's default capabilities (\`NET_RAW\`, \`SETUID\`, \`DAC_OVERRIDE\`, …): a
        compromised process can use them against the host and its neighbours.
      `,
      partial: prose`
        Service \`{{service}}\` drops some capabilities but not \`ALL\`: the rest of Docker's default set stays
        available.
      `,
    },
    aspect: { group: 'container/missing-hardening', label: '`cap_drop: [ALL]`', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service that does not drop all capabilities (\`cap_drop: [ALL]\`, any case, with or without \`CAP_\`).
        Docker gives every container a default set of fourteen capabilities; most services need none of them, and
        those that need one can add it back with \`cap_add\`. Privileged services are left to \`container/privileged\`,
        since \`privileged\` ignores \`cap_drop\`.

        The fix adds \`cap_drop: [ALL]\` and, in \`cap_add\`, what the service needs back. That comes from the image's
        profile (postgres's entrypoint chowns its data folder and steps down with gosu: \`CHOWN\`, \`DAC_OVERRIDE\`,
        \`FOWNER\`, \`SETGID\`, \`SETUID\`), from the Dockerfile the service builds (an entrypoint script that steps
        down needs \`SETUID\` and \`SETGID\`, one that chowns \`CHOWN\`; a file capability set with \`setcap\`; a port
        below 1024 in \`EXPOSE\` adds \`NET_BIND_SERVICE\`), or is nothing for a service that runs as a non-root user,
        whose processes hold no capabilities once they start. Where nothing tells what a root start needs, the fix
        title says what it assumes. It is offered one by one: a capability left out makes the service fail to start.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
          `,
          file`
            services:
              app:
                image: alpine:3.20
                cap_drop: [NET_RAW]
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                cap_drop: [ALL]
                cap_add: [NET_BIND_SERVICE]
          `,
        ],
      },
      peerNotes:
        'KICS and semgrep have no compose rule for this control; Checkov and Trivy check it for Kubernetes only.',
    },
  },

  check(model) {
    const findings: Finding<'partial' | 'missing', DropFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      if (spec.partial || spec.privileged?.value === true || spec.capDrop.unknown) continue;
      if (spec.capDrop.items.some((item) => item.value === 'ALL')) continue;
      const holder = spec.capDrop.holders[0];
      findings.push({
        messageId: holder ? 'partial' : 'missing',
        data: { service: service.name },
        ...(holder ? placeOf(holder, 'key') : placeOfMissing(spec)),
        fixData: { service },
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    if (!service) return [];
    const edit = dropCapabilities(model, service, needsOf(model, service));
    return edit ? [hardeningFix(edit)] : [];
  },
});
