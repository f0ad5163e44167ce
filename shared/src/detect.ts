import type { FileKind } from './types';

const DOCKERFILE = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const COMPOSE = /^(?:compose(?:\.[^/]+)?|docker-compose[^/]*)\.ya?ml$/;

/** The kind of a file from its name alone, as Docker and Compose find them. */
export function detectKind(path: string): FileKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (COMPOSE.test(name)) return 'compose';
  return undefined;
}
