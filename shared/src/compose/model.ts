/**
 * A compose file read as Compose reads it: services with aliases, merge keys, same-file `extends` and `.env`
 * interpolation applied, each normalised into a container spec (container/spec.ts) whose every setting keeps the
 * text it came from.
 *
 * What this file alone cannot know is left visible rather than guessed: other-file `extends` marks a spec `partial`,
 * `include`d files and override files are listed in `references` for the cross-file layer, and values behind unset
 * variables are unknown.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { parserSource, type SourceText } from '../text';
import { RecentMap } from '../recent-map';
import type { YamlParse } from './reparse';
import type { Range } from '../types';
import { readThrough, type WorkspaceReader } from '../context';
import type { ContainerSpec, Origin, Via } from '../container/spec';
import { interpolate, parseDotEnv, Variables } from './interpolate';
import { ExpansionBudget } from '../expansion';
import {
  entriesOf,
  keyText,
  originOf,
  parseYaml,
  rangeOfNode,
  rangeOfPair,
  scalarText,
  type Entry,
  type ReadContext,
  type SyntaxProblem,
} from './yaml';
import { readServiceSpec, mergeSpecs } from './service-spec';

// Origins are the YAML layer's (service-spec reads them too, without importing the model).
export { originOf, yamlRef, type YamlRef } from './yaml';

export interface ComposeService {
  name: string;
  /** The service's key under `services:`. */
  keyNode: Scalar;
  /** The service's mapping as written; undefined when the service is not a mapping. */
  map?: YAMLMap;
  /** The service is an alias (`web: *base`): its mapping is also another node's, so it cannot be edited alone. */
  aliased: boolean;
  /** The service's entries, merge keys applied (not `extends`: that is applied to `spec`). */
  entries: Map<string, Entry>;
  /** The container this service runs, `extends` applied. */
  spec: ContainerSpec;
  /** The container as this service alone writes it, before `extends` (the cross-file layer applies `extends` again once it has read other files). */
  ownSpec: ContainerSpec;
  /** `extends`, when written. */
  extends?: { service?: string; file?: string; origin: Origin };
}

/** A file this one depends on: the cross-file layer reads these through `WorkspaceReader.readFile`. */
export interface ComposeReference {
  kind: 'include' | 'extends' | 'env_file' | 'build' | 'dotenv';
  /** As written (relative to the compose file's folder unless absolute). */
  path: string;
  /** The path resolved against the compose file's folder, as passed to `readFile`. */
  resolved: string;
  service?: string;
  range: Range;
}

export interface ComposeModel {
  kind: 'compose';
  path: string;
  source: SourceText;
  /** Undefined when the file was refused (alias bomb, nesting too deep). */
  doc?: Document.Parsed;
  services: ComposeService[];
  /** Variables from the `.env` beside the file, used for interpolation. */
  variables: Variables;
  /** Top-level named volumes that bind a host path (`driver_opts: {o: bind, device: /srv}`): name → host path. */
  hostVolumes: Map<string, { device: string; origin: Origin }>;
  references: ComposeReference[];
  /**
   * The workspace files the services' builds use (their Dockerfiles, the entrypoint scripts those copy), path →
   * text, read by the project layer before the rules run (compose/built-dockerfile.ts `readBuiltFiles`): rules read
   * no files. A path missing here was not readable; absent altogether when the model was made without files.
   */
  builtFiles?: ReadonlyMap<string, string>;
  syntaxProblems: SyntaxProblem[];
  /** Parts left unchecked, and why (a value past the expansion limit, a file not read): reported as `not-checked`. */
  notChecked: SyntaxProblem[];
  /**
   * Anchor name → services whose spec takes something through it, plus the service whose text defines it. A fix
   * may edit an anchor's text only when this holds just the service being fixed.
   */
  anchorUsers: Map<string, Set<string>>;
}

/**
 * The service of that name (the first one written, as `services.find` gives): every fix looks its finding's service
 * up, and a scan of all services per finding made a file of n services cost n² (32,000 services: 47 s).
 */
export function serviceNamed(model: Pick<ComposeModel, 'services'>, name: unknown): ComposeService | undefined {
  const services = model.services;
  let index = servicesByName.get(services);
  // Services are only ever appended (while the model is read): a longer list is indexed again.
  if (!index || index.count !== services.length) {
    const byName = new Map<string, ComposeService>();
    for (const service of services) if (!byName.has(service.name)) byName.set(service.name, service);
    servicesByName.set(services, (index = { count: services.length, byName }));
  }
  return typeof name === 'string' ? index.byName.get(name) : undefined;
}

