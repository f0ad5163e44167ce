import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { removeSecurityOptFixes, type SecurityOptFix } from '../../compose/setting-fixes';
import type { SecurityOpt } from '../../container/spec';
import type { Finding, Fix } from '../../types';

type MessageId = 'apparmor' | 'selinuxDisabled' | 'selinuxUnconfinedType';

/** SELinux types that run a container without separation from the host. */
const UNCONFINED_TYPES = new Set(['spc_t', 'unconfined_t']);

function problemOf(opt: SecurityOpt): MessageId | undefined {
  const value = opt.value.trim().toLowerCase();
  if (opt.name === 'apparmor' && value === 'unconfined') return 'apparmor';
  if (opt.name === 'label') {
    if (value === 'disable') return 'selinuxDisabled';
    const type = /^type:(.+)$/.exec(value)?.[1];
    if (type && UNCONFINED_TYPES.has(type)) return 'selinuxUnconfinedType';
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'container/mac-disabled',
    title: 'AppArmor or SELinux confinement turned off',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Remove the option and keep Docker’s default AppArmor profile or SELinux label; if the service needs one more
      permission, write a profile that grants just that.
    `,
    cis: '5.1, 5.2',
    peers: { semgrep: ['yaml.docker-compose.security.selinux-separation-disabled.selinux-separation-disabled'] },
    references: [
      { title: 'AppArmor security profiles for Docker', url: 'https://docs.docker.com/engine/security/apparmor/' },
      {
        title: 'Docker run reference: security options',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      },
    ],
    fix: 'unsafe',
    messages: {
      apparmor: prose`
        Service \`{{service}}\` runs with \`apparmor:unconfined\`: the AppArmor profile that keeps it from host files,
        mounts and \`/proc\` writes is off.
      `,
      selinuxDisabled: prose`
        Service \`{{service}}\` turns SELinux separation off (\`label:disable\`): a process that escapes the container
        is not confined on the host.
      `,
      selinuxUnconfinedType: prose`
        Service \`{{service}}\` runs under an unconfined SELinux type (\`{{type}}\`): a process that escapes the
        container is not confined on the host.
      `,
    },
    docs: {
      description: prose`
        Reports \`security_opt\` entries that turn the mandatory access control of a container off:
        \`apparmor:unconfined\`, \`label:disable\` (also written with \`=\`), and the SELinux types \`spc_t\` and
        \`unconfined_t\`. These profiles are what stops a compromised root process from writing host files it can reach,
        remounting, or writing to \`/proc\` and \`/sys\`. A custom profile (\`apparmor:my-profile\`,
        \`label:type:my_t\`) is not reported.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - apparmor:unconfined
          `,
          file`
            services:
              app:
                image: alpine:3.20
                security_opt: ["label=disable"]
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - apparmor:docker-default
                  - label:user:app_u
          `,
        ],
      },
      peerNotes: prose`
        semgrep reports \`label:disable\` at the service key; we report the \`security_opt\` item, which is what has to
        go.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, SecurityOptFix>[] = [];
    for (const service of model.services) {
      service.spec.securityOpt.items.forEach((item, index) => {
        const problem = item.value && problemOf(item.value);
        if (!problem) return;
        findings.push({
          messageId: problem,
          data: { service: service.name, type: item.value!.value.replace(/^type:/i, '') },
          ...placeOf(item.origin),
          fixData: { service, index },
        });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    return removeSecurityOptFixes(model, finding.fixData);
  },
});
