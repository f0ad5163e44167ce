import type { Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { siblingPath } from '../../compose/model';
import type { DockerfileModel } from '../../dockerfile/model';
import { copyArguments, placedInstructions, type PathArgument } from '../../dockerfile/instructions';
import { isArchiveName, isUrl } from '../../dockerfile/add-sources';
import type { Finding, Fix } from '../../types';

type MessageId = 'local' | 'remote' | 'gitUnpinned';

/** What the check found: an `ADD` of local sources only. */
interface LocalAdd {
  instruction: Instruction;
  /** Every source is a literal path; with a variable the value could name an archive that ADD would unpack. */
  literal: boolean;
  /** The sources as written, relative to the build context. */
  sources: string[];
}

interface CopyFix {
  /** Offsets of the ADD keyword. */
  keyword: { start: number; end: number; text: string };
  /** Flags that only mean something to ADD, with the space after them. */
  drop: { start: number; end: number }[];
}

/** Flags COPY accepts with the same meaning. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);
/** ADD flags that do nothing for a local source, so COPY can go without them. */
const REMOTE_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir']);

export default defineRule({
  meta: {
    id: 'image/add-instead-of-copy',
    title: '`ADD` where `COPY` or a verified download belongs',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Use \`COPY\` for local files; pin downloads with \`ADD --checksum=sha256:…\` (a full commit for Git sources) or
      verify them in \`RUN\` with \`sha256sum -c\`.
    `,
    cis: '4.9',
    peers: {
      hadolint: ['DL3020'],
      trivy: ['DS-0005'],
      checkov: ['CKV_DOCKER_4'],
      kics: ['Curl or Wget Instead of Add'],
    },
    references: [
      { title: 'hadolint DL3020', url: 'https://github.com/hadolint/hadolint/wiki/DL3020' },
      {
        title: 'Dockerfile best practices: ADD or COPY',
        url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy',
      },
      {
        title: 'Dockerfile reference: ADD --checksum',
        url: 'https://docs.docker.com/reference/dockerfile/#add---checksum',
      },
      { title: 'Trivy DS-0005', url: 'https://avd.aquasec.com/misconfig/dockerfile/general/avd-ds-0005/' },
    ],
    fix: 'mixed',
    messages: {
      local: prose`
        \`ADD {{source}}\` copies from the build context: use \`COPY\`, which does the same without ADD’s hidden archive
        unpacking and URL fetching.
      `,
      remote: prose`
        \`ADD\` downloads \`{{url}}\` without \`--checksum\`: whatever the server returns goes into the image
        unverified. Add \`--checksum=sha256:<digest>\`, or download in \`RUN\` and check the digest with
        \`sha256sum -c\`.
      `,
      gitUnpinned: prose`
        \`ADD\` fetches the Git repository \`{{url}}\` at {{ref}}, which can move: pin the commit
        (\`#<full commit hash>\`, or \`?tag=…&checksum=<commit>\` with Dockerfile 1.18+).
      `,
    },
    docs: {
      description: [
        'Reports three uses of `ADD`:',
        '',
        prose`
          - \`ADD\` of files and folders from the build context (or another stage) where \`COPY\` does the same. \`ADD\`
          also unpacks local tar archives and fetches URLs, so \`COPY\` says what the step does. Local tar archives
          (\`.tar\`, \`.tar.gz\`, \`.tgz\`, \`.tar.xz\`, \`.tar.bz2\`, \`.tar.zst\` and other compressed files) are left
          alone: unpacking them is what \`ADD\` is for. \`.zip\`, \`.jar\` and \`.whl\` files are reported, since
          \`ADD\` does not unpack them.
        `,
        prose`
          - \`ADD\` of an \`http(s)://\` URL without \`--checksum\`: the download is not verified, so a changed or
          compromised file goes into the image unnoticed.
        `,
        prose`
          - \`ADD\` of a Git repository at a branch, a tag or no ref at all: all of those can move. A full commit hash
          as the ref (\`repo.git#<commit>\`) or a \`checksum\`/\`commit\` query
          (\`repo.git?tag=v1.2&checksum=<commit>\`) pins it.
        `,
        '',
        prose`
          The fix replaces \`ADD\` with \`COPY\`, keeping \`--chown\`, \`--chmod\`, \`--link\` and \`--exclude\` and
          dropping \`--checksum\` and \`--keep-git-dir\`, which do nothing for a local source. Docker decides by content
          whether \`ADD\` unpacks a local file (a tar archive named like a plain file is unpacked), so the fix is safe
          only when every source is written literally and is a text file in the Dockerfile’s folder; otherwise (a
          folder, a file Bulkhead cannot read there) it is offered as unsafe. A source held in a variable with no known
          value (\`ADD $JAR_FILE /app/\`, set only by \`--build-arg\`) is not reported: it may be a URL or an archive,
          which \`COPY\` would not fetch or unpack. Downloads get no automatic fix, since the digest must come from a
          source you trust.
        `,
      ].join('\n'),
      examples: {
        bad: [
          file`
            FROM python:3.12-slim
            ADD requirements.txt /app/
            RUN pip install -r /app/requirements.txt
          `,
          file`
            FROM alpine:3.20
            ADD https://example.com/tool-1.2.3.tar.gz /tmp/
          `,
          file`
            FROM alpine:3.20
            ADD https://github.com/moby/buildkit.git#v0.13.0 /src/buildkit
          `,
        ],
        good: [
          file`
            FROM python:3.12-slim
            COPY requirements.txt /app/
            RUN pip install -r /app/requirements.txt
          `,
          file`
            FROM alpine:3.20
            ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.3.tar.gz /tmp/
          `,
          file`
            FROM alpine:3.20
            ADD rootfs.tar.xz /
          `,
        ],
      },
      peerNotes: prose`
        Like hadolint DL3020, local tar archives are allowed. Unlike hadolint, downloads are reported unless pinned by
        \`--checksum\`; a pinned download is accepted, whereas KICS (\`Curl or Wget Instead of Add\`) and Checkov
        CKV_DOCKER_4 report every \`ADD\` of a URL. Trivy DS-0005 skips any \`ADD\` whose arguments contain \`.tar\`,
        \`http://\`, \`https://\` or \`git@\` anywhere. KICS \`curl_or_wget_instead_of_add/test/negative2.dockerfile\`
        is negative only for downloads: its \`ADD ./drop-http-proxy-header.conf …\` is a local file, which Bulkhead
        reports as hadolint DL3020 does.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, LocalAdd>[] = [];
    for (const { instruction, stage } of placedInstructions(model)) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const args = copyArguments(instruction, model);
      if (args.heredoc || !args.sources.length) continue;
      const flags = (instruction as ModifiableInstruction).getFlags();
      const checksum = flags.some((f) => f.getName() === 'checksum' && !!f.getValue());
      const keepGitDir = flags.some((f) => f.getName() === 'keep-git-dir');
      const vars = stage ? stage.variables.before(instruction.getRange().start.line) : model.globalArgs;
      let local = true;
      let unresolved = false;
      for (const src of args.sources) {
        const value = model.expander.use(src.value, vars, () => model.source.rangeOf(src.start, src.end));
        if (value === undefined) {
          unresolved = true;
          continue;
        }
        if (isUrl(value)) {
          local = false;
          const remote = remoteFinding(model, src, value, checksum, keepGitDir);
          if (remote) findings.push(remote);
        } else if (isArchiveName(value)) {
          local = false;
        }
      }
      // A source only the build knows (`ADD $SRC`) may be a URL or an archive: COPY need not do the same.
      if (!local || unresolved) continue;
      findings.push({
        messageId: 'local',
        data: { source: args.sources.map((s) => s.value).join(' ') },
        range: instruction.getInstructionRange(),
        fixData: { instruction, literal: !unresolved, sources: args.sources.map((src) => src.value) },
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const found = finding.fixData;
    const data = found && copyFix(model, found.instruction);
    if (!found || !data) return [];
    // `ADD` unpacks a local tar archive whatever its name, which `COPY` does not: the fix cannot change the build only
    // when every source, read from the Dockerfile's folder, is a text file (an archive holds NUL bytes).
    const safe = found.literal && found.sources.every((src) => !!model.textSources?.has(siblingPath(model.path, src)));
    const keyword = data.keyword.text === data.keyword.text.toLowerCase() ? 'copy' : 'COPY';
    return [
      {
        title: 'Replace `ADD` with `COPY`',
        safe,
        edits: [
          { range: model.source.rangeOf(data.keyword.start, data.keyword.end), newText: keyword },
          ...data.drop.map((d) => ({ range: model.source.rangeOf(d.start, d.end), newText: '' })),
        ],
      },
    ];
  },
});

function remoteFinding(
  model: DockerfileModel,
  src: PathArgument,
  url: string,
  checksum: boolean,
  keepGitDir: boolean,
): Finding<MessageId, LocalAdd> | undefined {
  if (checksum) return undefined;
  const range = model.source.rangeOf(src.start, src.end);
  const git = gitSource(url, keepGitDir);
  if (git) {
    if (git.pinned) return undefined;
    return {
      messageId: 'gitUnpinned',
      data: { url: src.value, ref: git.ref ? `\`${git.ref}\`` : 'its default branch' },
      range,
    };
  }
  return { messageId: 'remote', data: { url: src.value }, range };
}

/** The fix, or undefined when a flag would change meaning or be refused by COPY. */
function copyFix(model: DockerfileModel, instruction: Instruction): CopyFix | undefined {
  const { source } = model;
  const drop: CopyFix['drop'] = [];
  for (const flag of (instruction as ModifiableInstruction).getFlags()) {
    const name = flag.getName();
    if (COPY_FLAGS.has(name)) continue;
    if (!REMOTE_ONLY_FLAGS.has(name)) return undefined;
    const start = source.offsetAt(flag.getRange().start);
    let end = source.offsetAt(flag.getRange().end);
    while (end < source.text.length && (source.text[end] === ' ' || source.text[end] === '\t')) end++;
    drop.push({ start, end });
  }
  const range = instruction.getInstructionRange();
  const start = source.offsetAt(range.start);
  const end = source.offsetAt(range.end);
  return { keyword: { start, end, text: source.text.slice(start, end) }, drop };
}

/**
 * For a Git source: the ref it names (`#v1.2:subdir` → `v1.2`, `?tag=v1.2`) and whether a commit pins it: a full hash
 * as the ref, or a `checksum`/`commit` query, which BuildKit checks against what the ref resolves to.
 */
function gitSource(url: string, keepGitDir: boolean): { ref?: string; pinned: boolean } | undefined {
  const [location, fragment] = url.split('#', 2);
  const [path, query = ''] = location.split('?', 2);
  const git =
    keepGitDir || /^(?:git|ssh|git\+\w+):\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url) || /\.git\/?$/i.test(path);
  if (!git) return undefined;
  const params = new URLSearchParams(query);
  const ref = fragment?.split(':')[0] || params.get('ref') || params.get('tag') || params.get('branch') || undefined;
  const commit = params.get('checksum') ?? params.get('commit');
  const pinned =
    (!!ref && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref)) || (!!commit && /^[0-9a-f]{7,64}$/i.test(commit));
  return { ref, pinned };
}
