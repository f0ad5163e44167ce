import type { ModifiableInstruction } from 'dockerfile-ast';
import { defineRule, prose } from '../../rule';
import type { Finding } from '../../types';
import { copyArguments, shippedStages } from '../../dockerfile/instructions';
import { isUrl } from '../../dockerfile/add-sources';
import { cleanPath, isIgnored, parseDockerignore } from '../../dockerfile/dockerignore';
import type { ContextSecret } from '../../dockerfile/build-context';

type MessageId = 'copied' | 'copiedNoIgnoreFile' | 'copiedCut' | 'copiedNoIgnoreFileCut';

/** Files named in a message; the rest are counted. */
const NAMED = 3;

export default defineRule({
  meta: {
    id: 'image/context-secret-copied',
    title: 'Secret files of the build context copied into the image',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
        Copy only what the image needs (\`COPY package.json src/ /app/\`), or list the secret files in
        \`.dockerignore\` so the build context never holds them; give the container its secrets when it starts.
      `,
    cis: '4.10',
    peers: {},
    references: [
      {
        title: 'Docker: .dockerignore files',
        url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      },
      {
        title: 'moby/patternmatcher: how .dockerignore patterns match',
        url: 'https://github.com/moby/patternmatcher/blob/main/patternmatcher.go',
      },
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    ],
    fix: 'none',
    messages: {
      copied: prose`
          \`{{keyword}} {{source}}\` copies secret-looking files of the build context that \`{{ignoreFile}}\` does not
          exclude into the image, where anyone who can pull it reads them: {{files}}.
        `,
      copiedNoIgnoreFile: prose`
          \`{{keyword}} {{source}}\` copies secret-looking files of the build context, which has no \`.dockerignore\`,
          into the image, where anyone who can pull it reads them: {{files}}.
        `,
      copiedCut: prose`
          \`{{keyword}} {{source}}\` copies secret-looking files of the build context that \`{{ignoreFile}}\` does not
          exclude into the image, where anyone who can pull it reads them: {{files}} (the context was listed up to
          {{cut}} only: there may be more).
        `,
      copiedNoIgnoreFileCut: prose`
          \`{{keyword}} {{source}}\` copies secret-looking files of the build context, which has no \`.dockerignore\`,
          into the image, where anyone who can pull it reads them: {{files}} (the context was listed up to {{cut}}
          only: there may be more).
        `,
    },
    docs: {
      description: prose`
        Reports a COPY or ADD, in the stages that become the image (the final stage and the stages it is built
        \`FROM\`), whose source is a folder of the build context (\`COPY . .\`, \`ADD ./ /app\`, \`COPY src/ /app\`)
        holding secret-looking files that the context's \`.dockerignore\` does not exclude. Private keys and key
        stores (\`*.pem\`, \`*.key\`, \`id_rsa\`, \`id_ed25519\`, \`id_ecdsa\`, \`id_dsa\`, \`*.p12\`, \`*.pfx\`,
        \`*.kdbx\`) and credentials (\`.npmrc\`, \`.pypirc\`, \`.netrc\`, \`credentials.json\`,
        \`terraform.tfstate\`, the \`.aws/\` and \`.ssh/\` folders) are errors; \`.env\` and \`.env.*\` files (not
        \`.env.example\`, \`.env.sample\` or \`.env.template\`) and the \`.git/\` folder, whose history may hold
        secrets removed since, are warnings. The message names the first files, then how many more. Names are all
        it reads: a \`.pem\` that holds only a public certificate is reported too; name it \`.crt\`, or suppress the
        finding on the COPY line.

        The build context is the one a compose file gives: a \`compose.yaml\` (or \`compose.yml\`,
        \`docker-compose.yaml\`, \`docker-compose.yml\`) in the Dockerfile's folder or up to three folders above it
        whose service builds this Dockerfile (\`build: .\`, \`build: {context: .., dockerfile: docker/Dockerfile}\`).
        Without one it is the Dockerfile's folder, as \`docker build .\` beside it sends: the CLI and the editor cannot
        know the arguments of a build run by hand. The context is listed up to 20,000 entries and 24 folders deep;
        past that the message says the listing was cut. Links are not followed, as Docker sends a link, not what it
        points to; a secret folder is read as a whole (left out when a pattern names it or every file in it, such as
        \`.git/*\`).

        \`.dockerignore\` is read as Docker reads it: Go \`filepath.Match\` patterns with \`**\`, \`!\` exceptions,
        the last matching line wins, a pattern naming a folder leaves out everything below it, and a leading \`/\`
        or \`./\` is dropped. \`<Dockerfile name>.dockerignore\` beside the Dockerfile (\`Dockerfile.dockerignore\`)
        is read instead when it exists, as BuildKit does. A COPY's own \`--exclude\` patterns are applied too.

        Sources that name a file (\`COPY .env /app/\`), patterns (\`COPY *.json ./\`), sources with variables,
        \`--from\` copies and URLs are not reported: they copy what they name. A stage that only a \`COPY --from\`
        reads is not reported either: its files reach the image only as that COPY names them.

        There is no fix: the fix that matters, a line in \`.dockerignore\`, is an edit of another file, which
        Bulkhead's fixes do not make; and whether the image needs a file (a TLS key it serves with) is the author's
        call.
      `,
      examples: {
        bad: ['FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n'],
        good: ['FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY src/ ./src/\nRUN npm ci\n'],
      },
      workspace: {
        '.env': 'DATABASE_URL=postgres://app:s3cret@db/app\n',
        'deploy/id_ed25519': '',
        'package.json': '{"name": "app"}\n',
        'src/index.js': 'console.log("hi");\n',
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    const context = model.buildContext;
    if (!context?.secrets.length) return findings;
    for (const stage of shippedStages(model)) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const flags = (instruction as ModifiableInstruction).getFlags();
        if (flags.some((f) => f.getName() === 'from')) continue;
        const excludes = flags.filter((f) => f.getName() === 'exclude').map((f) => f.getValue() ?? '');
        const excluded = parseDockerignore(excludes.join('\n'));
        const args = copyArguments(instruction, model);
        for (const source of args.sources) {
          const folder = contextFolder(source.value);
          if (folder === undefined) continue;
          const copied = context.secrets.filter((secret) => {
            const below = secretBelow(secret, folder);
            return below !== undefined && !isIgnored(excluded, below.replace(/\/$/, ''));
          });
          if (!copied.length) continue;
          const names = copied.slice(0, NAMED).map((s) => `\`${s.path}\``);
          const more = copied.length - NAMED;
          const files = more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
          const messageId: MessageId = context.ignoreFile
            ? context.cut
              ? 'copiedCut'
              : 'copied'
            : context.cut
              ? 'copiedNoIgnoreFileCut'
              : 'copiedNoIgnoreFile';
          const range = { start: model.source.positionAt(source.start), end: model.source.positionAt(source.end) };
          const severe = copied.some((s) => s.kind === 'key' || s.kind === 'credentials');
          findings.push({
            messageId,
            data: {
              keyword,
              source: source.value,
              files,
              ignoreFile: context.ignoreFile ?? '',
              cut: context.cut ?? '',
            },
            range,
            ...(severe ? {} : { severity: 'warning' as const }),
          });
        }
      }
    }
    return findings;
  },
});

/**
 * The context folder a COPY source names (`''` for the whole context), or undefined for a source that is not one
 * plain path: a URL, a pattern, a variable, a path out of the context.
 */
function contextFolder(value: string): string | undefined {
  if (value === '' || isUrl(value) || /[$*?[]/.test(value)) return undefined;
  // Docker reads a COPY source relative to the context root, a leading `/` included.
  const path = cleanPath(value.replace(/^\/+/, '') || '.');
  if (path === '..' || path.startsWith('../')) return undefined;
  return path === '.' ? '' : `${path}/`;
}

/** The secret's path below `folder`, or undefined when it is not below it (the source names the secret itself). */
function secretBelow(secret: ContextSecret, folder: string): string | undefined {
  if (!secret.path.startsWith(folder) || secret.path.length === folder.length) return undefined;
  return secret.path.slice(folder.length);
}
