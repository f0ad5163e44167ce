import { defineRule, prose } from '../../rule';
import { allRuns, type DockerfileModel, type RunScript, type Stage } from '../../dockerfile/model';
import { appletWords, basename, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { readArguments, type CommandOption } from '../../dockerfile/options';
import { CURL_OPTIONS, WGET_OPTIONS } from '../../dockerfile/downloads';
import { removeOption, spanEdit, type Span } from '../../dockerfile/shell-edits';
import type { Finding, Fix } from '../../types';

type MessageId = 'capped' | 'allowed';

interface RemovalFix {
  removed: string;
  span: Span;
}

export default defineRule({
  meta: {
    id: 'image/old-tls-version',
    title: 'Download forced onto SSL or TLS 1.0/1.1',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
        Leave the TLS version to the tool (TLS 1.2 or later); a server that only speaks TLS 1.0 or 1.1 needs upgrading,
        or its file needs a digest check (\`sha256sum -c\`).
      `,
    peers: {},
    references: [
      { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
      { title: 'RFC 7568: Deprecating SSL 3.0', url: 'https://www.rfc-editor.org/rfc/rfc7568' },
      { title: 'curl: --tls-max', url: 'https://curl.se/docs/manpage.html#--tls-max' },
      {
        title: 'GNU Wget: --secure-protocol',
        url: 'https://www.gnu.org/software/wget/manual/html_node/HTTPS-_0028SSL_002fTLS_0029-Options.html',
      },
    ],
    fix: 'unsafe',
    messages: {
      capped: prose`
          \`{{option}}\` keeps {{tool}} at {{version}}, which RFC 8996 and RFC 7568 retire: its known attacks let
          whoever is on the network path read or change the download.
        `,
      allowed: prose`
          \`{{option}}\` lets {{tool}} fall back to {{version}}, which RFC 8996 retires: whoever is on the network path
          can push the connection down to it.
        `,
    },
    docs: {
      description: prose`
        Reports download commands that force, or allow, a retired protocol version, in RUN (also ONBUILD triggers,
        heredoc scripts and \`sh -c\` strings): curl's \`--sslv2\`/\`-2\`, \`--sslv3\`/\`-3\` and \`--tls-max 1.0\`
        or \`1.1\` (capped), \`--tlsv1.0\` and \`--tlsv1.1\` (a lower minimum, which allows a downgrade); wget's
        \`--secure-protocol=SSLv2\`, \`SSLv3\`, \`TLSv1\` and \`TLSv1_1\`; and git's \`http.sslVersion\` set to an SSL
        or TLS 1.0/1.1 version (\`git -c http.sslVersion=tlsv1.0\`, \`git config http.sslVersion tlsv1.1\`). A
        version held in an ARG or ENV (\`--tls-max "$TLS_MAX"\`) is read as the shell sees it. curl's
        \`--tlsv1\` (\`-1\`) asks for TLS 1.0 or later, which every curl does anyway, and is not reported.

        The fix removes the option. It is unsafe, and its title says what it assumes: a server that only speaks the
        old version then refuses the connection.

        A redirect from an \`https://\` URL to an \`http://\` one (curl \`-L\`, wget) is not reported: only the
        server knows where it redirects, so the Dockerfile does not tell. \`curl --proto-redir =https\` refuses such
        a redirect.
      `,
      examples: {
        bad: ['FROM debian:12\nRUN curl --tls-max 1.1 -fsSLo /tmp/x.tgz https://example.com/x.tgz\n'],
        good: ['FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz\n'],
      },
      peerNotes: 'No peer in the corpus checks the TLS version a download is forced onto.',
    },
  },

  check(model) {
    const findings: Finding<MessageId, RemovalFix>[] = [];
    for (const run of allRuns(model))
      for (const cmd of run.script.commands) findings.push(...commandFindings(model, run, cmd));
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [
      {
        title: `Remove \`${data.removed}\` (assumes the server speaks TLS 1.2 or later)`,
        safe: false,
        edits: [spanEdit(model.source, data.span)],
        basis: { facts: [], assumption: 'the server speaks TLS 1.2 or later' },
      },
    ];
  },
});

const CURL_CAPPED: Record<string, string> = { '-2': 'SSL 2', '--sslv2': 'SSL 2', '-3': 'SSL 3', '--sslv3': 'SSL 3' };
const CURL_ALLOWED: Record<string, string> = { '--tlsv1.0': 'TLS 1.0', '--tlsv1.1': 'TLS 1.1' };
const TLS_MAX: Record<string, string> = { '1.0': 'TLS 1.0', '1.1': 'TLS 1.1' };
const WGET_PROTOCOLS: Record<string, string> = { sslv2: 'SSL 2', sslv3: 'SSL 3', tlsv1: 'TLS 1.0', tlsv1_1: 'TLS 1.1' };
const GIT_VERSIONS: Record<string, string> = {
  sslv2: 'SSL 2',
  sslv3: 'SSL 3',
  'tlsv1.0': 'TLS 1.0',
  'tlsv1.1': 'TLS 1.1',
};

function commandFindings(
  model: DockerfileModel,
  run: RunScript & { stage: Stage },
  cmd: SimpleCommand,
): Finding<MessageId, RemovalFix>[] {
  const text = model.source.text;
  const findings: Finding<MessageId, RemovalFix>[] = [];
  const vars = run.stage.variables.before(run.instruction.getRange().start.line);
  // A version from an ARG or ENV (`--tls-max "$TLS_MAX"`) is the value the shell sees.
  const valueOf = (option: CommandOption): string | undefined =>
    option.value?.includes('$')
      ? model.expander.use(option.value, vars, () =>
          model.source.rangeOf(option.word.start, (option.valueWord ?? option.word).end),
        )
      : option.value;
  const report = (messageId: MessageId, option: CommandOption, tool: string, version: string) => {
    const last = option.valueWord ?? option.word;
    // `-k` inside `-fsSLk` goes alone; an option with its value goes with it.
    const span = removeOption(text, run, cmd, option);
    // As written: `--tls-max 1.1`, `--secure-protocol=TLSv1`, `-3` out of `-fsS3`.
    const written = option.valueWord
      ? `${option.name} ${option.value}`
      : option.letter !== undefined
        ? option.name
        : option.word.value;
    findings.push({
      messageId,
      data: { option: written, tool, version },
      range: model.source.rangeOf(option.word.start, last.end),
      fixData: span ? { removed: option.name, span } : undefined,
    });
  };

  const words = appletWords(cmd);
  if (!words.length || words[0].dynamic) return findings;
  const name = basename(words[0].value);
  if (name === 'curl') {
    for (const option of readArguments(words.slice(1), CURL_OPTIONS).options) {
      if (Object.hasOwn(CURL_CAPPED, option.name)) report('capped', option, 'curl', CURL_CAPPED[option.name]);
      else if (Object.hasOwn(CURL_ALLOWED, option.name)) report('allowed', option, 'curl', CURL_ALLOWED[option.name]);
      else if (option.name === '--tls-max') {
        const version = valueOf(option);
        if (version !== undefined && Object.hasOwn(TLS_MAX, version))
          report('capped', option, 'curl', TLS_MAX[version]);
      }
    }
  } else if (name === 'wget') {
    const spec = { ...WGET_OPTIONS, longWithValue: [...(WGET_OPTIONS.longWithValue ?? []), '--secure-protocol'] };
    for (const option of readArguments(words.slice(1), spec).options) {
      const version = valueOf(option)?.toLowerCase();
      if (option.name === '--secure-protocol' && version !== undefined && Object.hasOwn(WGET_PROTOCOLS, version))
        report('capped', option, 'wget', WGET_PROTOCOLS[version]);
    }
  } else if (name === 'git') {
    const args = readArguments(words.slice(1), { shortWithValue: 'Cc', longWithValue: ['--git-dir', '--work-tree'] });
    for (const option of args.options) {
      const m = option.name === '-c' ? /^http\.(?:.+\.)?sslversion=(.*)$/i.exec(valueOf(option) ?? '') : null;
      const version = m?.[1].toLowerCase();
      if (version !== undefined && Object.hasOwn(GIT_VERSIONS, version))
        report('capped', option, 'git', GIT_VERSIONS[version]);
    }
    const [sub, key, value] = args.operands;
    if (sub?.value === 'config' && key && value && /^http\.(.+\.)?sslversion$/i.test(key.value)) {
      const version = value.value.toLowerCase();
      if (Object.hasOwn(GIT_VERSIONS, version)) settingFinding(words[0], value, version);
    }
  }
  return findings;

  function settingFinding(from: ShellWord, to: ShellWord, version: string): void {
    findings.push({
      messageId: 'capped',
      data: { option: text.slice(from.start, to.end), tool: 'git', version: GIT_VERSIONS[version] },
      range: model.source.rangeOf(from.start, to.end),
    });
  }
}
