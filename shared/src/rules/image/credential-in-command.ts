import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { shippedStages } from '../../dockerfile/instructions';
import {
  basename,
  effectiveWords,
  pipelines,
  type ShellWord,
  type SimpleCommand,
  appletWords,
} from '../../dockerfile/shell';
import { readArguments, findOption, type CommandOption, type OptionSpec } from '../../dockerfile/options';
import { CURL_OPTIONS, WGET_OPTIONS } from '../../dockerfile/downloads';
import { isLiteralSecret, isSecretName } from './secret-in-build';
import type { Finding } from '../../types';

type MessageId = 'literal';

/** A credential written in a command: the words that hold it and what it is. */
interface Credential {
  /** How the user wrote the command that takes it (`mysql -p`, `curl -u`). */
  command: string;
  what: string;
  /** The credential itself, only to mask it in the message. */
  value: string;
  from: ShellWord;
  to: ShellWord;
}

export default defineRule({
  meta: {
    id: 'image/credential-in-command',
    title: 'Credential written in a build command',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
        Pass the credential as a build secret (\`docker build --secret id=db_password,env=DB_PASSWORD\`) and read it in
        \`RUN --mount=type=secret,id=db_password,env=DB_PASSWORD …\`; set account passwords when the container starts,
        or lock them.
      `,
    cis: '4.10',
    peers: { checkov: ['CKV2_DOCKER_17'] },
    references: [
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      {
        title: 'Dockerfile reference: RUN --mount=type=secret',
        url: 'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret',
      },
      { title: 'docker image history', url: 'https://docs.docker.com/reference/cli/docker/image/history/' },
      { title: 'Checkov Dockerfile policy index', url: 'https://www.checkov.io/5.Policy%20Index/dockerfile.html' },
    ],
    fix: 'none',
    messages: {
      literal: prose`
          \`{{command}}\` is given {{what}} written in the Dockerfile (\`{{masked}}\`): the command is kept in the image
          history (\`docker history\`), where anyone who can pull the image reads it.
        `,
    },
    docs: {
      description: prose`
        Reports passwords and tokens written as literal arguments of build commands, in every RUN (also ONBUILD
        triggers, here-document scripts and \`sh -c\` strings): \`useradd -p\` and \`usermod -p\`, \`chpasswd\`,
        \`passwd\`, \`openssl passwd -stdin\` and \`docker login --password-stdin\` fed by \`echo\` or \`printf\` of a
        literal (or a \`<<<\` string), \`openssl passwd\` and \`mkpasswd\` with the password as argument, \`mysql\`,
        \`mysqladmin\`, \`mysqldump\` and their MariaDB names with \`-p<password>\`, \`--password=\` or
        \`mysqladmin password <new>\`, \`curl -u user:pass\` (\`--user\`, \`--proxy-user\`, \`--oauth2-bearer\`),
        \`wget --password\` (\`--http-password\`, \`--ftp-password\`, \`--proxy-password\`), an \`Authorization\` or
        token header given to curl or wget, \`sshpass -p\`, \`htpasswd -b\`, \`docker\`, \`podman\`, \`buildah\`,
        \`nerdctl\`, \`skopeo\`, \`oras\` and \`helm registry\` \`login -p\` / \`--password\`, \`az login -p\`,
        \`aws configure set aws_secret_access_key\`; a URL with a password in it wherever it is written
        (\`git clone https://user:token@host/…\`, \`postgres://app:s3cret@db/app\`, \`redis://:pw@cache\`,
        \`amqp://…\`) or with a GitHub or GitLab token as its user name; and a variable with a secret-looking name
        (as \`image/secret-in-build\` reads names) set to a literal in the command (\`PGPASSWORD=s3cret psql …\`,
        \`export NPM_TOKEN=…\`, \`env MYSQL_PWD=… mysql\`).

        Every RUN command is stored in the image history, which \`docker history\` and any registry client show to
        whoever can pull the image, for every stage that ends up in the image; the Dockerfile itself usually sits in a
        repository too. Findings in build-only stages are warnings: their history stays in the build cache.

        A value that comes from a variable, a build argument or a command substitution is not reported: it may come
        from a secret mount (\`-p"$(cat /run/secrets/db_password)"\`) or from \`--build-arg\`, which
        \`image/secret-in-build\` and \`image/secret-arg-in-env\` judge. Nor are values that only stand for one:
        \`useradd -p '*'\` or \`'!'\` (a locked account), \`-p\` with no value (a prompt), placeholders
        (\`<password>\`, \`***\`, \`%s\`, \`{password}\`), nor, for variables only, stand-ins such as \`dummy\`,
        \`fake\` or \`placeholder\` that a build step needs to run at all
        (\`SECRET_KEY=dummy python manage.py collectstatic\`). The message shows only the first character of the value.

        There is no fix: the command needs the credential, and where it should come from (a secret mount, the
        container's environment at start, a locked account) is the author's choice; the good examples show a build
        secret read by the one step that needs it.
      `,
      examples: {
        bad: [
          'FROM debian:12\nRUN useradd -m app && echo "app:s3cret" | chpasswd\n',
          'FROM mysql:8.4\nRUN mysql -uroot -pS3cret -e "CREATE DATABASE app"\n',
          'FROM alpine:3.20\nRUN git clone https://deploy:ghp_abcdef0123456789@github.com/acme/app.git /app\n',
        ],
        good: [
          'FROM debian:12\nRUN useradd -m app && passwd -l app\n',
          file`
            # docker build --secret id=db_password,env=DB_PASSWORD .
            FROM mysql:8.4
            RUN --mount=type=secret,id=db_password,env=DB_PASSWORD \\
                mysql -uroot -p"$DB_PASSWORD" -e "CREATE DATABASE app"
          `,
          file`
            FROM alpine:3.20
            RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\
                git clone "https://x-access-token:\${GH_TOKEN}@github.com/acme/app.git" /app
          `,
        ],
      },
      peerNotes: prose`
        Checkov CKV2_DOCKER_17 reports every \`chpasswd\` in a RUN, whatever feeds it (\`echo "$USER:$PASSWORD"\`
        too); Bulkhead reports the password only when it is written in the Dockerfile, and also the other commands
        above. No peer in the corpus has samples of these commands.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    const shipped = shippedStages(model);
    for (const run of allRuns(model)) {
      const severity = run.onbuild || shipped.has(run.stage) ? undefined : 'warning';
      const credentials = [...fedCredentials(run.script.commands)];
      for (const cmd of run.script.commands) credentials.push(...commandCredentials(cmd));
      const seen = new Set<string>();
      for (const found of credentials.sort((a, b) => a.from.start - b.from.start)) {
        const key = `${found.from.start}:${found.to.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          messageId: 'literal',
          data: { command: found.command, what: found.what, masked: mask(found.value) },
          range: model.source.rangeOf(found.from.start, found.to.end),
          ...(severity ? { severity } : {}),
        });
      }
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

const PASSWORD = 'a password';
const TOKEN = 'a token';

/** The first character and a mask: enough to tell which value is meant, not enough to use it. */
function mask(value: string): string {
  return value.length > 1 ? `${value[0]}…` : '…';
}

function isLiteral(word: ShellWord | undefined): word is ShellWord {
  return word !== undefined && !word.dynamic && word.value !== '' && !isPlaceholder(word.value);
}

/** Text that stands for a credential in documentation or a template rather than being one. */
function isPlaceholder(value: string): boolean {
  return /^(?:<[^>]*>|\{\{?[^}]*\}\}?|\*+|\.\.\.|…|%\w|\$\w*)$/.test(value.trim());
}

/** Words that say a value is a stand-in for the build only (`SECRET_KEY=dummy python manage.py collectstatic`). */
const STAND_INS =
  /(?:^|[^a-z])(?:dummy|fake|placeholder|unused|ignored?|not[-_]?(?:a[-_]?)?(?:real[-_]?)?(?:secret|key|password|token)|build[-_]?only|x{3,})(?:[^a-z]|$)|^(?:none|null|empty|secret)$/i;

function optionWord(option: CommandOption): ShellWord {
  return option.valueWord ?? option.word;
}

/** The credential an option carries, when its value is written in the Dockerfile. */
function optionCredential(option: CommandOption | undefined, command: string, what: string): Credential[] {
  if (!option || option.value === undefined) return [];
  const word = optionWord(option);
  if (!isLiteral(word) || isPlaceholder(option.value) || option.value === '') return [];
  return [{ command, what, value: option.value, from: option.word, to: word }];
}

/** `user:password` with a password after the colon (`curl -u user` alone prompts for it). */
function userPassword(option: CommandOption | undefined, command: string): Credential[] {
  if (!option?.value) return [];
  const colon = option.value.indexOf(':');
  const password = colon < 0 ? '' : option.value.slice(colon + 1);
  if (password === '' || /[$`]/.test(password) || isPlaceholder(password)) return [];
  const word = optionWord(option);
  if (word.value.indexOf(':') < 0 || /[$`]/.test(word.value.slice(word.value.indexOf(':') + 1))) return [];
  return [{ command, what: PASSWORD, value: password, from: option.word, to: word }];
}

const MYSQL = /^(?:mysql|mysqladmin|mysqldump|mysqlimport|mysqlshow|mysqlcheck|mysqlpump|mysqlsh|mariadb(?:-\w+)?)$/;
const LOGIN_TOOLS = new Set(['docker', 'podman', 'buildah', 'nerdctl', 'skopeo', 'oras', 'helm', 'crane']);
const HEADER_NAMES = /^(?:authorization|proxy-authorization|private-token|job-token|deploy-token)$/i;

function commandCredentials(cmd: SimpleCommand): Credential[] {
  const found: Credential[] = [...assignedSecrets(cmd), ...urlCredentials(cmd)];
  const words = appletWords(cmd);
  if (!words.length || words[0].dynamic) return found;
  const name = basename(words[0].value);
  const rest = words.slice(1);

  if (name === 'useradd' || name === 'usermod') {
    const args = readArguments(rest, {
      shortWithValue: 'bcdefgGkKpsuRPZ',
      longWithValue: ['--password', '--home', '--home-dir', '--shell', '--uid', '--gid', '--groups', '--comment'],
    });
    const option = findOption(args, '-p', '--password');
    // `*` and `!` lock the account; they are no password.
    if (option && !/^[*!x]*$/.test(option.value ?? ''))
      found.push(...optionCredential(option, `${name} -p`, 'a password hash'));
  } else if (MYSQL.test(name)) {
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i];
      if (word.value === '--') break;
      // `-p` takes its value only when attached: `-p dbname` prompts for the password and names a database.
      const m = /^(?:-p|--password=|--pass=)(.+)$/.exec(word.value);
      if (m && isLiteral(word) && !isPlaceholder(m[1]))
        found.push({
          command: `${name} ${word.value.startsWith('--') ? '--password' : '-p'}`,
          what: PASSWORD,
          value: m[1],
          from: word,
          to: word,
        });
      // `mysqladmin password NEW` sets a new password.
      if (/^(?:mysqladmin|mariadb-admin)$/.test(name) && word.value === 'password' && isLiteral(rest[i + 1]))
        found.push({
          command: `${name} password`,
          what: PASSWORD,
          value: rest[i + 1].value,
          from: word,
          to: rest[i + 1],
        });
    }
  } else if (name === 'curl') {
    const args = readArguments(rest, CURL_OPTIONS);
    for (const option of args.options) {
      if (option.name === '-u' || option.name === '--user' || option.name === '-U' || option.name === '--proxy-user')
        found.push(...userPassword(option, `curl ${option.name}`));
      else if (option.name === '--oauth2-bearer')
        found.push(...optionCredential(option, 'curl --oauth2-bearer', TOKEN));
      else if (option.name === '-H' || option.name === '--header') found.push(...headerCredential(option, 'curl'));
    }
  } else if (name === 'wget') {
    const spec: OptionSpec = {
      ...WGET_OPTIONS,
      longWithValue: [
        ...(WGET_OPTIONS.longWithValue ?? []),
        '--http-password',
        '--ftp-password',
        '--proxy-password',
        '--http-user',
        '--ftp-user',
        '--proxy-user',
      ],
    };
    for (const option of readArguments(rest, spec).options) {
      if (['--password', '--http-password', '--ftp-password', '--proxy-password'].includes(option.name))
        found.push(...optionCredential(option, `wget ${option.name}`, PASSWORD));
      else if (option.name === '--header') found.push(...headerCredential(option, 'wget'));
    }
  } else if (name === 'sshpass') {
    const args = readArguments(rest.slice(0, firstOperand(rest, 'fdpP')), { shortWithValue: 'fdpP' });
    found.push(...optionCredential(findOption(args, '-p'), 'sshpass -p', PASSWORD));
  } else if (name === 'htpasswd') {
    const args = readArguments(rest, { shortWithValue: 'Cr' });
    if (findOption(args, '-b')) {
      // `htpasswd -b file user password`; with `-n` there is no file.
      const password = args.operands[findOption(args, '-n') ? 1 : 2];
      if (isLiteral(password))
        found.push({ command: 'htpasswd -b', what: PASSWORD, value: password.value, from: password, to: password });
    }
  } else if (name === 'openssl' && rest[0]?.value === 'passwd') {
    const args = readArguments(rest.slice(1), { shortWithValue: '', longWithValue: [], singleDashLong: [] });
    const salt = rest.findIndex((w) => w.value === '-salt' || w.value === '-in');
    const operands = args.operands.filter((w) => salt < 0 || w !== rest[salt + 1]);
    const password = operands[0];
    if (isLiteral(password))
      found.push({ command: 'openssl passwd', what: PASSWORD, value: password.value, from: password, to: password });
  } else if (name === 'mkpasswd') {
    const args = readArguments(rest, { shortWithValue: 'mSRP', longWithValue: ['--method', '--salt', '--rounds'] });
    const password = args.operands[0];
    if (isLiteral(password) && !findOption(args, '-s', '--stdin'))
      found.push({ command: 'mkpasswd', what: PASSWORD, value: password.value, from: password, to: password });
  } else if (LOGIN_TOOLS.has(name)) {
    const at = rest.findIndex((w) => w.value === 'login' || w.value === 'add');
    if (at >= 0) {
      const args = readArguments(rest.slice(at + 1), {
        shortWithValue: 'pu',
        longWithValue: ['--password', '--username', '--authfile', '--cert-dir', '--registry-config'],
      });
      found.push(
        ...optionCredential(findOption(args, '-p', '--password'), `${name} ${rest[at].value} --password`, PASSWORD),
      );
    }
  } else if (name === 'az' && rest[0]?.value === 'login') {
    const args = readArguments(rest.slice(1), {
      shortWithValue: 'pu',
      longWithValue: ['--password', '--username', '--tenant', '-t'],
    });
    found.push(...optionCredential(findOption(args, '-p', '--password'), 'az login --password', PASSWORD));
  } else if (name === 'aws' && rest[0]?.value === 'configure' && rest[1]?.value === 'set') {
    const key = rest[2]?.value ?? '';
    const value = rest[3];
    if (/(?:^|\.)aws_(?:secret_access_key|session_token)$/.test(key) && isLiteral(value))
      found.push({
        command: `aws configure set ${key}`,
        what: 'an AWS secret',
        value: value.value,
        from: value,
        to: value,
      });
  }
  return found;
}