const servicesByName = new WeakMap<readonly ComposeService[], { count: number; byName: Map<string, ComposeService> }>();

const DEFAULT_PATH = 'compose.yaml';

/**
 * The last error-free parse of the files analysed with `keepParse` (an editor's open documents), by path: the editor
 * analyses the same file at every keystroke, and the next text re-parses only the entry the edit touched (reparse.ts).
 * A text with a YAML error leaves the kept parse in place: typing often breaks a line for a few keystrokes, and the
 * text that mends it is then one entry away from the kept one (or the very same text).
 * A few files, each small enough. Nothing is kept for a scan or the CLI, which analyse each file once: a worker's heap
 * is small.
 */
const lastParses = new RecentMap<string, YamlParse>(8);
const LAST_PARSE_MAX_CHARS = 1_000_000;

/** Forgets the kept parses (tests compare analyses with and without them). */
export function forgetLastParses(): void {
  lastParses.clear();
}

export interface ParseOptions {
  /** Start from this path's kept parse, and keep this one for the next analysis (see `lastParses`). */
  keepParse?: boolean;
}

export function parseCompose(
  text: string,
  path = DEFAULT_PATH,
  context: WorkspaceReader = {},
  options: ParseOptions = {},
): ComposeModel {
  const source = parserSource(text);
  const parsed = parseYaml(source, options.keepParse ? lastParses.get(path) : undefined);
  if (options.keepParse) {
    // The text the parse read: the next one re-parses against the same reading.
    if (parsed.doc && !parsed.problems.length && text.length <= LAST_PARSE_MAX_CHARS)
      lastParses.set(path, { text: source.text, doc: parsed.doc });
    else if (!parsed.doc || !parsed.doc.errors.length) lastParses.delete(path);
  }
  const model: ComposeModel = {
    kind: 'compose',
    path,
    source,
    doc: parsed.doc,
    services: [],
    variables: new Variables(),
    hostVolumes: new Map(),
    references: [],
    syntaxProblems: parsed.problems,
    notChecked: [],
    anchorUsers: new Map(),
  };
  const doc = parsed.doc;
  if (!doc) return model;
  const dotEnvPath = siblingPath(path, '.env');
  const dotEnv = readThrough(context, dotEnvPath);
  // One budget for the `.env` and every value of the file, reporting into `notChecked`.
  const budget = new ExpansionBudget(model.notChecked);
  model.variables = new Variables(new Map(), budget);
  if (dotEnv?.text !== undefined) {
    const range = source.rangeOf(0, 0);
    model.variables = new Variables(parseDotEnv(dotEnv.text, budget, range), budget);
    model.references.push({ kind: 'dotenv', path: '.env', resolved: dotEnvPath, range });
  } else if (dotEnv && !dotEnv.absent) {
    // Compose would fail on it; the file is checked with the variables it would set unknown.
    model.notChecked.push({
      range: source.rangeOf(0, 0),
      message: `\`.env\` not read: ${dotEnv.notRead}; its variables are not applied.`,
    });
  }

  const ctx: ReadContext = { doc, anchors: parsed.anchors!, source, problems: model.syntaxProblems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return model;
  if (!isMap(root)) {
    model.syntaxProblems.push({
      range: rangeOfNode(source, root),
      message: 'A compose file must be a mapping (`services:` at the top).',
    });
    return model;
  }
  const top = entriesOf(ctx, root);
  readHostVolumes(ctx, model, top.get('volumes'));
  readIncludes(ctx, model, top.get('include'));

  const servicesEntry = top.get('services');
  if (servicesEntry && servicesEntry.value !== null) {
    if (!isMap(servicesEntry.value)) {
      model.syntaxProblems.push({
        range: rangeOfNode(source, servicesEntry.value),
        message: '`services` must be a mapping of service names to services.',
      });
    } else {
      readServices(ctx, model, servicesEntry.value);
    }
  }
  return model;
}

function readServices(ctx: ReadContext, model: ComposeModel, servicesMap: YAMLMap): void {
  const byName = new Map<string, ComposeService>();
  for (const [name, resolved] of entriesOf(ctx, servicesMap)) {
    const pair = resolved.pair;
    const keyNode = pair.key;
    const value = resolved.value;
    const declaration: Origin = {
      range: rangeOfNode(ctx.source, keyNode),
      entryRange: rangeOfPair(ctx.source, pair),
      via: resolved.via,
    };
    if (!isMap(value)) {
      const message =
        value === null
          ? `Service \`${name}\` has no settings: Compose refuses an empty service.`
          : `Service \`${name}\` must be a mapping of settings.`;
      model.syntaxProblems.push({ range: rangeOfNode(ctx.source, value ?? keyNode), message });
      continue;
    }
    const entries = entriesOf(ctx, value, resolved.via);
    const spec = readServiceSpec({ ctx, model, name, declaration, entries });
    const service: ComposeService = {
      name,
      keyNode,
      map: value,
      aliased: resolved.via.length > 0,
      entries,
      spec,
      ownSpec: spec,
    };
    const ext = readExtends(ctx, model, service);
    if (ext) service.extends = ext;
    byName.set(name, service);
    model.services.push(service);
    const dockerfile = buildDockerfile(spec);
    if (dockerfile && spec.build)
      model.references.push({
        kind: 'build',
        path: dockerfile,
        resolved: siblingPath(model.path, dockerfile),
        service: name,
        range: spec.build.origin.range,
      });
    for (const file of spec.envFiles.items) {
      if (file.value !== undefined)
        model.references.push({
          kind: 'env_file',
          path: file.value,
          resolved: siblingPath(model.path, file.value),
          service: name,
          range: file.origin.range,
        });
    }
  }
  const done = new Set<ComposeService>();
  for (const service of model.services) applyExtends(model, service, byName, done, new Set());
  collectAnchorUsers(model, ctx, servicesMap);
}

function readExtends(ctx: ReadContext, model: ComposeModel, service: ComposeService): ComposeService['extends'] {
  const entry = service.entries.get('extends');
  if (!entry || entry.value === null) return undefined;
  const origin = originOf(ctx, entry, entry.value);
  const text = scalarText(entry.value);
  if (text !== undefined) return { service: interpolate(text, model.variables, origin.range), origin };
  if (!isMap(entry.value)) {
    model.syntaxProblems.push({
      range: origin.range,
      message: '`extends` must name a service, or be a mapping with `service` (and `file`).',
    });
    return undefined;
  }
  const fields = entriesOf(ctx, entry.value);
  const serviceText = scalarText(fields.get('service')?.value ?? null);
  const fileText = scalarText(fields.get('file')?.value ?? null);
  const at = (key: string) => () => rangeOfNode(ctx.source, fields.get(key)!.value!);
  const file = fileText === undefined ? undefined : interpolate(fileText, model.variables, at('file'));
  if (file !== undefined) {
    model.references.push({
      kind: 'extends',
      path: file,
      resolved: siblingPath(model.path, file),
      service: service.name,
      range: origin.range,
    });
  }
  return {
    service: serviceText === undefined ? undefined : interpolate(serviceText, model.variables, at('service')),
    file: fileText === undefined ? undefined : (file ?? fileText),
    origin,
  };
}

/** Same-file `extends`, applied recursively; other-file `extends` leaves the spec `partial` for the cross-file layer. */
function applyExtends(
  model: ComposeModel,
  service: ComposeService,
  byName: Map<string, ComposeService>,
  done: Set<ComposeService>,
  visiting: Set<ComposeService>,
): void {
  const ext = service.extends;
  if (!ext || done.has(service)) return;
  done.add(service);
  if (ext.file !== undefined || ext.service === undefined) {
    service.spec.partial =
      ext.file !== undefined ? `extends a service in ${ext.file}` : 'extends a service whose name is not known';
    return;
  }
  const base = byName.get(ext.service);
  if (!base) {
    model.syntaxProblems.push({
      range: ext.origin.range,
      message: `\`extends\` names service \`${ext.service}\`, which this file does not define.`,
    });
    service.spec.partial = `extends an unknown service ${ext.service}`;
    return;
  }
  visiting.add(service);
  if (visiting.has(base)) {
    model.syntaxProblems.push({
      range: ext.origin.range,
      message: `\`extends\` forms a cycle through service \`${ext.service}\`.`,
    });
    service.spec.partial = 'extends itself through a cycle';
    visiting.delete(service);
    return;
  }
  applyExtends(model, base, byName, done, visiting);
  visiting.delete(service);
  const via: Via = { kind: 'extends', range: ext.origin.range, name: base.name };
  service.spec = mergeSpecs(base.spec, service.spec, via);
}

/**
 * Which services use each anchor: those whose text reaches it through aliases (followed transitively) and the one
 * whose text defines it. Counted on the text, not on effective values, so an anchor stays shared while two services
 * name it even if one overrides everything it gives.
 */
function collectAnchorUsers(model: ComposeModel, ctx: ReadContext, servicesMap: YAMLMap): void {
  for (const pair of servicesMap.items) {
    const name = keyText(pair.key);
    if (name === undefined) continue;
    const seen = new Set<Node>();
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object' || seen.has(node as Node)) return;
      seen.add(node as Node);
      const anchor = (node as Node & { anchor?: string }).anchor;
      if (anchor) addUser(model, anchor, name);
      if (isAlias(node)) {
        addUser(model, node.source, name);
        visit(ctx.anchors.resolve(node));
      } else if (isMap(node)) {
        for (const item of node.items) {
          visit(item.key);
          visit(item.value);
        }
      } else if (isSeq(node)) for (const item of node.items) visit(item);
    };
    visit(pair.value);
  }
}

