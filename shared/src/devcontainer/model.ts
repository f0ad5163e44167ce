/**
 * A dev container configuration (`.devcontainer/devcontainer.json`, `.devcontainer.json`,
 * `.devcontainer/<name>/devcontainer.json`) read into the container spec the container rules reason over
 * (container/spec.ts), every setting with the JSONC text it came from.
 *
 * Read: `image`, `build.dockerfile` and `build.context` (both relative to the file's folder, as the Dev Container CLI
 * reads them), `privileged`, `init`, `capAdd`, `securityOpt`, `mounts` (string and object forms), `containerUser` and
 * `remoteUser`, `runArgs` as `docker run` flags (runargs.ts), and the features known to widen access (features.ts).
 * A configuration that runs a compose service (`dockerComposeFile` + `service`) is that service: the compose file's
 * own analysis checks it, so its spec here holds only what this file adds and is `partial`.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { elementOrigin, nodeText, propertiesOf, propertyOrigin, rangeOfNode, type JsonRef } from './json';
import { parserSource, type SourceText } from '../text';
import type { Range } from '../types';
import { Scalar } from 'yaml';
import {
  emptySpec,
  normalizeCapability,
  parseSecurityOpt,
  type ContainerSpec,
  type Origin,
  type Setting,
} from '../container/spec';
import { parseImageRef } from '../dockerfile/image-ref';
import { normalizePath, relativeTo } from '../compose/paths';
import { siblingPath, type ComposeModel, type ComposeService } from '../compose/model';
import { Variables } from '../compose/interpolate';
import { readBuiltFiles } from '../compose/built-dockerfile';
import { readThrough, type WorkspaceReader } from '../context';
import { readRunArgs } from './runargs';
import { readFeatures, type FeatureUse } from './features';
import { readMountText, readMountObject } from './mounts';

export interface DevcontainerModel {
  kind: 'devcontainer';
  path: string;
  source: SourceText;
  /** The root object; undefined when the text is not one. */
  root?: Node;
  /** The container this file runs, as compose rules read a service; empty when the file declares none. */
  services: ComposeService[];
  /** Set for `dockerComposeFile` + `service`: the compose service that is the container. */
  composeService?: { service: string; files: string[] };
  features: FeatureUse[];
  /**
   * The workspace files its build uses (the Dockerfile, the entrypoint script it copies), path → text, read while the
   * model is built, as a compose model's (`ComposeModel.builtFiles`); absent when made without files.
   */
  builtFiles?: ReadonlyMap<string, string>;
  syntaxProblems: { range: Range; message: string }[];
  notChecked: { range: Range; message: string }[];
}

const DEFAULT_PATH = '.devcontainer/devcontainer.json';