/** The index of the first word that is neither an option nor an option's value: sshpass's command starts there. */
function firstOperand(words: ShellWord[], shortWithValue: string): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i].value;
    if (!w.startsWith('-') || w === '-') return i;
    if (w.length === 2 && shortWithValue.includes(w[1])) i++;
  }
  return words.length;
}

/** `-H "Authorization: Bearer abc"`, `--header "PRIVATE-TOKEN: abc"`: a credential in a request header. */
function headerCredential(option: CommandOption, tool: string): Credential[] {
  const m = /^\s*([\w-]+)\s*:\s*(.*)$/.exec(option.value ?? '');
  if (!m || !(HEADER_NAMES.test(m[1]) || isSecretName(m[1]))) return [];
  const value = m[2].replace(/^(?:Bearer|Basic|Token|Digest)\s+/i, '').trim();
  const word = optionWord(option);
  if (value === '' || word.dynamic || isPlaceholder(value)) return [];
  return [{ command: `${tool} ${option.name} '${m[1]}: …'`, what: TOKEN, value, from: option.word, to: word }];
}

const NAME = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/**
 * `PGPASSWORD=s3cret psql`, `export NPM_TOKEN=abc`, `env MYSQL_PWD=x mysql`: a secret-named variable set to a
 * literal.
 */
