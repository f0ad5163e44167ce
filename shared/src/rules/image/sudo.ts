import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { basename, type SimpleCommand, type ShellWord } from '../../dockerfile/shell';
import { userBefore } from '../../dockerfile/users';
import type { Finding, Fix } from '../../types';

interface SudoFix {
  /** Offsets of `sudo` and its options, up to the command it runs. */
  start: number;
  end: number;
  /** Whether the RUN already runs as root, so dropping sudo cannot change what it may do. */
  asRoot: boolean;
}

export default defineRule({
  meta: {
    id: 'image/sudo',
    title: 'sudo in a build step',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'application',
    mitigation:
      'Run the step as root with `USER root` before it and switch back after, instead of installing and calling sudo.',
    peers: { hadolint: ['DL3004'], kics: ['Run Using Sudo'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'] },
    references: [
      { title: 'hadolint DL3004', url: 'https://github.com/hadolint/hadolint/wiki/DL3004' },
      { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
    ],
    fix: 'unsafe',
    messages: {
      sudo: prose`
        \`sudo\` in RUN: build steps already run as root unless a USER says otherwise, and sudo in the image lets any
        process become root.
      `,
    },
    docs: {
      description: prose`
        Reports \`sudo\` used as a command in \`RUN\` (also behind \`env\`, in \`sh -c\` strings and in \`$(…)\`). A
        word \`sudo\` that is only an argument (\`apt-get install sudo\`, \`echo sudo\`) is not a command and is not
        reported. The fix removes \`sudo\`. It is offered one by one, never by fix-all: even as root, sudo runs its
        command with an environment of its own (it drops the \`ENV\` variables and sets its own \`PATH\`), so the
        command may behave differently without it; under a non-root \`USER\` the command loses its root rights.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN sudo apt-get update
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN apt-get update
          `,
          file`
            FROM debian:12
            RUN echo "use sudo with care"
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'sudo', SudoFix>[] = [];
    for (const run of allRuns(model)) {
      for (const cmd of run.script.commands) {
        const sudo = sudoIn(cmd);
        if (!sudo) continue;
        findings.push({
          messageId: 'sudo',
          range: model.source.rangeOf(sudo.word.start, sudo.word.end),
          fixData: {
            start: sudo.word.start,
            end: sudo.next?.start ?? sudo.word.end,
            asRoot: userBefore(run.stage, run.instruction).isRoot,
          },
        });
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [
      {
        title: 'Remove `sudo`',
        // Even as root, sudo resets the environment (ENV variables, PATH) of the command it runs: not without effect.
        safe: false,
        edits: [{ range: model.source.rangeOf(data.start, data.end), newText: '' }],
      },
    ];
  },
});

const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '--user', '--group']);

/** The `sudo` word of a command (after `env`/`exec` wrappers) and the first word of the command it runs. */
function sudoIn(cmd: SimpleCommand): { word: ShellWord; next?: ShellWord } | undefined {
  const words = cmd.words;
  let i = 0;
  while (i < words.length && ['env', 'exec', 'command', 'nohup', 'time'].includes(basename(words[i].value))) {
    i++;
    while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[i].value))) i++;
  }
  const word = words[i];
  if (!word || word.dynamic || basename(word.value) !== 'sudo') return undefined;
  let j = i + 1;
  while (j < words.length && words[j].value.startsWith('-')) {
    if (words[j].value === '--') {
      j++;
      break;
    }
    j += SUDO_OPTIONS_WITH_VALUE.has(words[j].value) ? 2 : 1;
  }
  return { word, next: words[j] };
}
