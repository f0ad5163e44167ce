import type { Instruction } from 'dockerfile-ast';
import type { Stage } from './model';
import { classifyBase, type ImageRef } from './image-ref';
import { imageProfile } from '../images/lookup';

/** Who a stage runs as at some point, and why we think so. */
export interface EffectiveUser {
  /** The user as written (`app`, `1000:1000`, `root`), or undefined when only the base image decides. */
  user?: string;
  /** The USER instruction that set it, if one in this stage or a parent stage did. */
  instruction?: Instruction;
  stage?: Stage;
  /** Root or, when nothing says otherwise, assumed root (Docker's default). */
  isRoot: boolean;
  /** The user comes from the base image's default, which the name lets us know (distroless `:nonroot`). */
  fromBaseImage?: boolean;
}

export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0].trim();
  return name === 'root' || name === '0' || name === '';
}

/**
 * The user in effect just before `before` (or at the end of the stage when `before` is omitted): the last USER of
 * the stage, else of the stage it builds on, else the base image's default.
 */
export function userBefore(stage: Stage, before?: Instruction): EffectiveUser {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; s = s.parent, guard++) {
    const limit = s === stage && before ? before.getRange().start.line : Number.POSITIVE_INFINITY;
    const users = s.instructions.filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line < limit);
    const last = users[users.length - 1];
    if (last) {
      const user = last.getArgumentsContent()?.trim() ?? '';
      return { user, instruction: last, stage: s, isRoot: isRootUser(user) };
    }
    if (!s.parent) {
      const base = s.image;
      const profiled = base && imageProfile(base)?.user.image;
      if (profiled) {
        if (profiled.uid !== 0) return { user: profiled.name, isRoot: false, fromBaseImage: true, stage: s };
      } else if (base && defaultsToNonRoot(base.path, base.registry, base.tag))
        return { user: 'nonroot', isRoot: false, fromBaseImage: true, stage: s };
    }
  }
  return { isRoot: true };
}

/** Official images whose Dockerfile ends with a non-root USER. */
const NON_ROOT_OFFICIAL = new Set(['sonarqube', 'elasticsearch', 'kibana', 'logstash', 'solr']);

/** Base images known to run as a non-root user by default, where no profile says (see images/profiles). */
function defaultsToNonRoot(path: string, registry: string | undefined, tag: string | undefined): boolean {
  if (registry === 'cgr.dev') return !(tag && /(^|-)dev$/.test(tag));
  if (path.includes('distroless') && tag && /(^|-)nonroot$/.test(tag)) return true;
  if (registry === undefined && NON_ROOT_OFFICIAL.has(path)) return true;
  // Bitnami's images run as uid 1001, except the minideb OS image they are built on.
  if (registry === undefined && path.startsWith('bitnami/') && path !== 'bitnami/minideb') return true;
  return path === 'nginxinc/nginx-unprivileged';
}

/**
 * Images that run as root unless told otherwise: scratch, the OS and language images, Docker Hub official images.
 * Private images are not judged (their USER is in metadata Bulkhead does not download).
 */
export function startsAsRoot(base: ImageRef): boolean {
  const profiled = imageProfile(base);
  if (profiled) return profiled.user.image.uid === 0;
  return classifyBase(base) !== 'unknown' || (base.registry === undefined && !base.path.includes('/'));
}
