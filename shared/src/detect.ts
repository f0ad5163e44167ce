import type { FileKind } from './types';

/** `Dockerfile.<variant>`, but not the notes, backups and patches kept beside one (`Dockerfile.md`, `Dockerfile.orig`). */
const DOCKERFILE =
  /^(?:(?:Dockerfile|Containerfile)(?:\.(?!(?:md|markdown|rst|adoc|html?|orig|bak|rej|patch|diff)$).+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
/**
 * Compose's default names and their variants: `compose.override.yaml`, `docker-compose.prod.yml`, and the `compose-dev.yaml`,
 * `compose_databases.yaml`, `relay-compose.yaml` that projects pass with `-f` (about one compose file in ten in the corpus).
 */
const COMPOSE = /^(?:compose(?:[._-][^/]*)?|docker-compose[^/]*|[^/]+[._-]compose)\.ya?ml$/;

/** The kind of a file from its name alone, as Docker and Compose find them. */
export function detectKind(path: string): FileKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (COMPOSE.test(name)) return 'compose';
  return undefined;
}
