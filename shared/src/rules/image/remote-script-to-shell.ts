import { defineRule, prose, file } from '../../rule';
import { allRuns, type DockerfileModel } from '../../dockerfile/model';
import {
  basename,
  pipelines,
  type ShellScript,
  type ShellWord,
  type SimpleCommand,
  appletWords,
} from '../../dockerfile/shell';
import { readArguments, findOption, type OptionSpec } from '../../dockerfile/options';
import { downloadOf, type Download } from '../../dockerfile/downloads';
import type { Finding } from '../../types';

type MessageId = 'pipe' | 'substitution';

export default defineRule({
  meta: {
    id: 'image/remote-script-to-shell',
    title: 'Downloaded script run by a shell',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Download the script to a file, check it against a published checksum or signature (\`sha256sum -c\`), then run it;
      better, install a pinned package or release.
    `,
    peers: {},
    references: [
      {
        title: 'Dockerfile best practices: using pipes',
        url: 'https://docs.docker.com/build/building/best-practices/#using-pipes',
      },
      {
        title: 'OWASP Docker Security Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
      },
    ],
    fix: 'none',
    messages: {
      pipe: prose`
        \`{{downloader}}\` pipes a download straight into \`{{interpreter}}\`: whatever the server sends runs in the
        build, unverified.
      `,
      substitution: prose`
        \`{{interpreter}}\` runs code that \`{{downloader}}\` downloads in \`$(…)\`: whatever the server sends runs in
        the build, unverified.
      `,
    },
    docs: {
      description: prose`
        Reports a download run as code without being checked: \`curl … | sh\`, \`wget -O- … | sudo bash -s\`,
        \`curl … | python3 -\`, \`bash -c "$(curl -fsSL …)"\`, \`eval "$(curl …)"\`, \`sh <(curl …)\`, in any RUN (also
        ONBUILD triggers, heredoc scripts and \`sh -c\` strings). The shells and interpreters are sh, bash, dash, zsh,
        ksh, ash, mksh, busybox sh, python, perl, ruby, node and php. The commands are read as shell, so a pipe written
        inside a string (\`echo "curl x | sh"\`) is not reported, nor is a download piped into an interpreter that runs
        other code (\`curl … | python3 -c "import json…"\` reads the download as data), nor a download saved to a file
        (\`curl -o x\`, \`wget\` without \`-O-\`).
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN curl -fsSL https://get.example.com/install.sh | sh
          `,
          file`
            FROM debian:12
            RUN bash -c "$(curl -fsSL https://get.example.com/install.sh)"
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN curl -fsSLo /tmp/install.sh https://get.example.com/v1.2.3/install.sh \\
             && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\
             && sh /tmp/install.sh
          `,
          file`
            FROM debian:12
            RUN echo "never run curl x | sh"
          `,
        ],
      },
      peerNotes: prose`
        hadolint DL4006 is about \`set -o pipefail\` before a pipe, not about what the pipe runs; no peer in the corpus
        checks for a download run as code.
      `,
    },
  },

  check(model) {
    const findings = allRuns(model).flatMap((run) => [
      ...pipedDownloads(model, run.script),
      ...substitutedDownloads(model, run.script),
    ]);
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

/** `curl … | sh`: a download on standard output, and a later command of the same pipeline that runs its input. */
function pipedDownloads(model: DockerfileModel, script: ShellScript): Finding<MessageId>[] {
  const findings: Finding<MessageId>[] = [];
  for (const group of pipelines(script)) {
    for (let i = 0; i < group.length - 1; i++) {
      const download = downloadOf(group[i]);
      if (!download?.toStdout) continue;
      const reader = group
        .slice(i + 1)
        .map(interpreterOf)
        .find((x) => x?.readsStdin);
      if (!reader) continue;
      findings.push({
        messageId: 'pipe',
        data: { downloader: download.tool, interpreter: basename(reader.word.value) },
        range: model.source.rangeOf(download.word.start, reader.word.end),
      });
    }
  }
  return findings;
}

/** `bash -c "$(curl …)"`, `eval "$(curl …)"`, `sh <(curl …)`: a download substituted into the code a command runs. */
function substitutedDownloads(model: DockerfileModel, script: ShellScript): Finding<MessageId>[] {
  const text = model.source.text;
  // Downloads whose output a `$(…)`, backticks or `<(…)` hands on; usually none, which ends the search here.
  const substituted = script.commands
    .filter((d) => d.nested === 'substitution')
    .map((cmd) => ({ cmd, download: downloadOf(cmd) }))
    .filter((d) => d.download?.toStdout)
    .sort((a, b) => a.cmd.start - b.cmd.start);
  if (!substituted.length) return [];
  const findings: Finding<MessageId>[] = [];
  for (const cmd of script.commands) {
    const reader = interpreterOf(cmd);
    if (!reader) continue;
    for (const code of reader.codeWords) {
      let download: Download | undefined;
      for (
        let i = firstAtOrAfter(substituted, code.start);
        i < substituted.length && substituted[i].cmd.start < code.end;
        i++
      ) {
        const d = substituted[i].cmd;
        if (d.end <= code.end && !singleQuotedAt(text, code.start, d.start)) {
          download = substituted[i].download;
          break;
        }
      }
      if (!download) continue;
      findings.push({
        messageId: 'substitution',
        data: { downloader: download.tool, interpreter: basename(reader.word.value) },
        range: model.source.rangeOf(reader.word.start, code.end),
      });
    }
  }
  return findings;
}

interface Interpreter {
  /** The word naming the shell or interpreter. */
  word: ShellWord;
  /** Whether it runs what it reads on standard input. */
  readsStdin: boolean;
  /** Words it runs as code: a `-c`/`-e` string, a script-file argument, everything after `eval`. */
  codeWords: ShellWord[];
}

interface InterpreterSpec {
  options: OptionSpec;
  /** Options whose value (or, for shells, the first operand) is the code to run. */
  code: string[];
  /** Options that make it read the script from standard input. */
  stdin?: string[];
}

const SHELL: InterpreterSpec = {
  options: { shortWithValue: 'oO', longWithValue: ['--rcfile', '--init-file'] },
  code: ['-c'],
  stdin: ['-s'],
};

const INTERPRETERS: [RegExp, InterpreterSpec][] = [
  [/^(sh|bash|dash|zsh|ksh|ash|mksh)$/, SHELL],
  [/^python(\d+(\.\d+)?)?$/, { options: { shortWithValue: 'cmWX' }, code: ['-c', '-m'] }],
  [/^perl(\d+(\.\d+)*)?$/, { options: { shortWithValue: 'eEIM' }, code: ['-e', '-E'] }],
  [/^ruby(\d+(\.\d+)*)?$/, { options: { shortWithValue: 'eIrC' }, code: ['-e'] }],
  [
    /^(node|nodejs)$/,
    {
      options: { shortWithValue: 'eprC', longWithValue: ['--eval', '--print', '--require', '--conditions'] },
      code: ['-e', '-p', '--eval', '--print'],
    },
  ],
  [/^php(\d+(\.\d+)?)?$/, { options: { shortWithValue: 'rfdcz' }, code: ['-r', '-f'] }],
];

const STDIN_FILES = new Set(['-', '/dev/stdin', '/proc/self/fd/0']);

/** The shell or interpreter a command runs, what it takes as code and whether it reads code from standard input. */
function interpreterOf(cmd: SimpleCommand): Interpreter | undefined {
  const words = appletWords(cmd);
  const word = words[0];
  if (!word || word.dynamic) return undefined;
  const name = basename(word.value);
  if (name === 'eval') return { word, readsStdin: false, codeWords: words.slice(1) };
  if (name === 'source' || name === '.') return { word, readsStdin: false, codeWords: words.slice(1, 2) };
  const spec = INTERPRETERS.find(([pattern]) => pattern.test(name))?.[1];
  if (!spec) return undefined;
  // `set`-style `+o name` turns an option off; it is no script.
  const rest: ShellWord[] = [];
  for (let i = 1; i < words.length; i++) {
    if (/^\+[oO]$/.test(words[i].value)) i++;
    else if (!words[i].value.startsWith('+')) rest.push(words[i]);
  }
  const args = readArguments(rest, spec.options);
  const code = findOption(args, ...spec.code);
  if (code) {
    const held = spec === SHELL ? args.operands[0] : (code.valueWord ?? code.word);
    return { word, readsStdin: false, codeWords: held ? [held] : [] };
  }
  const script = args.operands[0];
  if (spec.stdin && findOption(args, ...spec.stdin)) return { word, readsStdin: true, codeWords: [] };
  if (!script || STDIN_FILES.has(script.value)) return { word, readsStdin: true, codeWords: [] };
  return { word, readsStdin: false, codeWords: [script] };
}

/** The index of the first entry starting at or after `offset`, in a list sorted by start. */
function firstAtOrAfter(sorted: { cmd: SimpleCommand }[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].cmd.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Whether `at` lies inside single quotes of the word starting at `from`: there a `$(…)` is text for the inner shell of
 * `sh -c '…'`, which then runs it as its own argument, not as code.
 */
function singleQuotedAt(text: string, from: number, at: number): boolean {
  let single = false;
  let double = false;
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (c === '\\' && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return single;
}
