import type { ModifiableInstruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { allRuns, type DockerfileModel, type RunScript, type Stage } from '../../dockerfile/model';
import { copyArguments, placedInstructions, type PathArgument } from '../../dockerfile/instructions';
import { basename, effectiveWords, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { readArguments, findOption, type CommandArguments } from '../../dockerfile/options';
import { downloadOf } from '../../dockerfile/downloads';
import { managerCommand } from '../../dockerfile/packages';
import { checkCovers, contentCheckOf, type ContentCheck } from '../../dockerfile/checksums';
import { variableSettings } from '../../dockerfile/variables';
import type { Scope } from '../../dockerfile/expand';
import type { Finding, Fix } from '../../types';

type MessageId = 'download' | 'noScheme' | 'index' | 'setting' | 'git';

/** Where the scheme of a URL is written, so `http://` can become `https://`. */
interface SchemeFix {
  /** Offset of the `://` after `http`. */
  at: number;
}

export default defineRule({
  meta: {
    id: 'image/cleartext-download',
    title: 'Download over plain HTTP, FTP or git:// left unverified',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
        Download over \`https://\` (or from a registry or index over HTTPS), and check what arrives against a published
        digest (\`ADD --checksum=sha256:…\`, \`sha256sum -c\`) or signature (\`gpg --verify\`).
      `,
    cis: '4.11',
    peers: {},
    references: [
      {
        title: 'Dockerfile reference: ADD --checksum',
        url: 'https://docs.docker.com/reference/dockerfile/#add---checksum',
      },
      {
        title: 'pip: secure installs (hash-checking mode)',
        url: 'https://pip.pypa.io/en/stable/topics/secure-installs/',
      },
      {
        title: 'Git: the git:// protocol has no authentication',
        url: 'https://git-scm.com/book/en/v2/Git-on-the-Server-The-Protocols',
      },
      { title: 'CIS Docker Benchmark', url: 'https://www.cisecurity.org/benchmark/docker' },
    ],
    fix: 'unsafe',
    messages: {
      download: prose`
          \`{{tool}}\` downloads \`{{url}}\` over {{protocol}} and nothing checks what arrives: whoever is on the
          network path can hand the build another file.
        `,
      noScheme: prose`
          \`{{tool}}\` downloads \`{{url}}\`, which names no scheme, so {{tool}} uses plain HTTP and nothing checks what
          arrives.
        `,
      index: prose`
          \`{{tool}}\` installs from \`{{url}}\` over plain HTTP: whoever is on the network path can hand the build
          other packages.
        `,
      setting: prose`
          \`{{setting}}\` points {{tool}} at a registry over plain HTTP: every later install can be handed other
          packages.
        `,
      git: prose`
        \`git\` fetches \`{{url}}\` over {{protocol}} and no pinned commit is checked out: whoever is on the network
        path can hand the build other code.
      `,
    },
    docs: {
      description: prose`
        Reports downloads the build makes over a protocol that neither encrypts nor authenticates (\`http://\`,
        \`ftp://\`, \`git://\`) when nothing checks what arrives: \`curl\` and \`wget\` (a URL without a scheme too:
        both then use HTTP), \`ADD http://…\`, \`pip install\` with \`--index-url\`, \`-i\`, \`--extra-index-url\`,
        \`--find-links\` or a package URL over HTTP (pip refuses an HTTP index unless the host is also given to
        \`--trusted-host\`, which image/tls-verification-disabled reports), \`npm\`/\`yarn\`/\`pnpm\` \`--registry
        http://…\` and \`config set registry http://…\`, \`NPM_CONFIG_REGISTRY\`, \`PIP_INDEX_URL\` and
        \`PIP_EXTRA_INDEX_URL\` set by ENV or ARG, \`gem install --source http://…\` and \`gem sources --add
        http://…\` (RubyGems checks no signature without a trust policy, \`-P\`), and
        \`git clone\`/\`fetch\`/\`pull\` of an \`http://\` or
        \`git://\` URL. URLs are read after ARG and ENV substitution, in every stage and ONBUILD trigger; text that
        only mentions a URL (\`echo http://…\`) is not a download.

        A download is verified, so not reported, when \`ADD\` has \`--checksum=sha256:…\`, when a later command of the
        same RUN checks a digest or signature (\`sha256sum -c\`, \`sha512sum -c\`, \`echo "<hash>  file" | sha256sum
        -c -\`, \`shasum -a 256 -c\`, \`openssl dgst -sha256\`, \`gpg --verify\`, \`gpgv\`, \`cosign verify-blob\`), or
        when a later RUN of the same stage checks one and names the downloaded file; a pip URL with a
        \`#sha256=…\` fragment, pip's \`--require-hashes\`, \`npm ci\` (which checks every package against the
        lockfile's integrity hash) and a \`git clone\` followed by \`git checkout <full commit>\` are verified too.
        A check with MD5 or SHA-1 counts here and is reported by image/weak-checksum. Addresses on the build machine
        itself (\`localhost\`, \`127.0.0.1\`, \`[::1]\`) are not reported, nor are apt, yum, dnf and apk repositories
        over HTTP: their package managers check every package against the distribution's signing key.

        \`ADD http://…\` without \`--checksum\` is also reported by image/add-instead-of-copy, which asks for a
        checksum whatever the protocol; this rule says the transport is open too. A redirect from an \`https://\`
        URL to an \`http://\` one is not reported: only the server knows where it redirects. \`npm install\` checks
        only what the lockfile already lists, so unlike \`npm ci\` it is reported. A URL held in a variable that the
        RUN itself sets (\`url=http://…; curl "$url"\`) is not read.

        The fix, offered for an \`http://\` written in the Dockerfile, changes it to \`https://\`. It is unsafe and
        its title says what it assumes: the server may not serve HTTPS, or serve it on another host. \`ftp://\` and
        \`git://\` get no fix: the HTTPS address of the same file is not known from the URL.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/tool.tgz http://example.com/tool-1.2.3.tgz && tar -xzf /tmp/tool.tgz -C /usr/local
          `,
          file`
            FROM python:3.12-slim
            RUN pip install --index-url http://pypi.internal/simple --trusted-host pypi.internal app==1.0
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.2.3.tgz && tar -xzf /tmp/tool.tgz -C /usr/local
          `,
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/tool.tgz http://example.com/tool-1.2.3.tgz \\
             && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/tool.tgz" \\
              | sha256sum -c - \\
             && tar -xzf /tmp/tool.tgz -C /usr/local
          `,
        ],
      },
      peerNotes: prose`
        No peer in the corpus has an equivalent rule: hadolint, Trivy and KICS check which download tool is used
        (DL4001, DS-0014) and whether \`ADD\` fetches URLs (DL3020, DS-0005), not the protocol or a check of the
        content.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, SchemeFix>[] = [];
    for (const run of allRuns(model)) findings.push(...runFindings(model, run));
    findings.push(...addFindings(model));
    findings.push(...settingFindings(model));
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [
      {
        title: 'Download over `https://` (assumes the server serves the same file over HTTPS)',
        safe: false,
        edits: [{ range: model.source.rangeOf(data.at, data.at), newText: 's' }],
        basis: { facts: [], assumption: 'the server serves the same file over HTTPS' },
      },
    ];
  },
});

interface CleartextUrl {
  url: string;
  protocol: string;
  /** The URL names no scheme: curl and wget then use HTTP. */
  schemeless: boolean;
}

const CLEARTEXT = /^(http|ftp|git):\/\//i;
const LOCAL_HOST = /^[a-z+]+:\/\/(?:[^/@]*@)?(localhost|[^/:]*\.localhost|127(?:\.\d{1,3}){3}|\[::1\])(?:[:/?#]|$)/i;
/** A scheme-less curl or wget operand that names a host (`example.com/x`), not a file or an option value. */
const BARE_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(:\d+)?(\/|$)/i;

function cleartextUrl(value: string, downloader: boolean): CleartextUrl | undefined {
  const scheme = CLEARTEXT.exec(value);
  if (scheme) {
    if (LOCAL_HOST.test(value)) return undefined;
    const protocol = scheme[1].toLowerCase();
    return { url: value, protocol: protocol === 'git' ? 'git://' : protocol.toUpperCase(), schemeless: false };
  }
  if (downloader && !value.includes('://') && BARE_HOST.test(value) && !/^localhost(:|\/|$)/i.test(value))
    return { url: value, protocol: 'HTTP', schemeless: true };
  return undefined;
}

/** A word's value after ARG and ENV substitution; undefined when a variable is not known. */
function expanded(model: DockerfileModel, word: ShellWord, vars: Scope): string | undefined {
  if (!word.value.includes('$')) return word.value;
  return model.expander.use(word.value, vars, () => model.source.rangeOf(word.start, word.end));
}

/** The fix's spot: an `http://` written in the word itself (not coming from a variable). */
function schemeFix(
  model: DockerfileModel,
  word: { start: number; end: number },
  url: CleartextUrl,
): SchemeFix | undefined {
  if (url.protocol !== 'HTTP' || url.schemeless) return undefined;
  const raw = model.source.text.slice(word.start, word.end);
  const at = raw.search(/http:\/\//i);
  // One `http://` written in the word: a second, or one that only a variable holds, leaves the spot unknown.
  if (at < 0 || raw.slice(at + 1).search(/http:\/\//i) >= 0) return undefined;
  return { at: word.start + at + 4 };
}

interface Fetch {
  cmd: SimpleCommand;
  /** The word holding the URL; the finding starts at `from` when an option comes first (`--registry URL`). */
  word: ShellWord;
  from?: ShellWord;
  url: CleartextUrl;
  tool: string;
  messageId: MessageId;
  /** A digest or signature check later in the RUN can verify it (a file curl or wget wrote, not a pip install). */
  checkable?: boolean;
  /** The file the download writes, when known, to match a check in a later RUN. */
  file?: string;
}

function runFindings(model: DockerfileModel, run: RunScript & { stage: Stage }): Finding<MessageId, SchemeFix>[] {
  const vars = run.stage.variables.before(run.instruction.getRange().start.line);
  const fetches: Fetch[] = [];
  const checks: { at: number; check: ContentCheck }[] = [];
  const pinnedCheckouts: number[] = [];
  for (const cmd of run.script.commands) {
    const check = contentCheckOf(cmd);
    if (check) checks.push({ at: cmd.start, check });
    fetches.push(...fetchesOf(model, cmd, vars, pinnedCheckouts));
  }
  const findings: Finding<MessageId, SchemeFix>[] = [];
  for (const fetch of fetches) {
    if (fetch.messageId === 'git') {
      if (pinnedCheckouts.some((at) => at > fetch.cmd.start)) continue;
    } else if (fetch.checkable) {
      if (checks.some(({ at, check }) => at > fetch.cmd.start && checkCovers(check, fetch.file))) continue;
      if (fetch.file && checkedInLaterRun(model, run.stage, run.instruction.getRange().start.line, fetch.file))
        continue;
    }
    findings.push({
      messageId: fetch.messageId,
      data: { tool: fetch.tool, url: fetch.url.url, protocol: fetch.url.protocol },
      range: model.source.rangeOf((fetch.from ?? fetch.word).start, fetch.word.end),
      fixData: schemeFix(model, fetch.word, fetch.url),
    });
  }
  return findings;
}

/** Whether a RUN of the stage after `line` checks a digest or signature of `file` and names it. */
function checkedInLaterRun(model: DockerfileModel, stage: Stage, line: number, file: string): boolean {
  const name = basename(file.replace(/[?#].*$/, '').replace(/\/+$/, ''));
  if (!name) return false;
  return stage.runs.some((later) => {
    const range = later.instruction.getRange();
    if (range.start.line <= line) return false;
    const checks = later.script.commands.some((cmd) => {
      const check = contentCheckOf(cmd);
      return check !== undefined && checkCovers(check, file);
    });
    return (
      checks &&
      model.source.text.slice(model.source.offsetAt(range.start), model.source.offsetAt(range.end)).includes(name)
    );
  });
}

function fetchesOf(model: DockerfileModel, cmd: SimpleCommand, vars: Scope, pinnedCheckouts: number[]): Fetch[] {
  const fetches: Fetch[] = [];
  const download = downloadOf(cmd);
  if (download) {
    const { args, tool } = download;
    // `--proto-default https` makes a scheme-less URL an HTTPS one.
    const defaultHttps = /^https$/i.test(findOption(args, '--proto-default')?.value ?? '');
    // Operands are URLs; so is `--url URL` (`--url=URL` carries it in the option's own word).
    const urlWords = [
      ...args.operands,
      ...args.options.filter((o) => o.name === '--url').map((o) => o.valueWord ?? { ...o.word, value: o.value ?? '' }),
    ];
    const output =
      tool === 'curl' ? findOption(args, '-o', '--output')?.value : findOption(args, '-O', '--output-document')?.value;
    for (const word of urlWords) {
      const value = expanded(model, word, vars);
      if (value === undefined) continue;
      const url = cleartextUrl(value, !defaultHttps);
      if (!url) continue;
      const file = output ?? value.replace(/[?#].*$/, '').replace(/\/+$/, '');
      fetches.push({
        cmd,
        word,
        url,
        tool,
        messageId: url.schemeless ? 'noScheme' : 'download',
        file,
        checkable: true,
      });
    }
    return fetches;
  }
  let words = effectiveWords(cmd);
  if (!words.length || words[0].dynamic) return fetches;
  const name = basename(words[0].value);
  if (name === 'git') {
    const args = readArguments(words.slice(1), {
      shortWithValue: 'Ccbo',
      longWithValue: ['--git-dir', '--work-tree', '--branch', '--origin', '--depth', '--config', '--reference'],
    });
    const [sub, ...rest] = args.operands;
    if (sub?.value === 'checkout' || sub?.value === 'reset' || sub?.value === 'switch') {
      if (rest.some((w) => /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(w.value))) pinnedCheckouts.push(cmd.start);
    }
    if (sub && ['clone', 'fetch', 'pull', 'submodule'].includes(sub.value)) {
      for (const word of rest) {
        const value = expanded(model, word, vars);
        const url = value === undefined ? undefined : cleartextUrl(value, false);
        if (url && url.protocol !== 'FTP') fetches.push({ cmd, word, url, tool: 'git', messageId: 'git' });
      }
    }
    return fetches;
  }
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    const args = readArguments(words.slice(1), { longWithValue: ['--registry'] });
    const sub = args.operands[0]?.value;
    // `npm ci` installs what the lockfile lists and checks each package against its integrity hash.
    if (sub === 'ci') return fetches;
    for (const option of args.options) {
      if (option.name !== '--registry' || option.value === undefined) continue;
      const word = option.valueWord ?? option.word;
      const url = httpIndex(model, option.value, word, vars);
      if (url) fetches.push({ cmd, word, from: option.word, url, tool: name, messageId: 'index' });
    }
    const setting = registrySetting(args, name);
    if (setting) {
      const url = httpIndex(model, setting.value.value, setting.value, vars);
      if (url) fetches.push({ cmd, word: setting.value, url, tool: name, messageId: 'index' });
    }
    return fetches;
  }
  const manager = managerCommand(cmd);
  if (manager?.manager === 'gem') return gemSources(model, cmd, manager.args, vars);
  if (manager?.manager !== 'pip') return fetches;
  const { args } = manager;
  if (findOption(args, '--require-hashes')) return fetches;
  for (const option of args.options) {
    if (!['-i', '--index-url', '--extra-index-url', '-f', '--find-links'].includes(option.name)) continue;
    if (option.value === undefined) continue;
    const url = httpIndex(model, option.value, option.valueWord ?? option.word, vars);
    if (url)
      fetches.push({
        cmd,
        word: option.valueWord ?? option.word,
        from: option.word,
        url,
        tool: 'pip',
        messageId: 'index',
      });
  }
  const [sub, ...operands] = args.operands;
  if (sub?.value === 'install') {
    for (const word of operands) {
      const value = expanded(model, word, vars);
      if (value === undefined || /#(.*&)?sha(256|384|512)=/.test(value)) continue;
      const url = cleartextUrl(value.replace(/^[a-z]+\+/i, ''), false);
      if (url && url.protocol === 'HTTP') fetches.push({ cmd, word, url, tool: 'pip', messageId: 'download' });
    }
  }
  const setting = pipConfigSet(args);
  if (setting) {
    const url = httpIndex(model, setting.value, setting.word, vars);
    if (url) fetches.push({ cmd, word: setting.word, url, tool: 'pip', messageId: 'index' });
  }
  return fetches;
}

/**
 * `gem install --source http://…` and `gem sources --add http://…`: RubyGems checks no signature unless a trust policy
 * is set (`-P HighSecurity`, which few gems can pass), so a gem from an HTTP source is taken as sent.
 */
function gemSources(model: DockerfileModel, cmd: SimpleCommand, args: CommandArguments, vars: Scope): Fetch[] {
  const fetches: Fetch[] = [];
  if (findOption(args, '-P', '--trust-policy')) return fetches;
  for (const option of args.options) {
    const source = option.name === '-s' || option.name === '--source' || option.name === '--add';
    if (!source || option.value === undefined) continue;
    const word = option.valueWord ?? option.word;
    const url = httpIndex(model, option.value, word, vars);
    if (url) fetches.push({ cmd, word, from: option.word, url, tool: 'gem', messageId: 'index' });
  }
  const [sub, ...rest] = args.operands;
  if (sub?.value === 'sources' && findOption(args, '-a', '--add')) {
    for (const word of rest) {
      const url = httpIndex(model, word.value, word, vars);
      if (url) fetches.push({ cmd, word, url, tool: 'gem', messageId: 'index' });
    }
  }
  return fetches;
}

/** An index or registry URL over plain HTTP, with its value known after substitution. */
function httpIndex(model: DockerfileModel, written: string, word: ShellWord, vars: Scope): CleartextUrl | undefined {
  const value = written.includes('$')
    ? model.expander.use(written, vars, () => model.source.rangeOf(word.start, word.end))
    : written;
  if (value === undefined) return undefined;
  const url = cleartextUrl(value, false);
  return url?.protocol === 'HTTP' ? url : undefined;
}

/** `npm config set registry URL`, `npm set registry=URL`, `yarn config set npmRegistryServer URL`. */
function registrySetting(args: CommandArguments, tool: string): { value: ShellWord } | undefined {
  const ops = args.operands;
  let i = 0;
  if (ops[0]?.value === 'config' || (tool === 'npm' && ops[0]?.value === 'c')) i = 1;
  if (ops[i]?.value !== 'set') return undefined;
  const key = ops[i + 1];
  if (!key) return undefined;
  const keyName = key.value.split('=')[0].replace(/^@[^:]+:/, '');
  if (keyName !== 'registry' && keyName !== 'npmRegistryServer') return undefined;
  if (key.value.includes('=')) return { value: key };
  return ops[i + 2] ? { value: ops[i + 2] } : undefined;
}

/** `pip config set global.index-url URL` (also `extra-index-url`, `find-links`). */
function pipConfigSet(args: CommandArguments): { value: string; word: ShellWord } | undefined {
  const ops = args.operands;
  if (ops[0]?.value !== 'config' || ops[1]?.value !== 'set' || !ops[2] || !ops[3]) return undefined;
  if (!/(^|\.)(index-url|extra-index-url|find-links)$/.test(ops[2].value)) return undefined;
  return { value: ops[3].value, word: ops[3] };
}

function addFindings(model: DockerfileModel): Finding<MessageId, SchemeFix>[] {
  const findings: Finding<MessageId, SchemeFix>[] = [];
  for (const { instruction, stage } of placedInstructions(model)) {
    if (instruction.getKeyword() !== 'ADD') continue;
    const flags = (instruction as ModifiableInstruction).getFlags();
    if (flags.some((f) => f.getName() === 'checksum' && !!f.getValue())) continue;
    const args = copyArguments(instruction, model);
    const vars = stage ? stage.variables.before(instruction.getRange().start.line) : model.globalArgs;
    for (const src of args.sources) {
      const value = model.expander.use(src.value, vars, () => model.source.rangeOf(src.start, src.end));
      if (value === undefined) continue;
      const url = cleartextUrl(value, false);
      if (!url || url.protocol === 'FTP') continue;
      if (stage && checkedAfterAdd(model, stage, instruction.getRange().start.line, args.destination, value)) continue;
      findings.push({
        messageId: url.protocol === 'git://' ? 'git' : 'download',
        data: { tool: 'ADD', url: src.value, protocol: url.protocol },
        range: model.source.rangeOf(src.start, src.end),
        fixData: schemeFix(model, src, url),
      });
    }
  }
  return findings;
}

/** Whether a RUN after the ADD checks a digest or signature of the file it wrote. */
function checkedAfterAdd(
  model: DockerfileModel,
  stage: Stage,
  line: number,
  destination: PathArgument | undefined,
  url: string,
): boolean {
  const file = destination && !destination.value.endsWith('/') ? destination.value : url;
  return checkedInLaterRun(model, stage, line, file);
}

const REGISTRY_VARIABLES =
  /^(npm_config_registry|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|PIP_FIND_LINKS|YARN_NPM_REGISTRY_SERVER)$/i;

function settingFindings(model: DockerfileModel): Finding<MessageId, SchemeFix>[] {
  const findings: Finding<MessageId, SchemeFix>[] = [];
  for (const setting of variableSettings(model, (name) => REGISTRY_VARIABLES.test(name))) {
    if (setting.value === undefined) continue;
    const value = setting.value.replace(/^(["'])(.*)\1$/, '$2');
    // pip takes several space-separated URLs in one variable.
    const urls = value
      .split(/\s+/)
      .map((v) => cleartextUrl(v, false))
      .filter((u) => u?.protocol === 'HTTP');
    if (!urls.length) continue;
    const tool = /^PIP_/i.test(setting.name) ? 'pip' : /^YARN_/.test(setting.name) ? 'Yarn' : 'npm';
    const written = model.source.text.slice(setting.start, setting.end);
    const m = /http:\/\//i.exec(written);
    findings.push({
      messageId: 'setting',
      data: { setting: written, tool },
      range: model.source.rangeOf(setting.start, setting.end),
      fixData: urls.length === 1 && m ? { at: setting.start + m.index + 4 } : undefined,
    });
  }
  return findings;
}
