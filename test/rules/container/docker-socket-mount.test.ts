import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/docker-socket-mount';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
          volumes:
            - ./data:/data
    `,
    {
      name: 'an anonymous volume at the socket path mounts nothing from the host',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /var/run/docker.sock
      `,
    },
    {
      name: 'a named volume called like the socket',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - docker.sock:/var/run/docker.sock
        volumes:
          docker.sock: {}
      `,
    },
    {
      name: 'a project folder named run',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - ./run:/run
      `,
    },
    {
      name: 'an unset variable',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - \${SOCK}:/var/run/docker.sock
      `,
    },
  ],
  invalid: [
    {
      name: 'short syntax, read-only does not help',
      code: file`
        services:
          ci:
            image: jenkins
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
      `,
      findings: [{ messageId: 'socket', range: '5:9-5:53' }],
    },
    {
      name: 'long syntax, odd spellings, variable defaults',
      code: file`
        services:
          a:
            image: x
            volumes:
              - type: bind
                source: //var/run/../run//docker.sock/
                target: /s
              - "\${DOCKER_SOCK:-/run/docker.sock}:/s2"
              - source: /run/podman/podman.sock
                target: /s3
      `,
      findings: [
        { messageId: 'socket', range: '5:9-7:19' },
        { messageId: 'socket', range: '8:9-8:47' },
        { messageId: 'socket', range: '9:9-10:20' },
      ],
    },
    {
      name: 'folders that hold a socket, rootless and desktop locations',
      code: file`
        services:
          a:
            image: x
            volumes:
              - /var/run:/host/run
              - /run/containerd:/c
              - /run/user/1000/docker.sock:/d.sock
              - ~/.docker/run/docker.sock:/e.sock
              - \${HOME}/.docker/desktop:/f
      `,
      findings: [
        { messageId: 'folder', range: '5:9-5:27' },
        { messageId: 'folder', range: '6:9-6:27' },
        { messageId: 'socket', range: '7:9-7:43' },
        { messageId: 'socket', range: '8:9-8:42' },
        { messageId: 'folder', range: '9:9-9:35' },
      ],
    },
    {
      name: 'the Windows named pipe',
      code: file`
        services:
          a:
            image: x
            volumes:
              - type: npipe
                source: \\\\.\\pipe\\docker_engine
                target: \\\\.\\pipe\\docker_engine
              - type: bind
                source: \\\\.\\pipe\\docker_engine
                target: \\\\.\\pipe\\docker_engine
      `,
      findings: [{ messageId: 'socket', range: '8:9-10:39' }],
    },
    {
      name: 'a named volume bound to the socket folder, and a shared anchor',
      code: file`
        x-sock: &sock
          volumes: [/var/run/docker.sock:/var/run/docker.sock]
        services:
          a:
            image: x
            volumes: [engine:/engine]
          b:
            <<: *sock
            image: y
        volumes:
          engine:
            driver: local
            driver_opts: {type: none, o: bind, device: /run}
      `,
      findings: [
        { messageId: 'folder', range: '6:15-6:29' },
        { messageId: 'socket', range: '8:9-8:14' },
      ],
    },
  ],
});
