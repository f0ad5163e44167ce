/**
 * The secret-looking files a Dockerfile's build context would send to the builder, listed by the engine before the
 * rules run (rules read no files): the context's folder is walked through the analysis's reader (workspace roots
 * only, links not followed) and each path is matched against the context's `.dockerignore` as Docker matches it.
 *
 * The context is the one a compose file beside the Dockerfile or up to three folders above it builds it with
 * (`build: {context: .., dockerfile: docker/Dockerfile}`); else the Dockerfile's own folder, what `docker build .`
 * beside it sends: neither an editor nor the CLI knows the arguments of a build run by hand.
 */
import type { FolderEntry, WorkspaceReader } from '../context';
import { siblingPath } from '../compose/model';
import { cleanPath, isIgnored, parseDockerignore, type IgnoreRules } from './dockerignore';
import { copyArguments, placedInstructions } from './instructions';
import { isUrl } from './add-sources';
import type { DockerfileModel } from './model';
import type { ModifiableInstruction } from 'dockerfile-ast';
import { parse } from 'yaml';

/** What a secret-looking file holds, which decides how bad sending it is. */
export type SecretKind = 'key' | 'credentials' | 'git' | 'env';

export interface ContextSecret {
  /** Relative to the context, `/`-separated; a folder ends with `/`. */
  path: string;
  kind: SecretKind;
}

export interface BuildContext {
  /** The context folder as the model's paths write it, ending in `/` (`''` for the working directory). */
  folder: string;
  /** The compose file whose `build:` gives the context, when one does. */
  composeFile?: string;
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
  const built = composeBuildContext(model, context);
  const folder = built?.folder ?? siblingPath(model.path, '');
  const root = folder === '' ? '.' : folder === '/' ? '/' : folder.replace(/[/\\]$/, '');
  // BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile instead of the context's `.dockerignore`.
  let ignoreFile: string | undefined;
  let rules: IgnoreRules = { patterns: [], hasExceptions: false };
  for (const [name, path] of [
    [`${dockerfileName}.dockerignore`, siblingPath(model.path, `${dockerfileName}.dockerignore`)],
    ['.dockerignore', `${folder}.dockerignore`],
  ]) {
    const text = context.readFile?.(path);
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
  return { folder, ignoreFile, secrets, ...(built ? { composeFile: built.composeFile } : {}), ...(cut ? { cut } : {}) };
}

/** The names Compose looks for by default. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * The context folder of the first compose service, in the Dockerfile's folder or up to three above it, whose `build:`
 * names this Dockerfile (`build: .`, `build: {context: .., dockerfile: docker/Dockerfile}`). Values with variables
 * are not read: their value is the shell's.
 */
function composeBuildContext(
  model: DockerfileModel,
  context: WorkspaceReader,
): { folder: string; composeFile: string } | undefined {
  const dockerfile = slashed(model.path);
  const absolute = dockerfile.startsWith('/');
  let folder = siblingPath(dockerfile, '');
  for (let level = 0; level < 4; level++) {
    for (const name of COMPOSE_NAMES) {
      const composeFile = `${folder}${name}`;
      const text = context.readFile?.(composeFile);
      if (text === undefined) continue;
      const found = builtWith(text, folder, dockerfile);
      if (found !== undefined) return { folder: found, composeFile };
    }
    if (folder === '' || folder === '/' || (!absolute && folder.split('/').every((p) => p === '..' || p === ''))) break;
    folder = parentFolder(folder);
  }
  return undefined;
}

/** The context folder (ending in `/`, `''` for the top) of a service of `text` that builds `dockerfile`. */
function builtWith(text: string, folder: string, dockerfile: string): string | undefined {
  let services: unknown;
  try {
    services = parse(text, { maxAliasCount: 100, logLevel: 'silent' })?.services;
  } catch {
    return undefined;
  }
  if (!services || typeof services !== 'object') return undefined;
  for (const service of Object.values(services as Record<string, unknown>)) {
    const build = (service as { build?: unknown } | null)?.build;
    const spec = typeof build === 'string' ? { context: build } : (build as Record<string, unknown> | null);
    if (!spec || typeof spec !== 'object') continue;
    const buildContext = spec.context ?? '.';
    const file = spec.dockerfile ?? 'Dockerfile';
    if (typeof buildContext !== 'string' || typeof file !== 'string') continue;
    if (`${buildContext}${file}`.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(buildContext)) continue;
    const contextPath = joinFolder(folder, buildContext);
    if (joinFolder(contextPath, file).replace(/\/$/, '') === cleanPath(dockerfile)) return contextPath;
  }
  return undefined;
}

function slashed(path: string): string {
  return path.replace(/\\/g, '/');
}

/** `folder` (ending in `/` or `''`) joined with `path` and cleaned, ending in `/` (`''` for the top). */
function joinFolder(folder: string, path: string): string {
  const joined = slashed(path).startsWith('/') ? slashed(path) : `${folder}${slashed(path)}`;
  const clean = cleanPath(joined);
  return clean === '.' ? '' : clean === '/' ? '/' : `${clean}/`;
}

function parentFolder(folder: string): string {
  return joinFolder(folder, '..');
}
