import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/cpu-unlimited';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: nginx:1.27
          cpus: 0.5
    `,
    {
      name: 'deploy limits, a quoted number',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  cpus: "1.5"
      `,
    },
    {
      name: 'a CPU quota caps CPU time too',
      code: file`
        services:
          app:
            image: nginx:1.27
            cpu_quota: 50000
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            cpus: \${CPUS}
      `,
    },
  ],
  invalid: [
    {
      name: 'before the memory limit',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: 1g
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cpus: 1.0`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    cpus: 1.0
                    mem_limit: 1g
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'cpu_shares is a weight, not a limit: the limit goes after it',
      code: file`
        services:
          app:
            image: nginx:1.27
            cpu_shares: 512
            command: ["nginx"]
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `cpus: 1.0`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    cpu_shares: 512
                    cpus: 1.0
                    command: ["nginx"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'deploy limits holding memory only: cpus goes before it',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  memory: 1G
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: 'Add `deploy.resources.limits.cpus: 1.0`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          cpus: 1.0
                          memory: 1G
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'cpus: 0 is no limit',
      code: file`
        services:
          app:
            image: nginx:1.27
            cpus: 0
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:12',
          fixes: [
            {
              title: 'Set `cpus` to `1.0`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    cpus: 1.0
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'cpu_quota: -1 is no limit: one CPU of quota instead',
      code: file`
        services:
          app:
            image: nginx:1.27
            cpu_quota: -1
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:18',
          fixes: [
            {
              title: 'Set `cpu_quota` to `100000`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    cpu_quota: 100000
              `,
            },
          ],
        },
      ],
    },
  ],
});
