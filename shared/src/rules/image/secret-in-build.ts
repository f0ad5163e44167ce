import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import {
  copyArguments,
  pathBasename,
  placedInstructions,
  shippedStages,
  type PlacedInstruction,
} from '../../dockerfile/instructions';
import type { Finding, Fix } from '../../types';

type MessageId = 'envLiteral' | 'argLiteral' | 'keyFile' | 'sshKey';

interface SecretFix {
  kind: 'env' | 'arg';
  name: string;
  /** Offsets of the text to delete. */
  start: number;
  end: number;
}

export default defineRule({
  meta: {
    id: 'image/secret-in-build',
    title: 'Secret written into the image',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
      Pass build secrets with \`docker build --secret\` and read them in \`RUN --mount=type=secret,…\` (SSH keys with
      \`RUN --mount=type=ssh\`); pass run-time secrets when the container starts.
    `,
    cis: '4.10',
    peers: { trivy: ['DS-0031'], semgrep: ['secret-in-build-arg'] },
    references: [
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      {
        title: 'Dockerfile reference: RUN --mount=type=secret',
        url: 'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret',
      },
      {
        title: 'Docker build check SecretsUsedInArgOrEnv',
        url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      },
      { title: 'Trivy DS-0031', url: 'https://avd.aquasec.com/misconfig/dockerfile/general/avd-ds-0031/' },
    ],
    fix: 'unsafe',
    messages: {
      envLiteral: prose`
        \`{{name}}\` is set to a literal in ENV: the value is stored in the image config, where anyone who can pull the
        image reads it. Pass it when the container starts, or to a build step with
        \`RUN --mount=type=secret,id={{id}},env={{name}} …\`.
      `,
      argLiteral: prose`
        \`{{name}}\` has a literal default in ARG: it is kept in the Dockerfile and in the image history of every RUN
        that uses it. Use \`RUN --mount=type=secret,id={{id}},env={{name}} …\` with
        \`docker build --secret id={{id}},env={{name}}\`.
      `,
      keyFile: prose`
        \`{{instruction}}\` puts {{what}} (\`{{source}}\`) into an image layer, where anyone who can pull the image
        reads it even if a later step deletes it. Mount it only for the step that needs it: \`RUN --mount={{mount}} …\`.
      `,
      sshKey: prose`
        \`{{instruction}}\` puts {{what}} (\`{{source}}\`) into an image layer, where anyone who can pull the image
        reads it even if a later step deletes it. Use \`RUN --mount=type=ssh …\` with \`docker build --ssh default\`
        instead.
      `,
    },
    docs: {
      description: prose`
        Reports secrets that a Dockerfile writes into the image:

        - \`ENV\` and \`ARG\` whose name says it holds a secret (\`DB_PASSWORD\`, \`GITHUB_TOKEN\`,
          \`AWS_SECRET_ACCESS_KEY\`, \`apiKey\`, \`BASIC_AUTH\`) and that are given a literal value, and any \`ENV\` or
          \`ARG\` set to a URL with a password in it (\`DATABASE_URL=postgres://app:s3cret@db/app\`). \`ENV\` values
          live in the image config (an error in the stages that become the image, a warning in build-only stages);
          \`ARG\` defaults live in the Dockerfile and in the history of each \`RUN\` that uses them (a warning).
        - \`COPY\` and \`ADD\` of key material: SSH private keys (\`id_rsa\`, \`id_ed25519\`, a \`.ssh/\` folder),
          private keys and keystores (\`*.key\`, \`*.pem\`, \`*.p12\`, \`*.pfx\`), \`.env\` files, tool credentials
          (\`.npmrc\`, \`.pypirc\`, \`.netrc\`, \`.git-credentials\`, \`.docker/config.json\`, \`.aws/\`,
          \`.kube/config\`, \`credentials.json\`), also when only the destination names it
          (\`COPY deploy_key /root/.ssh/id_rsa\`). A warning: the file may hold nothing secret, but a layer keeps it for
          good.

        For precision, a name is not a secret when it only points at one (\`PASSWORD_FILE\`, \`TOKEN_URL\`,
        \`SECRET_NAME\`, \`*_PATH\`, \`*_DIR\`, \`*_ID\`), says how a secret is handled (\`TOKEN_TTL\`,
        \`PASSWORD_MIN_LENGTH\`, \`AUTH_ENABLED\`) or is public by design (\`PUBLIC_KEY\`, \`NEXT_PUBLIC_API_KEY\`,
        \`GPG_KEY\`). A value is not a literal when it is empty, only \`\${OTHER}\`, a flag (\`true\`, \`0\`), a file
        path or a URL without credentials. \`ARG TOKEN\` without a default is not reported: it holds nothing until the
        build passes one. Certificates (\`ca.pem\`, \`fullchain.pem\`), public keys (\`*.pub\`) and
        \`.env.example\`-style templates are not key material.

        A build step that needs a secret mounts it for that step only:

        \`\`\`dockerfile
        # docker build --secret id=npmrc,src=$HOME/.npmrc --secret id=db_password,env=DB_PASSWORD .
        RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
        RUN --mount=type=secret,id=db_password,env=DB_PASSWORD ./migrate.sh
        \`\`\`

        The fix removes the literal: the default of an \`ARG\` (the build then needs \`--build-arg\` or, better, a
        secret mount) or the \`ENV\` pair. Both are unsafe, since the build or the application may rely on the value:
        move it to a secret first.
      `,
      examples: {
        bad: [
          file`
            FROM python:3.12-slim
            ENV DB_PASSWORD=hunter2
            CMD ["python", "app.py"]
          `,
          file`
            FROM node:20-slim
            ARG NPM_TOKEN=npm_abcdef0123456789
            RUN npm ci
          `,
          file`
            FROM alpine:3.20
            COPY id_rsa /root/.ssh/id_rsa
            RUN git clone git@github.com:acme/app.git
          `,
        ],
        good: [
          file`
            FROM python:3.12-slim
            ENV DB_PASSWORD_FILE=/run/secrets/db_password
            CMD ["python", "app.py"]
          `,
          file`
            FROM node:20-slim
            ARG NPM_TOKEN
            RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
          `,
          file`
            FROM alpine:3.20
            RUN --mount=type=ssh git clone git@github.com:acme/app.git
          `,
        ],
      },
      peerNotes: prose`
        Trivy DS-0031 and Semgrep \`secret-in-build-arg\` also report a secret-named \`ARG\` without a default, since a
        value passed with \`--build-arg\` shows in \`docker history\`; Bulkhead reports only literals written in the
        Dockerfile, so that the finding points at text to remove. Trivy flags a fixed list of names
        (\`AWS_ACCESS_KEY_ID\`, \`AZURE_CLIENT_ID\`, …) where Bulkhead reads name parts and treats \`*_ID\` as an
        identifier, not a secret. Docker’s own build check \`SecretsUsedInArgOrEnv\` also matches by name only.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, SecretFix>[] = [];
    const shipped = shippedStages(model);
    for (const placed of placedInstructions(model)) {
      const keyword = placed.instruction.getKeyword();
      if (keyword === 'ENV' || keyword === 'ARG') findings.push(...literalSecrets(model, placed, shipped));
      else if (keyword === 'COPY' || keyword === 'ADD') findings.push(...copiedKeyMaterial(model, placed.instruction));
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [
      {
        title:
          data.kind === 'arg' ? `Remove the default value of \`${data.name}\`` : `Remove \`${data.name}\` from ENV`,
        // The build (ARG) or the application (ENV) may depend on the value until it comes from a secret instead.
        safe: false,
        edits: [{ range: model.source.rangeOf(data.start, data.end), newText: '' }],
      },
    ];
  },
});

