/**
 * The secret-looking files a Dockerfile's build context would send to the builder, listed by the engine before the
 * rules run (rules read no files): the context's folder is walked through the analysis's reader (workspace roots
 * only, links not followed) and each path is matched against the context's `.dockerignore` as Docker matches it.
 *
 * The context is taken to be the Dockerfile's own folder, what `docker build .` beside it sends: neither an editor
 * nor the CLI knows the arguments of the build that will use the file.
 */
import type { FolderEntry, WorkspaceReader } from '../context';
import { siblingPath } from '../compose/model';
import { isIgnored, parseDockerignore, type IgnoreRules } from './dockerignore';
import { copyArguments, placedInstructions } from './instructions';
import { isUrl } from './add-sources';
import type { DockerfileModel } from './model';
import type { ModifiableInstruction } from 'dockerfile-ast';

/** What a secret-looking file holds, which decides how bad sending it is. */
export type SecretKind = 'key' | 'credentials' | 'git' | 'env';

export interface ContextSecret {
  /** Relative to the context, `/`-separated; a folder ends with `/`. */
  path: string;
  kind: SecretKind;
}

export interface BuildContext {
  /** The context folder as the model's paths write it (`''` for the working directory). */
  folder: string;
  /** The ignore file that applies (`Dockerfile.dockerignore` or `.dockerignore`), by its name, or undefined. */
  ignoreFile?: string;
  /** Secret-looking files and folders the context sends, in walk order. */
  secrets: ContextSecret[];
  /** Why the listing stopped before the end (`20,000 entries`), or undefined when it is complete. */
  cut?: string;
}

/** Bounds of the walk: a context is listed for every analysis of its Dockerfile (an editor's every keystroke). */
export const CONTEXT_LIMITS = { entries: 20_000, depth: 24 };

/** Names of secret-looking files, after Docker's own secret checks and the usual credential stores. */
export function secretKindOf(name: string, folder: boolean): SecretKind | undefined {
  if (folder) {
    if (name === '.git') return 'git';
    if (name === '.aws' || name === '.ssh') return 'credentials';
    return undefined;
  }
  if (name === '.env' || (/^\.env\..+/.test(name) && !/^\.env\.(?:example|sample|template)$/i.test(name))) return 'env';
  if (/\.(?:pem|key|p12|pfx|kdbx)$/i.test(name) || /^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(name)) return 'key';
  if (['.npmrc', '.pypirc', '.netrc', 'credentials.json', 'terraform.tfstate'].includes(name)) return 'credentials';
  return undefined;
}

/**
 * Whether the Dockerfile copies a folder of its context: a COPY or ADD of a local source, not `--from` another stage
 * or image, a URL or a here-document. Only then is the context listed.
 */
function copiesFromContext(model: DockerfileModel): boolean {
  for (const { instruction } of placedInstructions(model)) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    if ((instruction as ModifiableInstruction).getFlags().some((f) => f.getName() === 'from')) continue;
    const args = copyArguments(instruction, model);
    if (args.sources.some((s) => !isUrl(s.value) && !s.value.includes('$'))) return true;
  }
  return false;
}

/** The build context of the Dockerfile, listed through `context`; undefined when it copies nothing or cannot list. */
export function readBuildContext(model: DockerfileModel, context: WorkspaceReader): BuildContext | undefined {
  const list = context.listFolder;
  if (!list || !copiesFromContext(model)) return undefined;
  const dockerfileName = model.path.slice(Math.max(model.path.lastIndexOf('/'), model.path.lastIndexOf('\\')) + 1);
  const folder = siblingPath(model.path, '');
  const root = folder === '' ? '.' : folder.replace(/[/\\]$/, '');
  // BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile instead of the context's `.dockerignore`.
  let ignoreFile: string | undefined;
  let rules: IgnoreRules = { patterns: [], hasExceptions: false };
  for (const name of [`${dockerfileName}.dockerignore`, '.dockerignore']) {
    const text = context.readFile?.(siblingPath(model.path, name));
    if (text === undefined) continue;
    ignoreFile = name;
    rules = parseDockerignore(text);
    break;
  }
  const secrets: ContextSecret[] = [];
  let entries = 0;
  let cut: string | undefined;
  let full = false;
  const queue: { path: string; depth: number }[] = [{ path: '', depth: 0 }];
  for (let next = 0; next < queue.length && !full; next++) {
    const { path, depth } = queue[next];
    const listed: readonly FolderEntry[] | undefined = list(path === '' ? root : `${folder}${path.slice(0, -1)}`);
    if (!listed) continue;
    for (const entry of [...listed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++entries > CONTEXT_LIMITS.entries) {
        cut = `${CONTEXT_LIMITS.entries.toLocaleString('en-US')} entries`;
        full = true;
        break;
      }
      const relative = `${path}${entry.name}`;
      const kind = secretKindOf(entry.name, entry.folder);
      if (kind && entry.folder) {
        // A secret folder is sent unless it is left out, or every file in it is (a pattern such as `.git/*`).
        if (!isIgnored(rules, relative) && !isIgnored(rules, `${relative}/x`))
          secrets.push({ path: `${relative}/`, kind });
        continue;
      }
      const ignored = isIgnored(rules, relative);
      if (kind && !ignored) secrets.push({ path: relative, kind });
      // As BuildKit: a left-out folder is not walked unless an exception may bring back a file below it.
      if (entry.folder && (!ignored || rules.hasExceptions)) {
        if (depth + 1 >= CONTEXT_LIMITS.depth) cut ??= `${CONTEXT_LIMITS.depth} folders deep`;
        else queue.push({ path: `${relative}/`, depth: depth + 1 });
      }
    }
  }
  return { folder, ignoreFile, secrets, ...(cut ? { cut } : {}) };
}
