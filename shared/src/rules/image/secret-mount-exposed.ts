import type { Flag, ModifiableInstruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { shippedStages } from '../../dockerfile/instructions';
import { basename, effectiveWords, pipelines, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { readArguments } from '../../dockerfile/options';
import type { Finding, Range } from '../../types';

type MessageId = 'copied' | 'readableByAll';

/** A `--mount=type=secret` of a RUN: its id and the file it is mounted at, if any. */
interface SecretMount {
  id: string;
  /** The file path; undefined when the secret goes only to an environment variable (`env=` without `target=`). */
  target?: string;
}

export default defineRule({
  meta: {
    id: 'image/secret-mount-exposed',
    title: 'Build secret copied into a layer or readable by all',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
        Mount the secret where the tool reads it (\`--mount=type=secret,id=npmrc,target=/root/.npmrc\`) instead of
        copying it, or delete the copy in the same RUN; keep the mount readable by one user (\`uid=\`, the default
        \`mode=0400\`).
      `,
    cis: '4.10',
    peers: {},
    references: [
      {
        title: 'Dockerfile reference: RUN --mount=type=secret',
        url: 'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret',
      },
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    ],
    fix: 'none',
    messages: {
      copied: prose`
          \`{{command}}\` copies the build secret \`{{id}}\` out of its mount into \`{{destination}}\`, a file of the
          image layer: the secret then ships with the image, where anyone who can pull it reads it.
        `,
      readableByAll: prose`
          \`mode={{mode}}\` makes the build secret \`{{id}}\` readable by every user of this build step, not only by the
          one that needs it.
        `,
    },
    docs: {
      description: prose`
        A secret mount (\`RUN --mount=type=secret,id=npmrc …\`) exists only while its RUN step runs, and nothing of
        it is written to the image. This rule reports what undoes that, in the stages that become the image (the
        final stage, the stages it is built \`FROM\`, and ONBUILD triggers):

        - the secret copied out of its mount into a file of the layer: \`cp\`, \`install\`, \`mv\` or \`rsync\` of
        the mounted file, \`cat /run/secrets/npmrc > ~/.npmrc\` (also \`>>\` and \`| tee file\`), and \`echo\` or
        \`printf\` of \`$(cat /run/secrets/…)\` into a file. The file is a layer of the image, where anyone who can
        pull it reads it; deleting it in a later RUN does not remove it from the earlier layer. A copy deleted by
        \`rm\` later in the same RUN never reaches the layer and is not reported, nor is a copy into a path that
        another mount of the step covers (a \`tmpfs\` or cache mount), into \`/dev\`, \`/proc\` or \`/run/secrets\`, or
        into a certificate trust store (\`/usr/local/share/ca-certificates/\`, \`/etc/pki/ca-trust/source/anchors/\`,
        \`/etc/ssl/certs/\`, a \`.crt\` file): a CA certificate passed as a secret is public once trusted. An error.
        - a secret mount readable by every user (\`mode=0444\`, any mode that gives read to others), a warning: the
        secret is still only in that step, but every process of it can read it, also one that a package installer
        starts as another user. Use \`uid=\` (and \`gid=\`) to give it to the user that needs it.

        The mount path is \`target=\` (or \`dst=\`, \`destination=\`), else \`/run/secrets/<id>\`; a mount with only
        \`env=\` puts the secret in an environment variable, which this rule does not follow. Copies in a build-only
        stage stay in the build cache (and a cache exported with \`--cache-to … mode=max\`); they are not reported,
        nor followed through a \`COPY --from\`. There is no fix: mounting the secret at the path the tool reads is
        the usual one, but only the author knows that path.
      `,
      examples: {
        bad: [
          'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\n',
          file`
            FROM node:20-slim
            USER node
            RUN --mount=type=secret,id=npmrc,mode=0444 npm ci --userconfig /run/secrets/npmrc
          `,
        ],
        good: [
          'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
          file`
            FROM node:20-slim
            RUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci && rm /root/.npmrc
          `,
          file`
            FROM node:20-slim
            USER node
            RUN --mount=type=secret,id=npmrc,uid=1000 npm ci --userconfig /run/secrets/npmrc
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    const shipped = shippedStages(model);
    for (const run of allRuns(model)) {
      if (!run.onbuild && !shipped.has(run.stage)) continue;
      const flags = (run.instruction as ModifiableInstruction).getFlags().filter((f) => f.getName() === 'mount');
      const secrets: SecretMount[] = [];
      const covered: string[] = [];
      for (const flag of flags) {
        const options = mountOptions(flag);
        const type = options.get('type')?.value ?? 'bind';
        const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
        if (type !== 'secret') {
          if (target?.value) covered.push(target.value);
          continue;
        }
        const id = options.get('id')?.value ?? (target?.value ? basename(target.value) : '');
        const envOnly = options.has('env') && !target;
        secrets.push({ id, target: envOnly ? undefined : (target?.value ?? `/run/secrets/${id}`) });
        const mode = options.get('mode');
        if (mode?.value && /^0?[0-7]{3,4}$/.test(mode.value) && (parseInt(mode.value, 8) & 0o004) !== 0)
          findings.push({
            messageId: 'readableByAll',
            data: { mode: mode.value, id },
            range: mode.range,
            severity: 'warning',
          });
      }
      const mounted = secrets.filter((s) => s.target !== undefined);
      if (!mounted.length) continue;
      const commands = run.script.commands;
      commands.forEach((cmd, i) => {
        for (const copy of copiesOf(cmd, commands, mounted)) {
          if (writesOutsideLayer(copy.destination, covered) || removedLater(copy.destination, commands.slice(i + 1)))
            continue;
          findings.push({
            messageId: 'copied',
            data: { command: copy.command, id: copy.secret.id, destination: copy.destination },
            range: model.source.rangeOf(copy.from, copy.to),
          });
        }
      });
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

function mountOptions(flag: Flag): Map<string, { value: string; range: Range }> {
  const options = new Map<string, { value: string; range: Range }>();
  for (const option of flag.getOptions()) {
    const name = option.getName().toLowerCase();
    options.set(name, { value: option.getValue() ?? '', range: option.getRange() });
  }
  return options;
}

interface SecretCopy {
  command: string;
  secret: SecretMount;
  destination: string;
  from: number;
  to: number;
}

/** The secret a path names: the mount's file itself (or a path under a mounted folder). */
function secretAt(path: string, secrets: SecretMount[]): SecretMount | undefined {
  return secrets.find((s) => s.target && (path === s.target || path.startsWith(`${s.target.replace(/\/+$/, '')}/`)));
}

/** Writes of a secret's content to a file by this command. */
function copiesOf(cmd: SimpleCommand, commands: SimpleCommand[], secrets: SecretMount[]): SecretCopy[] {
  const words = effectiveWords(cmd);
  if (!words.length || words[0].dynamic) return [];
  const name = basename(words[0].value);
  const copies: SecretCopy[] = [];
  const fileRedirect = cmd.redirects.find(
    (r) => (r.operator === '>' || r.operator === '>>' || r.operator === '>|') && r.target && !r.target.dynamic,
  );
  if (name === 'cp' || name === 'install' || name === 'mv' || name === 'rsync') {
    const operands = readArguments(words.slice(1), {
      shortWithValue: name === 'install' ? 'mgoStT' : 'tS',
      longWithValue: ['--target-directory', '--suffix', '--mode', '--owner', '--group'],
    }).operands;
    if (operands.length < 2) return [];
    const destination = operands[operands.length - 1];
    for (const source of operands.slice(0, -1)) {
      const secret = secretAt(source.value, secrets);
      if (!secret || destination.dynamic) continue;
      // Into a folder (`cp /run/secrets/npmrc /app/`), the copy keeps its name.
      const file = destination.value.endsWith('/') ? destination.value + basename(source.value) : destination.value;
      copies.push({ command: name, secret, destination: file, from: words[0].start, to: destination.end });
    }
    return copies;
  }
  if (name === 'cat' && fileRedirect?.target) {
    for (const source of words.slice(1)) {
      const secret = secretAt(source.value, secrets);
      if (secret)
        copies.push({
          command: 'cat',
          secret,
          destination: fileRedirect.target.value,
          from: words[0].start,
          to: fileRedirect.end,
        });
    }
    return copies;
  }
  if (name === 'cat') {
    // `cat /run/secrets/x | tee file`
    const secret = words
      .slice(1)
      .map((w) => secretAt(w.value, secrets))
      .find(Boolean);
    if (!secret) return [];
    const group = pipelines({ commands }).find((g) => g.includes(cmd)) ?? [];
    for (const next of group.slice(group.indexOf(cmd) + 1)) {
      const teeWords = effectiveWords(next);
      if (!teeWords.length || basename(teeWords[0].value) !== 'tee') continue;
      for (const file of teeWords.slice(1).filter((w) => !w.value.startsWith('-') && !w.dynamic))
        copies.push({ command: 'cat | tee', secret, destination: file.value, from: words[0].start, to: file.end });
    }
    return copies;
  }
  if ((name === 'echo' || name === 'printf') && fileRedirect?.target) {
    // `echo "$(cat /run/secrets/x)" > file`: the substitution reads the mount.
    const secret = words
      .slice(1)
      .filter((w) => w.dynamic)
      .map((w) => substitutedPath(w, secrets))
      .find(Boolean);
    if (secret)
      copies.push({
        command: name,
        secret,
        destination: fileRedirect.target.value,
        from: words[0].start,
        to: fileRedirect.end,
      });
  }
  return copies;
}

/** The secret a `$(cat PATH)` or `$(< PATH)` in the word reads. */
function substitutedPath(word: ShellWord, secrets: SecretMount[]): SecretMount | undefined {
  for (const m of word.value.matchAll(/\$\(\s*(?:cat\s+|<\s*)(["']?)([^\s"')]+)\1\s*\)/g)) {
    const secret = secretAt(m[2], secrets);
    if (secret) return secret;
  }
  return undefined;
}

/**
 * Where a certificate goes to be trusted: a CA certificate passed as a secret (a company proxy's, whose name is kept
 * out of the Dockerfile) is public material once installed.
 */
const TRUST_STORE =
  /^\/(?:usr\/local\/share\/ca-certificates|usr\/share\/ca-certificates|etc\/pki\/ca-trust\/source\/anchors|etc\/ssl\/certs)\/|\.(?:crt|cer)$/;

function writesOutsideLayer(destination: string, covered: string[]): boolean {
  if (/^\/(?:dev|proc|run\/secrets)(?:\/|$)/.test(destination) || TRUST_STORE.test(destination)) return true;
  return covered.some((c) => destination === c || destination.startsWith(`${c.replace(/\/+$/, '')}/`));
}

/** Whether a later command of the same RUN deletes the copy (or a folder holding it) before the layer is stored. */
function removedLater(destination: string, later: SimpleCommand[]): boolean {
  const normalized = destination.replace(/\/+$/, '');
  for (const next of later) {
    const words = effectiveWords(next);
    if (!words.length || basename(words[0].value) !== 'rm') continue;
    for (const operand of words.slice(1)) {
      if (operand.value.startsWith('-')) continue;
      const removed = operand.value.replace(/\/+$/, '');
      if (removed === normalized || normalized.startsWith(`${removed}/`)) return true;
    }
  }
  return false;
}
