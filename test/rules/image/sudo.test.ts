import rule from '../../../shared/src/rules/image/sudo';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    { name: 'sudo as a package name', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    { name: 'sudo inside a string', code: 'FROM debian:12\nRUN echo "sudo apt-get update"\n' },
    {
      name: 'a comment line in a continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n  # sudo apt-get upgrade\n  && true\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      findings: [
        {
          messageId: 'sudo',
          range: '2:5-2:9',
          fixes: [{ title: 'Remove `sudo`', safe: false, output: 'FROM debian:12\nRUN apt-get update\n' }],
        },
      ],
    },
    {
      name: 'with options, after &&, under a non-root USER',
      code: 'FROM debian:12\nUSER app\nRUN true && sudo -E -u root make install\n',
      findings: [
        {
          messageId: 'sudo',
          range: '3:13-3:17',
          fixes: [
            { title: 'Remove `sudo`', safe: false, output: 'FROM debian:12\nUSER app\nRUN true && make install\n' },
          ],
        },
      ],
    },
    {
      name: 'in sh -c, exec form',
      code: 'FROM debian:12\nRUN ["sh", "-c", "sudo id"]\n',
      findings: [
        {
          messageId: 'sudo',
          range: '2:19-2:23',
          fixes: [{ title: 'Remove `sudo`', safe: false, output: 'FROM debian:12\nRUN ["sh", "-c", "id"]\n' }],
        },
      ],
    },
    {
      name: 'on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    sudo apt-get install -y curl\n',
      findings: [
        {
          messageId: 'sudo',
          range: '3:5-3:9',
          fixes: [
            {
              title: 'Remove `sudo`',
              safe: false,
              output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n',
            },
          ],
        },
      ],
    },
  ],
});
