import rule from '../../../shared/src/rules/image/credential-in-command';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN useradd -m app && passwd -l app\n',
    {
      name: 'values from variables, build arguments and secret mounts',
      code:
        'FROM mysql:8.4\nARG DB_PASSWORD\n' +
        'RUN --mount=type=secret,id=db mysql -uroot -p"$(cat /run/secrets/db)" -e "SELECT 1"\n' +
        'RUN echo "app:${DB_PASSWORD}" | chpasswd && useradd -p "$HASH" bob && mysql -p$DB_PASSWORD\n' +
        'RUN curl -u "deploy:$TOKEN" https://x && sshpass -p "$PW" ssh host && docker login -u me -p "$REG" reg\n' +
        'RUN git clone "https://x-access-token:${GH_TOKEN}@github.com/acme/app.git" && PGPASSWORD=$PW psql\n',
    },
    {
      name: 'options that prompt, lock an account or name no password',
      code:
        'FROM debian:12\nRUN useradd -p "*" nologin && usermod -p "!" app && mysql -u root -p dbname\n' +
        'RUN curl -u deploy https://x && curl -u : --negotiate https://x && mysql -P3306 -h db\n',
    },
    {
      name: 'text that only mentions a password',
      code: 'FROM debian:12\nRUN echo "run: mysql -pS3cret or curl -u a:b" && echo "see postgres://<user>:<password>@db/app"\n',
    },
    {
      name: 'placeholders and stand-ins',
      code:
        'FROM python:3.12\nRUN SECRET_KEY=dummy python manage.py collectstatic\n' +
        'RUN PAPERLESS_SECRET_KEY=build-time-dummy ./manage.py check && curl -H "Authorization: Bearer $TOKEN" https://x\n' +
        'RUN python -c "print(\'postgres://%s:%s@db\' % (u, p))"\n',
    },
    {
      name: 'variables whose names are no secret',
      code: 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive PASSWORD_FILE=/run/x TOKEN_URL=https://x apt-get update\n',
    },
    {
      name: 'a password read from standard input that the Dockerfile does not write',
      code: 'FROM debian:12\nRUN cat /run/secrets/pw | docker login --password-stdin && echo "$USER:$PW" | chpasswd\n',
    },
  ],
  invalid: [
    {
      name: 'echo into chpasswd, the user from a variable',
      code: 'FROM debian:12\nRUN useradd -m app && echo "$USER:s3cret" | chpasswd\n',
      findings: [{ messageId: 'literal', range: '2:28-2:42' }],
    },
    {
      name: 'chpasswd from a here-string, passwd from printf',
      code: "FROM debian:12\nRUN chpasswd <<< 'root:toor' && printf 'pw\\npw\\n' | passwd app\n",
      findings: [
        { messageId: 'literal', range: '2:18-2:29' },
        { messageId: 'literal', range: '2:40-2:50' },
      ],
    },
    {
      name: 'useradd -p, usermod --password and openssl passwd',
      code: "FROM debian:12\nRUN useradd -p '$6$salt$hash' app && usermod --password=x1 bob && openssl passwd -1 -salt ab hunter2\n",
      findings: [
        { messageId: 'literal', range: '2:13-2:30' },
        { messageId: 'literal', range: '2:46-2:59' },
        { messageId: 'literal', range: '2:94-2:101' },
      ],
    },
    {
      name: 'a literal piped into openssl passwd -stdin (docker-mailserver)',
      code: 'FROM debian:12\nRUN useradd -u 5000 -p "$(echo docker | openssl passwd -1 -stdin)" docker\n',
      findings: [{ messageId: 'literal', range: '2:32-2:38' }],
    },
    {
      name: 'mysql family, across a continuation',
      code: 'FROM mysql:8.4\nRUN mysql -uroot -pS3cret -e "SELECT 1" \\\n && mysqldump --password=S3cret app > /d.sql \\\n && mysqladmin -u root password n3w\n',
      findings: [
        { messageId: 'literal', range: '2:18-2:26' },
        { messageId: 'literal', range: '3:15-3:32' },
        { messageId: 'literal', range: '4:24-4:36' },
      ],
    },
    {
      name: 'curl and wget credentials',
      code:
        'FROM debian:12\nRUN curl -fsSL -u deploy:s3cret https://x -o /x && curl -H "Authorization: Bearer abc123" https://x\n' +
        'RUN wget --http-password s3cret --user=me https://x && wget --header="PRIVATE-TOKEN: glpat-x" https://x\n',
      findings: [
        { messageId: 'literal', range: '2:16-2:32' },
        { messageId: 'literal', range: '2:57-2:90' },
        { messageId: 'literal', range: '3:10-3:32' },
        { messageId: 'literal', range: '3:61-3:94' },
      ],
    },
    {
      name: 'sshpass, htpasswd and registry logins',
      code:
        'FROM debian:12\nRUN sshpass -p s3cret ssh -p 22 host true && htpasswd -cb /etc/nginx/.htpasswd admin adm1n\n' +
        'RUN docker login -u me -p s3cret registry.example.com && htpasswd -nbB admin adm1n > /h\n',
      findings: [
        { messageId: 'literal', range: '2:13-2:22' },
        { messageId: 'literal', range: '2:86-2:91' },
        { messageId: 'literal', range: '3:24-3:33' },
        { messageId: 'literal', range: '3:78-3:83' },
      ],
    },
    {
      name: 'URLs with a password or a token, in arguments and assignments',
      code:
        'FROM alpine:3.20\nRUN git clone https://deploy:ghp_abcdef0123456789@github.com/acme/app.git /app\n' +
        'RUN DATABASE_URL=postgres://app:s3cret@db/app rake db:migrate && redis-cli -u redis://:pw@cache ping\n' +
        'RUN git clone https://ghp_abcdef0123456789abcd@github.com/acme/app.git\n',
      findings: [
        { messageId: 'literal', range: '2:15-2:74' },
        { messageId: 'literal', range: '3:5-3:46' },
        { messageId: 'literal', range: '3:79-3:96' },
        { messageId: 'literal', range: '4:15-4:71' },
      ],
    },
    {
      name: 'secret-named variables set to literals in the command',
      code: 'FROM postgres:16\nRUN PGPASSWORD=s3cret psql -h db -c "SELECT 1" && export NPM_TOKEN=npm_abc && env MYSQL_PWD=pw mysql\n',
      findings: [
        { messageId: 'literal', range: '2:5-2:22' },
        { messageId: 'literal', range: '2:58-2:75' },
        { messageId: 'literal', range: '2:83-2:95' },
      ],
    },
    {
      name: 'inside sh -c, a heredoc script and an ONBUILD trigger',
      code: 'FROM debian:12\nRUN sh -c "echo root:toor | chpasswd"\nRUN <<EOF\nmysql -pS3cret\nEOF\nONBUILD RUN sshpass -p s3cret true\n',
      findings: [
        { messageId: 'literal', range: '2:17-2:26' },
        { messageId: 'literal', range: '4:7-4:15' },
        { messageId: 'literal', range: '6:21-6:30' },
      ],
    },
    {
      name: 'a build-only stage: a warning',
      code: 'FROM debian:12 AS build\nRUN sshpass -p s3cret scp host:/x /x\nFROM debian:12\nCOPY --from=build /x /x\n',
      findings: [{ messageId: 'literal', range: '2:13-2:22', severity: 'warning' }],
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["sshpass", "-p", "s3cret", "ssh", "host"]\n',
      findings: [{ messageId: 'literal', range: '2:17-2:31' }],
    },
  ],
});
