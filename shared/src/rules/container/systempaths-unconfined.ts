import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { removeSecurityOptFixes, type SecurityOptFix } from '../../compose/setting-fixes';
import type { Finding, Fix } from '../../types';

export default defineRule({
  meta: {
    id: 'container/systempaths-unconfined',
    title: 'Masked /proc and /sys paths opened',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
        Remove \`systempaths=unconfined\`; a container that builds or runs containers inside it (BuildKit, Podman) can
        run rootless with a user namespace instead.
      `,
    peers: {},
    references: [
      {
        title: 'Docker run reference: security options (systempaths=unconfined)',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      },
      {
        title: 'moby: oci/defaults.go (the masked and read-only paths)',
        url: 'https://github.com/moby/moby/blob/master/oci/defaults.go',
      },
      { title: 'proc(5): /proc/sys and /proc/sysrq-trigger', url: 'https://man7.org/linux/man-pages/man5/proc.5.html' },
    ],
    fix: 'unsafe',
    messages: {
      unconfined: prose`
          Service \`{{service}}\` runs with \`{{text}}\`: the \`/proc\` and \`/sys\` paths Docker hides or makes
          read-only are open to it, among them \`/proc/kcore\` (kernel memory), \`/proc/sysrq-trigger\` (reboot the
          host) and a writable \`/proc/sys\` (host-wide kernel settings).
        `,
    },
    docs: {
      description: prose`
        Reports \`systempaths=unconfined\` (or \`systempaths:unconfined\`) in a service's \`security_opt\`, also when it
        comes from a YAML anchor or a service it extends. Docker masks \`/proc\` and \`/sys\` paths that expose the host
        kernel (\`/proc/kcore\`, \`/proc/keys\`, \`/proc/timer_list\`, \`/sys/firmware\`, …) and mounts others read-only
        (\`/proc/sys\`, \`/proc/sysrq-trigger\`, \`/proc/irq\`, \`/proc/bus\`). With the option, root in the container
        can write host-wide kernel parameters such as \`kernel.core_pattern\`, which makes the host kernel run a program
        of the container's choosing, and trigger a reboot through \`/proc/sysrq-trigger\`. AppArmor's \`docker-default\`
        profile still denies most of these writes on hosts that load it (\`container/mac-disabled\` reports it turned
        off), so, like \`container/seccomp-unconfined\`, this is a missing defence: a warning.

        The option exists for containers that run containers (rootless BuildKit, Podman in Docker), which need to mount
        a fresh \`/proc\`. The fix removes it; it is unsafe, because such a container then fails to start its own
        containers.
      `,
      examples: {
        bad: [
          file`
            services:
              builder:
                image: moby/buildkit:rootless
                security_opt:
                  - systempaths=unconfined
          `,
        ],
        good: [
          file`
            services:
              builder:
                image: moby/buildkit:rootless
                security_opt:
                  - no-new-privileges:true
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'unconfined', SecurityOptFix>[] = [];
    for (const service of model.services) {
      service.spec.securityOpt.items.forEach((item, index) => {
        // Docker compares the value as written, and refuses any other.
        if (item.value?.name !== 'systempaths' || item.value.value !== 'unconfined') return;
        findings.push({
          messageId: 'unconfined',
          data: { service: service.name, text: item.text.trim() || 'systempaths=unconfined' },
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