/** `context` reads the Dockerfile it builds, inside the workspace only (the reader keeps to it). */
export function parseDevcontainer(text: string, path = DEFAULT_PATH, context: WorkspaceReader = {}): DevcontainerModel {
  const source = parserSource(text);
  const model: DevcontainerModel = {
    kind: 'devcontainer',
    path,
    source,
    services: [],
    features: [],
    syntaxProblems: [],
    notChecked: [],
  };
  const errors: ParseError[] = [];
  // As the Dev Container CLI reads the file: comments and trailing commas allowed.
  const root = parseTree(source.text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors)
    model.syntaxProblems.push({
      range: source.rangeOf(error.offset, error.offset + error.length),
      message: `JSON: ${readableError(printParseErrorCode(error.error))}.`,
    });
  if (!root) return model;
  if (root.type !== 'object') {
    model.syntaxProblems.push({
      range: rangeOfNode(source, root),
      message: 'A devcontainer.json must be an object.',
    });
    return model;
  }
  model.root = root;
  const properties = propertiesOf(root);
  const composeFile = properties.get('dockerComposeFile');
  const serviceName = properties.get('service');
  const spec = emptySpec(containerName(source, properties, path), declarationOf(source, root, properties));
  if (composeFile) {
    const value = composeFile.children![1];
    const files =
      value.type === 'array' ? (value.children ?? []).map((n) => nodeText(source, n)) : [nodeText(source, value)];
    const service = serviceName ? nodeText(source, serviceName.children![1]) : '';
    model.composeService = { service, files };
    // The compose file's analysis checks the service; this one checks only what this file adds to it.
    spec.partial = `is compose service \`${service}\` of ${files.map((f) => `\`${f}\``).join(', ')}`;
  } else {
    readImage(source, properties, spec);
    readBuild(source, properties, spec, path);
    const runArgs = properties.get('runArgs');
    if (runArgs) readRunArgs(source, runArgs, spec, model.notChecked);
  }
  readGeneral(source, properties, spec);
  model.features = readFeatures(source, properties.get('features'), spec);
  // In the order they are written, whichever property wrote them (runArgs is read first).
  for (const list of [spec.capAdd, spec.capDrop, spec.securityOpt, spec.mounts, spec.devices, spec.ports, spec.sysctls])
    list.items.sort((a, b) => source.offsetAt(a.origin.range.start) - source.offsetAt(b.origin.range.start));
  model.services.push(containerService(spec));
  if (spec.build) model.builtFiles = readBuiltFiles(containerView(model), (other) => readThrough(context, other)?.text);
  return model;
}

/** The compose rules' view of one container: a service with the spec and nothing of YAML to edit. */
function containerService(spec: ContainerSpec): ComposeService {
  return {
    name: spec.name,
    keyNode: new Scalar(spec.name),
    aliased: true,
    entries: new Map(),
    spec,
    ownSpec: spec,
  };
}

/**
 * The model as the container rules read a compose model: the same services and nothing else to look up (no YAML
 * document, anchors or other files). Rules' checks read it; their compose fixes never do (fixes.ts has this kind's).
 */
export function containerView(model: DevcontainerModel): ComposeModel {
  return {
    kind: 'compose',
    path: model.path,
    source: model.source,
    services: model.services,
    variables: new Variables(),
    hostVolumes: new Map(),
    references: [],
    syntaxProblems: [],
    notChecked: [],
    anchorUsers: new Map(),
    ...(model.builtFiles ? { builtFiles: model.builtFiles } : {}),
  };
}

function containerName(source: SourceText, properties: Map<string, Node>, path: string): string {
  const name = properties.get('name')?.children?.[1];
  if (name?.type === 'string' && String(name.value).trim()) return String(name.value);
  // `.devcontainer/python/devcontainer.json` → `python`; otherwise the folder it configures.
  const parts = normalizePath(path).split('/');
  const folder = parts.length >= 3 && parts[parts.length - 3] === '.devcontainer' ? parts[parts.length - 2] : undefined;
  return folder ?? 'devcontainer';
}

/** Findings about a missing setting point at `name`, else `image`, `build` or `dockerComposeFile`, else at `{`. */
function declarationOf(source: SourceText, root: Node, properties: Map<string, Node>): Origin {
  for (const key of ['name', 'image', 'build', 'dockerComposeFile']) {
    const property = properties.get(key);
    if (property) {
      const range = rangeOfNode(source, property.children![0]);
      return { range, entryRange: rangeOfNode(source, property), via: [], ref: { property } satisfies JsonRef };
    }
  }
  const brace = source.rangeOf(root.offset, root.offset + 1);
  return { range: brace, entryRange: brace, via: [] };
}

function booleanSetting(source: SourceText, property: Node | undefined): Setting<boolean> | undefined {
  const value = property?.children![1];
  if (value?.type !== 'boolean') return undefined;
  return { value: value.value === true, text: nodeText(source, value), origin: propertyOrigin(source, property!) };
}

function stringSetting(source: SourceText, property: Node): Setting<string> | undefined {
  const value = property.children![1];
  if (value.type !== 'string') return undefined;
  return { value: String(value.value), text: String(value.value), origin: propertyOrigin(source, property) };
}

function readImage(source: SourceText, properties: Map<string, Node>, spec: ContainerSpec): void {
  const property = properties.get('image');
  const image = property && stringSetting(source, property);
  if (image?.value) spec.image = { ...image, value: parseImageRef(image.value) };
}

/**
 * `build.dockerfile` is relative to the devcontainer.json's folder, `build.context` too (default `.`); the spec's
 * build reads the Dockerfile relative to the context, as Compose's does, so the path is rewritten that way.
 */
function readBuild(source: SourceText, properties: Map<string, Node>, spec: ContainerSpec, path: string): void {
  const property = properties.get('build') ?? properties.get('dockerFile');
  if (!property) return;
  const value = property.children![1];
  let dockerfile: Setting<string> | undefined;
  let context: Setting<string> | undefined;
  if (value.type === 'object') {
    const build = propertiesOf(value);
    const file = build.get('dockerfile') ?? build.get('dockerFile');
    dockerfile = file && stringSetting(source, file);
    const folder = build.get('context');
    context = folder && stringSetting(source, folder);
  } else if (value.type === 'string') {
    // The older top-level `dockerFile`, with `context` beside it.
    dockerfile = stringSetting(source, property);
    const folder = properties.get('context');
    context = folder && stringSetting(source, folder);
  }
  if (!dockerfile?.value) return;
  const contextDir = context?.value ?? '.';
  const contextFile = normalizePath(siblingPath(path, `${contextDir.replace(/\/+$/, '') || '.'}/x`));
  const dockerfileFromContext = dockerfile.value.startsWith('/')
    ? dockerfile.value
    : relativeTo(contextFile, normalizePath(siblingPath(path, dockerfile.value)));
  spec.build = {
    dockerfile: { ...dockerfile, value: dockerfileFromContext },
    context: { value: contextDir, text: context?.text ?? '.', origin: context?.origin ?? dockerfile.origin },
    origin: propertyOrigin(source, property),
  };
}

/** Properties that apply to every kind of dev container, compose-based ones too. */
function readGeneral(source: SourceText, properties: Map<string, Node>, spec: ContainerSpec): void {
  // The CLI adds `--privileged` (`--init`) for `true`: `false` does not undo the flag written in runArgs.
  const privileged = booleanSetting(source, properties.get('privileged'));
  if (privileged && (privileged.value || spec.privileged?.value !== true)) spec.privileged = privileged;
  const init = booleanSetting(source, properties.get('init'));
  if (init && (init.value || spec.init?.value !== true)) spec.init = init;
  readStringList(source, properties.get('capAdd'), (text, origin) =>
    spec.capAdd.items.push({ value: normalizeCapability(text), text, origin }),
  ) && spec.capAdd.holders.push(propertyOrigin(source, properties.get('capAdd')!));
  readStringList(source, properties.get('securityOpt'), (text, origin) =>
    spec.securityOpt.items.push({ value: parseSecurityOpt(text), text, origin }),
  ) && spec.securityOpt.holders.push(propertyOrigin(source, properties.get('securityOpt')!));
  const mounts = properties.get('mounts');
  const list = mounts?.children![1];
  if (mounts && list?.type === 'array') {
    spec.mounts.holders.push(propertyOrigin(source, mounts));
    for (const element of list.children ?? []) {
      const mount =
        element.type === 'string'
          ? readMountText(String(element.value))
          : element.type === 'object'
            ? readMountObject(source, element)
            : undefined;
      if (mount)
        spec.mounts.items.push({
          value: mount,
          text: nodeText(source, element),
          origin: elementOrigin(source, [element]),
        });
      else spec.mounts.unknown = true;
    }
  }
  // The user the workspace's tools, terminals and scripts run as: `remoteUser`, which defaults to `containerUser`.
  for (const key of ['containerUser', 'remoteUser']) {
    const property = properties.get(key);
    const user = property && stringSetting(source, property);
    if (user) spec.user = user;
  }
}

/** Calls `add` for each string of an array property; true when the property is an array. */
function readStringList(
  source: SourceText,
  property: Node | undefined,
  add: (text: string, origin: Origin) => void,
): boolean {
  const list = property?.children?.[1];
  if (!list || list.type !== 'array') return false;
  for (const element of list.children ?? [])
    if (element.type === 'string') add(String(element.value), elementOrigin(source, [element]));
  return true;
}

function readableError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

declare module '../rule' {
  interface ModelsByKind {
    devcontainer: DevcontainerModel;
  }
}
