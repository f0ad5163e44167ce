import { defineRule, prose } from '../../rule';
import type { Finding, Fix } from '../../types';
import { placeOf } from '../../container/finding-place';
import { limitStatus } from '../../container/limits';
import { turnOffFixes } from '../../compose/setting-fixes';
import type { ComposeService } from '../../compose/model';

type MessageId = 'unlimited' | 'limited';

interface OomFix {
  service: ComposeService;
}

export default defineRule({
  meta: {
    id: 'container/oom-kill-disabled',
    title: 'OOM killer disabled',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
        Remove \`oom_kill_disable: true\`; give the service a memory limit (\`mem_limit\`) sized to what it needs, so
        the kernel stops it, not its neighbours, when it runs out.
      `,
    peers: {},
    references: [
      {
        title: 'Docker resource constraints: memory (--oom-kill-disable)',
        url: 'https://docs.docker.com/engine/containers/resource_constraints/#memory',
      },
      {
        title: 'Compose file reference: oom_kill_disable',
        url: 'https://docs.docker.com/reference/compose-file/services/#oom_kill_disable',
      },
      {
        title: 'Linux kernel: memory resource controller (cgroup v1), OOM control',
        url: 'https://docs.kernel.org/admin-guide/cgroup-v1/memory.html',
      },
    ],
    fix: 'unsafe',
    messages: {
      unlimited: prose`
          Service \`{{service}}\` disables the OOM killer for its processes and has no memory limit: when it takes the
          host's memory, the kernel cannot stop it and kills other containers and host processes instead.
        `,
      limited: prose`
          Service \`{{service}}\` disables the OOM killer for its processes: at its memory limit they hang, waiting for
          memory, instead of being restarted.
        `,
    },
    docs: {
      description: prose`
        Reports \`oom_kill_disable: true\`, also from a YAML anchor, a service it extends or an override file. When
        memory runs out, the kernel's OOM killer ends a process to get it back; with this option it leaves the
        container's processes alone. Without a memory limit (\`mem_limit\` or \`deploy.resources.limits.memory\`, read
        as \`container/memory-unlimited\` reads them) that is a warning: a leak or an attack takes the host's memory,
        and the kernel kills processes of other containers and of the host, the case Docker's documentation warns
        against. With a limit it is information: the container hangs at its limit instead of being killed and restarted,
        so a leak becomes an outage that no restart policy ends. A limit behind an unset variable is not read as one
        either way: the option is not reported then.

        The option is honoured on cgroup v1 hosts only; on cgroup v2, the default of current distributions, Docker
        ignores it with a warning. It is still reported, since the file may run on either.

        The fix removes the option (or sets it to \`false\` for this service when it comes from a shared anchor); it is
        unsafe, because the kernel may then kill the container's processes under memory pressure.
      `,
      examples: {
        bad: ['services:\n  db:\n    image: postgres:16\n    oom_kill_disable: true\n'],
        good: [
          'services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n',
          'services:\n  db:\n    image: postgres:16\n    oom_kill_disable: false\n',
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId, OomFix>[] = [];
    for (const service of model.services) {
      const setting = service.spec.oomKillDisable;
      if (setting?.value !== true) continue;
      const memory = limitStatus(service.spec, 'memory').state;
      if (memory === 'unknown') continue;
      findings.push({
        messageId: memory === 'limited' ? 'limited' : 'unlimited',
        data: { service: service.name },
        ...placeOf(setting.origin),
        ...(memory === 'limited' ? { severity: 'info' as const } : {}),
        fixData: { service },
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const service = finding.fixData?.service;
    const setting = service?.spec.oomKillDisable;
    return service && setting ? turnOffFixes(model, service, setting, 'oom_kill_disable') : [];
  },
});
