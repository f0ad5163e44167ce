import rule from '../../../shared/src/rules/image/remote-admin-port';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 8080 443\n',
    { name: 'SSH is image/ssh-server', code: 'FROM debian:12\nEXPOSE 22\n' },
    { name: 'UDP and SCTP', code: 'FROM debian:12\nEXPOSE 23/udp 3389/sctp\n' },
    { name: 'next to the VNC range', code: 'FROM debian:12\nEXPOSE 5910 5899\n' },
    { name: 'an unset variable', code: 'FROM debian:12\nARG PORT\nEXPOSE $PORT\n' },
    { name: 'a range that misses them', code: 'FROM debian:12\nEXPOSE 24-511\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nEXPOSE 23\n',
      findings: [{ messageId: 'exposes', range: '2:8-2:10' }],
    },
    {
      name: 'several in one EXPOSE, protocols, a quoted one',
      code: 'FROM debian:12\nEXPOSE 8080 21/tcp "3389" 5901\n',
      findings: [
        { messageId: 'exposes', range: '2:13-2:19' },
        { messageId: 'exposes', range: '2:20-2:26' },
        { messageId: 'exposes', range: '2:27-2:31' },
      ],
    },
    {
      name: 'a range is reported once; an ARG default; an ENV of an earlier stage',
      code: 'FROM debian:12 AS base\nENV VNC_PORT=5900\nFROM base\nARG RSH=514\nEXPOSE 500-600 $RSH ${VNC_PORT}\n',
      findings: [
        { messageId: 'exposes', range: '5:8-5:15' },
        { messageId: 'exposes', range: '5:16-5:20' },
        { messageId: 'exposes', range: '5:21-5:32' },
      ],
    },
  ],
});
