import { defineRule, prose, file } from '../../rule';
import type { Instruction } from 'dockerfile-ast';
import { allRuns, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { basename, effectiveWords, type SimpleCommand } from '../../dockerfile/shell';
import { packageInstall } from '../../dockerfile/packages';
import { stageChain } from '../../dockerfile/runtime';
import { insertAfterWord, spanEdit, type Span } from '../../dockerfile/shell-edits';
import type { Finding, Fix } from '../../types';

const FLAG = '--no-install-recommends';
const RECOMMENDS_OFF = /^APT::Install-Recommends=["']?(false|0|no|off)["']?;?$/i;

export default defineRule({
  meta: {
    id: 'image/install-recommends',
    title: 'apt installs recommended packages',
    kind: 'dockerfile',
    severity: 'info',
    threat: 'external-container',
    mitigation: 'Add `--no-install-recommends` to `apt-get install` and list the packages the image really needs.',
    cis: '4.3',
    peers: { hadolint: ['DL3015'], semgrep: ['missing-no-install-recommends'], trivy: ['DS-0029'] },
    references: [
      { title: 'hadolint DL3015', url: 'https://github.com/hadolint/hadolint/wiki/DL3015' },
      {
        title: 'Dockerfile best practices: apt-get',
        url: 'https://docs.docker.com/build/building/best-practices/#apt-get',
      },
      { title: 'Trivy DS-0029', url: 'https://avd.aquasec.com/misconfig/docker/general/avd-ds-0029/' },
    ],
    fix: 'unsafe',
    messages: {
      recommends: prose`
        \`{{command}} install\` without \`--no-install-recommends\` also installs the packages its packages recommend:
        more code to patch and to attack, none of it asked for.
      `,
    },
    docs: {
      description: prose`
        Reports \`apt-get install\` and \`apt install\` without \`--no-install-recommends\` (before or after
        \`install\`) or \`-o APT::Install-Recommends=false\`. An earlier RUN of the stage that writes
        \`APT::Install-Recommends "false"\` into apt’s configuration counts as the flag. The fix adds the flag right
        after \`install\`. It is offered one by one, never by fix-all: a recommended package the build or the program
        relies on without naming it (\`ca-certificates\` for later https downloads is the common one) is no longer
        installed, and should then be named in the install.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y curl
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends curl
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'recommends', RecommendsFix>[] = [];
    const text = model.source.text;
    const configuredOff = recommendsConfiguredOff(model);
    for (const run of allRuns(model)) {
      if (configuredOff(run.stage, run.instruction)) continue;
      for (const cmd of run.script.commands) {
        const install = packageInstall(cmd);
        if (!install || (install.manager !== 'apt-get' && install.manager !== 'apt')) continue;
        const { options } = install.args;
        if (
          options.some(
            (o) =>
              o.name === FLAG || ((o.name === '-o' || o.name === '--option') && RECOMMENDS_OFF.test(o.value ?? '')),
          )
        )
          continue;
        findings.push({
          messageId: 'recommends',
          data: { command: basename(install.command.value) },
          range: model.source.rangeOf(install.command.start, install.subcommand.end),
          fixData: {
            span: insertAfterWord(text, run, cmd, install.subcommand, [FLAG]),
            line: run.instruction.getRange().start.line,
            caCertificates:
              install.packages?.some((p) => p.value === 'ca-certificates' || p.value.startsWith('ca-certificates=')) ??
              false,
          },
        });
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data?.span) return [];
    return [
      {
        title:
          `Add \`${FLAG}\`` +
          (laterHttps(model, data)
            ? ' — name `ca-certificates` in the install: a later step downloads over https'
            : ''),
        safe: false,
        edits: [spanEdit(model.source, data.span)],
      },
    ];
  },
});

/**
 * Whether a RUN before a given one, in its stage or the stages it builds on, writes `APT::Install-Recommends "false"`
 * into apt's configuration (`echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/…`). Each stage is searched
 * once, so the check stays linear in the number of RUNs.
 */
function recommendsConfiguredOff(model: DockerfileModel): (stage: Stage, before: Instruction) => boolean {
  const firstLine = new Map<Stage, number>();
  for (const stage of model.stages) {
    const first = stage.runs.find((run) => !run.onbuild && run.script.commands.some(writesRecommendsOff));
    if (first) firstLine.set(stage, first.instruction.getRange().start.line);
  }
  return (stage, before) =>
    stageChain(stage).some((s) => {
      const line = firstLine.get(s);
      return line !== undefined && (s !== stage || line < before.getRange().start.line);
    });
}

function writesRecommendsOff(cmd: SimpleCommand): boolean {
  const words = effectiveWords(cmd);
  if (!words.length || !['echo', 'printf'].includes(basename(words[0].value))) return false;
  const written = words
    .slice(1)
    .map((w) => w.value)
    .join(' ');
  return (
    /APT::Install-Recommends\s*=?\s*["']?(false|0)["']?/i.test(written) &&
    cmd.redirects.some((r) => /^\/etc\/apt\/apt\.conf/.test(r.target?.value ?? ''))
  );
}

interface RecommendsFix {
  span: Span | undefined;
  /** The RUN's first line: later lines are later steps. */
  line: number;
  /** The install names `ca-certificates` itself, so it stays. */
  caCertificates: boolean;
}

/**
 * Whether a later step downloads over https while the install does not name `ca-certificates`: apt installs that
 * package as a recommendation of curl, wget or git, so without recommendations those downloads fail.
 */
function laterHttps(model: DockerfileModel, data: RecommendsFix): boolean {
  if (data.caCertificates) return false;
  return model.source.text
    .split(/\r?\n/)
    .slice(data.line)
    .some(
      (line) => /\b(curl|wget|git|pip|npm)\b.*https:\/\//.test(line) || /^\s*ADD\s+(--\S+\s+)*https:\/\//i.test(line),
    );
}
