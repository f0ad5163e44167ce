import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/docker-api-exposed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        ci:
          image: alpine:3.20
          environment:
            DOCKER_HOST: tcp://docker:2376
            DOCKER_TLS_VERIFY: "1"
    `,
    {
      name: 'the Unix socket',
      code: file`
        services:
          ci:
            image: alpine:3.20
            environment:
              DOCKER_HOST: unix:///var/run/docker.sock
      `,
    },
    {
      name: 'a daemon that verifies clients',
      code: file`
        services:
          dind:
            image: docker:27-dind
            command: dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/certs/ca.pem
      `,
    },
    {
      name: 'dind with its default TLS',
      code: file`
        services:
          dind:
            image: docker:27-dind
            environment:
              DOCKER_TLS_CERTDIR: /certs
      `,
    },
    {
      name: '-H of another program',
      code: file`
        services:
          probe:
            image: curlimages/curl:8.8.0
            command: ["curl", "-H", "tcp://x"]
      `,
    },
    {
      name: 'an unset variable is unknown',
      code: file`
        services:
          ci:
            image: alpine:3.20
            environment:
              DOCKER_HOST: \${DOCKER_HOST}
      `,
    },
    {
      name: 'a UDP port 2375',
      code: file`
        services:
          a:
            image: x
            ports: ["2375:2375/udp"]
      `,
    },
  ],
  invalid: [
    {
      name: 'a dind daemon on plain TCP, published',
      code: file`
        services:
          dind:
            image: docker:27-dind
            privileged: true
            command: ["dockerd", "--host=tcp://0.0.0.0:2375"]
            ports:
              - "2375:2375"
      `,
      findings: [
        { messageId: 'plainPort', range: '7:9-7:20' },
        { messageId: 'daemonTcp', range: '5:14-5:54' },
      ],
    },
    {
      name: 'the dind entrypoint given options, TLS alone is no client check, the TLS port published',
      code: file`
        services:
          dind:
            image: docker:dind
            command: --host tcp://0.0.0.0:2376 --tls
            ports: ["127.0.0.1:2376:2376"]
      `,
      findings: [
        { messageId: 'tlsPort', range: '5:13-5:34', severity: 'warning' },
        { messageId: 'daemonTcp', range: '4:14-4:45' },
      ],
    },
    {
      name: 'dind with TLS turned off',
      code: file`
        services:
          dind:
            image: docker:27.3-dind
            environment:
              - DOCKER_TLS_CERTDIR=
      `,
      findings: [{ messageId: 'dindWithoutTls', range: '5:9-5:28' }],
    },
    {
      name: 'a client on plain TCP, and a range covering the port',
      code: file`
        services:
          ci:
            image: alpine:3.20
            environment:
              - DOCKER_HOST=tcp://dind:2375
            ports:
              - "2370-2380:2370-2380"
      `,
      findings: [
        { messageId: 'plainPort', range: '7:9-7:30' },
        { messageId: 'dockerHost', range: '5:9-5:36', severity: 'warning' },
      ],
    },
  ],
});
