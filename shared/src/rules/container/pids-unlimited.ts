import { defineRule, prose, file } from '../../rule';
import { checkLimits, limitFixes } from '../limits';

export default defineRule({
  meta: {
    id: 'container/pids-unlimited',
    title: 'No process limit',
    kind: 'compose',
    severity: 'warning',
    threat: 'container-container',
    mitigation: 'Set `pids_limit` on every service to a little above the processes and threads it runs.',
    cis: '5.28',
    peers: { kics: ['Pids Limit Not Set'] },
    references: [
      {
        title: 'Compose file reference: pids_limit',
        url: 'https://docs.docker.com/reference/compose-file/services/#pids_limit',
      },
      {
        title: 'docker run --pids-limit',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#pids-limit',
      },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` has no process limit: a fork bomb in it can fill the host's process table, and then no
        container can start a process.
      `,
      disabled: prose`
        Service \`{{service}}\` sets \`{{key}}: {{value}}\`, which is no process limit: a fork bomb in it can fill the
        host's process table.
      `,
    },
    aspect: { group: 'container/missing-hardening', label: 'a process limit', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service without a limit on its number of processes and threads: no \`pids_limit\` (nor
        \`deploy.resources.limits.pids\`), or one set to \`-1\` or \`0\`, which mean no limit. A fork bomb, or a server
        that starts a thread per connection under a flood, then exhausts the host's process ids, and every container and
        host service fails to start anything.

        The fix adds \`pids_limit: 256\` for you to adjust (editors that support snippets select it). It always writes
        \`pids_limit\`, even in a service with a \`deploy:\` section: \`deploy.resources.limits.pids\` is newer and
        docker-compose 1.x refuses it. It is unsafe: threads count too, so a JVM or a busy web server may need more.
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
                pids_limit: -1
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
                pids_limit: 100
          `,
        ],
      },
      peerNotes: prose`
        KICS reports a missing \`pids_limit\` at the service and \`pids_limit: -1\` at that line, as we do; we also read
        \`0\` as no limit (Docker does) and accept \`deploy.resources.limits.pids\`.
      `,
    },
  },

  check(model) {
    return checkLimits(model, 'pids');
  },

  fixes(finding, model) {
    return limitFixes(finding, model, 'pids');
  },
});
