import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/shared-writable-volume';
import { runRuleTests } from '../../rule-tester';

/** `web` publishes a port; `worker` does not. */
const pair = (web: string, worker: string, tail = 'volumes:\n  uploads: {}\n') =>
  file`
    services:
      web:
        image: example/web:1.4
        ports: ["8080:8080"]
        volumes: [${web}]
      worker:
        image: example/worker:1.4
        volumes: [${worker}]
  ` + tail;

runRuleTests(rule, {
  valid: [
    { name: 'the reader mounts it read-only', code: pair('uploads:/srv/uploads', 'uploads:/data:ro') },
    { name: 'the exposed service mounts it read-only', code: pair('uploads:/srv/uploads:ro', 'uploads:/data') },
    {
      name: 'different volumes',
      code: pair('uploads:/srv/uploads', 'cache:/data', 'volumes:\n  uploads: {}\n  cache: {}\n'),
    },
    { name: 'anonymous volumes are per container', code: pair('/srv/uploads', '/srv/uploads', '') },
    {
      name: 'no service publishes a port',
      code: file`
        services:
          a:
            image: example/a:1
            expose: ["8080"]
            volumes: [data:/data]
          b:
            image: example/b:1
            volumes: [data:/data]
        volumes:
          data: {}
      `,
    },
    {
      name: 'long syntax read_only',
      code: pair('uploads:/srv/uploads', '{type: volume, source: uploads, target: /data, read_only: true}'),
    },
  ],
  invalid: [
    {
      name: 'a named volume, both writable',
      code: pair('uploads:/srv/uploads', 'uploads:/data'),
      findings: [{ messageId: 'shared', range: '5:15-5:35' }],
    },
    {
      name: 'the same host path, written two ways',
      code: pair('./data:/srv/data', './data/:/data:rw', ''),
      findings: [{ messageId: 'shared', range: '5:15-5:31' }],
    },
    {
      name: 'two exposed services, each reported once; three writers',
      code: file`
        services:
          php:
            image: php:8.3-fpm
            ports: ["127.0.0.1:9000:9000"]
            volumes:
              - code:/var/www
              - code:/var/www/html
          nginx:
            image: nginx:1.27
            ports: ["80:80"]
            volumes:
              - type: volume
                source: code
                target: /usr/share/nginx/html
          cron:
            image: php:8.3-cli
            volumes: [code:/app]
        volumes:
          code: {}
      `,
      findings: [
        { messageId: 'shared', range: '6:9-6:22' },
        { messageId: 'shared', range: '12:9-14:38' },
      ],
    },
  ],
});
