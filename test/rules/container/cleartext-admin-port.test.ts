import rule from '../../../shared/src/rules/container/cleartext-admin-port';
import { runRuleTests } from '../../rule-tester';

const LOOPBACK = { title: 'Publish on 127.0.0.1 only', safe: false };

runRuleTests(rule, {
  valid: [
    'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "127.0.0.1:6379:6379"\n',
    { name: 'only exposed to the network', code: 'services:\n  cache:\n    image: redis\n    expose: ["6379"]\n' },
    { name: 'another port', code: 'services:\n  web:\n    image: nginx\n    ports: ["8080:80", "6380:8080"]\n' },
    {
      name: 'the host network: compose ignores ports',
      code: 'services:\n  cache:\n    image: redis\n    network_mode: host\n    ports: ["6379:6379"]\n',
    },
    { name: 'Redis over UDP is no Redis', code: 'services:\n  a:\n    image: alpine\n    ports: ["6379:6379/udp"]\n' },
    {
      name: 'long syntax with a host address',
      code: 'services:\n  db:\n    image: mongo\n    ports:\n      - target: 27017\n        host_ip: 127.0.0.1\n',
    },
    { name: 'an unset variable', code: 'services:\n  a:\n    image: redis\n    ports: ["${REDIS_PORTS}"]\n' },
  ],
  invalid: [
    {
      name: 'Redis on every interface',
      code: 'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "6379:6379"\n',
      findings: [
        {
          messageId: 'openStore',
          range: '5:9-5:20',
          fixes: [
            {
              ...LOOPBACK,
              output: 'services:\n  cache:\n    image: redis:7.4\n    ports:\n      - "127.0.0.1:6379:6379"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'MongoDB in long syntax, another host port',
      code: 'services:\n  db:\n    image: mongo:8\n    ports:\n      - target: 27017\n        published: 37017\n',
      findings: [
        {
          messageId: 'openStore',
          range: '5:9-6:25',
          fixes: [
            {
              ...LOOPBACK,
              output:
                'services:\n  db:\n    image: mongo:8\n    ports:\n      - target: 27017\n        published: 37017\n        host_ip: 127.0.0.1\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a VNC range, Telnet on 0.0.0.0, memcached over UDP; the web port is not this rule’s',
      code: 'services:\n  box:\n    image: acme/box\n    ports: ["8080:80", "5900-5902:5900-5902", "0.0.0.0:2323:23", "11211:11211/udp"]\n',
      findings: [
        {
          messageId: 'remoteAccess',
          range: '4:24-4:45',
          fixes: [
            {
              ...LOOPBACK,
              output:
                'services:\n  box:\n    image: acme/box\n    ports: ["8080:80", "127.0.0.1:5900-5902:5900-5902", "0.0.0.0:2323:23", "11211:11211/udp"]\n',
            },
          ],
        },
        {
          messageId: 'remoteAccess',
          range: '4:47-4:64',
          fixes: [
            {
              ...LOOPBACK,
              output:
                'services:\n  box:\n    image: acme/box\n    ports: ["8080:80", "5900-5902:5900-5902", "127.0.0.1:2323:23", "11211:11211/udp"]\n',
            },
          ],
        },
        {
          messageId: 'openStore',
          range: '4:66-4:83',
          fixes: [
            {
              ...LOOPBACK,
              output:
                'services:\n  box:\n    image: acme/box\n    ports: ["8080:80", "5900-5902:5900-5902", "0.0.0.0:2323:23", "127.0.0.1:11211:11211/udp"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a container port alone, from an anchor shared by two services',
      code: 'x-es: &es\n  ports:\n    - "9200"\nservices:\n  es:\n    <<: *es\n    image: elasticsearch:7.17.0\n  es2:\n    <<: *es\n    image: elasticsearch:7.17.0\n',
      findings: [
        { messageId: 'openStore', range: '6:9-6:12', fixes: [] },
        { messageId: 'openStore', range: '9:9-9:12', fixes: [] },
      ],
    },
  ],
});
