import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { classifyBase, type ImageRef } from '../../dockerfile/image-ref';
import { isExecForm, rootStage, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { asProgram, chainInstructions, commandLineOf, execFormText, lastInChain } from '../../dockerfile/runtime';
import { basename } from '../../dockerfile/shell';
import { copyArguments } from '../../dockerfile/instructions';
import type { Finding, Fix, Range } from '../../types';

type MessageId =
  | 'shellRun'
  | 'shellStart'
  | 'shellHealthcheck'
  | 'missingProgramRun'
  | 'missingProgramStart'
  | 'missingProgramHealthcheck';

/** What the check found: a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK in a stage on a shell-less image. */
interface ShellForm {
  instruction: Instruction;
  stage: Stage;
  base: ImageRef;
}

interface ExecFix {
  range: Range;
  argv: string[];
  keyword: string;
}

/** Programs that a shell-less image never has: shells, package managers and the tools people call from RUN. */
const ABSENT_PROGRAMS = new Set([
  'sh',
  'bash',
  'dash',
  'ash',
  'zsh',
  'ksh',
  'mksh',
  'busybox',
  'apt-get',
  'apt',
  'dpkg',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'rpm',
  'zypper',
  'pacman',
  'tdnf',
  'pip',
  'pip3',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'gem',
  'bundle',
  'composer',
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'chown',
  'chmod',
  'mkdir',
  'ln',
  'cp',
  'mv',
  'rm',
  'touch',
  'echo',
  'cat',
  'sed',
  'grep',
  'find',
  'tar',
  'gzip',
  'unzip',
  'curl',
  'wget',
  'update-ca-certificates',
  'env',
  'sudo',
]);

/** A shell copied into the image, by name, or a copy into a folder where one would land. */
const SHELL_FILE = /(^|\/)(sh|bash|ash|dash|busybox)\/?$/;
const SHELL_DIR = /^\/((usr\/)?bin|busybox)?\/?$/;

export default defineRule({
  meta: {
    id: 'image/shell-in-shell-less-stage',
    title: 'Shell command in an image without a shell',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'external-container',
    mitigation: prose`
      Do shell work in a build stage and copy the result; in scratch and distroless stages write CMD, ENTRYPOINT and
      HEALTHCHECK in exec form (\`CMD ["/app/server"]\`).
    `,
    peers: {},
    references: [
      {
        title: 'Distroless: entrypoints must use exec (vector) form',
        url: 'https://github.com/GoogleContainerTools/distroless#entrypoints',
      },
      {
        title: 'Dockerfile reference: shell and exec form',
        url: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
      },
    ],
    fix: 'safe',
    messages: {
      shellRun: '`RUN` in shell form runs `/bin/sh -c`, and `{{image}}` has no shell: the build fails here.',
      shellStart:
        '`{{keyword}}` in shell form runs `/bin/sh -c`, and `{{image}}` has no shell: the container cannot start.',
      shellHealthcheck:
        '`HEALTHCHECK CMD` in shell form runs `/bin/sh -c`, and `{{image}}` has no shell: the check always fails.',
      missingProgramRun:
        '`{{program}}` is not in `{{image}}`, which has no shell or package manager: the build fails here.',
      missingProgramStart:
        '`{{program}}` is not in `{{image}}`, which has no shell or package manager: the container cannot start.',
      missingProgramHealthcheck:
        '`{{program}}` is not in `{{image}}`, which has no shell or package manager: the check always fails.',
    },
    docs: {
      description: prose`
        Reports, in any stage built on \`scratch\` or a distroless image (Google distroless, Chainguard non-dev,
        \`-micro\` and chiseled images), what needs a shell or a package manager that is not there: \`RUN\` in shell
        form or as a heredoc, \`RUN\` in exec form calling a shell or package manager, and \`CMD\`, \`ENTRYPOINT\` and
        \`HEALTHCHECK CMD\` in shell form (and in exec form when they call a shell). Distroless \`:debug\` images, which
        carry busybox, and stages that copy a shell in (\`COPY --from=busybox /bin/busybox /bin/\`) are not reported.
        The fix rewrites a shell-form command of plain words to exec form (\`CMD node server.js\` →
        \`CMD ["node", "server.js"]\`); on the distroless Node.js, Python and Java images, whose ENTRYPOINT is already
        the interpreter (\`java -jar\` for Java), the interpreter word is dropped (\`CMD ["server.js"]\`). Commands with
        shell syntax (\`&&\`, \`$VAR\`, globs, redirects) get no fix: they need a shell or a build stage.
      `,
      examples: {
        bad: [
          file`
            FROM gcr.io/distroless/static-debian12:nonroot
            COPY app /app
            CMD /app
          `,
          file`
            FROM gcr.io/distroless/nodejs22-debian12
            RUN npm ci
          `,
          file`
            FROM scratch
            COPY app /app
            HEALTHCHECK CMD /app --health || exit 1
            ENTRYPOINT ["/app"]
          `,
        ],
        good: [
          file`
            FROM gcr.io/distroless/static-debian12:nonroot
            COPY app /app
            CMD ["/app"]
          `,
          file`
            FROM gcr.io/distroless/java21-debian12
            RUN ["java", "Setup.java"]
            CMD ["app.jar"]
          `,
          file`
            FROM gcr.io/distroless/base-debian12:debug
            RUN echo ok
          `,
        ],
      },
      peerNotes: prose`
        No peer has this rule. hadolint DL3025 asks for exec-form CMD and ENTRYPOINT in every image; here the form is
        not style but whether the container starts.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, ShellForm>[] = [];
    for (const stage of model.stages) {
      const base = shellLessBase(stage);
      if (!base) continue;
      const data = { image: base.text };
      for (const run of stage.runs) {
        if (mayHaveShell(model, stage, run.onbuild ?? run.instruction)) continue;
        if (run.form !== 'exec') {
          findings.push({
            messageId: 'shellRun',
            range: run.instruction.getInstructionRange(),
            data,
            fixData: { instruction: run.instruction, stage, base },
          });
          continue;
        }
        const program = run.script.commands[0]?.words[0];
        if (program && ABSENT_PROGRAMS.has(basename(program.value))) {
          findings.push({
            messageId: 'missingProgramRun',
            range: model.source.rangeOf(program.start, program.end),
            data: { ...data, program: program.value },
          });
        }
      }
      for (const ins of stage.instructions) {
        const keyword = ins.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT' && keyword !== 'HEALTHCHECK') continue;
        // The container starts from the finished image: a shell copied in anywhere in the stage is there.
        if (mayHaveShell(model, stage)) continue;
        const line = commandLineOf(ins, model);
        if (!line) continue;
        if (line.form === 'shell') {
          const messageId = keyword === 'HEALTHCHECK' ? 'shellHealthcheck' : 'shellStart';
          findings.push({
            messageId,
            range: ins.getInstructionRange(),
            data: { ...data, keyword },
            fixData: { instruction: ins, stage, base },
          });
          continue;
        }
        const program = line.argv?.[0];
        if (program === undefined || !ABSENT_PROGRAMS.has(basename(program))) continue;
        // An exec-form CMD is only arguments when an ENTRYPOINT (the stage's or the base image's) runs first.
        if (keyword === 'CMD' && (lastInChain(stage, 'ENTRYPOINT') || baseEntrypoint(base).kind !== 'none')) continue;
        const strings = keyword === 'HEALTHCHECK' ? [] : (ins as JSONInstruction).getJSONStrings();
        const range = strings.length ? strings[0].getRange() : line.range;
        const messageId = keyword === 'HEALTHCHECK' ? 'missingProgramHealthcheck' : 'missingProgramStart';
        findings.push({ messageId, range, data: { ...data, program } });
      }
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },

  fixes(finding, model): Fix[] {
    const found = finding.fixData;
    const data = found && execFix(finding.messageId === 'shellRun', found, model);
    if (!data) return [];
    return [
      {
        title: `Write ${data.keyword} in exec form: \`${execFormText(data.argv)}\``,
        safe: true,
        edits: [{ range: data.range, newText: execFormText(data.argv) }],
      },
    ];
  },
});

