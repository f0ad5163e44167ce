import rule from '../../../shared/src/rules/image/ssh-server';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 8080\n',
    { name: 'UDP port 22 is not SSH', code: 'FROM debian:12\nEXPOSE 22/udp\n' },
    { name: 'a range without 22', code: 'FROM debian:12\nEXPOSE 8000-8080/tcp 2222\n' },
    {
      name: 'the SSH client only',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends openssh-client\n',
    },
    {
      name: 'an install written inside a string',
      code: 'FROM debian:12\nRUN echo "apt-get install -y openssh-server"\n',
    },
    { name: 'a variable resolving to another port', code: 'FROM debian:12\nARG PORT=8080\nEXPOSE ${PORT}\n' },
    { name: 'a variable with no known value', code: 'FROM debian:12\nARG PORT\nEXPOSE $PORT\n' },
    {
      name: 'a global ARG not declared in the stage is empty there',
      code: 'ARG PORT=22\nFROM debian:12\nEXPOSE ${PORT:-8080}\n',
    },
    {
      name: 'host keys and the privilege separation directory are not a server',
      code: 'FROM debian:12\nRUN mkdir -p /var/run/sshd && ssh-keygen -A\n',
    },
    {
      name: 'sshd as the command of a build stage that is not shipped',
      code: 'FROM debian:12 AS build\nCMD ["/usr/sbin/sshd", "-D"]\nFROM debian:12\nCMD ["/app"]\n',
    },
    {
      name: 'looking sshd up runs nothing',
      code: 'FROM debian:12\nRUN if command -v sshd >/dev/null; then echo "has sshd"; fi\n',
    },
    {
      name: 'a package whose name only starts like a server',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh-keygen openssh-client-default\n',
    },
  ],
  invalid: [
    {
      name: 'Trivy DS-0004 bad example',
      code: 'FROM alpine:3.13\nUSER mike\nEXPOSE 22\n',
      findings: [{ messageId: 'exposesSsh', range: '3:8-3:10' }],
    },
    {
      name: '22/tcp after another port',
      code: 'FROM debian:12\nEXPOSE 80 22/tcp\n',
      findings: [{ messageId: 'exposesSsh', range: '2:11-2:17' }],
    },
    {
      name: 'a range holding 22',
      code: 'FROM debian:12\nEXPOSE 20-30\n',
      findings: [{ messageId: 'exposesSsh', range: '2:8-2:13' }],
    },
    {
      name: 'a stage ARG default',
      code: 'FROM debian:12\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n',
      findings: [{ messageId: 'exposesSsh', range: '3:8-3:19' }],
    },
    {
      name: 'ENV of the stage built on',
      code: 'FROM debian:12 AS base\nENV PORT=22\nFROM base\nEXPOSE $PORT\n',
      findings: [{ messageId: 'exposesSsh', range: '4:8-4:13' }],
    },
    {
      name: 'a global ARG declared again in the stage',
      code: 'ARG P=22\nFROM debian:12\nARG P\nEXPOSE $P\n',
      findings: [{ messageId: 'exposesSsh', range: '4:8-4:10' }],
    },
    {
      name: 'apt-get installs openssh-server',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server\n',
      findings: [{ messageId: 'installsServer', range: '2:24-2:38' }],
    },
    {
      name: 'apk installs openssh',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh\n',
      findings: [{ messageId: 'installsServer', range: '2:24-2:31' }],
    },
    {
      name: 'yum installs a pinned openssh-server',
      code: 'FROM centos:7\nRUN yum install -y openssh-server-8.0p1 && yum clean all\n',
      findings: [{ messageId: 'installsServer', range: '2:20-2:40' }],
    },
    {
      name: 'CMD runs sshd (exec form)',
      code: 'FROM debian:12\nCMD ["/usr/sbin/sshd", "-D"]\n',
      findings: [{ messageId: 'runsServer', range: '2:6-2:22' }],
    },
    {
      name: 'ENTRYPOINT starts the service (shell form)',
      code: 'FROM debian:12\nENTRYPOINT service ssh start && tail -f /dev/null\n',
      findings: [{ messageId: 'runsServer', range: '2:12-2:29' }],
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "--no-cache", "dropbear"]\n',
      findings: [{ messageId: 'installsServer', range: '2:34-2:44' }],
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get install -y dropbear\nEOF\n',
      findings: [{ messageId: 'installsServer', range: '3:20-3:28' }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN systemctl enable ssh\n',
      findings: [{ messageId: 'runsServer', range: '2:13-2:33' }],
    },
    {
      name: 'the ssh metapackage on a continuation line, CRLF',
      code: 'FROM debian:12\r\nRUN apt-get install -y \\\r\n    curl \\\r\n    ssh\r\n',
      findings: [{ messageId: 'installsServer', range: '4:5-4:8' }],
    },
    {
      name: 'all three',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
      findings: [
        { messageId: 'installsServer', range: '2:66-2:80' },
        { messageId: 'exposesSsh', range: '3:8-3:10' },
        { messageId: 'runsServer', range: '4:6-4:22' },
      ],
    },
  ],
});
