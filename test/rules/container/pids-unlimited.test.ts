import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/pids-unlimited';
import { runRuleTests } from '../../rule-tester';

const add = 'Add `pids_limit: 256`';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: nginx:1.27
          pids_limit: 100
    `,
    {
      name: 'deploy limits',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  pids: 100
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          app:
            image: nginx:1.27
            pids_limit: \${PIDS}
      `,
    },
  ],
  invalid: [
    {
      name: 'after the memory limit',
      code: file`
        services:
          app:
            image: nginx:1.27
            mem_limit: 1g
            environment:
              A: b
      `,
      findings: [
        {
          messageId: 'missing',
          range: '2:3-2:6',
          fixes: [
            {
              title: add,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    mem_limit: 1g
                    pids_limit: 256
                    environment:
                      A: b
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a deploy section: still pids_limit, which every Compose reads',
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
              title: add,
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    pids_limit: 256
                    deploy:
                      resources:
                        limits:
                          memory: 1G
              `,
            },
          ],
        },
      ],
    },
    {
      name: '-1 is no limit',
      code: file`
        services:
          app:
            image: nginx:1.27
            pids_limit: -1 # unlimited
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '4:5-4:19',
          fixes: [
            {
              title: 'Set `pids_limit` to `256`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    pids_limit: 256 # unlimited
              `,
            },
          ],
        },
      ],
    },
    {
      name: '0 is no limit either, also under deploy',
      code: file`
        services:
          app:
            image: nginx:1.27
            deploy:
              resources:
                limits:
                  pids: 0
      `,
      findings: [
        {
          messageId: 'disabled',
          range: '7:11-7:18',
          fixes: [
            {
              title: 'Set `deploy.resources.limits.pids` to `256`',
              safe: false,
              output: file`
                services:
                  app:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          pids: 256
              `,
            },
          ],
        },
      ],
    },
  ],
});
