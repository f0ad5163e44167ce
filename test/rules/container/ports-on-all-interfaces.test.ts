import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/ports-on-all-interfaces';
import { runRuleTests } from '../../rule-tester';

const bind = 'Publish on 127.0.0.1 only';

runRuleTests(rule, {
  valid: [
    {
      name: "a data store's port is container/cleartext-admin-port's",
      code: file`
        services:
          cache:
            image: redis:7.4
            ports:
              - "6379:6379"
              - target: 23
      `,
    },
    file`
      services:
        db:
          image: postgres:16
          ports:
            - "127.0.0.1:5432:5432"
    `,
    {
      name: 'IPv6 loopback, a range, a random host port on loopback',
      code: file`
        services:
          a:
            image: x
            ports:
              - "[::1]:80:80"
              - 127.0.0.1:5000-5010:5000-5010
              - "127.0.0.1::3000"
      `,
    },
    {
      name: 'long syntax with host_ip',
      code: file`
        services:
          a:
            image: x
            ports:
              - target: 80
                published: 8080
                host_ip: 127.0.0.1
      `,
    },
    {
      name: 'expose publishes nothing',
      code: file`
        services:
          a:
            image: x
            expose: ["5432"]
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          a:
            image: x
            ports:
              - "\${BIND}:80"
      `,
    },
    {
      name: 'a host_ip behind an unset variable is unknown',
      code: file`
        services:
          a:
            image: x
            ports:
              - target: 80
                host_ip: \${BIND_IP}
      `,
    },
    {
      name: 'ports of a service on the host network are ignored by Compose',
      code: file`
        services:
          a:
            image: x
            network_mode: host
            ports: ["80:80"]
      `,
    },
  ],
  invalid: [
    {
      name: 'short syntax, a comment kept',
      code: file`
        services:
          db:
            image: postgres:16
            ports:
              - "5432:5432" # for pgAdmin
      `,
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:20',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    ports:
                      - "127.0.0.1:5432:5432" # for pgAdmin
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a container port alone, a range and a protocol, plain scalars',
      code: file`
        services:
          a:
            image: x
            ports:
              - 3000
              - 8000-8010:8000-8010/udp
      `,
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:13',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  a:
                    image: x
                    ports:
                      - 127.0.0.1::3000
                      - 8000-8010:8000-8010/udp
              `,
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
              output: file`
                services:
                  a:
                    image: x
                    ports:
                      - 3000
                      - 127.0.0.1:8000-8010:8000-8010/udp
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'every interface written out: 0.0.0.0 and [::]',
      code: file`
        services:
          a:
            image: x
            ports: ['0.0.0.0:53:53/udp', "[::]:8443:443"]
      `,
      findings: [
        {
          messageId: 'wildcard',
          range: '4:13-4:32',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  a:
                    image: x
                    ports: ['127.0.0.1:53:53/udp', "[::]:8443:443"]
              `,
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
              output: file`
                services:
                  a:
                    image: x
                    ports: ['0.0.0.0:53:53/udp', "127.0.0.1:8443:443"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'long syntax: host_ip added after published, or replaced',
      code: file`
        services:
          a:
            image: x
            ports:
              - target: 80
                published: "8080"
                protocol: tcp
              - {target: 81, host_ip: 0.0.0.0}
      `,
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-7:22',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  a:
                    image: x
                    ports:
                      - target: 80
                        published: "8080"
                        host_ip: 127.0.0.1
                        protocol: tcp
                      - {target: 81, host_ip: 0.0.0.0}
              `,
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
              output: file`
                services:
                  a:
                    image: x
                    ports:
                      - target: 80
                        published: "8080"
                        protocol: tcp
                      - {target: 81, host_ip: 127.0.0.1}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a variable default is read, the variable kept',
      code: file`
        services:
          a:
            image: x
            ports:
              - "\${PORT:-8080}:80"
      `,
      findings: [
        {
          messageId: 'allInterfaces',
          range: '5:9-5:27',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  a:
                    image: x
                    ports:
                      - "127.0.0.1:\${PORT:-8080}:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ports from an anchor other services share: reported, not edited',
      code: file`
        x-ports: &ports
          - "8080:80"
        services:
          a:
            image: x
            ports: *ports
          b:
            image: y
            ports: *ports
      `,
      findings: [
        { messageId: 'allInterfaces', range: '6:12-6:18', related: ['@2:5-2:14'], fixes: [] },
        { messageId: 'allInterfaces', range: '9:12-9:18', related: ['@2:5-2:14'], fixes: [] },
      ],
    },
    {
      name: 'host port 443: the public entry of a web service; the message names the choice of interface, and no loopback fix',
      code: file`
        services:
          proxy:
            image: acme/edge:1
            ports:
              - "443:8443"
      `,
      findings: [{ messageId: 'publicService', range: '5:9-5:19', severity: 'info', fixes: [] }],
    },
    {
      name: 'a port the image profile says is the service’s job (the Zabbix trapper)',
      code: file`
        services:
          server:
            image: zabbix/zabbix-server-mysql:alpine-7.0-latest
            ports:
              - "10051:10051"
              - "10052:10052"
      `,
      findings: [
        { messageId: 'publicService', range: '5:9-5:22', severity: 'info', fixes: [] },
        {
          messageId: 'allInterfaces',
          range: '6:9-6:22',
          fixes: [
            {
              title: bind,
              safe: false,
              output: file`
                services:
                  server:
                    image: zabbix/zabbix-server-mysql:alpine-7.0-latest
                    ports:
                      - "10051:10051"
                      - "127.0.0.1:10052:10052"
              `,
            },
          ],
        },
      ],
    },
  ],
});
