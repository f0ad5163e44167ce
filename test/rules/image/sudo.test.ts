import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/sudo';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN apt-get update
    `,
    {
      name: 'sudo as a package name',
      code: file`
        FROM debian:12
        RUN apt-get install -y sudo
      `,
    },
    {
      name: 'sudo inside a string',
      code: file`
        FROM debian:12
        RUN echo "sudo apt-get update"
      `,
    },
    {
      name: 'a comment line in a continuation',
      code: file`
        FROM debian:12
        RUN apt-get update \\
          # sudo apt-get upgrade
          && true
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM debian:12
        RUN sudo apt-get update
      `,
      findings: [
        {
          messageId: 'sudo',
          range: '2:5-2:9',
          fixes: [
            {
              title: 'Remove `sudo`',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'with options, after &&, under a non-root USER',
      code: file`
        FROM debian:12
        USER app
        RUN true && sudo -E -u root make install
      `,
      findings: [
        {
          messageId: 'sudo',
          range: '3:13-3:17',
          fixes: [
            {
              title: 'Remove `sudo`',
              safe: false,
              output: file`
                FROM debian:12
                USER app
                RUN true && make install
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'in sh -c, exec form',
      code: file`
        FROM debian:12
        RUN ["sh", "-c", "sudo id"]
      `,
      findings: [
        {
          messageId: 'sudo',
          range: '2:19-2:23',
          fixes: [
            {
              title: 'Remove `sudo`',
              safe: false,
              output: file`
                FROM debian:12
                RUN ["sh", "-c", "id"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'on a continuation line',
      code: file`
        FROM debian:12
        RUN apt-get update && \\
            sudo apt-get install -y curl
      `,
      findings: [
        {
          messageId: 'sudo',
          range: '3:5-3:9',
          fixes: [
            {
              title: 'Remove `sudo`',
              safe: false,
              output: file`
                FROM debian:12
                RUN apt-get update && \\
                    apt-get install -y curl
              `,
            },
          ],
        },
      ],
    },
  ],
});
