import rule from '../../../shared/src/rules/container/sensitive-host-mount';
import { runRuleTests } from '../../rule-tester';

const ro = (path: string) => `Mount \`${path}\` read-only`;

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./config:/etc/app:ro\n      - data:/var/lib/app\n',
    {
      name: 'harmless files read-only',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - "/etc/timezone:/etc/timezone:ro"\n      - /usr/share/zoneinfo:/usr/share/zoneinfo:ro\n      - /etc/ssl/certs:/etc/ssl/certs:ro\n',
    },
    {
      name: 'application data folders and project paths',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /var/lib/backup/data:/data\n      - /srv/app:/srv\n      - /home/me/project:/src\n      - ../etc:/etc2\n',
    },
    {
      name: 'anonymous volumes at system paths',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc\n      - type: volume\n        target: /proc/x\n',
    },
    {
      name: "engine sockets are the other rule's",
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /run:/run\n',
    },
    { name: 'a CDI device', code: 'services:\n  app:\n    image: alpine\n    devices: [nvidia.com/gpu=all]\n' },
  ],
  invalid: [
    {
      name: 'short syntax, writable: made read-only',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc:/host/etc # config\n',
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:23',
          severity: 'error',
          fixes: [
            {
              title: ro('/etc'),
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc:/host/etc:ro # config\n',
            },
          ],
        },
      ],
    },
    {
      name: 'modes kept, rw replaced, quotes kept, flow list',
      code: 'services:\n  app:\n    image: alpine\n    volumes: ["/:/host:rw,rslave", \'/root/.ssh:/ssh:z\']\n',
      findings: [
        {
          messageId: 'writable',
          range: '4:15-4:34',
          severity: 'error',
          fixes: [
            {
              title: ro('/'),
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    volumes: ["/:/host:ro,rslave", \'/root/.ssh:/ssh:z\']\n',
            },
          ],
        },
        {
          messageId: 'writable',
          range: '4:36-4:55',
          severity: 'error',
          fixes: [
            {
              title: ro('/root/.ssh'),
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    volumes: ["/:/host:rw,rslave", \'/root/.ssh:/ssh:ro,z\']\n',
            },
          ],
        },
      ],
    },
    {
      name: 'read-only is a warning without a fix',
      code: 'services:\n  exporter:\n    image: prom/node-exporter\n    volumes:\n      - /proc:/host/proc:ro\n      - type: bind\n        source: /sys\n        target: /host/sys\n        read_only: true\n',
      findings: [
        { messageId: 'readOnly', range: '5:9-5:28', severity: 'warning', fixes: [] },
        { messageId: 'readOnly', range: '6:9-9:24', severity: 'warning', fixes: [] },
      ],
    },
    {
      name: 'long syntax: read_only added after target, or turned on',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - type: bind\n        source: ~/.aws\n        target: /root/.aws\n      - type: bind\n        source: /var/lib/docker\n        target: /d\n        read_only: false\n',
      findings: [
        {
          messageId: 'writable',
          range: '5:9-7:27',
          severity: 'error',
          fixes: [
            {
              title: ro('~/.aws'),
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    volumes:\n      - type: bind\n        source: ~/.aws\n        target: /root/.aws\n        read_only: true\n      - type: bind\n        source: /var/lib/docker\n        target: /d\n        read_only: false\n',
            },
          ],
        },
        {
          messageId: 'writable',
          range: '8:9-11:25',
          severity: 'error',
          fixes: [
            {
              title: ro('/var/lib/docker'),
              safe: false,
              output:
                'services:\n  app:\n    image: alpine\n    volumes:\n      - type: bind\n        source: ~/.aws\n        target: /root/.aws\n      - type: bind\n        source: /var/lib/docker\n        target: /d\n        read_only: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a harmless file writable is a warning',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc/localtime:/etc/localtime\n',
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:38',
          severity: 'warning',
          fixes: [
            {
              title: ro('/etc/localtime'),
              safe: false,
              output: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: made read-only for every service that mounts it',
      code: 'x-host: &host\n  volumes:\n    - /etc:/host/etc\nservices:\n  a:\n    <<: *host\n    image: x\n  b:\n    <<: *host\n    image: y\n',
      findings: [
        {
          messageId: 'writable',
          range: '6:9-6:14',
          severity: 'error',
          fixes: [
            {
              title: 'Mount `/etc` read-only in the shared anchor (services `a`, `b`)',
              safe: false,
              output:
                'x-host: &host\n  volumes:\n    - /etc:/host/etc:ro\nservices:\n  a:\n    <<: *host\n    image: x\n  b:\n    <<: *host\n    image: y\n',
            },
          ],
        },
        {
          messageId: 'writable',
          range: '9:9-9:14',
          severity: 'error',
          fixes: [
            {
              title: 'Mount `/etc` read-only in the shared anchor (services `a`, `b`)',
              safe: false,
              output:
                'x-host: &host\n  volumes:\n    - /etc:/host/etc:ro\nservices:\n  a:\n    <<: *host\n    image: x\n  b:\n    <<: *host\n    image: y\n',
            },
          ],
        },
      ],
    },
    {
      name: 'devices: raw disks are errors, others warnings',
      code: 'services:\n  app:\n    image: alpine\n    devices:\n      - /dev/sda:/dev/xvda:rwm\n      - /dev/fuse\n',
      findings: [
        { messageId: 'device', range: '5:9-5:31', severity: 'error', fixes: [] },
        { messageId: 'device', range: '6:9-6:18', severity: 'warning', fixes: [] },
      ],
    },
    {
      name: 'credential folders under /home/<user>',
      code: 'services:\n  app:\n    image: alpine\n    volumes:\n      - /home/dev/.ssh/id_ed25519:/key:ro\n',
      findings: [{ messageId: 'readOnly', range: '5:9-5:42', severity: 'warning', fixes: [] }],
    },
    {
      name: 'a whole home, CRLF',
      code: 'services:\r\n  app:\r\n    image: alpine\r\n    volumes:\r\n      - ${HOME}:/home/me\r\n',
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:25',
          severity: 'error',
          fixes: [
            {
              title: ro('~'),
              safe: false,
              output: 'services:\r\n  app:\r\n    image: alpine\r\n    volumes:\r\n      - ${HOME}:/home/me:ro\r\n',
            },
          ],
        },
      ],
    },
  ],
});
