import { defineRule, prose, file } from '../../rule';
import { allRuns, type RunScript } from '../../dockerfile/model';
import { basename, type ShellWord, type SimpleCommand, appletWords } from '../../dockerfile/shell';
import { readArguments, type CommandArguments, type CommandOption } from '../../dockerfile/options';
import { CURL_OPTIONS, WGET_OPTIONS } from '../../dockerfile/downloads';
import { managerCommand } from '../../dockerfile/packages';
import { removeOption, spanEdit, type Span } from '../../dockerfile/shell-edits';
import { variableSettings } from '../../dockerfile/variables';
import type { SourceText } from '../../text';
import type { Finding, Fix } from '../../types';

type MessageId = 'option' | 'setting' | 'variable';

const CERTIFICATES = 'TLS certificate verification';
const SIGNATURES = 'package signature verification';

interface RemovalFix {
  /** What the fix removes, for its title. */
  removed: string;
  span: Span;
}

export default defineRule({
  meta: {
    id: 'image/tls-verification-disabled',
    title: 'Certificate or signature verification turned off',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Keep verification on: install the CA certificate the server needs (\`ca-certificates\`, or \`COPY\` your CA into
      the trust store and run \`update-ca-certificates\`) and import the repository signing key.
    `,
    peers: {
      checkov: [
        'CKV2_DOCKER_2',
        'CKV2_DOCKER_3',
        'CKV2_DOCKER_4',
        'CKV2_DOCKER_5',
        'CKV2_DOCKER_6',
        'CKV2_DOCKER_7',
        'CKV2_DOCKER_8',
        'CKV2_DOCKER_9',
        'CKV2_DOCKER_10',
        'CKV2_DOCKER_11',
        'CKV2_DOCKER_12',
        'CKV2_DOCKER_13',
        'CKV2_DOCKER_14',
        'CKV2_DOCKER_15',
        'CKV2_DOCKER_16',
        'CKV2_DOCKER_18',
      ],
    },
    references: [
      { title: 'Checkov Dockerfile policy index', url: 'https://www.checkov.io/5.Policy%20Index/dockerfile.html' },
      { title: 'curl: --insecure', url: 'https://curl.se/docs/manpage.html#-k' },
      {
        title: 'Node.js: NODE_TLS_REJECT_UNAUTHORIZED',
        url: 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      },
      {
        title: 'git: GIT_SSL_NO_VERIFY and http.sslVerify',
        url: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify',
      },
    ],
    fix: 'unsafe',
    messages: {
      option: prose`
        \`{{option}}\` turns off {{check}} in {{tool}}: whoever sits between the build and the server can swap what it
        downloads.
      `,
      setting: '{{tool}} is configured with `{{setting}}`, which turns off {{check}} for every later download.',
      variable: '`{{setting}}` turns off {{check}} in {{tool}} for every process that sees the variable.',
    },
    docs: {
      description: prose`
        Reports what turns off the checks that make a download trustworthy, in RUN commands (also ONBUILD triggers,
        heredoc scripts and \`sh -c\` strings) and in ENV and ARG:

        - TLS certificates: \`curl -k\` / \`--insecure\` (also inside \`-fsSLk\`), \`wget --no-check-certificate\`,
          \`pip --trusted-host\`, \`pip config set global.trusted-host\`,
          \`npm\`/\`yarn\`/\`pnpm config set strict-ssl false\`, \`npm --strict-ssl=false\`,
          \`git -c http.sslVerify=false\`, \`git config http.sslVerify false\`, \`yum\`/\`dnf --setopt=sslverify=0\`,
          \`apt-get -o Acquire::https::Verify-Peer=false\`, \`bundle config ssl_verify_mode 0\`;
        - package signatures: \`apk --allow-untrusted\`, \`apt-get --allow-unauthenticated\` /
          \`--allow-insecure-repositories\` / \`--force-yes\`, \`yum\`/\`dnf --nogpgcheck\` or \`--setopt=gpgcheck=0\`,
          \`rpm --nosignature\` / \`--nodigest\`, \`zypper --no-gpg-checks\`;
        - environment: \`GIT_SSL_NO_VERIFY\` (git ignores its value: any value turns verification off),
          \`NODE_TLS_REJECT_UNAUTHORIZED=0\`, \`PYTHONHTTPSVERIFY=0\`, \`NPM_CONFIG_STRICT_SSL=false\`,
          \`YARN_ENABLE_STRICT_SSL=false\`, \`PIP_TRUSTED_HOST\`, \`GOINSECURE\`, \`BUNDLE_SSL_VERIFY_MODE=0\`, set by
          ENV, by an ARG default, or in a command (\`NAME=value cmd\`, \`export\`, \`env\`).

        Text that only mentions a flag (\`echo "use curl -k"\`) is not a command and is not reported. The fix removes
        the option (with its value) or the variable setting; configuration commands such as \`npm config set\` are
        reported without a fix. It is offered one by one, never by fix-all: a download from a server whose certificate
        or key the build does not trust then fails (install its CA certificate or key first). \`apk --allow-untrusted\`
        installing local \`.apk\` files (built in an earlier stage, so not downloaded) gets no fix: unsigned local
        packages need it; sign them with \`abuild-sign\` and trust the key instead.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN curl -fsSLk -o /tmp/app.tgz https://example.com/app.tgz
          `,
          file`
            FROM node:20
            ENV NODE_TLS_REJECT_UNAUTHORIZED=0
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz
          `,
          file`
            FROM debian:12
            RUN echo "never use curl -k"
          `,
        ],
      },
      peerNotes: prose`
        Checkov matches the RUN text with regular expressions, so it also reports \`curl -k\` written inside a string
        (\`echo "curl -k"\`); Bulkhead reads the commands, so it does not. \`gem\` has no option that turns verification
        off (RubyGems verifies TLS unless \`:ssl_verify_mode: 0\` is set in \`.gemrc\`), so \`gem\` is only covered
        through Bundler’s \`ssl_verify_mode\`.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, RemovalFix>[] = [];
    const text = model.source.text;
    for (const run of allRuns(model)) {
      for (const cmd of run.script.commands) findings.push(...commandFindings(model.source, text, run, cmd));
    }
    for (const setting of variableSettings(model, (name) => VARIABLES.some((v) => v.name.test(name)))) {
      const variable = VARIABLES.find((v) => v.name.test(setting.name))!;
      if (!variable.disables(setting.value)) continue;
      const written = `${setting.name}=${setting.value ?? '…'}`;
      findings.push({
        messageId: 'variable',
        data: { setting: written, check: variable.check, tool: variable.tool },
        range: model.source.rangeOf(setting.start, setting.end),
        fixData: setting.removal ? { removed: setting.name, span: setting.removal } : undefined,
      });
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [{ title: `Remove \`${data.removed}\``, safe: false, edits: [spanEdit(model.source, data.span)] }];
  },
});

