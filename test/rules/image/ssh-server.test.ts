import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/ssh-server';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      EXPOSE 8080
    `,
    {
      name: 'UDP port 22 is not SSH',
      code: file`
        FROM debian:12
        EXPOSE 22/udp
      `,
    },
    {
      name: 'a range without 22',
      code: file`
        FROM debian:12
        EXPOSE 8000-8080/tcp 2222
      `,
    },
    {
      name: 'the SSH client only',
      code: file`
        FROM debian:12
        RUN apt-get install -y --no-install-recommends openssh-client
      `,
    },
    {
      name: 'an install written inside a string',
      code: file`
        FROM debian:12
        RUN echo "apt-get install -y openssh-server"
      `,
    },
    {
      name: 'a variable resolving to another port',
      code: file`
        FROM debian:12
        ARG PORT=8080
        EXPOSE \${PORT}
      `,
    },
    {
      name: 'a variable with no known value',
      code: file`
        FROM debian:12
        ARG PORT
        EXPOSE $PORT
      `,
    },
    {
      name: 'a global ARG not declared in the stage is empty there',
      code: file`
        ARG PORT=22
        FROM debian:12
        EXPOSE \${PORT:-8080}
      `,
    },
    {
      name: 'host keys and the privilege separation directory are not a server',
      code: file`
        FROM debian:12
        RUN mkdir -p /var/run/sshd && ssh-keygen -A
      `,
    },
    {
      name: 'sshd as the command of a build stage that is not shipped',
      code: file`
        FROM debian:12 AS build
        CMD ["/usr/sbin/sshd", "-D"]
        FROM debian:12
        CMD ["/app"]
      `,
    },
    {
      name: 'looking sshd up runs nothing',
      code: file`
        FROM debian:12
        RUN if command -v sshd >/dev/null; then echo "has sshd"; fi
      `,
    },
    {
      name: 'a package whose name only starts like a server',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache openssh-keygen openssh-client-default
      `,
    },
  ],
  invalid: [
    {
      name: 'Trivy DS-0004 bad example',
      code: file`
        FROM alpine:3.13
        USER mike
        EXPOSE 22
      `,
      findings: [{ messageId: 'exposesSsh', range: '3:8-3:10' }],
    },
    {
      name: '22/tcp after another port',
      code: file`
        FROM debian:12
        EXPOSE 80 22/tcp
      `,
      findings: [{ messageId: 'exposesSsh', range: '2:11-2:17' }],
    },
    {
      name: 'a range holding 22',
      code: file`
        FROM debian:12
        EXPOSE 20-30
      `,
      findings: [{ messageId: 'exposesSsh', range: '2:8-2:13' }],
    },
    {
      name: 'a stage ARG default',
      code: file`
        FROM debian:12
        ARG SSH_PORT=22
        EXPOSE \${SSH_PORT}
      `,
      findings: [{ messageId: 'exposesSsh', range: '3:8-3:19' }],
    },
    {
      name: 'ENV of the stage built on',
      code: file`
        FROM debian:12 AS base
        ENV PORT=22
        FROM base
        EXPOSE $PORT
      `,
      findings: [{ messageId: 'exposesSsh', range: '4:8-4:13' }],
    },
    {
      name: 'a global ARG declared again in the stage',
      code: file`
        ARG P=22
        FROM debian:12
        ARG P
        EXPOSE $P
      `,
      findings: [{ messageId: 'exposesSsh', range: '4:8-4:10' }],
    },
    {
      name: 'apt-get installs openssh-server',
      code: file`
        FROM debian:12
        RUN apt-get install -y openssh-server
      `,
      findings: [{ messageId: 'installsServer', range: '2:24-2:38' }],
    },
    {
      name: 'apk installs openssh',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache openssh
      `,
      findings: [{ messageId: 'installsServer', range: '2:24-2:31' }],
    },
    {
      name: 'yum installs a pinned openssh-server',
      code: file`
        FROM centos:7
        RUN yum install -y openssh-server-8.0p1 && yum clean all
      `,
      findings: [{ messageId: 'installsServer', range: '2:20-2:40' }],
    },
    {
      name: 'CMD runs sshd (exec form)',
      code: file`
        FROM debian:12
        CMD ["/usr/sbin/sshd", "-D"]
      `,
      findings: [{ messageId: 'runsServer', range: '2:6-2:22' }],
    },
    {
      name: 'ENTRYPOINT starts the service (shell form)',
      code: file`
        FROM debian:12
        ENTRYPOINT service ssh start && tail -f /dev/null
      `,
      findings: [{ messageId: 'runsServer', range: '2:12-2:29' }],
    },
    {
      name: 'exec form',
      code: file`
        FROM alpine:3.20
        RUN ["apk", "add", "--no-cache", "dropbear"]
      `,
      findings: [{ messageId: 'installsServer', range: '2:34-2:44' }],
    },
    {
      name: 'heredoc script',
      code: file`
        FROM debian:12
        RUN <<EOF
        apt-get install -y dropbear
        EOF
      `,
      findings: [{ messageId: 'installsServer', range: '3:20-3:28' }],
    },
    {
      name: 'ONBUILD RUN',
      code: file`
        FROM debian:12
        ONBUILD RUN systemctl enable ssh
      `,
      findings: [{ messageId: 'runsServer', range: '2:13-2:33' }],
    },
    {
      name: 'the ssh metapackage on a continuation line, CRLF',
      code: file`
        FROM debian:12\r
        RUN apt-get install -y \\\r
            curl \\\r
            ssh\r
      `,
      findings: [{ messageId: 'installsServer', range: '4:5-4:8' }],
    },
    {
      name: 'all three',
      code: file`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
        EXPOSE 22
        CMD ["/usr/sbin/sshd", "-D"]
      `,
      findings: [
        { messageId: 'installsServer', range: '2:66-2:80' },
        { messageId: 'exposesSsh', range: '3:8-3:10' },
        { messageId: 'runsServer', range: '4:6-4:22' },
      ],
    },
  ],
});
