import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { basename, effectiveWords } from '../../dockerfile/shell';
import { readArguments } from '../../dockerfile/options';
import { removeWords, spanEdit, type Span } from '../../dockerfile/shell-edits';
import { variableSettings } from '../../dockerfile/variables';
import type { Finding, Fix } from '../../types';

type MessageId = 'variable' | 'option';

interface RemovalFix {
  removed: string;
  span: Span;
}

/** Values Docker reads as false (Go's strconv.ParseBool, plus the usual shell spellings). */
const FALSE = /^(0|f|false|no|off)$/i;

export default defineRule({
  meta: {
    id: 'image/content-trust-disabled',
    title: 'Docker Content Trust turned off',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Leave \`DOCKER_CONTENT_TRUST\` unset in the image (or set it to 1 where images are pulled), so that the Docker CLI
      only pulls and runs signed images.
    `,
    cis: '4.5',
    peers: {},
    references: [
      { title: 'Content trust in Docker', url: 'https://docs.docker.com/engine/security/trust/' },
      {
        title: 'CIS Docker Benchmark 4.5: enable Content Trust for Docker',
        url: 'https://www.cisecurity.org/benchmark/docker',
      },
    ],
    fix: 'unsafe',
    messages: {
      variable: prose`
        \`{{setting}}\` turns off Docker Content Trust: the Docker CLI in this image pulls and runs images without
        checking their signatures.
      `,
      option: prose`
        \`{{option}}\` makes \`docker {{command}}\` skip Docker Content Trust: the image is used without checking its
        signature.
      `,
    },
    docs: {
      description: prose`
        Reports \`DOCKER_CONTENT_TRUST\` set to \`0\` or \`false\` by ENV, by an ARG default, or in a RUN command
        (\`DOCKER_CONTENT_TRUST=0 docker pull …\`, \`export\`, \`env\`), and \`--disable-content-trust\` given to
        \`docker pull\`, \`push\`, \`build\`, \`run\`, \`create\` or \`plugin install\`. Images that carry a Docker CLI
        (CI runners, docker-in-docker) inherit the setting. The fix removes the setting or the option. It is offered one
        by one, never by fix-all: a step that pulls or runs an unsigned image then fails, which is the point, but
        changes what the build or the container does.
      `,
      examples: {
        bad: [
          file`
            FROM docker:27-cli
            ENV DOCKER_CONTENT_TRUST=0
          `,
        ],
        good: [
          file`
            FROM docker:27-cli
            ENV DOCKER_CONTENT_TRUST=1
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId, RemovalFix>[] = [];
    for (const setting of variableSettings(model, (name) => name === 'DOCKER_CONTENT_TRUST')) {
      if (setting.value === undefined || !FALSE.test(setting.value)) continue;
      findings.push({
        messageId: 'variable',
        data: { setting: `DOCKER_CONTENT_TRUST=${setting.value}` },
        range: model.source.rangeOf(setting.start, setting.end),
        fixData: setting.removal ? { removed: 'DOCKER_CONTENT_TRUST', span: setting.removal } : undefined,
      });
    }
    const text = model.source.text;
    for (const run of allRuns(model)) {
      for (const cmd of run.script.commands) {
        const words = effectiveWords(cmd);
        if (!words.length || basename(words[0].value) !== 'docker') continue;
        const args = readArguments(words.slice(1), {});
        const command = args.operands
          .slice(0, 2)
          .map((w) => w.value)
          .join(' ');
        for (const option of args.options) {
          if (option.name !== '--disable-content-trust' || (option.value !== undefined && FALSE.test(option.value)))
            continue;
          const span = removeWords(text, run, cmd, option.word);
          findings.push({
            messageId: 'option',
            data: {
              option: option.word.value,
              command:
                args.operands[0]?.value === 'image' || args.operands[0]?.value === 'plugin'
                  ? command
                  : (args.operands[0]?.value ?? ''),
            },
            range: model.source.rangeOf(option.word.start, option.word.end),
            fixData: span ? { removed: option.word.value, span } : undefined,
          });
        }
      }
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