interface Variable {
  name: RegExp;
  /** Whether this value turns verification off; `undefined` stands for a value not known (`$VAR`). */
  disables(value: string | undefined): boolean;
  tool: string;
  check: string;
}

const FALSE = /^(false|0|no|off)$/i;

const VARIABLES: Variable[] = [
  // git checks only that the variable is set, whatever its value.
  { name: /^GIT_SSL_NO_VERIFY$/, disables: () => true, tool: 'git', check: CERTIFICATES },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, disables: (v) => v === '0', tool: 'Node.js', check: CERTIFICATES },
  { name: /^PYTHONHTTPSVERIFY$/, disables: (v) => v === '0', tool: 'Python', check: CERTIFICATES },
  {
    name: /^npm_config_strict_ssl$/i,
    disables: (v) => v !== undefined && /^false$/i.test(v),
    tool: 'npm',
    check: CERTIFICATES,
  },
  {
    name: /^YARN_ENABLE_STRICT_SSL$/,
    disables: (v) => v !== undefined && FALSE.test(v),
    tool: 'Yarn',
    check: CERTIFICATES,
  },
  { name: /^PIP_TRUSTED_HOST$/, disables: (v) => v !== '', tool: 'pip', check: CERTIFICATES },
  { name: /^GOINSECURE$/, disables: (v) => v !== '', tool: 'Go', check: CERTIFICATES },
  { name: /^BUNDLE_SSL_VERIFY_MODE$/, disables: (v) => v === '0', tool: 'Bundler', check: CERTIFICATES },
];

