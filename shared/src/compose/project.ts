/**
 * The cross-file layer: a compose file read as part of its project, through `WorkspaceReader.readFile` only (nothing is
 * run or downloaded).
 *
 * - `extends: {file: other.yaml, service: base}`: the other file is read and its service merged in, as Compose does;
 *   settings taken from it keep a `via` with its path, so findings point at this file's `extends` and fixes never
 *   edit the other file's text from here.
 * - Override files: `compose.yaml` and `compose.override.yaml` in one folder are one project. Each file's services are
 *   checked with the other's settings merged in, and each finding belongs to the file whose text caused it: a setting
 *   from the other file carries an `override` via with that file's path, and the engine leaves findings placed there
 *   to that file's own analysis (`Finding.path`). A setting missing from both is reported in the base file.
 * - `include:`: included files are projects of their own, checked when they are analysed; their services are not
 *   merged here, so nothing is reported twice.
 * - `profiles`: services behind a profile are checked like the others.
 *
 * Paths follow `compose/paths.ts`: resolved against the path of the file that names them.
 */
import { readThrough, type ReadOutcome, type WorkspaceReader } from '../context';
import type { ContainerSpec, Via } from '../container/spec';
import { parseCompose, type ComposeModel, type ComposeService, type ParseOptions, serviceNamed } from './model';
import { mergeSpecs, rebase } from './service-spec';
import { normalizePath, resolveFrom } from './paths';
import { RecentMap } from '../recent-map';
import { readBuiltFiles } from './built-dockerfile';

/** The file names Compose looks for in a folder, in its order of preference (compose-go `DefaultFileNames`). */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** The override files Compose merges over the first default file it finds (compose-go `DefaultOverrideFileNames`). */
export const OVERRIDE_FILES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** How deep `extends: {file}` chains are followed; real projects use one or two levels. */
const MAX_EXTENDS_DEPTH = 8;

/** Parses a compose file and applies what its project's other files say about its services. */
export function parseComposeProject(
  text: string,
  path: string,
  context: WorkspaceReader = {},
  options: ParseOptions = {},
): ComposeModel {
  const model = parseCompose(text, path, context, options);
  if (!context.readFile || !model.doc) return model;
  const loader = new ProjectLoader(context);
  loader.resolveExtends(model, new Set([normalizePath(path)]));
  mergeOverride(model, loader);
  reportUnreadDockerfiles(model, loader);
  // By the normalized path, as the rules look them up (the loader keys its reads so, but reads the path as written).
  model.builtFiles = readBuiltFiles(model, (other) => readThrough(context, other)?.text);
  return model;
}

/**
 * A Dockerfile a service builds that is there but cannot be read (outside the workspace, not a regular file, a path
 * the OS refuses: `build: ./Dockerfile` looks for `Dockerfile/Dockerfile`) is said so at its `build:`; rules then
 * check the service without it. An absent one stays quiet: the rules that need it have their own words for that.
 */
function reportUnreadDockerfiles(model: ComposeModel, loader: ProjectLoader): void {
  for (const reference of model.references) {
    if (reference.kind !== 'build') continue;
    const why = loader.whyNotRead(reference.resolved);
    if (why !== undefined)
      model.notChecked.push({
        range: reference.range,
        message: `Dockerfile \`${reference.path}\` not read: ${why}; service \`${reference.service}\` is checked without it.`,
      });
  }
}

class ProjectLoader {
  private readonly models = new Map<string, ComposeModel | undefined>();
  private readonly reads = new Map<string, ReadOutcome | undefined>();

  constructor(private readonly context: WorkspaceReader) {}

  /** Another file of the project, parsed with its own `extends` applied; undefined when it cannot be read. */
  load(path: string, visiting: Set<string>): ComposeModel | undefined {
    const key = normalizePath(path);
    if (this.models.has(key)) return this.models.get(key);
    if (visiting.has(key) || visiting.size > MAX_EXTENDS_DEPTH) return undefined;
    const text = this.read(path)?.text;
    const model = text === undefined ? undefined : this.parse(text, path);
    if (model) this.resolveExtends(model, new Set([...visiting, key]));
    this.models.set(key, model);
    return model;
  }

