import { defineRule, prose, file } from '../../rule';
import type { Finding } from '../../types';
import { REMOTE_ACCESS_PORTS, knownServiceIn } from '../../container/network-services';

export default defineRule({
  meta: {
    id: 'image/remote-admin-port',
    title: 'Remote access service port exposed',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'application',
    mitigation: prose`
      Leave remote-access servers out of the image: reach a running container with \`docker exec\`, copy files with
      \`docker cp\`, and serve files over HTTPS or SFTP.
    `,
    peers: {},
    references: [
      {
        title: 'IANA Service Name and Transport Protocol Port Number Registry',
        url: 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml',
      },
      { title: 'RFC 6143: The Remote Framebuffer Protocol (VNC)', url: 'https://www.rfc-editor.org/rfc/rfc6143' },
      { title: 'Dockerfile reference: EXPOSE', url: 'https://docs.docker.com/reference/dockerfile/#expose' },
    ],
    fix: 'none',
    messages: {
      exposes:
        '`EXPOSE {{port}}` opens the port of {{service}}: a remote way into the container, one more service to attack.',
    },
    docs: {
      description: prose`
        Reports \`EXPOSE\` of the TCP port of a remote-access service: FTP (21), Telnet (23), rexec, rlogin and rsh
        (512 to 514), RDP (3389) and VNC (5900 to 5909, displays 0 to 9). Also a range that holds one (reported once,
        for the first), and a variable whose ARG or ENV default is one. These services give a remote way into the
        container, with their own accounts and passwords; the older ones send them in clear text. A container needs
        none of them to be managed: \`docker exec\` opens a shell and \`docker cp\` copies files. The SSH port is
        reported by \`image/ssh-server\`. A UDP or SCTP port is not reported.

        A desktop image that exists to be reached over VNC or RDP (a browser-testing image) may suppress the rule
        with the reason.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            EXPOSE 23
          `,
          file`
            FROM debian:12
            EXPOSE 5900/tcp
          `,
        ],
        good: [
          file`
            FROM debian:12
            EXPOSE 8080
          `,
          file`
            FROM debian:12
            EXPOSE 5900/udp
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'exposes'>[] = [];
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'EXPOSE') continue;
        // What EXPOSE sees: the stage's ARG and ENV, and the ENV of the stages it builds on.
        const vars = stage.variables.before(ins.getRange().start.line);
        for (const arg of ins.getArguments()) {
          const written = arg.getValue();
          const value = model.expander.use(written.replace(/^(["'])(.*)\1$/, '$2'), vars, arg.getRange());
          const service = value === undefined ? undefined : remoteAccessIn(value);
          if (service) findings.push({ messageId: 'exposes', data: { port: written, service }, range: arg.getRange() });
        }
      }
    }
    return findings;
  },
});

/** The first remote-access service an EXPOSE value (`23`, `23/tcp`, `20-30`) opens over TCP. */
function remoteAccessIn(value: string): string | undefined {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m || (m[3] && m[3].toLowerCase() !== 'tcp')) return undefined;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return knownServiceIn(REMOTE_ACCESS_PORTS, low, high, 'tcp')?.service;
}
