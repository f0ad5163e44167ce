import { defineRule, prose, file } from '../../rule';
import { runningProfile } from '../../compose/service-needs';
import { placeOf } from '../../container/finding-place';
import type { Port } from '../../container/spec';
import { cleartextServiceOf } from '../../container/network-services';
import { describePort, loopbackFixes, onEveryInterface, type PortFix } from '../../compose/port-binding';
import type { Finding, Fix } from '../../types';
import type { ResolvedProfile } from '../../images/profile';

type MessageId = 'allInterfaces' | 'wildcard' | 'publicService';

export default defineRule({
  meta: {
    id: 'container/ports-on-all-interfaces',
    title: 'Port published on every interface',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Publish ports on the interface that needs them (\`127.0.0.1:8080:80\` behind a reverse proxy on the same host),
      and put a firewall or load balancer in front of the ones the world must reach.
    `,
    cis: '5.13',
    peers: { kics: ['Container Traffic Not Bound To Host Interface'] },
    references: [
      { title: 'Compose file reference: ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
      {
        title: 'Docker packet filtering and firewalls (published ports bypass ufw/firewalld rules)',
        url: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
      },
    ],
    fix: 'unsafe',
    messages: {
      allInterfaces: prose`
        Service \`{{service}}\` publishes port {{port}} on every host interface: whoever can reach the host can reach
        it, and Docker's own iptables rules let it past host firewalls such as ufw.
      `,
      wildcard: prose`
        Service \`{{service}}\` publishes port {{port}} on \`{{ip}}\`, every host interface: whoever can reach the host
        can reach it, host firewall or not.
      `,
      publicService: prose`
        Service \`{{service}}\` publishes port {{port}} on every host interface, and serving it to other hosts is its
        job ({{what}}): bind it to the address of the interface that should serve them (\`ADDRESS:{{binding}}\`), or to
        \`127.0.0.1\` when a proxy in front of it does.
      `,
    },
    docs: {
      description: prose`
        Reports a published port with no host address (\`"8080:80"\`, \`"3000"\`, a long-syntax port without
        \`host_ip\`) or with the address of every interface (\`0.0.0.0\`, \`::\`). Docker then listens on all of the
        host's interfaces, public ones included, and inserts iptables rules that take effect before host firewalls such
        as ufw or firewalld, so a database published for local debugging is open to the internet. Short and long
        syntax, port ranges and protocols are read; a port behind an unset variable is not reported, nor are the ports
        of a service on the host network (Compose ignores them there; \`container/host-namespace\` reports the host
        network). The ports of clear-text remote-access services and of data stores that need no password by default
        (Telnet, VNC, Redis, MongoDB, …) are left to \`container/cleartext-admin-port\`, which names the service, so
        that each port is reported once.

        The fix binds the port to \`127.0.0.1\` (a \`host_ip: 127.0.0.1\` in long syntax, which needs Compose v2). It is
        unsafe: other hosts can no longer connect. A port whose publishing is the service's job gets no fix: one the
        image's profile names (a reverse proxy's 80 and 443, DNS on 53, a VPN's port), and host ports 80 and 443 of any
        service. Those are reported as information naming the choice to make: the address of the interface that should
        serve other hosts, or \`127.0.0.1\` behind a proxy.
      `,
      examples: {
        bad: [
          file`
            services:
              db:
                image: postgres:16
                ports:
                  - "5432:5432"
          `,
          file`
            services:
              api:
                image: registry.example.com/acme/api:1.4
                ports:
                  - target: 8080
                    published: 8080
          `,
        ],
        good: [
          file`
            services:
              db:
                image: postgres:16
                ports:
                  - "127.0.0.1:5432:5432"
          `,
          file`
            services:
              db:
                image: postgres:16
                expose:
                  - "5432"
          `,
        ],
      },
      peerNotes: prose`
        KICS \`dockerCompose/container_traffic_not_bound_to_host_interface/test/negative4.yaml\`, \`negative5.yaml\` and
        \`negative6.yaml\` write the address into a long-syntax \`published\` (\`published: 127.0.0.1:8080\`). Compose
        does not read an address there (docker-compose refuses the file: \`published\` must be a port; the address goes
        in \`host_ip\`), so we report these ports as published on every interface. We also report a port published
        without a host port (\`"3000"\`), which Docker binds to a random port on every interface.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, PortFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      if (spec.namespaces.network?.value?.trim().toLowerCase() === 'host') continue;
      let profile: ReturnType<typeof runningProfile> | null = null;
      spec.ports.items.forEach((item, index) => {
        const port = item.value;
        // The port of a clear-text admin service or an open data store is `container/cleartext-admin-port`'s.
        if (!port || !onEveryInterface(port) || cleartextServiceOf(port)) return;
        const fixData: PortFix = { service, index };
        const data = { service: service.name, port: describePort(port) };
        if (profile === null) profile = runningProfile(model, service);
        const what = publicService(port, profile);
        if (what) {
          findings.push({
            messageId: 'publicService',
            data: { ...data, what, binding: binding(port) },
            ...placeOf(item.origin),
            severity: 'info',
          });
          return;
        }
        if (port.hostIp === undefined)
          findings.push({ messageId: 'allInterfaces', data, ...placeOf(item.origin), fixData });
        else
          findings.push({
            messageId: 'wildcard',
            data: { ...data, ip: port.hostIp },
            ...placeOf(item.origin),
            fixData,
          });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    return loopbackFixes(model, finding.fixData);
  },
});

/** Host ports that are a public web service's by convention, whatever the image. */
const WEB_PORTS = new Set(['80', '443']);

/** What makes a published port the service's job to serve to other hosts, in words; undefined when nothing does. */
function publicService(port: Port, profile: ResolvedProfile | undefined): string | undefined {
  const target = Number(/^\d+/.exec(port.target)?.[0]);
  const named = profile?.publicPorts.find((p) => p.port === target && (p.protocol ?? 'tcp') === port.protocol);
  if (named) return `the \`${profile!.id}\` image profile: ${named.why}`;
  if (port.published && WEB_PORTS.has(port.published) && port.protocol === 'tcp')
    return `host port ${port.published} is where browsers connect`;
  return undefined;
}

/** The short-syntax binding a person would write before the address: `443:443`, `53:53/udp`. */
function binding(port: Port): string {
  return `${port.published ?? port.target}:${port.target}${port.protocol !== 'tcp' ? `/${port.protocol}` : ''}`;
}