function addUser(model: ComposeModel, anchor: string, service: string): void {
  let set = model.anchorUsers.get(anchor);
  if (!set) model.anchorUsers.set(anchor, (set = new Set()));
  set.add(service);
}

function readHostVolumes(ctx: ReadContext, model: ComposeModel, entry: Entry | undefined): void {
  if (!entry || !isMap(entry.value)) return;
  for (const [name, volume] of entriesOf(ctx, entry.value, entry.via)) {
    if (!isMap(volume.value)) continue;
    const opts = entriesOf(ctx, volume.value, volume.via).get('driver_opts');
    if (!opts || !isMap(opts.value)) continue;
    const fields = entriesOf(ctx, opts.value, opts.via);
    const o = scalarText(fields.get('o')?.value ?? null);
    const type = scalarText(fields.get('type')?.value ?? null);
    // The local driver binds `device` when `o` has `bind` (or `type: none`); local-persist takes `mountpoint`.
    const deviceEntry =
      (o !== undefined && /(^|,)\s*r?bind\s*(,|$)/.test(o)) || type === 'none'
        ? fields.get('device')
        : fields.get('mountpoint');
    const deviceText = scalarText(deviceEntry?.value ?? null);
    if (!deviceEntry || deviceText === undefined) continue;
    const device = interpolate(deviceText, model.variables, () => rangeOfNode(ctx.source, deviceEntry.value!));
    if (device === undefined) continue;
    model.hostVolumes.set(name, { device, origin: originOf(ctx, deviceEntry, deviceEntry.value) });
  }
}