function assignedSecrets(cmd: SimpleCommand): Credential[] {
  const candidates = [...cmd.assignments];
  const words = cmd.words;
  if (words.length && DECLARATIONS.has(words[0].value)) candidates.push(...words.slice(1));
  else {
    const runs = effectiveWords(cmd);
    const cut = runs.length ? words.indexOf(runs[0]) : words.length;
    candidates.push(...words.slice(0, cut));
  }
  const found: Credential[] = [];
  for (const word of candidates) {
    const m = NAME.exec(word.value);
    if (!m || word.dynamic || !isSecretName(m[1])) continue;
    const value = m[2];
    if (!isLiteralSecret(value) || STAND_INS.test(value) || isPlaceholder(value)) continue;
    // A URL with a password is reported as such, once.
    if (URL_CREDENTIALS.test(value)) continue;
    found.push({ command: `${m[1]}=…`, what: 'a secret', value, from: word, to: word });
  }
  return found;
}

/** `scheme://user:password@`; the user part may be empty (`redis://:pw@cache`). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]*):([^\s@/'"]+)@/i;
/** Token formats that work as a URL's user name alone (`https://ghp_…@github.com/…`). */
const TOKEN_USER = /\b[a-z][a-z0-9+.-]*:\/\/((?:gh[pousr]_|github_pat_|glpat-)[A-Za-z0-9_-]{10,})@/i;

