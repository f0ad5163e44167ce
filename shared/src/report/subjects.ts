import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { SourceText, parserText } from '../text';
import type { FileKind, Range } from '../types';
import type { PostureSubject } from './posture';
import type { WorkspaceReader } from '../context';
import { parseComposeProject } from '../compose/project';
import { parseDockerfile } from '../dockerfile/model';
import { dockerfileFacts, serviceFacts } from './facts';
import { serviceNamed } from '../compose/model';
import { containerView, parseDevcontainer } from '../devcontainer/model';

/**
 * The rows a file contributes to the posture matrix: a Dockerfile's final stage (the image that runs), each service
 * of a Compose file, the dev container of a devcontainer.json (none for one that runs a compose service: that
 * service's row is the compose file's). Reads the text on its own, so it does not depend on which rules are registered.
 */
export function postureSubjects(
  kind: FileKind,
  text: string,
  path: string,
  context: WorkspaceReader = {},
): PostureSubject[] {
  if (kind === 'devcontainer') return devcontainerSubjects(text, path, context);
  return kind === 'dockerfile' ? dockerfileSubjects(text, path) : composeSubjects(text, path, context);
}

function devcontainerSubjects(text: string, path: string, context: WorkspaceReader): PostureSubject[] {
  const model = parseDevcontainer(text, path, context);
  const service = model.services[0];
  if (!model.root || !service || model.composeService) return [];
  return [
    {
      path,
      kind: 'devcontainer',
      name: service.name,
      range: model.source.rangeOf(model.root.offset, model.root.offset + model.root.length),
      facts: serviceFacts(containerView(model), service),
    },
  ];
}

/** The final stage, read with the bare parser: the report only needs where it is, not its shell scripts. */
function dockerfileSubjects(text: string, path: string): PostureSubject[] {
  const ast = DockerfileParser.parse(parserText(text));
  const froms = ast.getFROMs();
  const from = froms[froms.length - 1];
  if (!from) return [];
  const instructions = ast.getInstructions();
  const last = instructions[instructions.length - 1] ?? from;
  const name = from.getBuildStage()?.toLowerCase();
  const facts = dockerfileFacts(parseDockerfile(text, path));
  return [
    {
      path,
      kind: 'dockerfile',
      name: name ?? 'final stage',
      range: { start: from.getRange().start, end: last.getRange().end },
      facts,
    },
  ];
}

function composeSubjects(text: string, path: string, context: WorkspaceReader): PostureSubject[] {
  const doc = parseDocument(parserText(text), { uniqueKeys: false });
  const model = parseComposeProject(text, path, context);
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return [];
  const source = new SourceText(text);
  const anchors = new Anchors(doc);
  const subjects: PostureSubject[] = [];
  for (const pair of services.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (!isScalar(key) || !key.range) continue;
    const end = value?.range?.[1] ?? key.range[1];
    const borrowed = aliasTargets(value, anchors).map(([start, stop]) => source.rangeOf(start, stop));
    const service = serviceNamed(model, String(key.value));
    subjects.push({
      path,
      kind: 'compose',
      name: String(key.value),
      range: source.rangeOf(key.range[0], end),
      ...(borrowed.length ? { borrowed } : {}),
      ...(service ? { facts: serviceFacts(model, service) } : {}),
    });
  }
  return subjects;
}

/** The spans of the anchors a node uses through aliases (`<<: *defaults`, `cap_add: *caps`), followed transitively. */
function aliasTargets(node: Node | null | undefined, anchors: Anchors): [number, number][] {
  const spans: [number, number][] = [];
  const seen = new Set<unknown>();
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (isAlias(n)) {
      const target = anchors.resolve(n.source, n.range?.[0] ?? 0);
      if (target?.range) spans.push([target.range[0], target.range[1]]);
      visit(target);
    } else if (isMap(n)) {
      for (const pair of n.items) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) visit(item);
    }
  };
  visit(node);
  return spans;
}

/**
 * Anchors by name, read once: `Alias.resolve` searches the whole document on every call, which is quadratic on files
 * that use many aliases. An anchor may be defined again; an alias means the last definition before it.
 */
class Anchors {
  private byName = new Map<string, Node[]>();

  constructor(doc: Document) {
    const collect = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      const node = n as Node & { anchor?: string };
      if ((isMap(n) || isSeq(n) || isScalar(n)) && node.anchor) {
        const list = this.byName.get(node.anchor) ?? [];
        list.push(node);
        this.byName.set(node.anchor, list);
      }
      if (isMap(n)) {
        for (const pair of n.items) {
          collect(pair.key);
          collect(pair.value);
        }
      } else if (isSeq(n)) for (const item of n.items) collect(item);
    };
    collect(doc.contents);
  }

  resolve(name: string, before: number): Node | undefined {
    const candidates = this.byName.get(name) ?? [];
    let found: Node | undefined;
    for (const node of candidates) if ((node.range?.[0] ?? 0) < before) found = node;
    return found;
  }
}