/** The base image of a stage when it has no shell (scratch, distroless without busybox), else undefined. */
function shellLessBase(stage: Stage): ImageRef | undefined {
  const image = rootStage(stage).image;
  if (!image) return undefined;
  const cls = classifyBase(image);
  if (cls !== 'scratch' && cls !== 'distroless') return undefined;
  // Distroless :debug images carry busybox, a shell included.
  if (image.tag && /(^|-)debug(-|$)/.test(image.tag)) return undefined;
  return image;
}

/** Whether a COPY or ADD (in the stages the stage builds on, and in the stage before `before`) may bring a shell in. */
function mayHaveShell(model: DockerfileModel, stage: Stage, before?: Instruction): boolean {
  const limit = before ? before.getRange().start.line : Number.POSITIVE_INFINITY;
  return chainInstructions(stage).some((ins) => {
    const keyword = ins.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') return false;
    if (ins.getRange().start.line >= limit && stage.instructions.includes(ins)) return false;
    const { sources, destination } = copyArguments(ins, model);
    // A destination held in a variable, or a whole tree copied to / or /bin, may well hold a shell.
    if (!destination || destination.value.includes('$') || SHELL_DIR.test(destination.value)) return true;
    return [...sources, destination].some((p) => SHELL_FILE.test(p.value));
  });
}

