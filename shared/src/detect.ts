import type { FileKind } from './types';

/** `Dockerfile.<variant>`, but not the notes, backups and patches kept beside one (`Dockerfile.md`, `Dockerfile.orig`). */
const DOCKERFILE =
  /^(?:(?:Dockerfile|Containerfile)(?:\.(?!(?:md|markdown|rst|adoc|html?|orig|bak|rej|patch|diff)$).+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
/**
 * Compose's default names and their variants: `compose.override.yaml`, `docker-compose.prod.yml`, and the `compose-dev.yaml`,
 * `compose_databases.yaml`, `relay-compose.yaml` that projects pass with `-f` (about one compose file in ten in the corpus).
 */
const COMPOSE = /^(?:compose(?:[._-][^/]*)?|docker-compose[^/]*|[^/]+[._-]compose)\.ya?ml$/;

/**
 * Where the Dev Container CLI and editors look for a configuration: `.devcontainer/devcontainer.json`,
 * `.devcontainer.json`, and `.devcontainer/<name>/devcontainer.json` (one folder deep). Other JSON files are not ours.
 */
const DEVCONTAINER = /(?:^|[\\/])(?:\.devcontainer[\\/](?:[^\\/]+[\\/])?devcontainer\.json|\.devcontainer\.json)$/;

/**
 * The kind of a file from its name, as Docker, Compose and the Dev Container CLI find them. A devcontainer.json is
 * known by its folder too, so callers pass the path, not only the name.
 */
export function detectKind(path: string): FileKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (COMPOSE.test(name)) return 'compose';
  if (name.endsWith('.json') && DEVCONTAINER.test(path)) return 'devcontainer';
  return undefined;
}