  /**
   * A private copy of the file's parse, from the cache when the file and every file its parse read (its `.env`) have
   * the same text as then: the copy is what `resolveExtends` and `baseOf` change.
   */
  private parse(text: string, path: string): ComposeModel {
    // By the path as written: the model keeps it, and findings placed in that file carry it.
    const key = path;
    const known = parsedFiles.get(key);
    if (
      known &&
      known.text === text &&
      known.reads.every(([other, otherText]) => this.read(other)?.text === otherText)
    ) {
      parsedFiles.set(key, known);
      return copyForMerging(known.model);
    }
    const reads: [string, string | undefined][] = [];
    const readFileResult = (other: string): ReadOutcome => {
      const outcome = this.read(other) ?? { notRead: 'not readable', absent: true };
      reads.push([other, outcome.text]);
      return outcome;
    };
    const model = parseCompose(text, path, {
      ...this.context,
      readFileResult,
      readFile: (other) => readFileResult(other).text,
    });
    parsedFiles.set(key, { text, reads, model });
    return copyForMerging(model);
  }

  /** Whether a file is there (readable or not: Compose would pick it, and fail on it), without parsing it. */
  exists(path: string): boolean {
    const outcome = this.read(path);
    return outcome !== undefined && !(outcome.notRead !== undefined && outcome.absent);
  }

  /** Why a file that is there was not read; undefined when it was read or is absent. */
  whyNotRead(path: string): string | undefined {
    const outcome = this.read(path);
    return outcome?.notRead !== undefined && !outcome.absent ? outcome.notRead : undefined;
  }

  private read(path: string): ReadOutcome | undefined {
    const key = normalizePath(path);
    if (!this.reads.has(key)) this.reads.set(key, readThrough(this.context, path));
    return this.reads.get(key);
  }

  /**
   * Applies `extends` again with other files read: the model already merged same-file bases, but a service whose
   * chain reaches another file was left `partial`, and so was every service extending it.
   */
  resolveExtends(model: ComposeModel, visiting: Set<string>): void {
    if (!model.services.some((s) => s.extends?.file !== undefined)) return;
    const byName = new Map(model.services.map((s) => [s.name, s]));
    const resolved = new Map<ComposeService, ContainerSpec>();
    const inProgress = new Set<ComposeService>();
    const resolve = (service: ComposeService): ContainerSpec => {
      const known = resolved.get(service);
      if (known) return known;
      const ext = service.extends;
      let spec = service.spec;
      if (ext?.service !== undefined && !inProgress.has(service)) {
        inProgress.add(service);
        const base = this.baseOf(model, service, byName, visiting);
        if (base) {
          const baseSpec = base.model === model ? resolve(base.service) : base.service.spec;
          const via: Via = {
            kind: 'extends',
            range: ext.origin.range,
            name: base.service.name,
            ...(base.model === model ? {} : { path: base.model.path }),
          };
          spec = mergeSpecs(baseSpec, withoutPartial(service.ownSpec), via);
        }
        inProgress.delete(service);
      }
      resolved.set(service, spec);
      return spec;
    };
    for (const service of model.services) resolve(service);
    for (const service of model.services) service.spec = resolved.get(service) ?? service.spec;
  }

  private baseOf(
    model: ComposeModel,
    service: ComposeService,
    byName: Map<string, ComposeService>,
    visiting: Set<string>,
  ): { model: ComposeModel; service: ComposeService } | undefined {
    const ext = service.extends;
    if (!ext?.service) return undefined;
    if (ext.file === undefined) {
      const base = byName.get(ext.service);
      return base && base !== service ? { model, service: base } : undefined;
    }
    const path = resolveFrom(model.path, ext.file);
    const other = path === normalizePath(model.path) ? model : this.load(path, visiting);
    if (!other) {
      service.spec.partial = `extends a service in ${ext.file}, which could not be read`;
      const why = this.whyNotRead(path);
      if (why !== undefined)
        model.notChecked.push({
          range: ext.origin.range,
          message: `\`${ext.file}\` not read: ${why}; service \`${service.name}\` is checked without what it extends from there.`,
        });
      return undefined;
    }
    const base = serviceNamed(other, ext.service);
    if (!base) {
      model.syntaxProblems.push({
        range: ext.origin.range,
        message: `\`extends\` names service \`${ext.service}\`, which ${ext.file} does not define.`,
      });
      return undefined;
    }
    return { model: other, service: base };
  }
}

/**
 * Files other compose files extend or override, parsed, across analyses: the 16 zabbix compose files of the corpus
 * extend one 34 KB file, which a workspace scan parsed 16 times (BENCHMARKS.md, Findings). Entries are checked against
 * the text `readFile` gives at each analysis, so an edited open file wins; only the parse is reused. Kept models are
 * never changed: each analysis works on a copy (`copyForMerging`).
 */
/** 64 files, and 4 M characters of text in all (models take several times their text). */
const parsedFiles = new RecentMap<string, { text: string; reads: [string, string | undefined][]; model: ComposeModel }>(
  64,
  (entry) => entry.text.length,
  4_000_000,
);