function literalSecrets(
  model: DockerfileModel,
  placed: PlacedInstruction,
  shipped: Set<Stage>,
): Finding<MessageId, SecretFix>[] {
  const { instruction } = placed;
  const isEnv = instruction.getKeyword() === 'ENV';
  // `ARG A=1 B=2` declares several, like ENV.
  const properties = (instruction as Env | Arg).getProperties();
  const findings: Finding<MessageId, SecretFix>[] = [];
  properties.forEach((property, index) => {
    const name = property.getName();
    const value = property.getValue();
    if (value === null || !((isSecretName(name) && isLiteralSecret(value)) || hasInlineCredentials(value))) return;
    const { source } = model;
    const edit = isEnv
      ? envRemoval(model, placed, properties, index)
      : { start: source.offsetAt(property.getNameRange().end), end: source.offsetAt(property.getRange().end) };
    // Text after the pair that is no pair itself (`ARG TOKEN=g \\`) becomes the name's value once the `=` goes: no fix.
    // (The parser's range may stop before an escape that ends the file: read to the end of its line.)
    const lineEnd = source.text.indexOf('\n', source.offsetAt(instruction.getRange().end));
    const next = properties[index + 1];
    const trailing =
      !isEnv &&
      (!next || next.getValue() === null) &&
      source.text.slice(edit.end, lineEnd < 0 ? source.text.length : lineEnd).trim() !== '';
    findings.push({
      messageId: isEnv ? 'envLiteral' : 'argLiteral',
      data: { name, id: name.toLowerCase() },
      range: property.getNameRange(),
      // ENV of a build-only stage stays out of the shipped image config; the literal is still in the Dockerfile.
      severity: isEnv && placed.stage && shipped.has(placed.stage) ? 'error' : 'warning',
      fixData: trailing ? undefined : { kind: isEnv ? 'env' : 'arg', name, ...edit },
    });
  });
  return findings;
}

