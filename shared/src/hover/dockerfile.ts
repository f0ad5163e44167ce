import type { Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { baseClass, isExecForm, rootStage, type DockerfileModel, type Stage } from '../dockerfile/model';
import { shippedStages } from '../dockerfile/instructions';
import { isRootUser, userBefore } from '../dockerfile/users';
import type { BaseImageClass } from '../dockerfile/image-ref';
import type { Position } from '../types';
import { markdownCode } from '../markdown-text';
import type { KeywordHover } from './types';

/**
 * What a security-relevant Dockerfile instruction means for the image, even when nothing is wrong with it: who the
 * container runs as (`USER`), what the base brings (`FROM`), what `EXPOSE`, `HEALTHCHECK` and `ADD` do and do not do.
 */
export function dockerfileKeywordHover(model: DockerfileModel, position: Position): KeywordHover | undefined {
  const instruction = instructionAt(model, position);
  if (!instruction) return undefined;
  const stage = model.stages.find((s) => s.from === instruction || s.instructions.includes(instruction));
  const range = instruction.getInstructionRange();
  switch (instruction.getKeyword()) {
    case 'USER':
      return stage && { range, markdown: userText(instruction, stage, model), rules: ['image/root-user'] };
    case 'FROM':
      return stage && { range, markdown: fromText(stage, model), rules: ['image/full-os-base', 'image/unpinned-base'] };
    case 'EXPOSE':
      return { range, markdown: exposeText(instruction), rules: ['image/ssh-server'] };
    case 'HEALTHCHECK':
      return { range, markdown: healthcheckText(instruction, stage), rules: ['image/no-healthcheck'] };
    case 'ADD':
      return { range, markdown: addText(instruction), rules: ['image/add-instead-of-copy'] };
    default:
      return undefined;
  }
}

/** The instruction whose text holds the position; an ONBUILD trigger answers for itself. */
function instructionAt(model: DockerfileModel, position: Position): Instruction | undefined {
  for (const ins of model.ast.getInstructions()) {
    const r = ins.getRange();
    if (position.line < r.start.line || position.line > r.end.line) continue;
    if (position.line === r.start.line && position.character < r.start.character) continue;
    if (position.line === r.end.line && position.character > r.end.character) continue;
    return ins;
  }
  return undefined;
}

function userText(instruction: Instruction, stage: Stage, model: DockerfileModel): string {
  const user = instruction.getArgumentsContent()?.trim() ?? '';
  const effective = userBefore(stage); // what the stage ends with
  const isLastOfStage = effective.instruction === instruction;
  const lines = ['**USER**: the user that the following `RUN` steps, and the container, run as.', ''];
  if (isRootUser(user)) {
    lines.push(
      `${markdownCode(user || '(empty)')} means **root**. Root in a container is root on the kernel it shares with the host: one kernel or runtime bug away from root on the host, and free to change every file in the image.`,
    );
  } else {
    lines.push(`${markdownCode(user)} is not root.`);
    if (!/^\d+(:\d+)?$/.test(user)) {
      lines.push(
        '',
        'A numeric `UID:GID` (e.g. `65532:65532`) needs no `/etc/passwd` entry, and Kubernetes `runAsNonRoot` can only verify numeric users.',
      );
    }
  }
  lines.push('');
  if (stage.isFinal) {
    lines.push(
      isLastOfStage
        ? 'This is the last `USER` of the final stage: the container runs as this user unless Compose `user:` or `docker run --user` says otherwise.'
        : 'A later `USER` in this stage decides who the container runs as.',
    );
  } else if (shippedStages(model).has(stage)) {
    lines.push(
      'This stage is a base of the final stage: its last `USER` carries over unless the final stage sets another.',
    );
  } else {
    lines.push('This is a build stage: the user only affects its build steps, not the shipped image.');
  }
  lines.push('', 'CIS Docker Benchmark 4.1.');
  return lines.join('\n');
}

const BASE_TEXT: Record<BaseImageClass, string> = {
  scratch: '**scratch**: an empty image. Nothing is in it but what you copy: no shell, no package manager, no users.',
  distroless: '**distroless**: no shell and no package manager; little for an intruder to run, few packages to patch.',
  slim: '**slim**: a trimmed OS, but still with a shell and a package manager an intruder can use.',
  'full-os': '**full OS**: a shell, a package manager and many packages: tools for an intruder and more CVEs to patch.',
  unknown: 'an image Bulkhead does not know (private or uncommon): it cannot say what it carries.',
};

function fromText(stage: Stage, model: DockerfileModel): string {
  const lines = ['**FROM**: the base image this stage starts from; everything in it ships with the final stage.', ''];
  if (stage.parent) {
    const root = rootStage(stage);
    lines.push(
      `Builds on stage ${markdownCode(String(stage.parent.name ?? stage.parent.index))}${root.image ? ` (ultimately ${markdownCode(root.image.text)})` : ''}.`,
      '',
    );
  }
  const root = rootStage(stage);
  if (root.image) {
    const klass = baseClass(stage);
    lines.push(`Base: ${BASE_TEXT[klass]}`, '');
    if (root.image.path !== 'scratch' || root.image.registry)
      lines.push(pinningText(root.image.tag, root.image.digest), '');
  } else if (!stage.parent) {
    lines.push(
      `${markdownCode(stage.imageText)} uses a build argument with no default: the base is chosen at build time and cannot be judged here.`,
      '',
    );
  }
  if (stage.isFinal) lines.push('This is the **final stage**: the image that runs.');
  else if (shippedStages(model).has(stage)) lines.push('The final stage is built on this stage: what it holds ships.');
  else lines.push('A **build stage**: it does not ship; only what later stages `COPY --from` it does.');
  lines.push('', 'CIS Docker Benchmark 4.2, 4.3.');
  return lines.join('\n');
}

function pinningText(tag: string | undefined, digest: string | undefined): string {
  if (digest) return `Pinned by **digest**: every build gets the same bytes.`;
  if (!tag || tag === 'latest')
    return `**Not pinned** (${markdownCode(tag ?? 'latest')}): the image changes under you; builds are neither reproducible nor reviewed.`;
  return `Pinned by **tag** ${markdownCode(tag)} only: a tag can be moved to other content; add \`@sha256:…\` for a verified, reproducible base.`;
}

const PORT_NOTES: Record<number, string> = {
  22: 'an SSH server: another door, and keys to manage. Use `docker exec` instead.',
  23: 'telnet: unencrypted remote login.',
  2375: 'the Docker API without TLS: whoever reaches it is root on the host.',
  2376: 'the Docker API: whoever reaches it with a client certificate is root on the host.',
};

function exposeText(instruction: Instruction): string {
  const lines = [
    '**EXPOSE**: documents the ports the application listens on. It publishes nothing: Compose `ports:` or `docker run -p` does, and only those are reachable from outside.',
  ];
  for (const arg of instruction.getArguments()) {
    const port = Number(/^(\d+)/.exec(arg.getValue())?.[1]);
    const note = PORT_NOTES[port];
    if (note) lines.push('', `Port **${port}** is ${note}`);
  }
  return lines.join('\n');
}

function healthcheckText(instruction: Instruction, stage: Stage | undefined): string {
  const lines = [
    '**HEALTHCHECK**: how Docker tests that the container still works; an unhealthy container can be restarted or taken out of rotation (CIS Docker Benchmark 4.6).',
  ];
  const args = instruction.getArguments();
  const first = args[0]?.getValue().toUpperCase();
  if (first === 'NONE') {
    lines.push('', '`NONE` switches off any health check the base image defines.');
  } else if (first === 'CMD') {
    const execForm = isExecForm(instruction) || /^\s*CMD\s*\[/i.test(instruction.getArgumentsContent() ?? '');
    const klass = stage ? baseClass(stage) : 'unknown';
    if (!execForm) {
      lines.push(
        '',
        klass === 'scratch' || klass === 'distroless'
          ? 'Shell form needs `/bin/sh`, which this base does not have: the check can never pass. Use exec form with a binary the image has.'
          : 'Shell form runs through `/bin/sh`; the check and the tools it calls must exist in the image.',
      );
    }
  }
  return lines.join('\n');
}

function addText(instruction: Instruction): string {
  const lines = [
    '**ADD**: copies files like `COPY`, but also **downloads URLs** and **unpacks local tar archives**: it can do more than the line shows. Prefer `COPY` (CIS Docker Benchmark 4.9).',
  ];
  const flags =
    typeof (instruction as ModifiableInstruction).getFlags === 'function'
      ? (instruction as ModifiableInstruction).getFlags()
      : [];
  const checksum = flags.some((f) => f.getName() === 'checksum');
  const sources = instruction
    .getArguments()
    .slice(0, -1)
    .map((a) => a.getValue());
  if (sources.some((s) => /^(https?|git):\/\//i.test(s) || s.startsWith('git@'))) {
    lines.push(
      '',
      checksum
        ? 'The download is verified with `--checksum`.'
        : 'The download is **not verified**: add `--checksum=sha256:…`, or fetch it in a build stage and check it there.',
    );
  }
  if (sources.some((s) => /\.(tar|tgz|tar\.(gz|bz2|xz|zst))$/i.test(s) && !/^\w+:\/\//.test(s))) {
    lines.push('', 'A local tar archive is unpacked into the image, not copied as a file.');
  }
  return lines.join('\n');
}
