import { isCollection, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import type { EnvVar, Setting } from '../../container/spec';
import { replaceScalar } from '../../compose/edit';
import { yamlRef, type ComposeModel, type ComposeService } from '../../compose/model';
import { hasInlineCredentials, isLiteralSecret, isSecretName } from '../image/secret-in-build';
import type { Finding, Fix, TextEdit } from '../../types';

type MessageId = 'literal' | 'weak' | 'literalDefault' | 'weakDefault' | 'urlPassword';

interface SecretFix {
  service: ComposeService;
  index: number;
  /** The variable the fix reads the secret from. */
  variable: string;
}

/** Passwords that images document as examples, installers default to, and attackers try first. */
const WEAK_PASSWORDS = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'password123',
  'pass',
  'pass123',
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'admin',
  'admin123',
  'administrator',
  'root',
  'toor',
  'example',
  'secret',
  'secret123',
  'test',
  'test123',
  'testing',
  'default',
  'guest',
  'demo',
  'user',
  'letmein',
  'welcome',
  'qwerty',
  'abc123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '0000',
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'redis',
  'rabbitmq',
  'keycloak',
  'minio123',
  'minioadmin',
]);

/** `${VAR:-default}` or `${VAR-default}` as the whole value, with a default free of variables. */
const WHOLE_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^${}]*)\}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export default defineRule({
  meta: {
    id: 'container/literal-secret',
    title: 'Secret written in the compose file',
    kind: 'compose',
    severity: 'warning',
    threat: 'application',
    mitigation: prose`
      Keep secrets out of the compose file: use Compose \`secrets:\` (files mounted under /run/secrets, with \`*_FILE\`
      variables where the image reads them), or \`\${NAME:?}\` filled from the environment or an untracked \`.env\`.
    `,
    cis: '4.10',
    peers: {},
    references: [
      { title: 'Compose: manage secrets securely', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
      {
        title: 'Compose: interpolation (`${VAR:?error}`)',
        url: 'https://docs.docker.com/reference/compose-file/interpolation/',
      },
      {
        title: 'OWASP Secrets Management Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      },
    ],
    fix: 'unsafe',
    messages: {
      literal: prose`
        Service \`{{service}}\` sets \`{{name}}\` to a literal value: whoever can read this file, its history or
        \`docker inspect\` has the secret.
      `,
      weak: prose`
        Service \`{{service}}\` sets \`{{name}}\` to \`{{value}}\`, a well-known default password: it is the first one
        an attacker tries.
      `,
      literalDefault: prose`
        Service \`{{service}}\` falls back to a literal \`{{name}}\` when \`{{variable}}\` is not set: the fallback
        secret is in this file for whoever can read it.
      `,
      weakDefault: prose`
        Service \`{{service}}\` falls back to \`{{value}}\` for \`{{name}}\` when \`{{variable}}\` is not set: a
        well-known default password, the first one an attacker tries.
      `,
      urlPassword: 'Service `{{service}}` puts a password in the URL of `{{name}}`: whoever can read this file has it.',
    },
    docs: {
      description: prose`
        Reports secrets written into a compose file's \`environment\` (mapping or list form): a variable whose name says
        it holds a secret (\`DB_PASSWORD\`, \`API_TOKEN\`, \`SECRET_KEY\`, \`AWS_SECRET_ACCESS_KEY\`, …) set to a
        literal value, or falling back to one (\`\${DB_PASSWORD:-hunter2}\`), and any variable set to a URL with a
        password in it. A well-known default password (\`password\`, \`changeme\`, \`admin\`, \`root\`, \`example\`,
        \`secret\`, \`123456\`, \`postgres\`, …) in a password variable is an error: it is the first password tried
        against an exposed database. Names are read as \`image/secret-in-build\` reads them: a name that points at a
        secret (\`POSTGRES_PASSWORD_FILE\`, \`*_PATH\`, \`*_URL\`) or describes its handling (\`TOKEN_TTL\`) is not a
        secret, and flags (\`MYSQL_RANDOM_ROOT_PASSWORD: "yes"\`), file paths and plain \`\${VAR}\` references are not
        literals.

        The fix replaces the literal with \`\${NAME:?set NAME}\`, so Compose takes the value from the environment or the
        \`.env\` file and refuses to start without one. It is unsafe: the value must then be provided wherever the
        project runs, and a secret already committed must be changed, since the repository history keeps it. When the
        literal sits in a YAML anchor, the fix changes the anchor, and so every service that uses it. One value gets one
        variable: the fix also makes every other secret of the file holding the same literal read the variable of its
        first use (an app's copy of the database password), and replaces it where a healthcheck or a connection URL
        passes it as a password (\`-p…\`, \`--password=…\`, \`PGPASSWORD=…\`, \`user:…@\`), so the probe and the client
        keep working once the password changes; a user name that happens to equal the password stays.
      `,
      examples: {
        bad: [
          file`
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: example
          `,
          file`
            services:
              app:
                image: ghcr.io/acme/app:1.4
                environment:
                  - API_TOKEN=tok_4f9a8b7c6d5e
          `,
        ],
        good: [
          file`
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                secrets: [db_password]
            secrets:
              db_password:
                file: ./db_password.txt
          `,
          file`
            services:
              app:
                image: ghcr.io/acme/app:1.4
                environment:
                  - API_TOKEN=\${API_TOKEN:?set API_TOKEN}
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId, SecretFix>[] = [];
    for (const service of model.services) {
      service.spec.environment.items.forEach((item, index) => {
        const env = item.value;
        if (!env || env.passthrough) return;
        const found = classify(env, valueText(item));
        if (!found) return;
        const data: Record<string, string> = {
          service: service.name,
          name: env.name,
          ...(found.variable ? { variable: found.variable } : {}),
        };
        if (found.weak) data.value = found.literal;
        const fixVariable = found.variable ?? (VARIABLE_NAME.test(env.name) ? env.name : undefined);
        findings.push({
          messageId: found.messageId,
          data,
          ...placeOf(item.origin, 'value'),
          ...(found.weak ? { severity: 'error' as const } : {}),
          ...(fixVariable && found.messageId !== 'urlPassword'
            ? { fixData: { service, index, variable: fixVariable } }
            : {}),
        });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    const item = data && service?.spec.environment.items[data.index];
    const env = item?.value;
    const found = item && env && classify(env, valueText(item));
    if (!data || !item || !found) return [];
    // One value, one variable: every secret of the file that holds the same literal (the database's password and the
    // app's copy of it) reads the variable of its first use, so the two cannot drift apart; and the healthchecks and
    // connection URLs that repeat it read it too, else the probe keeps the old password and marks the service
    // unhealthy.
    const uses = usesOf(model, found.literal);
    const variable = uses.secrets[0]?.variable ?? data.variable;
    const edits: TextEdit[] = [];
    const seen = new Set<unknown>();
    const others: string[] = [];
    for (const use of [
      { service: service!.name, item, variable: data.variable },
      ...uses.secrets.filter((u) => u.item !== item),
    ]) {
      const edit = secretEdit(model, use.item, variable);
      const node = yamlRef(use.item.origin)?.node;
      if (!edit || seen.has(node)) {
        if (use.item === item && !edit) return [];
        continue;
      }
      seen.add(node);
      edits.push(edit);
      if (use.item !== item) others.push(`\`${use.service}\` \`${use.item.value?.name}\``);
    }
    for (const repeat of uses.repeats) {
      if (seen.has(repeat.node)) continue;
      const edit = replaceScalar(model, repeat.node, { string: repeat.text(`\${${variable}}`) }, repeat.inFlow);
      if (!edit) continue;
      seen.add(repeat.node);
      edits.push(edit);
      others.push(
        repeat.where === 'healthcheck'
          ? `the \`${repeat.service}\` healthcheck`
          : `\`${repeat.service}\` \`${repeat.where}\``,
      );
    }
    const also = others.length ? ` (and its copies in ${others.join(', ')})` : '';
    edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return [{ title: `Read \`${env!.name}\` from \`\${${variable}}\`${also}`, safe: false, edits }];
  },
});

interface SecretUse {
  service: string;
  item: Setting<EnvVar>;
  variable: string;
}

/** A scalar that repeats the literal where a program reads a password: a healthcheck argument, a URL's password. */
interface Repeat {
  service: string;
  /** "healthcheck", or the variable holding a URL. */
  where: string;
  node: Scalar;
  inFlow: boolean;
  /** The scalar's value with the literal's password uses replaced by `reference`. */
  text(reference: string): string;
}

/** Where a literal secret is written in the file: as a secret variable's value, and repeated where it is used. */
function usesOf(model: ComposeModel, literal: string): { secrets: SecretUse[]; repeats: Repeat[] } {
  const index = secretIndex(model);
  const secrets = index.secrets.get(literal) ?? [];
  // A literal with `$` would be read as a variable once the reference stands beside it; such values are left alone.
  if (literal.length === 0 || literal.includes('$')) return { secrets, repeats: [] };
  const inUse = passwordUse(literal);
  const repeats: Repeat[] = [];
  for (const at of candidatesHolding(index).get(literal) ?? []) {
    const { service, where, node, inFlow, value, afterPasswordOption } = index.candidates[at];
    if (afterPasswordOption && value === literal)
      repeats.push({ service, where, node, inFlow, text: (reference) => reference });
    else if (inUse.test(value))
      repeats.push({ service, where, node, inFlow, text: (reference) => inUse.replace(value, reference) });
  }
  return { secrets, repeats };
}

/**
 * What the fixes of one file read from all its services, gathered once per model: each fix looks for its literal's
 * other uses, and a scan of every service per finding made a file of n services cost n².
 */
interface SecretIndex {
  /** Secret variables by literal, in file order. */
  secrets: Map<string, SecretUse[]>;
  /** Scalars that may repeat a password (a URL with credentials, a healthcheck command), in file order. */
  candidates: RepeatCandidate[];
  /** Literal → the candidates (indexes, ascending) where it stands at a place a password may: read on first use. */
  holding?: Map<string, number[]>;
}

interface RepeatCandidate extends Omit<Repeat, 'text'> {
  value: string;
  /** An exec-form healthcheck argument after `-p`, `--password`…: the whole value is the password. */
  afterPasswordOption: boolean;
}

const secretIndexes = new WeakMap<ComposeModel, SecretIndex>();

function secretIndex(model: ComposeModel): SecretIndex {
  let index = secretIndexes.get(model);
  if (index) return index;
  index = { secrets: new Map(), candidates: [] };
  for (const service of model.services) {
    for (const item of service.spec.environment.items) {
      const env = item.value;
      if (!env || env.passthrough) continue;
      const found = classify(env, valueText(item));
      if (!found) continue;
      const variable = found.variable ?? (VARIABLE_NAME.test(env.name) ? env.name : undefined);
      if (found.messageId !== 'urlPassword') {
        if (!variable) continue;
        let list = index.secrets.get(found.literal);
        if (!list) index.secrets.set(found.literal, (list = []));
        list.push({ service: service.name, item, variable });
      } else if (!env.usesVariables) {
        const ref = yamlRef(item.origin);
        if (
          !ref ||
          !isScalar(ref.node) ||
          item.origin.via.some((v) => v.path !== undefined) ||
          typeof ref.node.value !== 'string'
        )
          continue;
        index.candidates.push({
          service: service.name,
          where: env.name,
          node: ref.node,
          inFlow: !!ref.holder.flow,
          value: ref.node.value,
          afterPasswordOption: false,
        });
      }
    }
    index.candidates.push(...healthcheckCandidates(service));
  }
  secretIndexes.set(model, index);
  return index;
}

/** Characters that may end the text before a password (`passwordUse`'s prefixes: `-p`, `=`, a space, a URL's `:`). */
const BEFORE_PASSWORD = new Set(['p', '=', ' ', ':']);
/** Characters that may follow a password, besides the end of the value. */
const AFTER_PASSWORD = /[\s'"@;&|)]/;

/**
 * The literals of the file each candidate holds where a password may stand: a superset of what `passwordUse` accepts
 * (it checks each one), found by slicing the value at the lengths of the file's literals only.
 */
function candidatesHolding(index: SecretIndex): Map<string, number[]> {
  if (index.holding) return index.holding;
  const holding = new Map<string, number[]>();
  const literals = new Set([...index.secrets.keys()].filter((literal) => literal.length > 0 && !literal.includes('$')));
  const lengths = [...new Set([...literals].map((literal) => literal.length))];
  index.candidates.forEach((candidate, at) => {
    const held = new Set<string>();
    const value = candidate.value;
    if (candidate.afterPasswordOption && literals.has(value)) held.add(value);
    for (let start = 1; start < value.length; start++) {
      if (!BEFORE_PASSWORD.has(value[start - 1])) continue;
      for (const length of lengths) {
        const end = start + length;
        if (end > value.length || (end < value.length && !AFTER_PASSWORD.test(value[end]))) continue;
        const slice = value.slice(start, end);
        if (literals.has(slice)) held.add(slice);
      }
    }
    for (const literal of held) {
      let list = holding.get(literal);
      if (!list) holding.set(literal, (list = []));
      list.push(at);
    }
  });
  return (index.holding = holding);
}

/**
 * The literal where a command line passes it as a password: `-pSECRET`, `--password=SECRET`, `--pass SECRET`,
 * `-a SECRET` (redis-cli), `PGPASSWORD=SECRET`, `MYSQL_PWD=SECRET`, a URL's `user:SECRET@`. Other occurrences (a user
 * name equal to the password, a word in a message) are not the password and stay.
 */
interface PasswordUse {
  literal: string;
  test(value: string): boolean;
  replace(value: string, reference: string): string;
}

function passwordUse(literal: string): PasswordUse {
  const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = [
    '(?<=(?:^|\\s)-p)',
    '(?<=(?:^|\\s)--password[= ])',
    '(?<=(?:^|\\s)--pass[= ])',
    '(?<=(?:^|\\s)-a )',
    '(?<=(?:^|[\\s;&|])(?:PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH)=)',
    '(?<=:\\/\\/[^\\s/:@]*:)',
  ].join('|');
  const source = `(?:${before})${escaped}(?=$|[\\s'"@;&|)])`;
  return {
    literal,
    test: (value) => new RegExp(source).test(value),
    replace: (value, reference) => value.replace(new RegExp(source, 'g'), () => reference),
  };
}

/** A password option that takes the next argument of an exec-form command. */
const PASSWORD_OPTIONS = new Set(['-p', '--password', '--pass', '-a']);

/** The healthcheck's command and arguments, which may pass a password. */
function healthcheckCandidates(service: ComposeService): RepeatCandidate[] {
  const entry = service.entries.get('healthcheck');
  if (!entry || entry.via.some((v) => v.path !== undefined) || !isMap(entry.value)) return [];
  const test = entry.value.get('test', true);
  const inFlow = (holder: unknown) => isCollection(holder) && !!holder.flow;
  const candidate = (
    node: Scalar & { value: string },
    holder: unknown,
    afterPasswordOption: boolean,
  ): RepeatCandidate => ({
    service: service.name,
    where: 'healthcheck',
    node,
    inFlow: inFlow(holder),
    value: node.value,
    afterPasswordOption,
  });
  if (isScalar(test) && typeof test.value === 'string')
    return [candidate(test as Scalar & { value: string }, entry.value, false)];
  if (!isSeq(test)) return [];
  const out: RepeatCandidate[] = [];
  test.items.forEach((node, i) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const previous = test.items[i - 1];
    out.push(
      candidate(
        node as Scalar & { value: string },
        test,
        isScalar(previous) && PASSWORD_OPTIONS.has(String(previous.value)),
      ),
    );
  });
  return out;
}

/** The edit that makes one secret variable read `variable`, where it is written in this file (an anchor included). */
function secretEdit(model: ComposeModel, item: Setting<EnvVar>, variable: string): TextEdit | undefined {
  const ref = yamlRef(item.origin);
  // The literal is edited where it is written, even in an anchor other services share: they all hold the same
  // secret, and all take it from the same variable after the fix. Text in another file is not edited from here.
  if (!ref || !isScalar(ref.node) || item.origin.via.some((v) => v.path !== undefined)) return undefined;
  const reference = `\${${variable}:?set ${variable}}`;
  const listForm = ref.pair === undefined;
  const eq = item.text.indexOf('=');
  if (listForm && eq < 0) return undefined;
  const newText = listForm ? `${item.text.slice(0, eq + 1)}${reference}` : reference;
  return replaceScalar(model, ref.node, { string: newText }, !!ref.holder.flow);
}

/** The value as written: a mapping value, or what follows `=` in a list item. */
function valueText(item: Setting<EnvVar>): string {
  if (item.origin.keyRange !== undefined) return item.text;
  const eq = item.text.indexOf('=');
  return eq < 0 ? '' : item.text.slice(eq + 1);
}

function classify(
  env: EnvVar,
  written: string,
): { messageId: MessageId; literal: string; variable?: string; weak: boolean } | undefined {
  if (isSecretName(env.name)) {
    let literal: string;
    let variable: string | undefined;
    if (!env.usesVariables) literal = written;
    else {
      // Only a whole `${VAR:-default}` puts a literal in the file; `prefix-${VAR}` and the like are not reported.
      const m = WHOLE_DEFAULT.exec(written.trim());
      if (!m) return undefined;
      [, variable, literal] = m;
    }
    if (!isLiteralSecret(literal)) return undefined;
    const weak = isPasswordName(env.name) && WEAK_PASSWORDS.has(literal.trim().toLowerCase());
    const messageId: MessageId = variable ? (weak ? 'weakDefault' : 'literalDefault') : weak ? 'weak' : 'literal';
    return { messageId, literal: literal.trim(), weak, ...(variable ? { variable } : {}) };
  }
  if (!env.usesVariables && hasInlineCredentials(written))
    return { messageId: 'urlPassword', literal: written, weak: false };
  return undefined;
}

function isPasswordName(name: string): boolean {
  return /PASSWORD|PASSWD|PASSPHRASE/i.test(name) || /(^|[^A-Za-z])(PASS|PWD|PW)$/i.test(name);
}
