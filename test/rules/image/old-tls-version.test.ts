import rule from '../../../shared/src/rules/image/old-tls-version';
import { runRuleTests } from '../../rule-tester';

const remove = (option: string) => `Remove \`${option}\` (assumes the server speaks TLS 1.2 or later)`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/x https://x/y\n',
    {
      name: 'curl --tlsv1 is TLS 1.0 or later, the default',
      code: 'FROM debian:12\nRUN curl --tlsv1 -O https://x/y\n',
    },
    {
      name: 'curl --tlsv1.2 raises the minimum',
      code: 'FROM debian:12\nRUN curl --tlsv1.2 --tls-max 1.3 -O https://x/y\n',
    },
    {
      name: 'wget --secure-protocol=TLSv1_2',
      code: 'FROM debian:12\nRUN wget --secure-protocol=TLSv1_2 https://x/y\n',
    },
    {
      name: 'a version from an ARG without a default',
      code: 'FROM debian:12\nARG V\nRUN curl --tls-max "$V" -O https://x/y\n',
    },
    { name: 'an option only echoed', code: 'FROM debian:12\nRUN echo "curl --sslv3"\n' },
    { name: 'a -3 file name of curl -o', code: 'FROM debian:12\nRUN curl -o -3 https://x/y\n' },
  ],
  invalid: [
    {
      name: 'curl --tls-max 1.1',
      code: 'FROM debian:12\nRUN curl --tls-max 1.1 -fsSLO https://x/y\n',
      findings: [
        {
          messageId: 'capped',
          range: '2:10-2:23',
          fixes: [{ title: remove('--tls-max'), safe: false, output: 'FROM debian:12\nRUN curl -fsSLO https://x/y\n' }],
        },
      ],
    },
    {
      name: 'curl -3 in a cluster, and --tlsv1.0',
      code: 'FROM debian:12\nRUN curl -fsS3L --tlsv1.0 -O https://x/y\n',
      findings: [
        {
          messageId: 'capped',
          range: '2:10-2:16',
          fixes: [
            { title: remove('-3'), safe: false, output: 'FROM debian:12\nRUN curl -fsSL --tlsv1.0 -O https://x/y\n' },
          ],
        },
        {
          messageId: 'allowed',
          range: '2:17-2:26',
          fixes: [
            { title: remove('--tlsv1.0'), safe: false, output: 'FROM debian:12\nRUN curl -fsS3L -O https://x/y\n' },
          ],
        },
      ],
    },
    {
      name: 'wget --secure-protocol TLSv1 through sudo, in sh -c',
      code: 'FROM debian:12\nRUN sh -c "sudo wget --secure-protocol=TLSv1 https://x/y"\n',
      findings: [
        {
          messageId: 'capped',
          range: '2:22-2:45',
          fixes: [
            {
              title: remove('--secure-protocol'),
              safe: false,
              output: 'FROM debian:12\nRUN sh -c "sudo wget https://x/y"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a version from an ARG default',
      code: 'FROM debian:12\nARG TLS_MAX=1.0\nRUN curl --tls-max "$TLS_MAX" -O https://x/y\n',
      findings: [
        {
          messageId: 'capped',
          range: '3:10-3:30',
          fixes: [
            {
              title: remove('--tls-max'),
              safe: false,
              output: 'FROM debian:12\nARG TLS_MAX=1.0\nRUN curl -O https://x/y\n',
            },
          ],
        },
      ],
    },
    {
      name: 'git -c http.sslVersion and git config',
      code: 'FROM debian:12\nRUN git -c http.sslVersion=tlsv1.0 clone https://x/y && git config --global http.sslVersion sslv3\n',
      findings: [
        {
          messageId: 'capped',
          range: '2:9-2:35',
          fixes: [
            {
              title: remove('-c'),
              safe: false,
              output: 'FROM debian:12\nRUN git clone https://x/y && git config --global http.sslVersion sslv3\n',
            },
          ],
        },
        { messageId: 'capped', range: '2:57-2:98', fixes: [] },
      ],
    },
  ],
});
