import { createHash } from 'node:crypto';
import { DockerfileParser } from 'dockerfile-ast';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { getLocation } from 'jsonc-parser';
import { parserSource, type SourceText } from '../text';
import type { Diagnostic, FileKind, Position } from '../types';

/**
 * A finding's fingerprint: what stays the same when unrelated lines move, so a baseline (and GitHub code scanning)
 * keeps recognising it. Never the line number. It hashes
 *
 * - the finding's own source text, whitespace collapsed (`privileged: true`'s `true`, a `FROM` line's image);
 * - its context: in a Dockerfile, the instruction keyword and the stage (its `AS` name, else its base image without tag
 *   or digest, so a tag bump keeps the stage's findings); in a Compose file, the setting path with the service name
 *   replaced by the service's image (without tag) or build context, so renaming a service keeps its findings, and a
 *   finding on the service's own key hashes that placeholder, not the name; in a devcontainer.json, the property path
 *   (array indices left out, as in Compose).
 *
 * Not the instruction's whole text: adding a package to a long `RUN` must not re-raise the findings of every other
 * package in it. Identical fingerprints in one file get an occurrence index in file order (`<hash>:<n>`, as GitHub's own
 * `primaryLocationLineHash` does), so two services with the same setting are two entries and fixing one leaves one.
 */
export const FINGERPRINT_VERSION = 'bulkheadFingerprint/v1';

/** One fingerprint per diagnostic, in the same order: `<16 hex digits>:<occurrence>`. */
export function fingerprintDiagnostics(kind: FileKind, text: string, diagnostics: readonly Diagnostic[]): string[] {
  if (!diagnostics.length) return [];
  const source = parserSource(text);
  const contextOf =
    kind === 'dockerfile'
      ? dockerfileContext(source)
      : kind === 'devcontainer'
        ? devcontainerContext(source)
        : composeContext(source);
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const start = source.offsetAt(d.range.start);
    const own = collapse(source.text.slice(start, source.offsetAt(d.range.end)));
    const context = contextOf(d.range.start, start, own);
    const hash = createHash('sha256')
      .update([d.ruleId, context.where, context.own].join('\0'))
      .digest('hex')
      .slice(0, 16);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return `${hash}:${occurrence}`;
  });
}

type ContextOf = (start: Position, offset: number, own: string) => { where: string; own: string };

function collapse(text: string): string {
  // A Dockerfile's escaped line break is layout, as is any run of blanks.
  return text
    .replace(/[\\`]\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function dockerfileContext(source: SourceText): ContextOf {
  let instructions: { line: number; endLine: number; keyword: string; stage: string }[] = [];
  try {
    const ast = DockerfileParser.parse(source.text);
    let stage = '';
    instructions = ast.getInstructions().map((instruction) => {
      const keyword = instruction.getKeyword().toUpperCase();
      if (keyword === 'FROM') {
        const args = instruction.getArguments().map((a) => a.getValue());
        const as = args.findIndex((a) => a.toLowerCase() === 'as');
        const image = args.find((a) => !a.startsWith('--')) ?? '';
        stage = as >= 0 && args[as + 1] ? `stage ${args[as + 1]}` : `image ${withoutTag(image)}`;
      }
      const range = instruction.getRange();
      return { line: range.start.line, endLine: range.end.line, keyword, stage };
    });
  } catch {
    // A Dockerfile the parser cannot read: the own text alone.
  }
  return (start, _offset, own) => {
    let found: (typeof instructions)[number] | undefined;
    for (const instruction of instructions) {
      if (instruction.line > start.line) break;
      found = instruction;
    }
    if (!found) return { where: '', own };
    const inside = start.line <= found.endLine;
    return { where: `${found.stage}\0${inside ? found.keyword : ''}`, own };
  };
}

/** `nginx:1.25@sha256:…` → `nginx`; `registry:5000/app:1` → `registry:5000/app`. */
function withoutTag(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The property path of a JSONC value (`runArgs\0[]`): JSON with comments is not YAML, so it is read as JSONC. */
function devcontainerContext(source: SourceText): ContextOf {
  return (_start, offset, own) => ({
    where: getLocation(source.text, offset)
      .path.map((segment) => (typeof segment === 'number' ? '[]' : segment))
      .join('\0'),
    own,
  });
}

function composeContext(source: SourceText): ContextOf {
  let root: Node | null = null;
  try {
    root = parseDocument(source.text, { uniqueKeys: false }).contents as Node | null;
  } catch {
    // Unreadable YAML: the own text alone.
  }
  return (_start, offset, own) => {
    if (!root) return { where: '', own };
    const path: string[] = [];
    let node: unknown = root;
    let onServiceKey = false;
    while (node) {
      const next = childAt(node, offset);
      if (!next) break;
      if (path.length === 1 && path[0] === 'services') {
        // The service's name is not part of its identity: its image or build context is.
        path.push(`<${serviceIdentity(next.value)}>`);
        if (next.onKey) onServiceKey = true;
      } else path.push(next.segment);
      if (next.onKey) break;
      node = next.value;
    }
    return { where: path.join('\0'), own: onServiceKey ? '<service>' : own };
  };
}

/** The key or item of a map or sequence whose range holds `offset`. */
function childAt(node: unknown, offset: number): { segment: string; value: unknown; onKey: boolean } | undefined {
  const within = (n: unknown) => {
    const range = (n as { range?: [number, number, number] } | null)?.range;
    return !!range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
  };
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const segment = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (within(pair.key)) return { segment, value: pair.value, onKey: true };
      if (within(pair.value)) return { segment, value: pair.value, onKey: false };
    }
  }
  // An item's index is not kept: inserting an item above must not re-key the ones below (their text tells them apart).
  if (isSeq(node)) for (const item of node.items) if (within(item)) return { segment: '[]', value: item, onKey: false };
  return undefined;
}

function serviceIdentity(service: unknown): string {
  if (!isMap(service)) return '';
  const image = service.get('image');
  if (typeof image === 'string') return `image ${withoutTag(image)}`;
  const build = service.get('build', true) as unknown;
  if (isScalar(build)) return `build ${String(build.value)}`;
  if (isMap(build)) return `build ${String(build.get('context') ?? '.')}`;
  return '';
}