function readIncludes(ctx: ReadContext, model: ComposeModel, entry: Entry | undefined): void {
  if (!entry || !isSeq(entry.value)) return;
  for (const item of entry.value.items) {
    const node = item as Node;
    let text = scalarText(node);
    if (text === undefined && isMap(node)) {
      const p = entriesOf(ctx, node).get('path');
      text = scalarText(p?.value ?? null) ?? (isSeq(p?.value) ? scalarText(p.value.items[0] as Node) : undefined);
    }
    const path =
      text === undefined ? undefined : interpolate(text, model.variables, () => rangeOfNode(ctx.source, node));
    if (path === undefined) continue;
    model.references.push({
      kind: 'include',
      path,
      resolved: siblingPath(model.path, path),
      range: rangeOfNode(ctx.source, node),
    });
  }
}

/**
 * The Dockerfile a service builds, as a path for `WorkspaceReader.readFile` (resolved against the compose file's folder
 * from `build.context` + `build.dockerfile`, default `Dockerfile`); undefined without a build, for a remote context,
 * for a Dockerfile written inline (`build.dockerfile_inline`)
 * (a Git URL) or an unknown value.
 */
export function dockerfilePath(model: Pick<ComposeModel, 'path'>, spec: ContainerSpec): string | undefined {
  const relative = buildDockerfile(spec);
  return relative === undefined ? undefined : siblingPath(model.path, relative);
}

/** The Dockerfile a service builds, relative to the compose file's folder. */
function buildDockerfile(spec: ContainerSpec): string | undefined {
  const build = spec.build;
  if (!build || build.dockerfileInline) return undefined;
  const context = build.context ? build.context.value : '.';
  const dockerfile = build.dockerfile ? build.dockerfile.value : 'Dockerfile';
  if (context === undefined || dockerfile === undefined || /^[a-z]+:\/\/|^git@|\.git(#|$)/.test(context))
    return undefined;
  if (dockerfile.startsWith('/')) return dockerfile;
  const dir = context.replace(/\/+$/, '');
  return dir === '.' || dir === '' ? dockerfile : `${dir}/${dockerfile}`;
}

/** `dir/compose.yaml` + `.env` → `dir/.env`; absolute `other` paths are kept. */
export function siblingPath(path: string, other: string): string {
  if (other.startsWith('/') || /^[A-Za-z]:[\\/]/.test(other)) return other;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
  return dir + other.replace(/^\.\//, '');
}
