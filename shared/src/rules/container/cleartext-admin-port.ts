import { defineRule, prose, file } from '../../rule';
import type { Finding, Fix } from '../../types';
import { placeOf } from '../../container/finding-place';
import { cleartextServiceOf, OPEN_STORE_PORTS } from '../../container/network-services';
import { describePort, loopbackFixes, onEveryInterface, type PortFix } from '../../compose/port-binding';

type MessageId = 'remoteAccess' | 'openStore';

export default defineRule({
  meta: {
    id: 'container/cleartext-admin-port',
    title: 'Remote-access or open data store port published on every interface',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
        Publish the port on \`127.0.0.1\` (reach it through an SSH tunnel or \`docker exec\`), or leave it unpublished
        for the services on the same compose network; turn on the store’s authentication before anything else reaches
        it.
      `,
    cis: '5.13',
    peers: {},
    references: [
      { title: 'Compose file reference: ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
      {
        title: 'Docker packet filtering and firewalls (published ports bypass ufw/firewalld rules)',
        url: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
      },
      { title: 'Redis security', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/' },
      {
        title: 'docker-library/redis: protected mode patched off (7.0/debian/Dockerfile)',
        url: prose`
          https://github.com/docker-library/redis/blob/e92049967d6baa9b4b3d6fd950553e6458e61f13/7.0/debian/Dockerfile
        `,
      },
      {
        title: 'IANA Service Name and Transport Protocol Port Number Registry',
        url: 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml',
      },
    ],
    fix: 'unsafe',
    messages: {
      remoteAccess: prose`
          Service \`{{service}}\` publishes port {{port}}, the port of {{what}}, on every host interface: whoever can
          reach the host can try to log in to it.
        `,
      openStore: prose`
          Service \`{{service}}\` publishes port {{port}}, the port of {{what}}, on every host interface: whoever can
          reach the host can read and change its data, and Docker’s iptables rules let it past host firewalls such as
          ufw.
        `,
    },
    docs: {
      description: prose`
        Reports a port published on every host interface (no host address, \`0.0.0.0\` or \`::\`, short or long syntax,
        a range that holds one) whose container port belongs to a remote-access service that sends passwords or sessions
        in clear text, or to a data store that answers anyone by default. Remote access: FTP (21), Telnet (23), rexec,
        rlogin and rsh (512 to 514), RDP (3389) and VNC (5900 to 5909), the list \`image/remote-admin-port\` reports in
        an \`EXPOSE\`. Data stores: Redis (6379; the official image turns its protected mode off, since Docker publishes
        nothing by itself), memcached (11211, TCP and UDP), MongoDB (27017), Elasticsearch (9200 and its transport port
        9300; versions before 8.0 have security off) and etcd's client API (2379). Scanners find such ports within hours
        of their being opened, and an open Redis or MongoDB is a classic way in: its data is read, wiped for ransom, or
        Redis is made to write a file that runs code.

        It is the specific case of \`container/ports-on-all-interfaces\`, which leaves these ports to this rule so that
        each is reported once, with the service it exposes. A port published on one address (\`127.0.0.1:6379:6379\`),
        only exposed to the compose network (\`expose:\`), or published by a service on the host network
        (\`container/host-namespace\` reports that) is not reported. The rule goes by the container port: a store
        started with authentication (\`--requirepass\`, \`MONGO_INITDB_ROOT_USERNAME\`, Elasticsearch 8) is still
        reported, since its port is still open to every password guess; suppress it with that reason when other hosts
        must reach it.

        The fix publishes the port on \`127.0.0.1\` only (\`host_ip\` in long syntax); it is unsafe, because other hosts
        can no longer connect.
      `,
      examples: {
        bad: [
          'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "6379:6379"\n',
          file`
            services:
              desktop:
                image: registry.example.com/acme/desktop:1.2
                ports:
                  - "0.0.0.0:5901:5901"
          `,
        ],
        good: [
          'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "127.0.0.1:6379:6379"\n',
          'services:\n  cache:\n    image: redis:7.4\n    expose:\n      - "6379"\n',
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId, PortFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      // Compose ignores `ports` on the host network.
      if (spec.namespaces.network?.value?.trim().toLowerCase() === 'host') continue;
      spec.ports.items.forEach((item, index) => {
        const port = item.value;
        const known = port && onEveryInterface(port) ? cleartextServiceOf(port) : undefined;
        if (!port || !known) return;
        findings.push({
          messageId: OPEN_STORE_PORTS.includes(known) ? 'openStore' : 'remoteAccess',
          data: { service: service.name, port: describePort(port), what: known.service },
          ...placeOf(item.origin),
          fixData: { service, index },
        });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    return loopbackFixes(model, finding.fixData);
  },
});
