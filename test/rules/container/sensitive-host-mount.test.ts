import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/sensitive-host-mount';
import { runRuleTests } from '../../rule-tester';

const ro = (path: string) => `Mount \`${path}\` read-only`;

runRuleTests(rule, {
  valid: [
    file`
      services:
        app:
          image: alpine:3.20
          volumes:
            - ./config:/etc/app:ro
            - data:/var/lib/app
    `,
    {
      name: 'harmless files read-only',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /etc/localtime:/etc/localtime:ro
              - "/etc/timezone:/etc/timezone:ro"
              - /usr/share/zoneinfo:/usr/share/zoneinfo:ro
              - /etc/ssl/certs:/etc/ssl/certs:ro
      `,
    },
    {
      name: 'application data folders and project paths',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /var/lib/backup/data:/data
              - /srv/app:/srv
              - /home/me/project:/src
              - ../etc:/etc2
      `,
    },
    {
      name: 'anonymous volumes at system paths',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /etc
              - type: volume
                target: /proc/x
      `,
    },
    {
      name: "engine sockets are the other rule's",
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
              - /run:/run
      `,
    },
    {
      name: 'a CDI device',
      code: file`
        services:
          app:
            image: alpine
            devices: [nvidia.com/gpu=all]
      `,
    },
  ],
  invalid: [
    {
      name: 'short syntax, writable: made read-only',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /etc:/host/etc # config
      `,
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:23',
          severity: 'error',
          fixes: [
            {
              title: ro('/etc'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    volumes:
                      - /etc:/host/etc:ro # config
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'modes kept, rw replaced, quotes kept, flow list',
      code: file`
        services:
          app:
            image: alpine
            volumes: ["/:/host:rw,rslave", '/root/.ssh:/ssh:z']
      `,
      findings: [
        {
          messageId: 'writable',
          range: '4:15-4:34',
          severity: 'error',
          fixes: [
            {
              title: ro('/'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    volumes: ["/:/host:ro,rslave", '/root/.ssh:/ssh:z']
              `,
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
              output: file`
                services:
                  app:
                    image: alpine
                    volumes: ["/:/host:rw,rslave", '/root/.ssh:/ssh:ro,z']
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'read-only is a warning without a fix',
      code: file`
        services:
          exporter:
            image: prom/node-exporter
            volumes:
              - /proc:/host/proc:ro
              - type: bind
                source: /sys
                target: /host/sys
                read_only: true
      `,
      findings: [
        { messageId: 'readOnly', range: '5:9-5:28', severity: 'warning', fixes: [] },
        { messageId: 'readOnly', range: '6:9-9:24', severity: 'warning', fixes: [] },
      ],
    },
    {
      name: 'long syntax: read_only added after target, or turned on',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - type: bind
                source: ~/.aws
                target: /root/.aws
              - type: bind
                source: /var/lib/docker
                target: /d
                read_only: false
      `,
      findings: [
        {
          messageId: 'writable',
          range: '5:9-7:27',
          severity: 'error',
          fixes: [
            {
              title: ro('~/.aws'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    volumes:
                      - type: bind
                        source: ~/.aws
                        target: /root/.aws
                        read_only: true
                      - type: bind
                        source: /var/lib/docker
                        target: /d
                        read_only: false
              `,
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
              output: file`
                services:
                  app:
                    image: alpine
                    volumes:
                      - type: bind
                        source: ~/.aws
                        target: /root/.aws
                      - type: bind
                        source: /var/lib/docker
                        target: /d
                        read_only: true
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a harmless file writable is a warning',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /etc/localtime:/etc/localtime
      `,
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:38',
          severity: 'warning',
          fixes: [
            {
              title: ro('/etc/localtime'),
              safe: false,
              output: file`
                services:
                  app:
                    image: alpine
                    volumes:
                      - /etc/localtime:/etc/localtime:ro
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shared anchor: made read-only for every service that mounts it',
      code: file`
        x-host: &host
          volumes:
            - /etc:/host/etc
        services:
          a:
            <<: *host
            image: x
          b:
            <<: *host
            image: y
      `,
      findings: [
        {
          messageId: 'writable',
          range: '6:9-6:14',
          severity: 'error',
          fixes: [
            {
              title: 'Mount `/etc` read-only in the shared anchor (services `a`, `b`)',
              safe: false,
              output: file`
                x-host: &host
                  volumes:
                    - /etc:/host/etc:ro
                services:
                  a:
                    <<: *host
                    image: x
                  b:
                    <<: *host
                    image: y
              `,
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
              output: file`
                x-host: &host
                  volumes:
                    - /etc:/host/etc:ro
                services:
                  a:
                    <<: *host
                    image: x
                  b:
                    <<: *host
                    image: y
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'devices: raw disks are errors, others warnings',
      code: file`
        services:
          app:
            image: alpine
            devices:
              - /dev/sda:/dev/xvda:rwm
              - /dev/fuse
      `,
      findings: [
        { messageId: 'device', range: '5:9-5:31', severity: 'error', fixes: [] },
        { messageId: 'device', range: '6:9-6:18', severity: 'warning', fixes: [] },
      ],
    },
    {
      name: 'credential folders under /home/<user>',
      code: file`
        services:
          app:
            image: alpine
            volumes:
              - /home/dev/.ssh/id_ed25519:/key:ro
      `,
      findings: [{ messageId: 'readOnly', range: '5:9-5:42', severity: 'warning', fixes: [] }],
    },
    {
      name: 'a whole home, CRLF',
      code: file`
        services:\r
          app:\r
            image: alpine\r
            volumes:\r
              - \${HOME}:/home/me\r
      `,
      findings: [
        {
          messageId: 'writable',
          range: '5:9-5:25',
          severity: 'error',
          fixes: [
            {
              title: ro('~'),
              safe: false,
              output: file`
                services:\r
                  app:\r
                    image: alpine\r
                    volumes:\r
                      - \${HOME}:/home/me:ro\r
              `,
            },
          ],
        },
      ],
    },
  ],
});
