import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { commandWords, type ContainerSpec, type EnvVar, type Port, type Setting } from '../../container/spec';
import type { Finding } from '../../types';

type MessageId = 'plainPort' | 'tlsPort' | 'dockerHost' | 'daemonTcp' | 'dindWithoutTls';

const PLAIN_API_PORT = 2375;
const TLS_API_PORT = 2376;

export default defineRule({
  meta: {
    id: 'container/docker-api-exposed',
    title: 'Docker API exposed over TCP',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Keep the Docker API on its Unix socket. Where a daemon must listen on TCP, require client certificates
      (\`--tlsverify\`, port 2376), publish it to no one, and give clients \`DOCKER_TLS_VERIFY=1\` with their
      certificates.
    `,
    cis: '2.7',
    peers: {},
    references: [
      { title: 'Protect the Docker daemon socket', url: 'https://docs.docker.com/engine/security/protect-access/' },
      { title: 'Docker-in-Docker image: TLS', url: 'https://hub.docker.com/_/docker#tls' },
    ],
    fix: 'none',
    messages: {
      plainPort: prose`
        Service \`{{service}}\` publishes port {{port}}, where the Docker API listens without TLS: whoever reaches it
        controls that Docker daemon, and through it its host.
      `,
      tlsPort: prose`
        Service \`{{service}}\` publishes port {{port}}, the Docker API over TLS: it is as safe as the daemon's
        client-certificate check (\`--tlsverify\`), and whoever holds a trusted certificate controls the daemon.
      `,
      dockerHost: prose`
        Service \`{{service}}\` talks to a Docker daemon over plain TCP (\`DOCKER_HOST={{value}}\` without
        \`DOCKER_TLS_VERIFY\`): that API is open to whoever reaches it.
      `,
      daemonTcp: prose`
        Service \`{{service}}\` starts a Docker daemon listening on \`{{address}}\` without \`--tlsverify\`: whoever
        reaches that address controls the daemon.
      `,
      dindWithoutTls: prose`
        Service \`{{service}}\` runs Docker-in-Docker with \`DOCKER_TLS_CERTDIR\` empty, so its daemon serves the API on
        port 2375 without TLS to everything on its networks.
      `,
    },
    docs: {
      description: prose`
        Reports a Docker Engine API reachable over the network without authentication, which is root on the daemon's
        host for whoever reaches it: a published container port 2375 (the API's plain-TCP port; 2376, its TLS port, as a
        warning), a daemon started with \`-H tcp://…\`/\`--host=tcp://…\` and no \`--tlsverify\` in \`command\` or
        \`entrypoint\` (exec or shell form), the \`docker:dind\` image with \`DOCKER_TLS_CERTDIR\` set empty (which
        makes it listen on 2375 without TLS), and a client pointed at \`DOCKER_HOST=tcp://…\` without
        \`DOCKER_TLS_VERIFY\` (a warning: the daemon it names is open, or the client does not check it). Values behind
        unset variables are not reported.
      `,
      examples: {
        bad: [
          file`
            services:
              dind:
                image: docker:27-dind
                privileged: true
                command: ["dockerd", "-H", "tcp://0.0.0.0:2375"]
                ports:
                  - "2375:2375"
          `,
          file`
            services:
              ci:
                image: alpine:3.20
                environment:
                  DOCKER_HOST: tcp://docker:2375
          `,
        ],
        good: [
          file`
            services:
              ci:
                image: alpine:3.20
                environment:
                  DOCKER_HOST: tcp://docker:2376
                  DOCKER_TLS_VERIFY: "1"
                  DOCKER_CERT_PATH: /certs/client
          `,
          file`
            services:
              dind:
                image: docker:27-dind
                privileged: true
                environment:
                  DOCKER_TLS_CERTDIR: /certs
          `,
        ],
      },
      peerNotes: prose`
        KICS, Semgrep and Trivy have no compose check for an exposed Docker API; \`container/docker-socket-mount\`
        covers the Unix socket.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const data = { service: service.name };
      for (const item of spec.ports.items) {
        const port = item.value && apiPort(item.value);
        if (!port) continue;
        const messageId = port === PLAIN_API_PORT ? 'plainPort' : 'tlsPort';
        findings.push({
          messageId,
          data: { ...data, port },
          ...placeOf(item.origin),
          ...(messageId === 'tlsPort' ? { severity: 'warning' as const } : {}),
        });
      }
      for (const setting of [spec.entrypoint, spec.command]) {
        const address = setting && insecureDaemonAddress(setting, spec);
        if (setting && address)
          findings.push({ messageId: 'daemonTcp', data: { ...data, address }, ...placeOf(setting.origin, 'value') });
      }
      const env = environment(spec);
      const certDir = env.get('DOCKER_TLS_CERTDIR');
      if (isDind(spec) && certDir?.value?.literal === '' && !certDir.value.usesVariables) {
        findings.push({ messageId: 'dindWithoutTls', data, ...placeOf(certDir.origin) });
      }
      const host = env.get('DOCKER_HOST');
      const hostValue = host?.value?.literal?.trim();
      if (host && hostValue && /^tcp:\/\//i.test(hostValue) && tlsVerifyOff(env)) {
        findings.push({
          messageId: 'dockerHost',
          data: { ...data, value: hostValue },
          ...placeOf(host.origin, 'value'),
          severity: 'warning',
        });
      }
    }
    return findings;
  },
});

/** The Docker API port a container port (or range) covers, if any. */
function apiPort(port: Port): number | undefined {
  const [low, high] = port.target.split('-').map((n) => Number(n.trim()));
  if (!Number.isInteger(low) || port.protocol !== 'tcp') return undefined;
  const top = Number.isInteger(high) ? high : low;
  if (low <= PLAIN_API_PORT && PLAIN_API_PORT <= top) return PLAIN_API_PORT;
  if (low <= TLS_API_PORT && TLS_API_PORT <= top) return TLS_API_PORT;
  return undefined;
}

/** The last value of each variable, as the container sees it; a passthrough or unknown value is kept as such. */
function environment(spec: ContainerSpec): Map<string, Setting<EnvVar>> {
  const env = new Map<string, Setting<EnvVar>>();
  for (const item of spec.environment.items) if (item.value) env.set(item.value.name, item);
  return env;
}

/** The Docker client turns TLS on for any non-empty `DOCKER_TLS_VERIFY`; false when that is known not to happen. */
function tlsVerifyOff(env: Map<string, Setting<EnvVar>>): boolean {
  const verify = env.get('DOCKER_TLS_VERIFY');
  if (!verify) return true;
  const value = verify.value;
  if (!value || value.passthrough || value.usesVariables || value.literal === undefined) return false;
  return value.literal === '';
}

function isDind(spec: ContainerSpec): boolean {
  const image = spec.image?.value;
  return !!image && (image.path === 'docker' || image.path.endsWith('/docker')) && /dind/.test(image.tag ?? '');
}

/**
 * The `tcp://` address a Docker daemon started by this command listens on without client verification. The daemon is
 * `dockerd`, or the dind image's entrypoint, which runs dockerd when given options.
 */
function insecureDaemonAddress(setting: Setting<string[] | string>, spec: ContainerSpec): string | undefined {
  const value = setting.value;
  if (value === undefined) return undefined;
  const words = commandWords(value);
  const startsDaemon = words.some((w) => /(^|\/)dockerd$/.test(w)) || (isDind(spec) && words[0]?.startsWith('-'));
  if (!startsDaemon) return undefined;
  if (words.some((w) => w === '--tlsverify' || /^--tlsverify=(true|1)$/i.test(w))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const address = w === '-H' || w === '--host' ? words[i + 1] : /^(?:-H=?|--host=)(.+)$/.exec(w)?.[1];
    if (address && /^tcp:\/\//i.test(address)) return address;
  }
  return undefined;
}
