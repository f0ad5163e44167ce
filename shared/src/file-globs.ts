/**
 * The names `detectKind` recognises, as globs for editors and file watchers (`**\/` + one of these). Kept beside the
 * detector's regular expressions in meaning; a test checks the two agree on sample names.
 */
export const DOCKERFILE_NAMES_GLOB =
  '{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.Containerfile,*.containerfile}';
export const COMPOSE_NAMES_GLOB =
  '{compose.yaml,compose.yml,compose.*.yaml,compose.*.yml,docker-compose*.yaml,docker-compose*.yml}';
/** Dev container configurations, as paths (`**\/` + this): detectKind knows them by their folder. */
export const DEVCONTAINER_PATHS_GLOB =
  '{.devcontainer/devcontainer.json,.devcontainer.json,.devcontainer/*/devcontainer.json}';
