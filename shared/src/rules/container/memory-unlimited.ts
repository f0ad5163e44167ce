import { defineRule, prose, file } from '../../rule';
import { checkLimits, limitFixes } from '../limits';

export default defineRule({
  meta: {
    id: 'container/memory-unlimited',
    title: 'No memory limit',
    kind: 'compose',
    severity: 'warning',
    threat: 'container-container',
    mitigation:
      'Give every service a memory limit sized to what it needs (`mem_limit`, or `deploy.resources.limits.memory`).',
    cis: '5.10',
    peers: { kics: ['Memory Not Limited'] },
    references: [
      {
        title: 'Docker resource constraints: memory',
        url: 'https://docs.docker.com/engine/containers/resource_constraints/#memory',
      },
      {
        title: 'Compose file reference: mem_limit',
        url: 'https://docs.docker.com/reference/compose-file/services/#mem_limit',
      },
      {
        title: 'Compose deploy specification: resources',
        url: 'https://docs.docker.com/reference/compose-file/deploy/#resources',
      },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` has no memory limit: a leak or an attack can take all of the host's memory, and the
        kernel then kills processes of any container to get it back.
      `,
      disabled: prose`
        Service \`{{service}}\` sets \`{{key}}: {{value}}\`, which is no memory limit: a leak or an attack can take all
        of the host's memory.
      `,
    },
    aspect: { group: 'container/missing-hardening', label: 'a memory limit', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service without a memory limit: neither \`mem_limit\` nor \`deploy.resources.limits.memory\`, or one
        set to \`0\` (no limit). Without one, a memory leak or a request flood in one container runs the whole host out
        of memory, and the kernel's OOM killer then picks victims among every container and host process. A limit
        written with a variable that is not set (\`mem_limit: \${MEM}\`) is not reported, since its value is only known
        when Compose runs.

        The fix adds a limit of \`512m\` for you to adjust (editors that support snippets select it): under
        \`deploy.resources.limits\` when the service already has a \`deploy:\` section, else as \`mem_limit\`. It is
        unsafe: a limit below what the service needs gets it killed.
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
                mem_limit: 0
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
                mem_limit: 256m
          `,
          file`
            services:
              app:
                image: nginx:1.27
                deploy:
                  resources:
                    limits:
                      memory: 256M
          `,
        ],
      },
      peerNotes: prose`
        KICS reports the missing limit at \`deploy:\` or \`deploy.resources\` when the service has them and at the
        service otherwise; we always report at the service key, the place a suppression comment for the service goes.
      `,
    },
  },

  check(model) {
    return checkLimits(model, 'memory');
  },

  fixes(finding, model) {
    return limitFixes(finding, model, 'memory');
  },
});