/** Forgets every kept parse (tests compare cached analyses with fresh ones). */
export function forgetParsedFiles(): void {
  parsedFiles.clear();
}

/**
 * What the loader may change in a model, copied: services' `spec` (replaced, and marked `partial`) and
 * `syntaxProblems`, `notChecked`. Specs the parse shared between `spec` and `ownSpec` stay shared in the copy.
 */
function copyForMerging(model: ComposeModel): ComposeModel {
  const copies = new Map<ContainerSpec, ContainerSpec>();
  const copy = (spec: ContainerSpec): ContainerSpec => {
    let known = copies.get(spec);
    if (!known) copies.set(spec, (known = { ...spec }));
    return known;
  };
  return {
    ...model,
    services: model.services.map((service) => ({
      ...service,
      spec: copy(service.spec),
      ownSpec: copy(service.ownSpec),
    })),
    syntaxProblems: [...model.syntaxProblems],
    notChecked: [...model.notChecked],
  };
}

/**
 * Merges the other file of a base + override pair into this one's services (Compose's merge rules, as for `extends`).
 * A file takes part only if Compose would pick it: the first default name present in its folder, and the first
 * override name present.
 */
function mergeOverride(model: ComposeModel, loader: ProjectLoader): void {
  const partner = projectPartner(model, loader);
  if (!partner) return;
  const { other, role } = partner;
  const others = new Map(other.services.map((s) => [s.name, s]));
  for (const service of model.services) {
    const counterpart = others.get(service.name);
    if (!counterpart) continue;
    const via: Via = {
      kind: 'override',
      range: counterpart.spec.declaration.range,
      name: other.path,
      path: other.path,
    };
    if (role === 'base') {
      // The override's settings win; they carry the override's path, so this file does not report them.
      const merged = mergeSpecs(service.spec, rebase(counterpart.spec, via));
      service.spec = { ...merged, declaration: service.spec.declaration, ...partialOf(service.spec, counterpart.spec) };
    } else {
      // The base file declares the service: what it lacks is reported there, once.
      const merged = mergeSpecs(counterpart.spec, service.spec, via);
      service.spec = {
        ...merged,
        declaration: rebase(counterpart.spec.declaration, via),
        ...partialOf(service.spec, counterpart.spec),
      };
    }
  }
}

function projectPartner(
  model: ComposeModel,
  loader: ProjectLoader,
): { other: ComposeModel; role: 'base' | 'override' } | undefined {
  const name = model.path.slice(Math.max(model.path.lastIndexOf('/'), model.path.lastIndexOf('\\')) + 1);
  const sibling = (file: string) => resolveFrom(model.path, file);
  const visiting = new Set([normalizePath(model.path)]);
  const defaultIndex = DEFAULT_FILES.indexOf(name);
  if (defaultIndex >= 0) {
    if (DEFAULT_FILES.slice(0, defaultIndex).some((file) => loader.exists(sibling(file)))) return undefined;
    const override = OVERRIDE_FILES.find((file) => loader.exists(sibling(file)));
    const other = override && loader.load(sibling(override), visiting);
    if (override && !other) reportUnreadPartner(model, loader, override, sibling(override));
    return other ? { other, role: 'base' } : undefined;
  }
  const overrideIndex = OVERRIDE_FILES.indexOf(name);
  if (overrideIndex < 0 || OVERRIDE_FILES.slice(0, overrideIndex).some((file) => loader.exists(sibling(file))))
    return undefined;
  const base = DEFAULT_FILES.find((file) => loader.exists(sibling(file)));
  const other = base && loader.load(sibling(base), visiting);
  if (base && !other) reportUnreadPartner(model, loader, base, sibling(base));
  return other ? { other, role: 'override' } : undefined;
}

/** The other file of a base + override pair is there but cannot be read: its settings are not merged, and that is said. */
function reportUnreadPartner(model: ComposeModel, loader: ProjectLoader, name: string, path: string): void {
  const why = loader.whyNotRead(path);
  if (why !== undefined)
    model.notChecked.push({
      range: model.source.rangeOf(0, 0),
      message: `\`${name}\` not read: ${why}; its settings are not merged into this file's services.`,
    });
}

function withoutPartial(spec: ContainerSpec): ContainerSpec {
  const { partial: _partial, ...rest } = spec;
  return rest;
}

/** A merged spec is partial when either side is. */
function partialOf(a: ContainerSpec, b: ContainerSpec): { partial?: string } {
  const partial = a.partial ?? b.partial;
  return partial === undefined ? {} : { partial };
}