function urlCredentials(cmd: SimpleCommand): Credential[] {
  const found: Credential[] = [];
  for (const word of [...cmd.assignments, ...cmd.words]) {
    if (!word.value.includes('://')) continue;
    const m = URL_CREDENTIALS.exec(word.value);
    const scheme = (m ?? TOKEN_USER.exec(word.value))?.[0].split(':')[0];
    if (m) {
      const password = m[2];
      if (/[$`%{}<>*]/.test(password) || isPlaceholder(password)) continue;
      found.push({ command: `${scheme}://…`, what: 'a password in a URL', value: password, from: word, to: word });
      continue;
    }
    const token = TOKEN_USER.exec(word.value);
    if (token)
      found.push({ command: `${scheme}://…`, what: 'a token in a URL', value: token[1], from: word, to: word });
  }
  return found;
}

/** Commands that read a password on standard input. */
function stdinReader(cmd: SimpleCommand): { command: string; userColonPassword: boolean } | undefined {
  const words = effectiveWords(cmd);
  if (!words.length) return undefined;
  const name = basename(words[0].value);
  const has = (flag: string) => words.some((w) => w.value === flag);
  if (name === 'chpasswd') return { command: 'chpasswd', userColonPassword: true };
  if (name === 'passwd') return { command: 'passwd', userColonPassword: false };
  if (name === 'openssl' && words[1]?.value === 'passwd' && has('-stdin'))
    return { command: 'openssl passwd -stdin', userColonPassword: false };
  if (name === 'mkpasswd' && (has('-s') || has('--stdin')))
    return { command: 'mkpasswd --stdin', userColonPassword: false };
  if (LOGIN_TOOLS.has(name) && has('--password-stdin'))
    return { command: `${name} login --password-stdin`, userColonPassword: false };
  return undefined;
}

/** `echo "app:s3cret" | chpasswd`, `chpasswd <<< "app:s3cret"`, `printf 'pw\npw' | passwd app`. */
function fedCredentials(commands: SimpleCommand[]): Credential[] {
  const found: Credential[] = [];
  const report = (reader: { command: string; userColonPassword: boolean }, words: ShellWord[]) => {
    if (!words.length) return;
    const text = words.map((w) => w.value).join(' ');
    let password = text;
    if (reader.userColonPassword) {
      // The user may come from a variable (`echo "$USER:changeme"`); the password must be written out.
      const raw = words.map((w) => w.value).join(' ');
      const colon = raw.indexOf(':');
      if (colon < 0) return;
      password = raw.slice(colon + 1).split(/\\n|\n/)[0];
      if (/[$`]/.test(password)) return;
    } else if (words.some((w) => w.dynamic)) return;
    password = password.trim();
    if (password === '' || isPlaceholder(password)) return;
    found.push({
      command: reader.command,
      what: PASSWORD,
      value: password,
      from: words[0],
      to: words[words.length - 1],
    });
  };
  for (const group of pipelines({ commands })) {
    for (let i = 0; i < group.length; i++) {
      const reader = stdinReader(group[i]);
      if (!reader) continue;
      for (const redirect of group[i].redirects)
        if (redirect.operator === '<<<' && redirect.target) report(reader, [redirect.target]);
      const feeder = i > 0 ? echoed(group[i - 1]) : undefined;
      if (feeder) report(reader, feeder);
    }
  }
  return found;
}

/** What `echo` or `printf` writes, as its words (options left out), or undefined for another command. */
function echoed(cmd: SimpleCommand): ShellWord[] | undefined {
  const words = effectiveWords(cmd);
  const name = words.length ? basename(words[0].value) : '';
  if (name === 'echo') {
    let i = 1;
    while (i < words.length && /^-[neE]+$/.test(words[i].value)) i++;
    return words.slice(i);
  }
  if (name === 'printf') return words.slice(1);
  return undefined;
}
