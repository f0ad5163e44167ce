import type { Instruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { allRuns, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { basename, effectiveWords, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { readArguments, findOption } from '../../dockerfile/options';
import type { Finding, Range } from '../../types';

type MessageId = 'worldWritable' | 'setuid';

export default defineRule({
  meta: {
    id: 'image/setuid-or-world-writable',
    title: 'setuid, setgid or world-writable permissions',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Give files the least permissions they need (\`chmod 755\`, \`644\`), owned by the user that writes them
      (\`chown\`, \`COPY --chown\`); do not add setuid or setgid bits, and remove those the base image ships that the
      app does not need.
    `,
    cis: '4.8',
    peers: {},
    references: [
      {
        title: 'CIS Docker Benchmark 4.8: remove setuid and setgid permissions',
        url: 'https://www.cisecurity.org/benchmark/docker',
      },
      {
        title: 'Dockerfile reference: COPY --chmod',
        url: 'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod',
      },
    ],
    fix: 'none',
    messages: {
      worldWritable: prose`
        \`{{command}} {{mode}}\` makes files writable by every user: any process in the container can change what the
        app runs or reads.
      `,
      setuid: prose`
        \`{{command}} {{mode}}\` sets the {{bits}} bit: the program then runs with its owner’s rights, a ready step up
        to root for an intruder.
      `,
    },
    docs: {
      description: prose`
          Reports permissions that hand rights to every process in the container: world-writable modes (\`chmod 777\`,
          \`666\`, \`0777\`, \`a+w\`, \`o+w\`, \`-R 777\`) and setuid or setgid bits (\`chmod +s\`, \`u+s\`, \`g+s\`,
          \`4755\`, \`2755\`, \`6755\`), written by \`chmod\` (also through \`find … -exec chmod\`), \`install -m\`,
          \`mkdir -m\`, and \`COPY --chmod\` / \`ADD --chmod\`, also through an ARG or ENV (\`ARG MODE=0777\` / \`chmod
          $MODE\`). Symbolic modes may copy a class: \`o=u\` and \`a+u\` give every user the owner’s rights, write
          included, and are reported; \`g=u\` is not world-writable. A world-writable mode with the sticky bit
          (\`1777\`, \`a+rwxt\`, as \`/tmp\` has) is not reported, nor are modes that remove rights (\`u-s\`, \`o-w\`).
        `,
      examples: {
        bad: [
          file`
            FROM debian:12
            COPY app /usr/local/bin/app
            RUN chmod 4755 /usr/local/bin/app
          `,
          file`
            FROM debian:12
            RUN mkdir /data && chmod -R 777 /data
          `,
        ],
        good: [
          file`
            FROM debian:12
            COPY --chmod=755 app /usr/local/bin/app
            RUN chmod 1777 /tmp && find / -perm /6000 -type f -exec chmod a-s {} +
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    const report = (command: string, mode: string, range: Range, directory = false) => {
      const bits = modeBits(mode);
      if (!bits) return;
      if (bits.worldWritable) findings.push({ messageId: 'worldWritable', data: { command, mode }, range });
      // On a directory, setgid only makes new files inherit its group, and setuid is ignored.
      if (directory) return;
      const special = [bits.setuid && 'setuid', bits.setgid && 'setgid'].filter(Boolean).join(' and ');
      if (special) findings.push({ messageId: 'setuid', data: { command, mode, bits: special }, range });
    };

    for (const stage of model.stages) {
      for (const ins of stage.instructions) copyChmod(model, stage, ins, report);
    }
    for (const run of allRuns(model)) {
      const { commands } = run.script;
      const removals = removalsOf(commands);
      const vars = run.stage.variables.before(run.instruction.getRange().start.line);
      for (const cmd of commands) {
        for (const { command, mode, directory, targets } of modesSet(effectiveWords(cmd))) {
          // A scratch directory the same RUN deletes again (`chmod 777 "$tmp" … rm -rf "$tmp"`) never reaches the
          // image.
          if (removedLater(removals, cmd, targets)) continue;
          const range = model.source.rangeOf(mode.start, mode.end);
          // A mode from an ARG or ENV (`chmod $MODE`) is the value the shell sees; one set in the script is not known.
          const value = mode.dynamic ? model.expander.use(mode.value, vars, range) : mode.value;
          if (value !== undefined) report(command, value, range, directory);
        }
      }
    }
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },
});

function copyChmod(
  model: DockerfileModel,
  stage: Stage,
  ins: Instruction,
  report: (command: string, mode: string, range: Range) => void,
): void {
  const keyword = ins.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return;
  const flags = (
    ins as unknown as { getFlags(): { getName(): string; getValue(): string | null; getRange(): Range }[] }
  ).getFlags();
  for (const flag of flags) {
    const written = flag.getValue();
    if (flag.getName() !== 'chmod' || !written) continue;
    const value = model.expander.use(written, stage.variables.before(ins.getRange().start.line), flag.getRange());
    if (value) report(`${keyword} --chmod=`, value, flag.getRange());
  }
}

interface ModeChange {
  command: string;
  mode: ShellWord;
  /** The paths are directories (`mkdir -m`, `install -d`). */
  directory: boolean;
  targets: ShellWord[];
}

/** The modes a command sets: `chmod MODE`, `find … -exec chmod MODE {} +`, `install -m MODE`, `mkdir -m MODE`. */
function modesSet(words: ShellWord[]): ModeChange[] {
  if (!words.length) return [];
  const name = basename(words[0].value);
  if (name === 'chmod') {
    const args = readArguments(words.slice(1), { longWithValue: ['--reference'] });
    const [mode, ...targets] = args.operands;
    return mode && !findOption(args, '--reference') ? [{ command: 'chmod', mode, directory: false, targets }] : [];
  }
  if (name === 'find') {
    const found: ModeChange[] = [];
    words.forEach((w, i) => {
      if ((w.value === '-exec' || w.value === '-execdir') && words[i + 1] && basename(words[i + 1].value) === 'chmod') {
        const end = words.findIndex((x, j) => j > i && (x.value === ';' || x.value === '+'));
        // `{}` stands for every path find yields, which no later `rm` names.
        found.push(
          ...modesSet(words.slice(i + 1, end < 0 ? undefined : end)).map((change) => ({ ...change, targets: [] })),
        );
      }
    });
    return found;
  }
  if (name === 'install' || name === 'mkdir') {
    const spec =
      name === 'install'
        ? {
            shortWithValue: 'mgoSt',
            longWithValue: ['--mode', '--group', '--owner', '--suffix', '--target-directory', '--strip-program'],
          }
        : { shortWithValue: 'mZ', longWithValue: ['--mode', '--context'] };
    const args = readArguments(words.slice(1), spec);
    const option = findOption(args, '-m', '--mode');
    if (!option?.value) return [];
    const mode = option.valueWord ?? { ...option.word, value: option.value };
    const directory = name === 'mkdir' || findOption(args, '-d', '--directory') !== undefined;
    // install copies its sources to the last operand unless it creates directories.
    const targets = directory ? args.operands : args.operands.slice(-1);
    return [{ command: `${name} ${option.name}`, mode, directory, targets }];
  }
  return [];
}

/** The `rm` commands of a script: where each starts and the paths it deletes. */
function removalsOf(commands: SimpleCommand[]): { start: number; paths: Set<string> }[] {
  const removals: { start: number; paths: Set<string> }[] = [];
  for (const cmd of commands) {
    const words = effectiveWords(cmd);
    if (!words.length || basename(words[0].value) !== 'rm') continue;
    removals.push({ start: cmd.start, paths: new Set(readArguments(words.slice(1), {}).operands.map((w) => w.value)) });
  }
  return removals;
}

/** Whether every target is deleted by an `rm` that comes after the command. */
function removedLater(
  removals: { start: number; paths: Set<string> }[],
  cmd: SimpleCommand,
  targets: ShellWord[],
): boolean {
  if (!targets.length) return false;
  const later = removals.filter((r) => r.start > cmd.end);
  return targets.every((t) => later.some((r) => r.paths.has(t.value)));
}

interface ModeBits {
  worldWritable: boolean;
  setuid: boolean;
  setgid: boolean;
}

/** What a chmod mode grants, octal (`4755`) or symbolic (`u+s,o+w`); undefined when it cannot be read. */
function modeBits(mode: string): ModeBits | undefined {
  const octal = /^0*([0-7]{1,4})$/.exec(mode);
  if (octal) {
    const digits = octal[1].padStart(4, '0');
    const special = Number(digits[0]);
    const others = Number(digits[3]);
    return {
      worldWritable: (others & 2) !== 0 && (special & 1) === 0,
      setuid: (special & 4) !== 0,
      setgid: (special & 2) !== 0,
    };
  }
  const bits: ModeBits = { worldWritable: false, setuid: false, setgid: false };
  let sticky = false;
  for (const clause of mode.split(',')) {
    // An action copies another class's permissions (`g=u`, `o+u`) or names its own (`o+w`).
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1];
    for (const action of m[2].match(/[-+=](?:[ugo]|[rwxXst]*)/g) ?? []) {
      if (action[0] === '-') continue;
      // The owner's permissions nearly always include write; the group's and others' are not known here.
      const perms = action.slice(1) === 'u' ? 'w' : action.slice(1);
      // Without a who, `+w` is masked by the umask (022 in builds), but `+s` sets both setuid and setgid.
      if (perms.includes('w') && /[oa]/.test(who)) bits.worldWritable = true;
      if (perms.includes('s')) {
        if (who === '' || /[ua]/.test(who)) bits.setuid = true;
        if (who === '' || /[ga]/.test(who)) bits.setgid = true;
      }
      if (perms.includes('t')) sticky = true;
    }
  }
  if (sticky) bits.worldWritable = false;
  return bits;
}
