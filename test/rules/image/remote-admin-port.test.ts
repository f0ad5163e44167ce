import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/remote-admin-port';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      EXPOSE 8080 443
    `,
    {
      name: 'SSH is image/ssh-server',
      code: file`
        FROM debian:12
        EXPOSE 22
      `,
    },
    {
      name: 'UDP and SCTP',
      code: file`
        FROM debian:12
        EXPOSE 23/udp 3389/sctp
      `,
    },
    {
      name: 'next to the VNC range',
      code: file`
        FROM debian:12
        EXPOSE 5910 5899
      `,
    },
    {
      name: 'an unset variable',
      code: file`
        FROM debian:12
        ARG PORT
        EXPOSE $PORT
      `,
    },
    {
      name: 'a range that misses them',
      code: file`
        FROM debian:12
        EXPOSE 24-511
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM debian:12
        EXPOSE 23
      `,
      findings: [{ messageId: 'exposes', range: '2:8-2:10' }],
    },
    {
      name: 'several in one EXPOSE, protocols, a quoted one',
      code: file`
        FROM debian:12
        EXPOSE 8080 21/tcp "3389" 5901
      `,
      findings: [
        { messageId: 'exposes', range: '2:13-2:19' },
        { messageId: 'exposes', range: '2:20-2:26' },
        { messageId: 'exposes', range: '2:27-2:31' },
      ],
    },
    {
      name: 'a range is reported once; an ARG default; an ENV of an earlier stage',
      code: file`
        FROM debian:12 AS base
        ENV VNC_PORT=5900
        FROM base
        ARG RSH=514
        EXPOSE 500-600 $RSH \${VNC_PORT}
      `,
      findings: [
        { messageId: 'exposes', range: '5:8-5:15' },
        { messageId: 'exposes', range: '5:16-5:20' },
        { messageId: 'exposes', range: '5:21-5:32' },
      ],
    },
  ],
});
