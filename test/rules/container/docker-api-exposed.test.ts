import rule from '../../../shared/src/rules/container/docker-api-exposed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  ci:\n    image: alpine:3.20\n    environment:\n      DOCKER_HOST: tcp://docker:2376\n      DOCKER_TLS_VERIFY: "1"\n',
    {
      name: 'the Unix socket',
      code: 'services:\n  ci:\n    image: alpine:3.20\n    environment:\n      DOCKER_HOST: unix:///var/run/docker.sock\n',
    },
    {
      name: 'a daemon that verifies clients',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    command: dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/certs/ca.pem\n',
    },
    {
      name: 'dind with its default TLS',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    environment:\n      DOCKER_TLS_CERTDIR: /certs\n',
    },
    {
      name: '-H of another program',
      code: 'services:\n  probe:\n    image: curlimages/curl:8.8.0\n    command: ["curl", "-H", "tcp://x"]\n',
    },
    {
      name: 'an unset variable is unknown',
      code: 'services:\n  ci:\n    image: alpine:3.20\n    environment:\n      DOCKER_HOST: ${DOCKER_HOST}\n',
    },
    { name: 'a UDP port 2375', code: 'services:\n  a:\n    image: x\n    ports: ["2375:2375/udp"]\n' },
  ],
  invalid: [
    {
      name: 'a dind daemon on plain TCP, published',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n    command: ["dockerd", "--host=tcp://0.0.0.0:2375"]\n    ports:\n      - "2375:2375"\n',
      findings: [
        { messageId: 'plainPort', range: '7:9-7:20' },
        { messageId: 'daemonTcp', range: '5:14-5:54' },
      ],
    },
    {
      name: 'the dind entrypoint given options, TLS alone is no client check, the TLS port published',
      code: 'services:\n  dind:\n    image: docker:dind\n    command: --host tcp://0.0.0.0:2376 --tls\n    ports: ["127.0.0.1:2376:2376"]\n',
      findings: [
        { messageId: 'tlsPort', range: '5:13-5:34', severity: 'warning' },
        { messageId: 'daemonTcp', range: '4:14-4:45' },
      ],
    },
    {
      name: 'dind with TLS turned off',
      code: 'services:\n  dind:\n    image: docker:27.3-dind\n    environment:\n      - DOCKER_TLS_CERTDIR=\n',
      findings: [{ messageId: 'dindWithoutTls', range: '5:9-5:28' }],
    },
    {
      name: 'a client on plain TCP, and a range covering the port',
      code: 'services:\n  ci:\n    image: alpine:3.20\n    environment:\n      - DOCKER_HOST=tcp://dind:2375\n    ports:\n      - "2370-2380:2370-2380"\n',
      findings: [
        { messageId: 'plainPort', range: '7:9-7:30' },
        { messageId: 'dockerHost', range: '5:9-5:36', severity: 'warning' },
      ],
    },
  ],
});