function commandFindings(
  source: SourceText,
  text: string,
  run: RunScript,
  cmd: SimpleCommand,
): Finding<MessageId, RemovalFix>[] {
  const findings: Finding<MessageId, RemovalFix>[] = [];
  const optionFinding = (option: CommandOption, tool: string, check: string, noFix = false) => {
    const last = option.valueWord ?? option.word;
    // `-k` inside `-fsSLk` goes alone; an option with its value goes with it.
    const span = removeOption(text, run, cmd, option);
    findings.push({
      messageId: 'option',
      data: { option: option.value !== undefined ? `${option.name} ${option.value}` : option.name, check, tool },
      range: source.rangeOf(option.word.start, last.end),
      fixData: span && !noFix ? { removed: option.name, span } : undefined,
    });
  };
  const settingFinding = (from: ShellWord, to: ShellWord, setting: string, tool: string, check: string) => {
    findings.push({ messageId: 'setting', data: { setting, tool, check }, range: source.rangeOf(from.start, to.end) });
  };

  const words = appletWords(cmd);
  if (!words.length || words[0].dynamic) return findings;
  const name = basename(words[0].value);

  if (name === 'curl') {
    for (const option of readArguments(words.slice(1), CURL_OPTIONS).options) {
      if (['-k', '--insecure', '--proxy-insecure', '--doh-insecure'].includes(option.name))
        optionFinding(option, 'curl', CERTIFICATES);
    }
    return findings;
  }
  if (name === 'wget') {
    for (const option of readArguments(words.slice(1), WGET_OPTIONS).options) {
      if (option.name === '--no-check-certificate') optionFinding(option, 'wget', CERTIFICATES);
    }
    return findings;
  }
  if (name === 'git') {
    const args = readArguments(words.slice(1), {
      shortWithValue: 'Ccf',
      longWithValue: ['--git-dir', '--work-tree', '--namespace', '--config-env', '--file', '--type', '--blob'],
    });
    for (const option of args.options) {
      if (
        (option.name === '-c' || option.name === '--config') &&
        option.value !== undefined &&
        /^http\.(.+\.)?sslverify=(false|no|off|0)?$/i.test(option.value)
      ) {
        optionFinding(option, 'git', CERTIFICATES);
      }
    }
    const [sub, ...rest] = args.operands;
    if (sub?.value === 'config') {
      const [key, value] = rest[0]?.value === 'set' ? rest.slice(1) : rest;
      if (key && value && /^http\.(.+\.)?sslverify$/i.test(key.value) && FALSE.test(value.value)) {
        settingFinding(words[0], value, `${key.value} ${value.value}`, 'git', CERTIFICATES);
      }
    }
    return findings;
  }
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    const args = readArguments(words.slice(1), {});
    const setting = configSet(args, name);
    if (setting && /^(strict-ssl|enableStrictSsl)$/.test(setting.key) && /^false$/i.test(setting.value)) {
      settingFinding(words[0], setting.last, `${setting.key} ${setting.value}`, name, CERTIFICATES);
    }
    for (const option of args.options) {
      if (option.name === '--no-strict-ssl' || (option.name === '--strict-ssl' && /^false$/i.test(option.value ?? '')))
        optionFinding(option, name, CERTIFICATES);
    }
    return findings;
  }
  if (name === 'bundle') {
    const args = readArguments(words.slice(1), {});
    const setting = configSet(args, 'bundle');
    if (setting && setting.key === 'ssl_verify_mode' && setting.value === '0')
      settingFinding(words[0], setting.last, `ssl_verify_mode ${setting.value}`, 'Bundler', CERTIFICATES);
    return findings;
  }
  if (name === 'rpm') {
    for (const option of readArguments(words.slice(1), {}).options) {
      if (['--nosignature', '--nodigest', '--noverify', '--nofiledigest', '--nogpgcheck'].includes(option.name))
        optionFinding(option, 'rpm', SIGNATURES);
    }
    return findings;
  }
  if (name === 'yum-config-manager' || (name === 'dnf' && words[1]?.value === 'config-manager')) {
    for (const option of readArguments(words.slice(1), { longWithValue: ['--setopt'] }).options)
      repositoryOption(option, name);
    return findings;
  }

  const manager = managerCommand(cmd);
  if (!manager) return findings;
  const { args } = manager;
  const tool = manager.manager;
  if (tool === 'pip') {
    for (const option of args.options) if (option.name === '--trusted-host') optionFinding(option, 'pip', CERTIFICATES);
    const setting = configSet(args, 'pip');
    if (setting && /(^|\.)trusted-host$/.test(setting.key))
      settingFinding(manager.command, setting.last, `${setting.key} ${setting.value}`, 'pip', CERTIFICATES);
  } else if (tool === 'apk') {
    // Local package files (`/pkgs/*.apk`, built in an earlier stage) are unsigned: without the flag the install fails.
    const localFiles = args.operands.some((o) => /\.apk$/.test(o.value) && !/^[a-z]+:\/\//i.test(o.value));
    for (const option of args.options)
      if (option.name === '--allow-untrusted') optionFinding(option, 'apk', SIGNATURES, localFiles);
  } else if (tool === 'apt-get' || tool === 'apt') {
    for (const option of args.options) {
      if (['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes'].includes(option.name))
        optionFinding(option, tool, SIGNATURES);
      if ((option.name === '-o' || option.name === '--option') && option.value !== undefined) {
        if (/^Acquire::https::(.+::)?Verify-(Peer|Host)=["']?(false|0|no|off)["']?$/i.test(option.value))
          optionFinding(option, tool, CERTIFICATES);
        else if (
          /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)=["']?(true|1|yes|on)["']?$/i.test(
            option.value,
          )
        ) {
          optionFinding(option, tool, SIGNATURES);
        }
      }
    }
  } else if (tool === 'yum' || tool === 'dnf' || tool === 'microdnf') {
    for (const option of args.options) {
      if (option.name === '--nogpgcheck') optionFinding(option, tool, SIGNATURES);
      else repositoryOption(option, tool);
    }
  } else if (tool === 'zypper') {
    for (const option of args.options)
      if (option.name === '--no-gpg-checks') optionFinding(option, 'zypper', SIGNATURES);
  }
  return findings;

  function repositoryOption(option: CommandOption, tool: string): void {
    if (option.name !== '--setopt' || option.value === undefined) return;
    if (/^([^=\s]+\.)?sslverify=["']?(false|0|no|off)["']?$/i.test(option.value))
      optionFinding(option, tool, CERTIFICATES);
    else if (/^([^=\s]+\.)?(repo_)?gpgcheck=["']?(false|0|no|off)["']?$/i.test(option.value))
      optionFinding(option, tool, SIGNATURES);
  }
}

/**
 * `config set KEY VALUE` or `config set KEY=VALUE` (npm, yarn, pnpm, pip); npm also takes `c set` and `set`, Bundler
 * `config KEY VALUE`.
 */
function configSet(args: CommandArguments, tool: string): { key: string; value: string; last: ShellWord } | undefined {
  const operands = args.operands;
  const at = (i: number) => operands[i]?.value;
  let i: number;
  if (at(0) === 'config' || (tool === 'npm' && at(0) === 'c')) i = 1;
  else if (tool === 'npm' && at(0) === 'set') i = 0;
  else return undefined;
  if (at(i) === 'set') i++;
  else if (tool !== 'bundle') return undefined;
  const first = operands[i];
  if (!first) return undefined;
  const eq = first.value.indexOf('=');
  if (eq > 0) return { key: first.value.slice(0, eq), value: first.value.slice(eq + 1), last: first };
  const second = operands[i + 1];
  return second ? { key: first.value, value: second.value, last: second } : undefined;
}
