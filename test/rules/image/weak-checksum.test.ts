import rule from '../../../shared/src/rules/image/weak-checksum';
import { runRuleTests } from '../../rule-tester';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://x/x.tgz && sha256sum -c /tmp/x.sha256\n',
    { name: 'no download in the stage', code: 'FROM debian:12\nCOPY x.tgz /tmp/\nRUN md5sum -c /tmp/x.tgz.md5\n' },
    {
      name: 'a download in another stage',
      code: 'FROM debian:12 AS fetch\nRUN curl -fsSLO https://x/x.tgz\nFROM debian:12\nRUN md5sum -c x.md5\n',
    },
    { name: 'a check before the download', code: 'FROM debian:12\nRUN md5sum -c a.md5 && curl -O https://x/y\n' },
    { name: 'shasum -c picks the algorithm', code: 'FROM debian:12\nRUN wget https://x/y && shasum -c y.sha\n' },
    { name: 'a digest only printed', code: 'FROM debian:12\nRUN wget https://x/y && md5sum y\n' },
    {
      name: 'a digest computed of a file the stage built (docker-library redis)',
      code: 'FROM debian:12\nRUN wget -O redis.tar.gz https://x/redis.tar.gz && make && serverMd5="$(md5sum /usr/local/bin/redis-server | cut -d\' \' -f1)"\n',
    },
    { name: 'md5sum in a string', code: 'FROM debian:12\nRUN wget https://x/y && echo "md5sum -c y.md5"\n' },
  ],
  invalid: [
    {
      name: 'echo a digest into md5sum -c -',
      code: `FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://x/x.tgz \\\n && echo "${MD5}  /tmp/x.tgz" | md5sum -c -\n`,
      findings: [{ messageId: 'weak', range: '3:59-3:68' }],
    },
    {
      name: 'sha1sum --check in a later RUN, after ADD of a URL from an ARG',
      code: 'FROM alpine:3.20\nARG URL=https://x/y.tgz\nADD $URL /tmp/\nRUN sha1sum --check /tmp/y.sha1\n',
      findings: [{ messageId: 'weak', range: '4:5-4:20' }],
    },
    {
      name: 'shasum -a 1 -c and openssl dgst -md5 in a comparison',
      code: 'FROM debian:12\nRUN wget https://x/y && shasum -a 1 -c y.sha1 && [ "$(openssl dgst -md5 y)" = "$H" ]\n',
      findings: [
        { messageId: 'weak', range: '2:25-2:39' },
        { messageId: 'weak', range: '2:55-2:72' },
      ],
    },
    {
      name: 'a computed md5sum piped into grep',
      code: 'FROM debian:12\nRUN wget -q https://x/y && md5sum y | grep -q "$MD5"\n',
      findings: [{ messageId: 'weak', range: '2:28-2:34' }],
    },
  ],
});
