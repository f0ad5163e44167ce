import rule from '../../../shared/src/rules/container/docker-socket-mount';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data\n',
    {
      name: 'an anonymous volume at the socket path mounts nothing from the host',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /var/run/docker.sock\n',
    },
    {
      name: 'a named volume called like the socket',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - docker.sock:/var/run/docker.sock\nvolumes:\n  docker.sock: {}\n',
    },
    {
      name: 'a project folder named run',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - ./run:/run\n',
    },
    {
      name: 'an unset variable',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n',
    },
  ],
  invalid: [
    {
      name: 'short syntax, read-only does not help',
      code: 'services:\n  ci:\n    image: jenkins\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      findings: [{ messageId: 'socket', range: '5:9-5:53' }],
    },
    {
      name: 'long syntax, odd spellings, variable defaults',
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: //var/run/../run//docker.sock/\n        target: /s\n      - "${DOCKER_SOCK:-/run/docker.sock}:/s2"\n      - source: /run/podman/podman.sock\n        target: /s3\n',
      findings: [
        { messageId: 'socket', range: '5:9-7:19' },
        { messageId: 'socket', range: '8:9-8:47' },
        { messageId: 'socket', range: '9:9-10:20' },
      ],
    },
    {
      name: 'folders that hold a socket, rootless and desktop locations',
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - /var/run:/host/run\n      - /run/containerd:/c\n      - /run/user/1000/docker.sock:/d.sock\n      - ~/.docker/run/docker.sock:/e.sock\n      - ${HOME}/.docker/desktop:/f\n',
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
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n      - type: bind\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n',
      findings: [{ messageId: 'socket', range: '8:9-10:39' }],
    },
    {
      name: 'a named volume bound to the socket folder, and a shared anchor',
      code: 'x-sock: &sock\n  volumes: [/var/run/docker.sock:/var/run/docker.sock]\nservices:\n  a:\n    image: x\n    volumes: [engine:/engine]\n  b:\n    <<: *sock\n    image: y\nvolumes:\n  engine:\n    driver: local\n    driver_opts: {type: none, o: bind, device: /run}\n',
      findings: [
        { messageId: 'folder', range: '6:15-6:29' },
        { messageId: 'socket', range: '8:9-8:14' },
      ],
    },
  ],
});
