import { defineRule, prose, file } from '../../rule';
import { checkLimits, limitFixes } from '../limits';

export default defineRule({
  meta: {
    id: 'container/cpu-unlimited',
    title: 'No CPU limit',
    kind: 'compose',
    severity: 'info',
    threat: 'container-container',
    mitigation: 'Give every service a CPU limit (`cpus`, or `deploy.resources.limits.cpus`).',
    cis: '5.11',
    peers: { kics: ['Cpus Not Limited'] },
    references: [
      {
        title: 'Docker resource constraints: CPU',
        url: 'https://docs.docker.com/engine/containers/resource_constraints/#cpu',
      },
      { title: 'Compose file reference: cpus', url: 'https://docs.docker.com/reference/compose-file/services/#cpus' },
      {
        title: 'Compose deploy specification: resources',
        url: 'https://docs.docker.com/reference/compose-file/deploy/#resources',
      },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` has no CPU limit: a busy loop or a coin miner in it can take every core of the host and
        slow its neighbours down.
      `,
      disabled:
        'Service `{{service}}` sets `{{key}}: {{value}}`, which is no CPU limit: it can take every core of the host.',
    },
    aspect: { group: 'container/missing-hardening', label: 'a CPU limit', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service whose CPU time is not capped: neither \`cpus\`, \`deploy.resources.limits.cpus\` nor
        \`cpu_quota\` is set, or it is set to \`0\` (\`-1\` for \`cpu_quota\`), which means no limit. \`cpu_shares\` is
        a relative weight that only applies when the CPU is contended, so it does not count as a limit. Without a cap,
        one runaway or compromised container slows every other one on the host. Information by default: CPU starvation
        slows neighbours down but does not take anything from them.

        The fix adds \`1.0\` CPU for you to adjust (editors that support snippets select it): under
        \`deploy.resources.limits\` when the service already has a \`deploy:\` section, else as \`cpus\`. It is unsafe:
        a service held below what it needs answers slowly.
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
                cpu_shares: 512
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
                cpus: 0.5
          `,
          file`
            services:
              app:
                image: nginx:1.27
                deploy:
                  resources:
                    limits:
                      cpus: "0.5"
          `,
        ],
      },
      peerNotes: prose`
        KICS reports the missing limit at \`deploy:\` or \`deploy.resources\` when the service has them and at the
        service otherwise; we always report at the service key. KICS counts only \`cpus\` and
        \`deploy.resources.limits.cpus\`; we also accept a positive \`cpu_quota\`, which caps CPU time as well.
      `,
    },
  },

  check(model) {
    return checkLimits(model, 'cpu');
  },

  fixes(finding, model) {
    return limitFixes(finding, model, 'cpu');
  },
});
