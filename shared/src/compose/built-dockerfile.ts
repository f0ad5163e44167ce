/**
 * The Dockerfile a compose service builds, read from the workspace (or from `build.dockerfile_inline`) and parsed
 * once per text: the stage it builds (`build.target`, else the final one) and its build context folder. The project
 * layer reads the files (`readBuiltFiles`) before the rules run; rules find their texts in `ComposeModel.builtFiles`.
 */
import type { ContainerSpec } from '../container/spec';
import { entrypointScriptPath } from '../images/built-image';
import { parseDockerfile, type DockerfileModel, type Stage } from '../dockerfile/model';
import { RecentMap } from '../recent-map';
import { dockerfilePath, siblingPath, type ComposeModel } from './model';
import { fileOf, normalizePath } from './paths';

export interface BuiltDockerfile {
  /** The file that holds the Dockerfile's text: the Dockerfile, or the compose file that writes it inline. */
  path: string;
  /** Written inline (`build.dockerfile_inline`): positions inside it are not kept in the compose file. */
  inline: boolean;
  model: DockerfileModel;
  stage: Stage;
  /** The build context folder, as workspace paths are written (`ComposeModel.builtFiles`). */
  context: string;
}

/**
 * The Dockerfile a service builds, when it was read: undefined without `build`, for a remote context, an unknown
 * target or Dockerfile, or one that is not in the workspace. `full` parses RUN scripts too.
 */
export function builtDockerfile(model: ComposeModel, spec: ContainerSpec, full = false): BuiltDockerfile | undefined {
  return builtFrom(model, spec, full, (path) => model.builtFiles?.get(path));
}

/**
 * Reads, before the rules run, the files the services' builds use: each built Dockerfile, and the entrypoint script
 * it copies in (image facts read it: built-image.ts). `read` is the project layer's reader, which keeps to the
 * workspace and refuses what is not a regular text file within the size limit.
 */
export function readBuiltFiles(model: ComposeModel, read: (path: string) => string | undefined): Map<string, string> {
  const files = new Map<string, string>();
  const readInto = (path: string): string | undefined => {
    const text = files.get(path) ?? read(path);
    if (text !== undefined) files.set(path, text);
    return text;
  };
  for (const service of model.services) {
    const built = builtFrom(model, service.spec, false, readInto);
    const script = built && entrypointScriptPath({ model: built.model, stage: built.stage, context: built.context });
    if (script !== undefined) readInto(script);
  }
  return files;
}

function builtFrom(
  model: ComposeModel,
  spec: ContainerSpec,
  full: boolean,
  fileText: (path: string) => string | undefined,
): BuiltDockerfile | undefined {
  const build = spec.build;
  if (!build || (build.target && build.target.value === undefined)) return undefined;
  const target = build.target?.value?.trim().toLowerCase();
  // Compose reads `build` relative to the file that writes it (another file, for a service extended from there).
  const composeFile = fileOf(build.origin, model.path);
  const contextValue = build.context ? build.context.value : '.';
  if (contextValue === undefined) return undefined;
  const contextDir = normalizePath(siblingPath(composeFile, contextValue));
  const inline = build.dockerfileInline;
  let parsed: DockerfileModel;
  let path: string;
  if (inline) {
    if (inline.value === undefined) return undefined;
    path = composeFile;
    parsed = parseOnce(inline.value, `${composeFile}#dockerfile_inline`, full);
  } else {
    const resolved = dockerfilePath({ path: composeFile }, spec);
    if (resolved === undefined) return undefined;
    path = normalizePath(resolved);
    const text = fileText(path);
    if (text === undefined) return undefined;
    parsed = parseOnce(text, path, full);
  }
  const stage = target ? parsed.stages.find((s) => s.name === target) : parsed.finalStage;
  if (!stage) return undefined;
  return { path, inline: !!inline, model: parsed, stage, context: contextDir };
}

/**
 * Services of one file often build from the same Dockerfile, and the editor analyses the file again at each keystroke:
 * one parse per Dockerfile text, not one per service and keystroke (see BENCHMARKS.md). Models are never modified.
 * The checks read stages and users only, so RUN scripts are left unread unless a fix asks for them.
 */
const parsed = new RecentMap<string, { model: DockerfileModel; full: boolean }>(32);

function parseOnce(text: string, path: string, full: boolean): DockerfileModel {
  const known = parsed.get(path);
  if (known && known.model.source.text === text && (known.full || !full)) return known.model;
  const model = parseDockerfile(text, path, { runs: full });
  parsed.set(path, { model, full });
  return model;
}
