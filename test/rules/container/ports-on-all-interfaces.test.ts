import rule from '../../../shared/src/rules/container/ports-on-all-interfaces';
import { runRuleTests } from '../../rule-tester';

const bind = 'Publish on 127.0.0.1 only';

runRuleTests(rule, {
  valid: [
    {
      name: "a data store's port is container/cleartext-admin-port's",
      code: 'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "6379:6379"\n      - target: 23\n',
    },
    'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    {
      name: 'IPv6 loopback, a range, a random host port on loopback',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - "[::1]:80:80"\n      - 127.0.0.1:5000-5010:5000-5010\n      - "127.0.0.1::3000"\n',
    },
    {
      name: 'long syntax with host_ip',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n',
    },
    { name: 'expose publishes nothing', code: 'services:\n  a:\n    image: x\n    expose: ["5432"]\n' },
    { name: 'an unset variable is unknown', code: 'services:\n  a:\n    image: x\n    ports:\n      - "${BIND}:80"\n' },
    {
      name: 'a host_ip behind an unset variable is unknown',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - target: 80\n        host_ip: ${BIND_IP}\n',
    },
    {
      name: 'ports of a service on the host network are ignored by Compose',
      code: 'services:\n  a:\n    image: x\n    network_mode: host\n    ports: ["80:80"]\n',
    },
  ],
  invalid: [
    {
      name: 'short syntax, a comment kept',
      code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432" # for pgAdmin\n',
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:20',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432" # for pgAdmin\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a container port alone, a range and a protocol, plain scalars',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - 3000\n      - 8000-8010:8000-8010/udp\n',
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:13',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  a:\n    image: x\n    ports:\n      - 127.0.0.1::3000\n      - 8000-8010:8000-8010/udp\n',
            },
          ],
        },
        {
          messageId: 'allInterfaces',
          range: '6:9-6:32',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  a:\n    image: x\n    ports:\n      - 3000\n      - 127.0.0.1:8000-8010:8000-8010/udp\n',
            },
          ],
        },
      ],
    },
    {
      name: 'every interface written out: 0.0.0.0 and [::]',
      code: 'services:\n  a:\n    image: x\n    ports: [\'0.0.0.0:53:53/udp\', "[::]:8443:443"]\n',
      findings: [
        {
          messageId: 'wildcard',
          range: '4:13-4:32',
          fixes: [
            {
              title: bind,
              safe: false,
              output: 'services:\n  a:\n    image: x\n    ports: [\'127.0.0.1:53:53/udp\', "[::]:8443:443"]\n',
            },
          ],
        },
        {
          messageId: 'wildcard',
          range: '4:34-4:49',
          fixes: [
            {
              title: bind,
              safe: false,
              output: 'services:\n  a:\n    image: x\n    ports: [\'0.0.0.0:53:53/udp\', "127.0.0.1:8443:443"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'long syntax: host_ip added after published, or replaced',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - target: 80\n        published: "8080"\n        protocol: tcp\n      - {target: 81, host_ip: 0.0.0.0}\n',
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-7:22',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  a:\n    image: x\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n        protocol: tcp\n      - {target: 81, host_ip: 0.0.0.0}\n',
            },
          ],
        },
        {
          messageId: 'wildcard',
          range: '8:9-8:39',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  a:\n    image: x\n    ports:\n      - target: 80\n        published: "8080"\n        protocol: tcp\n      - {target: 81, host_ip: 127.0.0.1}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a variable default is read, the variable kept',
      code: 'services:\n  a:\n    image: x\n    ports:\n      - "${PORT:-8080}:80"\n',
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:27',
          fixes: [
            {
              title: bind,
              safe: false,
              output: 'services:\n  a:\n    image: x\n    ports:\n      - "127.0.0.1:${PORT:-8080}:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ports from an anchor other services share: reported, not edited',
      code: 'x-ports: &ports\n  - "8080:80"\nservices:\n  a:\n    image: x\n    ports: *ports\n  b:\n    image: y\n    ports: *ports\n',
      findings: [
        { messageId: 'allInterfaces', range: '6:12-6:18', related: ['@2:5-2:14'], fixes: [] },
        { messageId: 'allInterfaces', range: '9:12-9:18', related: ['@2:5-2:14'], fixes: [] },
      ],
    },
    {
      name: 'host port 443: the public entry of a web service; the message names the choice of interface, and no loopback fix',
      code: 'services:\n  proxy:\n    image: acme/edge:1\n    ports:\n      - "443:8443"\n',
      findings: [{ messageId: 'publicService', range: '5:9-5:19', severity: 'info', fixes: [] }],
    },
    {
      name: 'a port the image profile says is the service’s job (the Zabbix trapper)',
      code: 'services:\n  server:\n    image: zabbix/zabbix-server-mysql:alpine-7.0-latest\n    ports:\n      - "10051:10051"\n      - "10052:10052"\n',
      findings: [
        { messageId: 'publicService', range: '5:9-5:22', severity: 'info', fixes: [] },
        {
          messageId: 'allInterfaces',
          range: '6:9-6:22',
          fixes: [
            {
              title: bind,
              safe: false,
              output:
                'services:\n  server:\n    image: zabbix/zabbix-server-mysql:alpine-7.0-latest\n    ports:\n      - "10051:10051"\n      - "127.0.0.1:10052:10052"\n',
            },
          ],
        },
      ],
    },
  ],
});
