import type { Env, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { DISTROLESS } from '../../images/distroless';
import { defineRule, prose, file } from '../../rule';
import {
  matchingDistroless,
  type DistrolessFlavour,
  type DistrolessMatch,
  type ImageRef,
} from '../../dockerfile/image-ref';
import { baseClass, rootStage, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { copyArguments, endsOpen } from '../../dockerfile/instructions';
import { OS_PACKAGE_MANAGERS, packageInstall } from '../../dockerfile/packages';
import { findOption } from '../../dockerfile/options';
import { asProgram, commandLineOf, execFormText, instructionSpan, type CommandLine } from '../../dockerfile/runtime';
import { basename, commandName } from '../../dockerfile/shell';
import type { Finding, Fix, TextEdit } from '../../types';

/** What the check found: the final stage, built on a full OS image of its own. The fix plan is made by `fixes`. */
interface FullOsFinding {
  stage: Stage;
  image: ImageRef;
}

interface BaseFix {
  title: string;
  edits: TextEdit[];
}

/** Programs a distroless image does not have, though a full OS image does. */
const OS_PROGRAMS =
  /^(sh|bash|ash|dash|zsh|busybox|env|nginx|httpd|apache2|supervisord|tini|dumb-init|gosu|su-exec|npm|npx|yarn|pnpm|pip|pip3|gunicorn|uvicorn|flask|mvn|gradle|catalina\.sh|.*\.sh)$/;
const OS_DIRS = /^\/(bin|sbin|usr\/bin|usr\/sbin)\//;
/** Distroless users: a USER or --chown naming anyone else fails on a distroless image. */
const DISTROLESS_USERS = /^(root|nonroot|nobody|\d+)(:(root|nonroot|nobody|\d+))?$/;
/** Instructions a runtime stage keeps as written (ENV and EXPOSE are filtered; a build ARG never goes along). */
const CARRIED = new Set(['LABEL', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER']);
/** Variables that serve the build, not the program: its tools, their trust settings, the build image's PATH. */
const BUILD_ONLY_ENV =
  /^(CGO_ENABLED|GO(PATH|FLAGS|OS|ARCH|ARM|AMD64|PROXY|PRIVATE|NOSUMDB|NOPROXY|INSECURE|CACHE|MODCACHE|TOOLCHAIN|EXPERIMENT|SUMDB)|npm_config_\w+|YARN_\w+|PNPM_\w+|PIP_\w+|POETRY_\w+|PIPENV_\w+|UV_\w+|MAVEN_\w+|GRADLE_\w+|CARGO_\w+|RUSTUP_\w+|RUSTFLAGS|CC|CXX|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|DEBIAN_FRONTEND|APT_\w+|DOCKER_CONTENT_TRUST\w*|DOCKER_BUILDKIT|GIT_SSL_NO_VERIFY|GIT_\w+|NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|PATH|LD_LIBRARY_PATH)$/i;
/**
 * Variables whose name says they hold a secret: never written into another stage (image/secret-in-build reports them).
 */
const SECRET_ENV = /(pass(word|wd)?|secret|token|api_?key|private_?key|credentials?|auth)/i;
/** Ports of remote-login services a runtime image has no reason to offer (image/ssh-server, and telnet, VNC, RDP). */
const LOGIN_PORTS = new Set(['22', '23', '3389', '5900']);

export default defineRule({
  meta: {
    id: 'image/full-os-base',
    title: 'Final stage on a full OS image',
    kind: 'dockerfile',
    severity: 'info',
    threat: 'external-container',
    mitigation: prose`
      Build in one stage and run in another on \`scratch\` or a distroless image, which has no shell or package manager
      for an intruder to use and far fewer packages to patch.
    `,
    cis: '4.3',
    peers: {},
    references: [
      { title: 'Distroless container images', url: 'https://github.com/GoogleContainerTools/distroless' },
      { title: 'Multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' },
      {
        title: 'Dockerfile best practices: choose the right base image',
        url: 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image',
      },
      {
        title: 'OWASP Docker Security Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
      },
    ],
    fix: 'unsafe',
    messages: {
      fullOs: 'The image runs on `{{image}}`, a full OS with a shell and a package manager that an intruder can use.',
    },
    docs: {
      description: prose`
        Reports a final stage built on a full OS image (Debian, Ubuntu, Alpine, CentOS, Fedora and the language images
        built on them: \`node\`, \`python\`, \`openjdk\`, \`golang\` …). Slim variants, distroless, scratch and images
        Bulkhead does not know (private ones) are not reported. It is information, not a warning: nearly every
        Dockerfile starts this way, and moving to distroless is a design change that needs knowledge of what the program
        uses at run time.

        Two fixes, both unsafe, offered only when the result can be worked out exactly:

        - **Swap the image** when the final stage has no \`RUN\` and exec-form \`CMD\`/\`ENTRYPOINT\`: \`FROM\` gets the
          matching distroless image (\`nodejs\`, \`python3\`, \`java\` for the language images, \`static\` for Go built
          with \`CGO_ENABLED=0\`, \`cc\` for Rust, \`base\` otherwise). On the Node.js and Python images, whose
          ENTRYPOINT is the interpreter, \`CMD ["node", "server.js"]\` becomes \`CMD ["server.js"]\`; on Java, whose
          ENTRYPOINT is \`java -jar\`, \`CMD ["java", "-jar", "app.jar"]\` becomes \`CMD ["app.jar"]\`.
        - **Add a runtime stage** when the final stage has \`RUN\` or a shell-form \`CMD\`/\`ENTRYPOINT\`: the stage
          becomes a build stage (named \`build\` if it has no name) and a new final stage on the distroless image copies
          the app from it: for Node.js, Python and Java the \`WORKDIR\` (with \`node_modules\`), for compiled programs
          the program alone (what was copied into the \`WORKDIR\` is its source), and in both cases the files copied
          outside the \`WORKDIR\`. It keeps \`ARG\`, \`ENV\`, \`LABEL\`, \`EXPOSE\`, \`VOLUME\`, \`STOPSIGNAL\` and
          \`WORKDIR\`, drops \`USER\` (distroless \`:nonroot\` runs as 65532) and starts the program in exec form.

        No fix is offered, and the reason is a runtime dependency the rule cannot carry over, when: the stage builds on
        another stage; an interpreted app has no \`WORKDIR\` to copy; the stage has no \`CMD\`/\`ENTRYPOINT\` of its
        own; it installs OS packages (they are not in distroless), Python packages (they live outside \`WORKDIR\` and
        are built for another interpreter) or global npm packages; its base is Alpine (musl binaries do not run on glibc
        distroless); it has \`HEALTHCHECK CMD\` (distroless has no curl), \`ONBUILD\`, or a \`USER\`/\`--chown\` naming
        a user distroless lacks; or the program is a shell script, a package manager or an OS tool (\`npm start\`,
        \`nginx\`, \`/docker-entrypoint.sh\`).
      `,
      examples: {
        bad: [
          file`
            FROM node:22
            WORKDIR /app
            COPY . .
            CMD ["node", "server.js"]
          `,
          file`
            FROM golang:1.23
            WORKDIR /src
            COPY . .
            RUN CGO_ENABLED=0 go build -o /out/server .
            CMD ["/out/server"]
          `,
        ],
        good: [
          file`
            FROM golang:1.23 AS build
            WORKDIR /src
            COPY . .
            RUN CGO_ENABLED=0 go build -o /out/server .

            FROM gcr.io/distroless/static-debian12:nonroot
            COPY --from=build /out/server /server
            CMD ["/server"]
          `,
          file`
            FROM python:3.12-slim
            COPY app.py /app/
            CMD ["python", "/app/app.py"]
          `,
          file`
            FROM registry.example.com/team/base:1.4
            CMD ["/app"]
          `,
        ],
      },
      peerNotes: prose`
        No peer reports a full OS runtime image. hadolint, Trivy and KICS check how packages are installed, not whether
        the image should carry a package manager at all.
      `,
    },
  },

  check(model) {
    const final = model.finalStage;
    if (!final || baseClass(final) !== 'full-os') return [];
    const root = rootStage(final);
    const image = root.image as ImageRef;
    const finding: Finding<'fullOs', FullOsFinding> = {
      messageId: 'fullOs',
      range: final.imageRange ?? final.from.getRange(),
      data: { image: image.text },
      // A final stage built on another stage of this file changes with that stage: no fix of its own.
      fixData: final.parent ? undefined : { stage: final, image },
    };
    if (final.parent && root.imageRange)
      finding.related = [{ range: root.imageRange, message: `\`${image.text}\` is the base of the final stage` }];
    return [finding];
  },

  fixes(finding, model): Fix[] {
    const found = finding.fixData;
    const plan = found && planFix(model, found.stage, found.image);
    return plan ? [{ title: plan.title, safe: false, edits: plan.edits }] : [];
  },
});

/** The distroless image for this stage and the reason it is that one. */
function target(model: DockerfileModel, image: ImageRef): DistrolessMatch {
  const match = matchingDistroless(image);
  // Go links against glibc unless cgo is off; only then is the static image (no libc) enough.
  if (match.flavour === 'static' && image.path === 'golang' && !cgoDisabled(model)) {
    return { image: match.image.replace('/static-', '/base-'), flavour: 'base' };
  }
  // A C++ program needs libstdc++, which only cc carries.
  if (match.flavour === 'base' && compilesCxx(model))
    return { image: match.image.replace('/base-', '/cc-'), flavour: 'cc' };
  return match;
}

const CXX_COMPILERS = new Set(['g++', 'c++', 'clang++', 'cmake', 'cargo', 'rustc']);

function compilesCxx(model: DockerfileModel): boolean {
  return model.stages.some((stage) =>
    stage.runs.some((run) => run.script.commands.some((cmd) => CXX_COMPILERS.has(commandName(cmd) ?? ''))),
  );
}

function cgoDisabled(model: DockerfileModel): boolean {
  return /\bCGO_ENABLED=["']?0\b/.test(model.source.text);
}

/** What the image runs: ENTRYPOINT and CMD of the stage, as argument lists; undefined when not known exactly. */
interface StartCommand {
  entrypoint?: { instruction: Instruction; line: CommandLine };
  cmd?: { instruction: Instruction; line: CommandLine };
  argv: string[];
}

function startCommand(model: DockerfileModel, stage: Stage): StartCommand | undefined {
  const last = (keyword: string) => {
    const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
    const instruction = found[found.length - 1];
    const line = instruction && commandLineOf(instruction, model);
    return instruction && line ? { instruction, line } : undefined;
  };
  const program = (line: CommandLine) => (line.form === 'shell' ? asProgram(line.argv) : line.argv);
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  if (entrypoint) {
    const argv = program(entrypoint.line);
    if (!argv?.length) return undefined;
    // Shell-form ENTRYPOINT ignores CMD; exec form takes CMD as its arguments.
    if (entrypoint.line.form === 'shell' || !cmd) return { entrypoint, cmd, argv };
    if (!cmd.line.argv || cmd.line.form === 'shell') return undefined;
    return { entrypoint, cmd, argv: [...argv, ...cmd.line.argv] };
  }
  const argv = cmd && program(cmd.line);
  if (!cmd || !argv?.length) return undefined;
  return { cmd, argv };
}

type Runtime = { entrypoint?: string[]; cmd?: string[] };

/**
 * How the distroless image runs the same program. The nodejs and python3 images have the interpreter as ENTRYPOINT
 * and java has `java -jar`, so CMD keeps what follows them; static, base and cc run the program as it was written.
 */
function startOn(flavour: DistrolessFlavour, start: StartCommand): Runtime | undefined {
  const argv = start.argv;
  const program = basename(argv[0]);
  if (flavour === 'nodejs' || flavour === 'python3') {
    const interpreter = flavour === 'nodejs' ? /^node(js)?$/ : /^python(3(\.\d+)?)?$/;
    if (!interpreter.test(program) || argv.length < 2) return undefined;
    return { cmd: argv.slice(1) };
  }
  if (flavour === 'java') {
    if (program !== 'java') return undefined;
    if (argv[1] === '-jar' && argv.length > 2) return { cmd: argv.slice(2) };
    // JVM options before -jar: run java itself (distroless Java has it on PATH).
    return { entrypoint: ['java', ...argv.slice(1)] };
  }
  if (!argv[0].includes('/') || OS_DIRS.test(argv[0]) || OS_PROGRAMS.test(program)) return undefined;
  if (!start.entrypoint) return { cmd: argv };
  const entrypoint = start.entrypoint.line.form === 'shell' ? argv : start.entrypoint.line.argv;
  const cmd = start.entrypoint.line.form === 'exec' ? start.cmd?.line.argv : undefined;
  return { entrypoint, ...(cmd ? { cmd } : {}) };
}

function planFix(model: DockerfileModel, stage: Stage, image: ImageRef): BaseFix | undefined {
  const ins = stage.instructions;
  if (ins.some((i) => i.getKeyword() === 'ONBUILD')) return undefined;
  // Health checks call curl or wget, which distroless does not have.
  if (ins.some((i) => i.getKeyword() === 'HEALTHCHECK' && commandLineOf(i, model))) return undefined;
  const start = startCommand(model, stage);
  if (!start) return undefined;
  const goal = target(model, image);
  const runtime = startOn(goal.flavour, start);
  if (!runtime) return undefined;
  const shellForm = [start.entrypoint, start.cmd].some((s) => s?.line.form === 'shell');
  if (stage.runs.length === 0 && !shellForm) return swapImage(stage, goal, start, runtime);
  return addRuntimeStage(model, stage, image, goal, start, runtime);
}

function chownBlocks(ins: Instruction): boolean {
  const chown = flag(ins, 'chown');
  return chown !== undefined && !DISTROLESS_USERS.test(chown);
}

/** The value of a COPY/ADD flag (`--from=build`), or undefined when the flag is absent. */
function flag(ins: Instruction, name: string): string | undefined {
  const found = (ins as ModifiableInstruction).getFlags().find((f) => f.getName() === name);
  return found ? (found.getValue() ?? '') : undefined;
}

/** The final stage keeps its instructions; FROM changes, and the start command follows the image's ENTRYPOINT. */
function swapImage(stage: Stage, goal: DistrolessMatch, start: StartCommand, runtime: Runtime): BaseFix | undefined {
  const range = stage.imageRange;
  if (!range) return undefined;
  // The instructions stay, so their users must exist in distroless.
  for (const ins of stage.instructions) {
    if (ins.getKeyword() === 'USER' && !DISTROLESS_USERS.test(ins.getArgumentsContent()?.trim() ?? ''))
      return undefined;
    if ((ins.getKeyword() === 'COPY' || ins.getKeyword() === 'ADD') && chownBlocks(ins)) return undefined;
  }
  const edits: TextEdit[] = [{ range, newText: goal.image }];
  const imageRunsInterpreter = goal.flavour === 'nodejs' || goal.flavour === 'python3' || goal.flavour === 'java';
  if (!imageRunsInterpreter || start.entrypoint) {
    // The program runs as written; an ENTRYPOINT of our own replaces the image's interpreter, so it must be one.
    // distroless Java has `java` on PATH; where node and python are is not part of those images' contract.
    if (imageRunsInterpreter && !runtime.entrypoint && goal.flavour !== 'java') return undefined;
  } else if (runtime.cmd && start.cmd) {
    edits.push({ range: start.cmd.line.range, newText: execFormText(runtime.cmd) });
  } else if (runtime.entrypoint && start.cmd) {
    // A CMD would become arguments of the image's interpreter: it has to be the ENTRYPOINT.
    edits.push({
      range: instructionSpan(start.cmd.instruction),
      newText: `ENTRYPOINT ${execFormText(runtime.entrypoint)}`,
    });
  }
  return { title: `Run on \`${goal.image}\`${goal.mismatch ? ` — ${goal.mismatch}` : ''}`, edits };
}

/** The stage becomes the build stage; a new final stage on distroless copies the app from it. */
function addRuntimeStage(
  model: DockerfileModel,
  stage: Stage,
  image: ImageRef,
  goal: DistrolessMatch,
  start: StartCommand,
  runtime: Runtime,
): BaseFix | undefined {
  if (image.path === 'alpine' || /(^|-)alpine/.test(image.tag ?? '')) return undefined;
  if (installsOutsideWorkdir(stage)) return undefined;
  // The new stage goes at the end of the file: an unterminated here-document or a trailing continuation there would
  // swallow it.
  const lastWritten = model.ast.getInstructions().at(-1);
  if (lastWritten && endsOpen(model, lastWritten)) return undefined;
  const source = model.source;
  const text = source.text;
  let workdir: string | undefined;
  const paths: CopiedPath[] = [];
  const carried: string[] = [];
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'WORKDIR') {
      const path = ins.getArgumentsContent()?.trim() ?? '';
      if (path.includes('$')) return undefined;
      workdir = joinPath(workdir ?? '/', path);
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const { sources, destination } = copyArguments(ins, model);
      if (destination === undefined || destination.value.includes('$')) return undefined;
      const context = !flag(ins, 'from') && sources.some((p) => /^\.\/?$/.test(p.value));
      paths.push({ path: joinPath(workdir ?? '/', destination.value), context });
    } else if (keyword === 'ENV') {
      const kept = runtimeVariables(model, ins as Env);
      if (kept) carried.push(kept);
    } else if (keyword === 'EXPOSE') {
      const ports = ins
        .getArguments()
        .map((a) => a.getValue())
        .filter((port) => !LOGIN_PORTS.has(port.replace(/\/tcp$/i, '')));
      // The keyword as written (`expose` in a lower-case file).
      const written = text.slice(
        source.offsetAt(ins.getRange().start),
        source.offsetAt(ins.getRange().start) + keyword.length,
      );
      if (ports.length) carried.push(`${written} ${ports.join(' ')}`);
    } else if (CARRIED.has(keyword) || (keyword === 'HEALTHCHECK' && !commandLineOf(ins, model))) {
      const span = instructionSpan(ins);
      carried.push(text.slice(source.offsetAt(span.start), source.offsetAt(span.end)));
    }
  }
  const copies = appFiles(goal.flavour, workdir, paths, start.argv);
  if (!copies || copies.some((p) => p === '/' || OS_DIRS.test(`${p.replace(/\/+$/, '')}/`))) return undefined;

  const names = new Set(model.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  const name = stage.name ?? ['build', 'app-build', 'build-stage'].find((n) => !names.has(n));
  if (!name) return undefined;
  const eol = source.eol;
  const edits: TextEdit[] = [];
  if (!stage.name) {
    const end = instructionSpan(stage.from).end;
    edits.push({ range: { start: end, end }, newText: ` ${stageKeyword(model)} ${name}` });
  }
  // A numeric user, as the `:nonroot` image runs as: it needs no /etc/passwd lookup and tells an orchestrator that
  // checks runAsNonRoot what it is.
  const user = `${DISTROLESS.nonroot.uid}:${DISTROLESS.nonroot.uid}`;
  const lines = [
    `FROM ${goal.image}`,
    ...carried,
    ...(workdir ? [`WORKDIR ${workdir}`] : []),
    ...copies.map((p) => `COPY --from=${name} ${p} ${p}`),
    `USER ${user}`,
  ];
  if (runtime.entrypoint) lines.push(`ENTRYPOINT ${execFormText(runtime.entrypoint)}`);
  if (runtime.cmd) lines.push(`CMD ${execFormText(runtime.cmd)}`);
  const endsWithBreak = /\r?\n$/.test(text);
  const end = source.positionAt(text.length);
  edits.push({ range: { start: end, end }, newText: `${endsWithBreak ? '' : eol}${eol}${lines.join(eol)}${eol}` });
  return { title: `Run on \`${goal.image}\` in a new final stage${goal.mismatch ? ` — ${goal.mismatch}` : ''}`, edits };
}

/**
 * The ENV instruction's variables the program may read at run time, as `ENV name=value …`; undefined when none is
 * left. Variables of the build tools and any whose name says it holds a secret stay behind.
 */
function runtimeVariables(model: DockerfileModel, ins: Env): string | undefined {
  const properties = ins.getProperties();
  const kept = properties.filter((p) => !BUILD_ONLY_ENV.test(p.getName()) && !SECRET_ENV.test(p.getName()));
  if (!kept.length) return undefined;
  const { source } = model;
  const span = instructionSpan(ins);
  if (kept.length === properties.length)
    return source.text.slice(source.offsetAt(span.start), source.offsetAt(span.end));
  const written = kept.map((p) => {
    const range = p.getRange();
    return source.text.slice(source.offsetAt(range.start), source.offsetAt(range.end));
  });
  // `ENV NAME value` (one variable, space form) cannot be split: all or nothing, handled above.
  return `ENV ${written.join(' ')}`;
}

interface CopiedPath {
  path: string;
  /** The whole build context (`COPY . …`): the source tree, not something a compiled program reads. */
  context: boolean;
}

/**
 * What the runtime stage copies from the build stage. An interpreted app lives in its WORKDIR (with the files copied
 * elsewhere and the absolute paths its command names); a compiled one is its program and the files copied outside the
 * WORKDIR, except the source tree.
 */
function appFiles(
  flavour: DistrolessFlavour,
  workdir: string | undefined,
  copied: CopiedPath[],
  argv: string[],
): string[] | undefined {
  const interpreted = flavour === 'nodejs' || flavour === 'python3' || flavour === 'java';
  const outside = (p: string) => workdir === undefined || !isUnder(p, workdir);
  if (interpreted) {
    if (!workdir || workdir === '/') return undefined;
    const named = argv.filter((a) => /^\/[\w./@+-]*$/.test(a));
    return [workdir, ...new Set([...copied.map((c) => c.path), ...named].filter(outside))];
  }
  const program = joinPath(workdir ?? '/', argv[0]);
  return [
    ...new Set([
      program,
      ...copied
        .filter((c) => !c.context)
        .map((c) => c.path)
        .filter(outside),
    ]),
  ];
}

/** `AS` spelt the way the file's other stages spell it. */
function stageKeyword(model: DockerfileModel): string {
  for (const stage of model.stages) {
    const as = stage.from.getArguments().find((a) => /^as$/i.test(a.getValue()));
    if (as) return as.getValue();
  }
  return 'AS';
}

/** Installs whose results land outside the app's folder: OS packages, Python packages, global npm packages. */
function installsOutsideWorkdir(stage: Stage): boolean {
  return stage.runs.some((run) =>
    run.script.commands.some((cmd) => {
      const install = packageInstall(cmd);
      if (!install) return false;
      if (OS_PACKAGE_MANAGERS.has(install.manager) || install.manager === 'pip' || install.manager === 'gem')
        return true;
      return install.manager === 'npm' && findOption(install.args, '-g', '--global') !== undefined;
    }),
  );
}

function joinPath(base: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir.replace(/\/+$/, '')}/`);
}
