import type { Instruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { classifyBase, type ImageRef } from '../../dockerfile/image-ref';
import { rootStage, type DockerfileModel, type Stage } from '../../dockerfile/model';
import {
  chainInstructions,
  instructionSpan,
  isWasmImage,
  lastInChain,
  runsNothing,
  stageChain,
} from '../../dockerfile/runtime';
import { basename, commandName, effectiveWords } from '../../dockerfile/shell';
import { OS_PACKAGE_MANAGERS, packageInstall } from '../../dockerfile/packages';
import { readArguments, type OptionSpec } from '../../dockerfile/options';
import { startsAsRoot, userBefore } from '../../dockerfile/users';
import { imageProfile } from '../../images/lookup';
import { builtImageFacts } from '../../images/built-image';
import { endsOpen } from '../../dockerfile/instructions';
import type { Finding, Fix, TextEdit } from '../../types';

/** How to make the final stage run as someone else, worked out by the check. */
type MessageId = 'noUser' | 'createdNotUsed' | 'rootUser' | 'stepsDown' | 'baseStepsDown' | 'needsRoot';

/** What the check found: the final stage runs as root, and the USER that says so (or none). */
interface RootFinding {
  stage: Stage;
  base: ImageRef | undefined;
  /** A user the stage creates but does not switch to. */
  created: string | undefined;
  /** The last USER of the stage, naming root. */
  rootUser?: Instruction;
}

interface UserFix {
  user: string;
  /** A RUN line that creates the user first, when the base image has none to use. */
  create?: string;
  /** Offset where the USER line (and its RUN) goes, or the USER argument to replace. */
  at: number;
  replaceEnd?: number;
  /** Whether new lines go before the text at `at` (a line start) or after it (an instruction end). */
  placement: 'before' | 'after' | 'replace';
}

export default defineRule({
  meta: {
    id: 'image/root-user',
    title: 'Container runs as root',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      End the final stage with \`USER\` set to an unprivileged user (create one if the base image has none), after the
      steps that need root.
    `,
    cis: '4.1',
    peers: {
      hadolint: ['DL3002'],
      trivy: ['DS-0002'],
      checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
      kics: ['Missing User Instruction', "Last User Is 'root'"],
      semgrep: ['missing-user', 'last-user-is-root'],
    },
    references: [
      { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { title: 'hadolint DL3002', url: 'https://github.com/hadolint/hadolint/wiki/DL3002' },
      {
        title: 'OWASP Docker Security Cheat Sheet, rule 2: set a user',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user',
      },
    ],
    fix: 'unsafe',
    messages: {
      noUser: 'The final stage sets no USER, so the container runs as root.',
      createdNotUsed:
        'User `{{user}}` is created but the final stage never switches to it, so the container runs as root.',
      rootUser: 'The last USER is `{{user}}`, so the container runs as root.',
      stepsDown: prose`
        The final stage sets no USER: the container starts as root and relies on its entrypoint to step down with gosu
        or su-exec.
      `,
      baseStepsDown: prose`
        The final stage sets no USER: the container starts as root, and the \`{{profile}}\` image it builds on steps
        down to \`{{user}}\` with {{tool}}.
      `,
      needsRoot: 'The final stage sets no USER, so the container runs as root, which {{what}} needs.{{alternative}}',
    },
    docs: {
      description: prose`
        Reports an image whose final stage runs as root: the last \`USER\` (in the final stage or the stages it builds
        on) is \`root\`, \`0\`, \`root:…\` or \`0:…\`, or there is no \`USER\` at all. Without a \`USER\`, what the base
        image does decides: scratch, the OS and language images and Docker Hub's official images run as root; distroless
        \`:nonroot\`, Chainguard, Bitnami, \`nginx-unprivileged\` and the official Elastic, SonarQube and Solr images do
        not. Other images (private ones, or one named by an ARG without a value) may set a \`USER\` of their own, so
        they are reported only when a \`RUN\` shows that the build runs as root (an OS package install, \`useradd\`).
        When a \`RUN\` creates a user (\`useradd\`, \`adduser\`) that the image never switches to, the message names it.
        An image that starts as root to step down in its entrypoint (it has an ENTRYPOINT and brings in gosu or su-exec,
        as the official database images do) is reported as information. Images that run nothing (scratch with no \`CMD\`
        or \`ENTRYPOINT\`), WebAssembly images and Windows images (which have no root) are not reported.

        The fix puts \`USER\` where a person would: after the last \`RUN\` of the final stage, just before
        \`CMD\`/\`ENTRYPOINT\` and the comments above them, or in place of the last \`USER root\` when no \`RUN\`
        follows it (a \`RUN\` after \`USER root\` keeps it, since it needs root). It switches to the user the Dockerfile
        creates; else to \`node\` on Node.js images and \`$APP_UID\` on .NET 8+ images, which have one; on Debian and
        Ubuntu bases it creates \`app\` with \`useradd\`, on Alpine with \`addgroup\`/\`adduser\`; elsewhere (scratch,
        distroless, unknown bases) it uses the numeric \`65532:65532\`, which needs no entry in \`/etc/passwd\`. When
        the file ends inside an unterminated here-document or a line continuation, where a line added after the last
        instruction would become part of it, no fix is offered. It is unsafe: the program loses root rights it may rely
        on (ports below 1024, files owned by root that it writes), and \`ONBUILD RUN\` steps of child images run as that
        user too.
      `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends curl
            CMD ["curl", "--version"]
          `,
          file`
            FROM node:22
            USER root
          `,
          file`
            FROM python:3.12
            RUN useradd --create-home app
            CMD ["python", "app.py"]
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN useradd --system app
            USER app
            CMD ["bash"]
          `,
          file`
            FROM gcr.io/distroless/static-debian12:nonroot
            COPY app /app
            CMD ["/app"]
          `,
          file`
            FROM node:22 AS base
            USER node
            FROM base
            CMD ["node", "server.js"]
          `,
          file`
            FROM scratch
            COPY data /data
          `,
        ],
      },
      peerNotes: prose`
        KICS "Missing User Instruction" skips scratch images, so its
        \`dockerfile/missing_user_instruction/test/negative.dockerfile\` (a final scratch stage with a CMD and no USER)
        is a finding for us: a program in a scratch image runs as uid 0 with root's capabilities all the same, and
        \`USER 65532:65532\` works there without /etc/passwd. A scratch image that runs nothing (no CMD or ENTRYPOINT)
        is not reported. semgrep \`missing-user\` reports every CMD of a stage without USER and KICS the final FROM; we
        report once, at the final FROM, so semgrep's lines differ from ours. Trivy DS-0002 and KICS also report images
        built on a base we cannot see into (a private image, or one named by an ARG without a value); we report those
        only when a RUN shows the build runs as root (an OS package install, useradd), since such bases often set a USER
        of their own. Official database images start as root and step down in their entrypoint with gosu or su-exec; we
        report that as information, not as an error.
      `,
    },
  },

  check(model): Finding<MessageId, RootFinding>[] {
    const final = model.finalStage;
    if (!final || runsNothing(final) || isWasmImage(final)) return [];
    const base = rootStage(final).image;
    // Windows containers have no root: their users are ContainerUser and ContainerAdministrator.
    if (base && isWindows(base)) return [];
    const effective = userBefore(final);
    if (!effective.isRoot) return [];
    const created = createdUser(final);
    if (effective.instruction) {
      const range = effective.instruction.getArgumentsRange() ?? effective.instruction.getRange();
      return [
        {
          messageId: 'rootUser',
          range,
          data: { user: effective.user ?? 'root' },
          fixData: { stage: final, base, created, rootUser: effective.instruction },
        },
      ];
    }
    // A base image only known at build time, or one we do not know, may set a USER of its own; a RUN that only root
    // can run (package installs, user management) shows that it does not.
    if (!base || (!startsAsRoot(base) && !created && !needsRoot(final))) return [];
    const range = instructionSpan(final.from);
    if (stepsDown(final)) return [{ messageId: 'stepsDown', range, severity: 'info' }];
    // The base image's own entrypoint still runs (the stage sets none): what its profile says of it holds.
    const profile = imageProfile(base);
    const keepsEntrypoint = !lastInChain(final, 'ENTRYPOINT');
    if (profile && keepsEntrypoint && profile.user.stepsDown) {
      const { to, tool } = profile.user.stepsDown;
      return [
        { messageId: 'baseStepsDown', range, severity: 'info', data: { profile: profile.id, user: to.name, tool } },
      ];
    }
    if (profile && keepsEntrypoint && profile.user.needsRoot) {
      const variant = profile.nonRootVariant;
      const alternative = variant ? ` \`${variant.image}\` runs as \`${variant.user}\` (${variant.note}).` : '';
      return [
        {
          messageId: 'needsRoot',
          range,
          severity: 'info',
          data: { what: `the \`${profile.id}\` image (${profile.user.needsRoot.why})`, alternative },
        },
      ];
    }
    const daemon = rootDaemon(model, final);
    if (daemon) return [{ messageId: 'needsRoot', range, severity: 'info', data: { what: daemon, alternative: '' } }];
    if (created)
      return [
        { messageId: 'createdNotUsed', range, data: { user: created }, fixData: { stage: final, base, created } },
      ];
    return [{ messageId: 'noUser', range, fixData: { stage: final, base, created } }];
  },

  fixes(finding, model): Fix[] {
    const found = finding.fixData;
    const plan = found && planFix(model, found.stage, found.base, found.created, found.rootUser);
    if (!plan) return [];
    const eol = model.source.eol;
    const edits: TextEdit[] = [];
    const title = plan.create ? `Create user \`${plan.user}\` and switch to it` : `Switch to user \`${plan.user}\``;
    if (plan.placement === 'replace') {
      const lineStart = model.source.lineStart(model.source.positionAt(plan.at).line);
      const indent = /^[ \t]*/.exec(model.source.text.slice(lineStart))?.[0] ?? '';
      if (plan.create)
        edits.push({ range: model.source.rangeOf(lineStart, lineStart), newText: `${plan.create}${eol}${indent}` });
      edits.push({ range: model.source.rangeOf(plan.at, plan.replaceEnd ?? plan.at), newText: plan.user });
    } else {
      const lines = [...(plan.create ? [plan.create] : []), `USER ${plan.user}`];
      if (plan.placement === 'before') {
        const indent = /^[ \t]*/.exec(model.source.text.slice(plan.at))?.[0] ?? '';
        edits.push({
          range: model.source.rangeOf(plan.at, plan.at),
          newText: lines.map((l) => `${indent}${l}${eol}`).join(''),
        });
      } else {
        edits.push({ range: model.source.rangeOf(plan.at, plan.at), newText: lines.map((l) => `${eol}${l}`).join('') });
      }
    }
    return [{ title, safe: false, edits }];
  },
});

function isWindows(base: ImageRef): boolean {
  return (
    /(^|\/)windows|nanoserver|servercore/.test(base.path) || /nanoserver|servercore|ltsc\d{4}/.test(base.tag ?? '')
  );
}

/** Whether a RUN of the chain does what only root may: install OS packages or manage users. */
function needsRoot(stage: Stage): boolean {
  return stageChain(stage).some((s) =>
    s.runs.some(
      (run) =>
        !run.onbuild &&
        run.script.commands.some((cmd) => {
          const install = packageInstall(cmd);
          if (install) return OS_PACKAGE_MANAGERS.has(install.manager);
          return USER_ADMIN.test(commandName(cmd) ?? '');
        }),
    ),
  );
}

const USER_ADMIN = /^(useradd|adduser|groupadd|addgroup|usermod)$/;
const STEP_DOWN = /(^|[/\s=])(gosu|su-exec)([=:\s-]|$)/;

/**
 * Whether the image starts as root to step down in its entrypoint, the pattern of the official database images: it
 * has an ENTRYPOINT and brings in gosu or su-exec.
 */
function stepsDown(stage: Stage): boolean {
  if (!lastInChain(stage, 'ENTRYPOINT')) return false;
  return chainInstructions(stage).some((ins) => {
    const keyword = ins.getKeyword();
    if (keyword === 'RUN') return STEP_DOWN.test(ins.getArgumentsContent() ?? '');
    if (keyword === 'COPY' || keyword === 'ADD') return STEP_DOWN.test(ins.getTextContent());
    return false;
  });
}

function planFix(
  model: DockerfileModel,
  final: Stage,
  base: ImageRef | undefined,
  created: string | undefined,
  rootUser?: Instruction,
): UserFix | undefined {
  // A user created on a shell-less base exists nowhere (its RUN cannot run there).
  const shellLess = base !== undefined && ['scratch', 'distroless'].includes(classifyBase(base));
  const who = created && !shellLess ? { user: created } : userFor(base, removedAccounts(final));
  const runs = final.instructions.filter((i) => i.getKeyword() === 'RUN');
  const lastRun = runs[runs.length - 1];
  const source = model.source;
  if (
    rootUser &&
    final.instructions.includes(rootUser) &&
    (!lastRun || lastRun.getRange().start.line < rootUser.getRange().start.line)
  ) {
    const args = rootUser.getArgumentsRange();
    // A bare `USER` (a syntax error Docker refuses) would still be the last USER after any line written before it.
    if (!args) return undefined;
    return { ...who, placement: 'replace', at: source.offsetAt(args.start), replaceEnd: source.offsetAt(args.end) };
  }
  const after = lastRun ? final.instructions.indexOf(lastRun) + 1 : 0;
  const start = final.instructions
    .slice(after)
    .find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  if (start) return { ...who, placement: 'before', at: source.lineStart(firstAttachedLine(model, final, start)) };
  const last = final.instructions[final.instructions.length - 1] ?? final.from;
  // A line appended to an unterminated here-document or a trailing continuation would be part of it: no fix.
  if (endsOpen(model, last)) return undefined;
  return { ...who, placement: 'after', at: source.offsetAt(last.getRange().end) };
}

/** The first line of the comment block right above an instruction (a comment there belongs to it). */
function firstAttachedLine(model: DockerfileModel, stage: Stage, instruction: Instruction): number {
  const index = stage.instructions.indexOf(instruction);
  const previous = index > 0 ? stage.instructions[index - 1] : stage.from;
  let line = instruction.getRange().start.line;
  while (line - 1 > previous.getRange().end.line && /^\s*#/.test(model.source.lineText(line - 1))) line--;
  return line;
}

const DEBIAN_IMAGES = new Set([
  'debian',
  'ubuntu',
  'buildpack-deps',
  'bitnami/minideb',
  'python',
  'pypy',
  'ruby',
  'golang',
  'rust',
  'php',
  'perl',
  'erlang',
  'elixir',
  'haskell',
  'julia',
  'r-base',
  'gcc',
  'openjdk',
  'eclipse-temurin',
  'maven',
  'gradle',
  'swift',
  'ibm-semeru-runtimes',
  'sapmachine',
  'dotnet/sdk',
  'dotnet/runtime',
  'dotnet/aspnet',
  'dotnet/runtime-deps',
]);
const DEBIAN_TAG = /(bookworm|bullseye|buster|stretch|trixie|jammy|noble|focal|bionic|xenial)/;
const NON_DEBIAN_TAG =
  /(alpine|windows|nanoserver|servercore|ubi|oracle|centos|amazon|corretto|azurelinux|cbl-mariner|fedora|rocky|alma)/;

/**
 * Who to become on this base image, and how to create them when the image has nobody suitable: the account the base
 * image's profile names for its software (`node`), unless the Dockerfile removes or renames it.
 */
function userFor(base: ImageRef | undefined, removed: Set<string> | 'unknown'): { user: string; create?: string } {
  const numeric = { user: '65532:65532' };
  if (!base) return numeric;
  const cls = classifyBase(base);
  if (cls === 'scratch' || cls === 'distroless') return numeric;
  const tag = base.tag ?? '';
  // .NET 8 and later images carry an `app` user whose id is in $APP_UID (the dotnet profile's account): the image's
  // documentation switches to it by that numeric variable, which Kubernetes' runAsNonRoot can verify.
  if (
    base.registry === 'mcr.microsoft.com' &&
    base.path.startsWith('dotnet/') &&
    Number(/^(\d+)/.exec(tag)?.[1] ?? 0) >= 8 &&
    removed !== 'unknown' &&
    !removed.has('app')
  )
    return { user: '$APP_UID' };
  const account =
    removed === 'unknown' ? undefined : imageProfile(base)?.user.accounts?.find((a) => !removed.has(a.name));
  if (account) return { user: account.name };
  if (base.path === 'alpine' || /(^|-)alpine/.test(tag))
    return { user: 'app', create: 'RUN addgroup -S app && adduser -S -G app app' };
  if ((DEBIAN_IMAGES.has(base.path) || DEBIAN_TAG.test(tag)) && !NON_DEBIAN_TAG.test(tag)) {
    return { user: 'app', create: 'RUN useradd --system --uid 10001 --no-create-home app' };
  }
  return numeric;
}

/**
 * Accounts a RUN of the stage (or a stage it builds on) removes or renames (`userdel ubuntu`, `usermod -l app node`):
 * the base image's account is then not there to switch to. `unknown` when a name is not written literally.
 */
function removedAccounts(stage: Stage): Set<string> | 'unknown' {
  const removed = new Set<string>();
  for (const s of stageChain(stage)) {
    for (const run of s.runs) {
      if (run.onbuild) continue;
      for (const cmd of run.script.commands) {
        const words = effectiveWords(cmd);
        const program = words.length ? basename(words[0].value) : '';
        if (!['userdel', 'deluser', 'usermod'].includes(program)) continue;
        const args = words.slice(1);
        if (program === 'usermod' && !args.some((w) => w.value === '-l' || w.value === '--login')) continue;
        const name = args[args.length - 1];
        if (!name || name.dynamic) return 'unknown';
        removed.add(name.value);
      }
    }
  }
  return removed;
}

/**
 * A program the stage starts that must run as root and manages users itself: a process supervisor, cron, a mail
 * server, sshd (see images/built-image.ts). Said in words for the message.
 */
function rootDaemon(model: DockerfileModel, stage: Stage): string | undefined {
  return builtImageFacts({ model, stage, context: '.' }).rootDaemon?.what;
}

/** Options of useradd, Debian's adduser and busybox's adduser that take a value. */
const USERADD_OPTIONS: OptionSpec = {
  shortWithValue: 'bcdefgGkKpsuRPZh',
  longWithValue: [
    '--base-dir',
    '--comment',
    '--home-dir',
    '--home',
    '--expiredate',
    '--inactive',
    '--gid',
    '--groups',
    '--skel',
    '--key',
    '--password',
    '--shell',
    '--uid',
    '--root',
    '--prefix',
    '--selinux-user',
    '--ingroup',
    '--gecos',
    '--conf',
    '--firstuid',
    '--lastuid',
    '--firstgid',
    '--lastgid',
  ],
};

/** The last user a RUN of the stage (or a stage it builds on) creates, when its name is written literally. */
function createdUser(stage: Stage): string | undefined {
  let found: string | undefined;
  for (const s of stageChain(stage).reverse()) {
    for (const run of s.runs) {
      if (run.onbuild) continue;
      for (const cmd of run.script.commands) {
        const words = effectiveWords(cmd);
        const program = words.length ? basename(words[0].value) : '';
        if (program !== 'useradd' && program !== 'adduser') continue;
        const args = readArguments(words.slice(1), USERADD_OPTIONS);
        // `useradd -D` edits the defaults and creates nobody (busybox `adduser -D` only skips the password).
        if (program === 'useradd' && args.options.some((o) => o.name === '-D' || o.name === '--defaults')) continue;
        const name = args.operands[0];
        if (name && !name.dynamic && /^[a-z_][a-z0-9_.-]*\$?$/i.test(name.value)) found = name.value;
      }
    }
  }
  return found;
}
