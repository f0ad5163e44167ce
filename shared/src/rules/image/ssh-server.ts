import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { basename, effectiveWords, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { packageInstall, packageName, type PackageManager } from '../../dockerfile/packages';
import { commandsOf, shippedStages } from '../../dockerfile/instructions';
import type { Finding } from '../../types';

type MessageId = 'exposesSsh' | 'installsServer' | 'runsServer';

export default defineRule({
  meta: {
    id: 'image/ssh-server',
    title: 'SSH server in the image',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'application',
    mitigation: prose`
      Leave the SSH server out: reach a running container with \`docker exec\` (or \`kubectl exec\`), and copy files
      with \`docker cp\`.
    `,
    cis: '5.6',
    peers: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'] },
    references: [
      { title: 'Trivy DS-0004: Port 22 exposed', url: 'https://avd.aquasec.com/misconfig/docker/general/avd-ds-0004/' },
      {
        title: 'Checkov Dockerfile policy index (CKV_DOCKER_1)',
        url: 'https://www.checkov.io/5.Policy%20Index/dockerfile.html',
      },
      { title: 'docker container exec', url: 'https://docs.docker.com/reference/cli/docker/container/exec/' },
    ],
    fix: 'none',
    messages: {
      exposesSsh:
        '`EXPOSE {{port}}` opens the SSH port: one more service to attack, with its own keys and passwords to leak.',
      installsServer: prose`
        \`{{package}}\` installs an SSH server into the image: one more service to attack, with its own keys and
        passwords to leak.
      `,
      runsServer: prose`
        \`{{command}}\` starts an SSH server in the container: one more service to attack, with its own keys and
        passwords to leak.
      `,
    },
    docs: {
      description: prose`
        Reports an SSH server in an image: \`EXPOSE 22\` (also \`22/tcp\`, a range holding 22, or a variable whose ARG
        or ENV default is 22), an install of \`openssh-server\`, \`openssh\`, \`ssh\` or \`dropbear\` by apt-get, apt,
        yum, dnf, microdnf, apk or zypper, and a command that starts one (\`sshd\`, \`dropbear\`, \`service ssh start\`,
        \`systemctl enable ssh\`, \`rc-update add sshd\`) in RUN, CMD or ENTRYPOINT. Installing only the SSH client
        (\`openssh-client\`) is not reported.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
            EXPOSE 22
            CMD ["/usr/sbin/sshd", "-D"]
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends openssh-client
            EXPOSE 8080
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'EXPOSE') continue;
        // What EXPOSE sees: the stage's ARG and ENV, and the ENV of the stages it builds on.
        const vars = stage.variables.before(ins.getRange().start.line);
        for (const arg of ins.getArguments()) {
          const written = arg.getValue();
          const value = model.expander.use(written.replace(/^(["'])(.*)\1$/, '$2'), vars, arg.getRange());
          if (value !== undefined && opensPort22(value))
            findings.push({ messageId: 'exposesSsh', data: { port: written }, range: arg.getRange() });
        }
      }
    }
    for (const run of allRuns(model)) {
      for (const cmd of run.script.commands) {
        const install = packageInstall(cmd);
        if (install) {
          for (const word of install.packages) {
            if (word.dynamic || !SERVER_PACKAGES[install.manager]?.has(packageName(install.manager, word.value)))
              continue;
            findings.push({
              messageId: 'installsServer',
              data: { package: word.value },
              range: model.source.rangeOf(word.start, word.end),
            });
          }
        }
        const server = serverStart(cmd);
        if (server)
          findings.push({
            messageId: 'runsServer',
            data: { command: server.text },
            range: model.source.rangeOf(server.start, server.end),
          });
      }
    }
    for (const stage of shippedStages(model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'CMD' && ins.getKeyword() !== 'ENTRYPOINT') continue;
        for (const cmd of commandsOf(model, ins)) {
          const server = serverStart(cmd);
          if (server)
            findings.push({
              messageId: 'runsServer',
              data: { command: server.text },
              range: model.source.rangeOf(server.start, server.end),
            });
        }
      }
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

const SERVER_PACKAGES: Partial<Record<PackageManager, ReadonlySet<string>>> = {
  'apt-get': new Set(['openssh-server', 'ssh', 'dropbear', 'dropbear-bin', 'tinysshd']),
  apt: new Set(['openssh-server', 'ssh', 'dropbear', 'dropbear-bin', 'tinysshd']),
  apk: new Set(['openssh', 'openssh-server', 'openssh-server-pam', 'dropbear']),
  yum: new Set(['openssh-server', 'dropbear']),
  dnf: new Set(['openssh-server', 'dropbear']),
  microdnf: new Set(['openssh-server', 'dropbear']),
  zypper: new Set(['openssh', 'openssh-server', 'dropbear']),
};

const SERVER_COMMANDS = new Set(['sshd', 'dropbear', 'tinysshd']);
const SERVICES = /^(ssh|sshd|dropbear)(\.service)?$/;

/** Whether an EXPOSE value (`22`, `22/tcp`, `20-30`) opens TCP port 22. */
function opensPort22(value: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m || (m[3] && m[3].toLowerCase() !== 'tcp')) return false;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return low <= 22 && 22 <= high;
}

/**
 * Where a command starts an SSH server: `sshd -D`, `service ssh start`, `systemctl enable ssh`, `rc-update add sshd`.
 */
function serverStart(cmd: SimpleCommand): { text: string; start: number; end: number } | undefined {
  const words = effectiveWords(cmd);
  if (!words.length || words[0].dynamic) return undefined;
  const name = basename(words[0].value);
  const span = (last: ShellWord) => ({
    text: words
      .slice(0, words.indexOf(last) + 1)
      .map((w) => w.value)
      .join(' '),
    start: words[0].start,
    end: last.end,
  });
  if (SERVER_COMMANDS.has(name)) return span(words[0]);
  const operands = words.slice(1).filter((w) => !w.value.startsWith('-'));
  const [first, second] = operands;
  if (!first || !second) return undefined;
  if (
    (name === 'service' || name === 'rc-service') &&
    SERVICES.test(first.value) &&
    /^(start|restart)$/.test(second.value)
  )
    return span(second);
  if (name === 'systemctl' && /^(enable|start|restart)$/.test(first.value) && SERVICES.test(second.value))
    return span(second);
  if (name === 'rc-update' && first.value === 'add' && SERVICES.test(second.value)) return span(second);
  if (
    (name === 'ssh' || name === 'sshd') &&
    /^\/etc\/init\.d\//.test(words[0].value) &&
    /^(start|restart)$/.test(first.value)
  )
    return span(first);
  return undefined;
}
