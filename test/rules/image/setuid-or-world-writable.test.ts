import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/setuid-or-world-writable';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'the group copies the owner', code: 'FROM debian:12\nRUN chmod -R g=u /srv && chmod g=u,o-w /data\n' },
    { name: 'a mode from an ARG without a default', code: 'FROM debian:12\nARG MODE\nRUN chmod $MODE /data\n' },
    { name: 'an ARG default that grants nothing', code: 'FROM debian:12\nARG MODE=0755\nRUN chmod $MODE /data\n' },
    'FROM debian:12\nRUN chmod 755 /usr/local/bin/app && chmod 644 /etc/app.conf\n',
    {
      name: 'world-writable with the sticky bit, as /tmp',
      code: file`
        FROM debian:12
        RUN chmod 1777 /tmp && chmod -R a+rwxt /var/tmp
      `,
    },
    {
      name: 'modes that take rights away',
      code: file`
        FROM debian:12
        RUN chmod u-s /usr/bin/passwd && chmod o-w /data && chmod 0 /etc/cron.d/x
      `,
    },
    {
      name: 'a command written inside a string',
      code: file`
        FROM debian:12
        RUN echo "chmod 777 /data"
      `,
    },
    {
      name: 'executable and readable bits',
      code: file`
        FROM debian:12
        RUN chmod +x /entrypoint.sh && chmod go+r /etc/x && chmod -R g=u /var/www
      `,
    },
    {
      name: 'COPY --chmod with a safe mode',
      code: file`
        FROM debian:12
        COPY --chmod=755 app /app
        COPY --chmod=+x run.sh /run.sh
      `,
    },
    {
      name: 'setgid on a directory only makes new files inherit its group',
      code: file`
        FROM debian:12
        RUN install -d -m 2775 /srv/shared && mkdir -m 2775 /srv/other
      `,
    },
    {
      name: 'a scratch directory the same RUN deletes',
      code: file`
        FROM debian:12
        RUN d="$(mktemp -d)" && chmod 777 "$d" && make -C "$d" && rm -rf "$d"
      `,
    },
    {
      name: 'a mode held in a variable',
      code: file`
        FROM debian:12
        RUN chmod $MODE /x
      `,
    },
    {
      name: 'stripping setuid bits with find',
      code: file`
        FROM debian:12
        RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +
      `,
    },
    {
      name: 'chmod --reference',
      code: file`
        FROM debian:12
        RUN chmod --reference=/etc/passwd /etc/x
      `,
    },
  ],
  invalid: [
    {
      name: 'modes from ARG defaults, in RUN and COPY --chmod',
      code: 'FROM debian:12\nARG MODE=0777 BITS=4755\nRUN chmod -R "$MODE" /data\nCOPY --chmod=${BITS} app /usr/local/bin/app\n',
      findings: [
        { messageId: 'worldWritable', range: '3:14-3:21' },
        { messageId: 'setuid', range: '4:6-4:21' },
      ],
    },
    {
      name: 'symbolic modes that copy a class',
      code: 'FROM debian:12\nRUN chmod g=u,o+w /srv && chmod o=u /data\n',
      findings: [
        { messageId: 'worldWritable', range: '2:11-2:18' },
        { messageId: 'worldWritable', range: '2:33-2:36' },
      ],
    },
    { code: 'FROM debian:12\nRUN chmod 777 /data\n', findings: [{ messageId: 'worldWritable', range: '2:11-2:14' }] },
    {
      name: 'recursive, with a leading zero',
      code: file`
        FROM debian:12
        RUN chmod -R 0777 /app
      `,
      findings: [{ messageId: 'worldWritable', range: '2:14-2:18' }],
    },
    {
      name: 'a+w',
      code: file`
        FROM debian:12
        RUN chmod a+w /data
      `,
      findings: [{ messageId: 'worldWritable', range: '2:11-2:14' }],
    },
    {
      name: 'o+w among other clauses',
      code: file`
        FROM debian:12
        RUN chmod u+rwx,g+rx,o+w /data
      `,
      findings: [{ messageId: 'worldWritable', range: '2:11-2:25' }],
    },
    {
      name: '666 on a file',
      code: file`
        FROM debian:12
        RUN chmod 666 /etc/app.conf
      `,
      findings: [{ messageId: 'worldWritable', range: '2:11-2:14' }],
    },
    {
      name: '+s sets setuid and setgid',
      code: file`
        FROM debian:12
        RUN chmod +s /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:11-2:13' }],
    },
    {
      name: 'u+s',
      code: file`
        FROM debian:12
        RUN chmod u+s /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:11-2:14' }],
    },
    {
      name: '4755',
      code: file`
        FROM debian:12
        RUN chmod 4755 /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:11-2:15' }],
    },
    {
      name: '2755 on a file',
      code: file`
        FROM debian:12
        RUN chmod 2755 /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:11-2:15' }],
    },
    {
      name: '6777 is both',
      code: file`
        FROM debian:12
        RUN chmod 6777 /usr/local/bin/app
      `,
      findings: [
        { messageId: 'worldWritable', range: '2:11-2:15' },
        { messageId: 'setuid', range: '2:11-2:15' },
      ],
    },
    {
      name: 'COPY --chmod',
      code: file`
        FROM debian:12
        COPY --chmod=777 app /app
      `,
      findings: [{ messageId: 'worldWritable', range: '2:6-2:17' }],
    },
    {
      name: 'ADD --chmod setuid',
      code: file`
        FROM debian:12
        ADD --chmod=4755 app /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:5-2:17' }],
    },
    {
      name: 'find -exec chmod',
      code: file`
        FROM debian:12
        RUN find /app -type d -exec chmod 777 {} \\;
      `,
      findings: [{ messageId: 'worldWritable', range: '2:35-2:38' }],
    },
    {
      name: 'install -m',
      code: file`
        FROM debian:12
        RUN install -m 4755 app /usr/local/bin/app
      `,
      findings: [{ messageId: 'setuid', range: '2:16-2:20' }],
    },
    {
      name: 'mkdir -m',
      code: file`
        FROM debian:12
        RUN mkdir -m 777 /data
      `,
      findings: [{ messageId: 'worldWritable', range: '2:14-2:17' }],
    },
    {
      name: 'on a continuation line after a Docker comment line',
      code: file`
        FROM debian:12
        RUN mkdir /data \\
          # everyone may write here
          && chmod o+w /data
      `,
      findings: [{ messageId: 'worldWritable', range: '4:12-4:15' }],
    },
    {
      name: 'ONBUILD RUN, CRLF',
      code: file`
        FROM debian:12\r
        ONBUILD RUN chmod 777 /data\r
      `,
      findings: [{ messageId: 'worldWritable', range: '2:19-2:22' }],
    },
    {
      name: 'exec form',
      code: file`
        FROM debian:12
        RUN ["chmod", "777", "/data"]
      `,
      findings: [{ messageId: 'worldWritable', range: '2:15-2:20' }],
    },
    {
      name: 'heredoc script',
      code: file`
        FROM debian:12
        RUN <<EOF
        mkdir /data
        chmod -R 777 /data
        EOF
      `,
      findings: [{ messageId: 'worldWritable', range: '4:10-4:13' }],
    },
    {
      name: 'only one of two targets is deleted later',
      code: file`
        FROM debian:12
        RUN chmod 777 /a /b && rm -rf /a
      `,
      findings: [{ messageId: 'worldWritable', range: '2:11-2:14' }],
    },
  ],
});