/** What runs before a CMD on a base image: nothing, an interpreter (with its fixed first arguments), or unknown. */
export type BaseEntrypoint =
  { kind: 'none' } | { kind: 'interpreter'; names: RegExp; fixedArgs: string[] } | { kind: 'unknown' };

export function baseEntrypoint(image: ImageRef): BaseEntrypoint {
  if (classifyBase(image) === 'scratch') return { kind: 'none' };
  const full = image.registry ? `${image.registry}/${image.path}` : image.path;
  const distroless = /^gcr\.io\/distroless\/([a-z]+)/.exec(full)?.[1];
  const chainguard = image.registry === 'cgr.dev' ? image.name : undefined;
  const flavour = distroless ?? chainguard;
  if (flavour === undefined) return { kind: 'unknown' };
  if (/^(static|base|cc)$/.test(flavour)) return { kind: 'none' };
  if (flavour.startsWith('node')) return { kind: 'interpreter', names: /^node(js)?$/, fixedArgs: [] };
  if (flavour.startsWith('python')) return { kind: 'interpreter', names: /^python(3(\.\d+)?)?$/, fixedArgs: [] };
  // Google's distroless Java runs `java -jar`; other Java images are not known well enough.
  if (distroless && flavour.startsWith('java')) return { kind: 'interpreter', names: /^java$/, fixedArgs: ['-jar'] };
  return { kind: 'unknown' };
}

function execFix(run: boolean, { instruction, stage, base }: ShellForm, model: DockerfileModel): ExecFix | undefined {
  if (run) return runFix(instruction, model, base);
  const line = commandLineOf(instruction, model);
  return line && startFix(instruction, line.argv, line.range, stage, base);
}

function runFix(ins: Instruction, model: DockerfileModel, base: ImageRef): ExecFix | undefined {
  // A heredoc is a script, never plain words.
  if (/<</.test(ins.getRawArgumentsContent() ?? '')) return undefined;
  const line = commandLineOf(ins, model);
  const argv = asProgram(line?.argv);
  if (!line || !argv) return undefined;
  const program = argv[0];
  if (ABSENT_PROGRAMS.has(basename(program))) return undefined;
  // A bare name is looked up on PATH; of the runtimes only distroless Java is known to put its interpreter there.
  const entry = baseEntrypoint(base);
  const onPath = entry.kind === 'interpreter' && program === 'java';
  if (!program.includes('/') && !onPath) return undefined;
  return { range: line.range, argv, keyword: 'RUN' };
}

function startFix(
  ins: Instruction,
  words: string[] | undefined,
  range: Range,
  stage: Stage,
  base: ImageRef,
): ExecFix | undefined {
  const keyword = ins.getKeyword();
  // A CMD after an exec-form ENTRYPOINT is only its arguments; anything else names a program.
  const entrypoint = keyword === 'CMD' ? lastInChain(stage, 'ENTRYPOINT') : undefined;
  if (entrypoint && isExecForm(entrypoint)) return words ? { range, argv: words, keyword } : undefined;
  const argv = asProgram(words);
  if (!argv) return undefined;
  if (keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
    // ENTRYPOINT replaces the image's; a bare interpreter name may not be on PATH in interpreter images.
    if (keyword === 'ENTRYPOINT' && baseEntrypoint(base).kind === 'interpreter' && !argv[0].includes('/'))
      return undefined;
    return { range, argv, keyword: keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : keyword };
  }
  const entry = baseEntrypoint(base);
  if (entry.kind !== 'interpreter') return { range, argv, keyword };
  // The base image's ENTRYPOINT is the interpreter: CMD holds only what follows it.
  if (!entry.names.test(argv[0])) return undefined;
  const rest = argv.slice(1);
  for (const fixed of entry.fixedArgs) {
    if (rest[0] !== fixed) return undefined;
    rest.shift();
  }
  if (rest.length === 0) return undefined;
  return { range, argv: rest, keyword };
}