/**
 * What to delete to drop one ENV pair: the whole instruction when it is the only one, else the pair and one separator.
 */
function envRemoval(
  model: DockerfileModel,
  placed: PlacedInstruction,
  properties: Property[],
  index: number,
): { start: number; end: number } {
  const { source } = model;
  const offset = (p: { line: number; character: number }) => source.offsetAt(p);
  if (properties.length === 1) {
    const whole = (placed.onbuild ?? placed.instruction).getRange();
    const start = source.lineStart(whole.start.line);
    const end = whole.end.line + 1 < source.lineCount ? source.lineStart(whole.end.line + 1) : source.text.length;
    return { start, end };
  }
  // Cutting up to the next pair (or from the previous one) keeps line continuations in place.
  if (index < properties.length - 1)
    return { start: offset(properties[index].getRange().start), end: offset(properties[index + 1].getRange().start) };
  return { start: offset(properties[index - 1].getRange().end), end: offset(properties[index].getRange().end) };
}

/** Words that make a name a secret wherever they stand, also glued to a prefix (`DBPASSWORD`, `githubToken`). */
const SECRET_WORDS = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'ACCESSKEY',
  'PRIVATEKEY',
  'SECRETKEY',
  'CREDENTIALS',
  'CREDENTIAL',
  'CREDS',
];
/**
 * Short words that are a secret only as the last part of a longer name (`DB_PASS`, `MYSQL_PWD`, `BASIC_AUTH`; `PWD`
 * alone is the working directory).
 */
const SECRET_LAST_WORDS = new Set(['PASS', 'PWD', 'PW', 'AUTH']);
/** `KEY` is a secret after these (`API_KEY`, `APP_KEY`), not alone (`GPG_KEY` is a fingerprint). */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'PRIVATE',
  'SECRET',
  'ENCRYPTION',
  'SIGNING',
  'MASTER',
  'AUTH',
  'SSH',
  'LICENSE',
  'APP',
  'JWT',
  'SESSION',
  'CLIENT',
]);
/** A last word that makes the name point at a secret or describe its handling rather than hold it. */
const NOT_A_VALUE = new Set([
  'FILE',
  'FILES',
  'FILENAME',
  'PATH',
  'DIR',
  'DIRECTORY',
  'FOLDER',
  'LOCATION',
  'URL',
  'URLS',
  'URI',
  'ENDPOINT',
  'HOST',
  'HOSTNAME',
  'SERVER',
  'PORT',
  'ADDR',
  'ADDRESS',
  'NAME',
  'ID',
  'ARN',
  'REF',
  'TYPE',
  'KIND',
  'MODE',
  'METHOD',
  'STRATEGY',
  'PROVIDER',
  'BACKEND',
  'ENGINE',
  'LENGTH',
  'LEN',
  'SIZE',
  'BITS',
  'MIN',
  'MAX',
  'COUNT',
  'LIMIT',
  'EXPIRY',
  'EXPIRES',
  'EXPIRE',
  'EXPIRATION',
  'TTL',
  'TIMEOUT',
  'LIFETIME',
  'AGE',
  'INTERVAL',
  'HEADER',
  'PREFIX',
  'SUFFIX',
  'VERSION',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'DISABLE',
  'REQUIRED',
  'FORMAT',
  'ALGORITHM',
  'ALGO',
  'ALG',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'REGION',
  'POLICY',
  'RULES',
  'PATTERN',
  'REGEX',
  'USER',
  'USERNAME',
  'LOGIN',
  'EMAIL',
  'ENV',
  'VAR',
  'FIELD',
  'PARAM',
  'COOKIE',
  'LABEL',
  'TAG',
]);
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB']);

