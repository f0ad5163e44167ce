import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/docker-socket-mount';
import { runRuleTests } from '../../rule-tester';
import { forDevcontainer } from './for-devcontainer';

runRuleTests(forDevcontainer(rule), {
  valid: [
    file`
      {
        "image": "alpine:3.20",
        "mounts": ["source=dev-cache,target=/home/vscode/.cache,type=volume"]
      }
    `,
    {
      name: 'docker-in-docker runs its own daemon: no host socket (it is privileged instead)',
      code: file`
        { "image": "alpine:3.20", "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} } }
      `,
    },
  ],
  invalid: [
    {
      name: 'a --mount string',
      code: file`
        {
          "image": "alpine:3.20",
          "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"]
        }
      `,
      findings: [{ messageId: 'socket', range: '3:14-3:81' }],
    },
    {
      name: 'an object',
      code: file`
        {
          "image": "alpine:3.20",
          "mounts": [{ "source": "/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" }]
        }
      `,
      findings: [{ messageId: 'socket', range: '3:14-3:96' }],
    },
    {
      name: 'runArgs -v, apart and joined',
      code: file`
        {
          "image": "alpine:3.20",
          "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock", "--volume=/run/podman/podman.sock:/x"]
        }
      `,
      findings: [
        { messageId: 'socket', range: '3:15-3:64' },
        { messageId: 'socket', range: '3:66-3:103' },
      ],
    },
    {
      name: 'the docker-outside-of-docker feature binds the host socket (and its legacy id)',
      code: file`
        {
          "image": "alpine:3.20",
          "features": {
            "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {},
            "ghcr.io/devcontainers/features/docker-from-docker@sha256:0123": {}
          }
        }
      `,
      findings: [
        { messageId: 'socket', range: '4:5-4:64' },
        { messageId: 'socket', range: '5:5-5:68' },
      ],
    },
  ],
});
