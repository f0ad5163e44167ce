import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { removeSecurityOptFixes, type SecurityOptFix } from '../../compose/setting-fixes';
import type { Finding, Fix } from '../../types';

export default defineRule({
  meta: {
    id: 'container/seccomp-unconfined',
    title: 'Seccomp filtering turned off',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Remove \`seccomp:unconfined\`; if one system call is missing from Docker's default profile, use a custom profile
      that adds just that call (\`seccomp:./profile.json\`).
    `,
    cis: '5.21',
    peers: { kics: ['Default Seccomp Profile Disabled'] },
    references: [
      { title: 'Seccomp security profiles for Docker', url: 'https://docs.docker.com/engine/security/seccomp/' },
      {
        title: 'Docker run reference: security options',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      },
    ],
    fix: 'unsafe',
    messages: {
      unconfined: prose`
        Service \`{{service}}\` runs with \`seccomp:unconfined\`: every system call reaches the host kernel, including
        the ~40 Docker's default profile blocks (\`keyctl\`, \`bpf\`, \`unshare\`, …) that kernel exploits rely on.
      `,
    },
    docs: {
      description: prose`
        Reports \`seccomp:unconfined\` or \`seccomp=unconfined\` in a service's \`security_opt\`. Docker's default
        seccomp profile blocks system calls that containers do not need and that many kernel exploits use; turning it
        off widens the kernel surface a compromised process can attack. A custom profile file is not reported.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - seccomp:unconfined
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - seccomp:./seccomp-with-perf.json
          `,
        ],
      },
      peerNotes: prose`
        KICS positive1.yaml writes \`label:seccomp:unconfined\`: Docker reads that as an SELinux label option with the
        value \`seccomp:unconfined\`, not as a seccomp setting (and refuses it as a label), so it is not reported here.
        KICS reports the \`security_opt\` key; we report the item.
      `,
    },
  },

  check(model) {
    const findings: Finding<'unconfined', SecurityOptFix>[] = [];
    for (const service of model.services) {
      service.spec.securityOpt.items.forEach((item, index) => {
        if (item.value?.name !== 'seccomp' || item.value.value.toLowerCase() !== 'unconfined') return;
        findings.push({
          messageId: 'unconfined',
          data: { service: service.name },
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