/** Splits `DB_PASSWORD`, `db-password`, `dbPassword`, `APIKey` into upper-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length || words.some((w) => PUBLIC_WORDS.has(w))) return false;
  const last = words[words.length - 1];
  if (NOT_A_VALUE.has(last)) return false;
  return words.some(
    (word, i) =>
      SECRET_WORDS.some((secret) => word === secret || (word.endsWith(secret) && secret.length >= 5)) ||
      (word === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) ||
      (i === words.length - 1 && words.length > 1 && SECRET_LAST_WORDS.has(word)) ||
      (words.length === 1 && (word === 'PASS' || word === 'AUTH')),
  );
}

/** Whether a value, as Docker reads it, holds a secret written in the Dockerfile rather than a pointer or a flag. */
export function isLiteralSecret(value: string): boolean {
  // `${X:-word}` and `${X:+word}` contribute their literal word; plain references contribute nothing known.
  const literal = value
    .replace(
      /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-+]([^}]*))?(?::?\?[^}]*)?\}/g,
      (_m, word: string | undefined) => word ?? '',
    )
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, '')
    .trim();
  if (literal === '' || /^["']*$/.test(literal)) return false;
  if (/^(?:true|false|yes|no|on|off|none|null|nil|0|1|-)$/i.test(literal)) return false;
  // A file path (`/run/secrets/db`, `./keys/dev.json`): where the secret is, not the secret.
  if (/^(?:~|\.{1,2})?\/[\w.\-~/]*$/.test(literal) && (/\/[\w.\-~]+\//.test(literal) || /\.\w+$/.test(literal)))
    return false;
  // A URL without credentials in it.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(literal)) return false;
  return true;
}

/** A URL with a literal password in it (`postgres://app:s3cret@db/app`), whatever the variable is called. */
export function hasInlineCredentials(value: string): boolean {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i.exec(value.trim())?.[1];
  return password !== undefined && !password.includes('$');
}

function copiedKeyMaterial(model: DockerfileModel, instruction: Instruction): Finding<MessageId, SecretFix>[] {
  const args = copyArguments(instruction, model);
  if (args.heredoc) return [];
  const findings: Finding<MessageId, SecretFix>[] = [];
  const keyword = instruction.getKeyword();
  const destination = args.destination?.value;
  for (const src of args.sources) {
    if (src.value.includes('$')) continue;
    // A destination that names key material (`COPY deploy_key /root/.ssh/id_rsa`) tells what the source is.
    // …unless the source is a template (`COPY .env.example /app/.env`).
    const template = /(?:^|[^a-z])(?:example|sample|template|tpl|dist|defaults?)(?:[^a-z]|$)/i.test(
      pathBasename(src.value),
    );
    const destinationFile =
      args.sources.length === 1 && !template && destination && !destination.endsWith('/') ? destination : undefined;
    const byDestination = destinationFile ? keyMaterial(destinationFile) : undefined;
    // A key-like source copied to a certificate-like name (`dh.pem`, `ca.pem`) is public material after all.
    const material =
      destinationFile && !byDestination && isPublicPemName(destinationFile)
        ? undefined
        : (keyMaterial(src.value) ?? byDestination);
    if (!material) continue;
    const id = secretId(pathBasename(byDestination && !keyMaterial(src.value) ? destination! : src.value));
    const target =
      destination && destination.startsWith('/')
        ? destination.endsWith('/')
          ? destination + pathBasename(src.value)
          : destination
        : undefined;
    findings.push({
      messageId: material.ssh ? 'sshKey' : 'keyFile',
      data: {
        instruction: keyword,
        source: src.value,
        what: material.what,
        mount: `type=secret,id=${id}${target && !/[*?[]/.test(target) ? `,target=${target}` : ''}`,
      },
      range: model.source.rangeOf(src.start, src.end),
      severity: 'warning',
    });
  }
  return findings;
}

interface KeyMaterial {
  what: string;
  ssh?: boolean;
}

const SSH_KEY = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:[_.-][\w.-]*)?$/;
/** Files under `.ssh/` that are public or plain configuration. */
const SSH_PUBLIC = new Set([
  'known_hosts',
  'known_hosts.old',
  'authorized_keys',
  'authorized_keys2',
  'config',
  'environment',
]);
const TOOL_CREDENTIALS = new Map<string, string>(
  Object.entries({
    '.npmrc': 'npm credentials',
    '.pypirc': 'PyPI credentials',
    '.netrc': 'netrc credentials',
    _netrc: 'netrc credentials',
    '.git-credentials': 'Git credentials',
    '.pgpass': 'PostgreSQL passwords',
    '.my.cnf': 'MySQL client credentials',
    '.dockercfg': 'Docker registry credentials',
    kubeconfig: 'a Kubernetes config with cluster credentials',
    'credentials.json': 'a credentials file',
  }),
);
const ENV_TEMPLATE = /^\.env\.(?:example|sample|template|tpl|dist|defaults?|schema)(?:\..*)?$/i;
/** Name words that make a `.pem` or `.key` a certificate or a public key rather than a private key. */
const PUBLIC_PEM_WORD =
  /^(?:ca|cacert|certs?|certificates?|\w*chain|bundle|root|intermediate|pub|public|dh|dhparams?|ffdhe\d*|trust\w*|gpg)$/i;

/** What kind of key material a path names, judged by its name alone (the file is never read). */
export function keyMaterial(path: string): KeyMaterial | undefined {
  const normalized = path.replace(/\\/g, '/');
  const segments = normalized.split('/').filter((s) => s !== '' && s !== '.');
  const base = pathBasename(normalized);
  const lower = base.toLowerCase();
  const under = (folder: string) => segments.slice(0, -1).includes(folder);

  const glob = /[*?[]/.test(base);
  if (base === '.ssh' || (under('.ssh') && glob)) return { what: 'an SSH folder with private keys', ssh: true };
  if ((SSH_KEY.test(base) || under('.ssh')) && !SSH_PUBLIC.has(base) && !base.endsWith('.pub'))
    return { what: 'an SSH private key', ssh: true };
  if (base === '.aws' || (under('.aws') && base === 'credentials')) return { what: 'AWS credentials' };
  if (base === '.gnupg' || under('.gnupg')) return { what: 'a GnuPG keyring' };
  if (base === 'config.json' && under('.docker')) return { what: 'Docker registry credentials' };
  if (base === 'config' && under('.kube')) return { what: 'a Kubernetes config with cluster credentials' };
  const tool = TOOL_CREDENTIALS.get(base);
  if (tool) return { what: tool };
  if (/^client_secret.*\.json$/i.test(base)) return { what: 'an OAuth client secret' };
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATE.test(lower)))
    return { what: 'an environment file' };
  const ext = /\.([a-z0-9]+)$/.exec(lower)?.[1];
  if (ext === 'p12' || ext === 'pfx') return { what: 'a PKCS#12 key store' };
  if (ext === 'ppk') return { what: 'a PuTTY private key' };
  if ((ext === 'jks' || ext === 'keystore') && !/trust/.test(lower)) return { what: 'a Java key store' };
  if (ext === 'pem' || ext === 'key') {
    // A glob (`certs/*.pem`) is judged by its folder.
    if (!isPublicPemName(normalized) && !(glob && hasPublicPemWord(segments[segments.length - 2] ?? '')))
      return { what: 'a private key' };
  }
  return undefined;
}

/** Whether a `.pem`/`.key`/`.crt` name says certificate, chain, DH parameters or public key. */
function isPublicPemName(path: string): boolean {
  const stem = /^(.*)\.(?:pem|key|crt|cer)$/i.exec(pathBasename(path))?.[1];
  return stem !== undefined && hasPublicPemWord(stem);
}

function hasPublicPemWord(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => PUBLIC_PEM_WORD.test(w));
}
/** A secret id from a file name: `.npmrc` → `npmrc`, `id_rsa` → `id_rsa`. */
function secretId(base: string): string {
  return (
    base
      .replace(/^[._]+/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '_')
      .toLowerCase() || 'secret'
  );
}
