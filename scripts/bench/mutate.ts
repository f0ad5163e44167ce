/**
 * Mutations that turn one real file into a plausible sibling: what a monorepo holds is many variations of the same
 * few Dockerfiles and compose files. Every choice comes from the seeded `random`, so a seed gives the same files.
 * A compose mutation that would make the YAML invalid is dropped (the workspace measures analysis, not error paths).
 */
import { DockerfileParser } from 'dockerfile-ast';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { intBetween, pick, type Random } from './stats';

interface Splice {
  start: number;
  end: number;
  text: string;
}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start))
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

const TAGS = [
  'latest',
  '1',
  '1.25',
  '3.19',
  '3.20',
  '20-alpine',
  '22-bookworm-slim',
  'bookworm-slim',
  '22.04',
  'stable',
  '2024.1',
  'alpine',
];

/** A new reference for `name[:tag][@digest]`: another tag, no tag at all, or pinned by digest. */
function retag(random: Random, name: string): string {
  const roll = random();
  if (roll < 0.12) return name;
  const tag = `${name}:${pick(random, TAGS)}`;
  if (roll > 0.9)
    return `${tag}@sha256:${Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')}`;
  return tag;
}

/** `registry:5000/org/name:tag@sha256:…` → `registry:5000/org/name`. */
function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

// ---------------------------------------------------------------------------------------------------------------- //
// Dockerfiles

const INSTRUCTIONS = [
  'RUN apt-get update && apt-get install -y curl ca-certificates',
  'RUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39.2-1.1 && rm -rf /var/lib/apt/lists/*',
  'RUN curl -fsSL https://example.com/install.sh | sh',
  'RUN pip install --no-cache-dir requests==2.31.0',
  'RUN npm ci --omit=dev',
  'RUN chmod 777 /tmp/app',
  'RUN useradd --create-home --uid 10001 app',
  'USER 10001:10001',
  'USER root',
  'ENV APP_ENV=production',
  'ENV API_TOKEN=changeme',
  'ARG BUILD_VERSION=1.0.0',
  'EXPOSE 8080',
  'EXPOSE 22',
  'WORKDIR /srv/app',
  'COPY . /app',
  'COPY --chown=app:app package.json /app/',
  'ADD https://example.com/release.tar.gz /tmp/',
  'LABEL org.opencontainers.image.source="https://example.com/repo"',
  'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/health || exit 1',
  'RUN --mount=type=secret,id=npmrc npm install',
  'RUN wget --no-check-certificate https://example.com/tool -O /usr/local/bin/tool',
];

const FROM_LINE = /^(\s*FROM\s+(?:--\S+\s+)*)([^\s$@]+)(?=\s|$)/i;

export function mutateDockerfile(text: string, random: Random): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lines = text.split(eol);
  const stageNames = new Set([...text.matchAll(/^\s*FROM\s.*?\sAS\s+(\S+)/gim)].map((m) => m[1].toLowerCase()));
  // Tags first: the line-based edits below move lines, not their content.
  lines = lines.map((line) => {
    const match = FROM_LINE.exec(line);
    if (!match || random() < 0.4) return line;
    const name = imageName(match[2]);
    if (stageNames.has(name.toLowerCase()) || name.toLowerCase() === 'scratch') return line;
    return match[1] + retag(random, name) + line.slice(match[0].length);
  });
  const edits = intBetween(random, 1, 3);
  for (let i = 0; i < edits; i++) {
    const instructions = DockerfileParser.parse(lines.join(eol)).getInstructions();
    const firstFrom = instructions.findIndex((ins) => ins.getKeyword() === 'FROM');
    if (firstFrom < 0) break;
    if (random() < 0.65) {
      const after = instructions[intBetween(random, firstFrom, instructions.length - 1)];
      lines.splice(after.getRange().end.line + 1, 0, pick(random, INSTRUCTIONS));
    } else {
      const removable = instructions.filter((ins) => ins.getKeyword() !== 'FROM');
      if (!removable.length) continue;
      const gone = pick(random, removable).getRange();
      lines.splice(gone.start.line, gone.end.line - gone.start.line + 1);
    }
  }
  return lines.join(eol);
}

// ---------------------------------------------------------------------------------------------------------------- //
// Compose files

const SERVICE_SUFFIXES = ['api', 'v2', 'svc', 'app', 'blue', 'green', 'worker', 'internal', 'edge', 'canary'];

/** Keys a service gains: some harmless, some that Bulkhead reports. */
const SERVICE_KEYS: [key: string, line: string][] = [
  ['restart', 'restart: unless-stopped'],
  ['privileged', 'privileged: true'],
  ['read_only', 'read_only: true'],
  ['user', 'user: "1000:1000"'],
  ['network_mode', 'network_mode: host'],
  ['cap_add', 'cap_add: [NET_ADMIN]'],
  ['cap_drop', 'cap_drop: [ALL]'],
  ['security_opt', 'security_opt: ["no-new-privileges:true"]'],
  ['pid', 'pid: host'],
  ['ports', 'ports: ["127.0.0.1:8080:80"]'],
  ['volumes', 'volumes: ["/var/run/docker.sock:/var/run/docker.sock"]'],
  ['environment', 'environment: { LOG_LEVEL: info, DB_PASSWORD: hunter2 }'],
  ['mem_limit', 'mem_limit: 512m'],
  ['healthcheck', 'healthcheck: { test: ["CMD", "true"], interval: 30s }'],
];

export function mutateCompose(text: string, random: Random): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  const services = doc.get('services', true);
  if (!isMap(services)) return text;
  const splices: Splice[] = [];
  const blockServices: { pair: Pair; map: YAMLMap }[] = [];
  const renames = new Map<string, string>();
  for (const pair of services.items) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string' && pair.key.range && random() < 0.5) {
      renames.set(pair.key.value, `${pair.key.value}-${pick(random, SERVICE_SUFFIXES)}`);
    }
    if (isMap(pair.value) && !pair.value.flow) blockServices.push({ pair, map: pair.value });
  }
  for (const pair of services.items) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string' && renames.has(pair.key.value)) {
      splices.push(replaceScalar(text, pair.key, renames.get(pair.key.value)!));
    }
    if (!isMap(pair.value)) continue;
    const service = pair.value;
    for (const ref of serviceReferences(service)) {
      const value = String(ref.node.value);
      const target = renames.get(ref.prefixOnly ? value.split(':')[0] : value);
      if (target)
        splices.push(
          replaceScalar(text, ref.node, ref.prefixOnly ? target + value.slice(value.split(':')[0].length) : target),
        );
    }
    const image = service.get('image', true);
    if (
      isScalar(image) &&
      typeof image.value === 'string' &&
      !image.value.includes('$') &&
      image.range &&
      random() < 0.6
    ) {
      splices.push(replaceScalar(text, image, retag(random, imageName(image.value))));
    }
  }
  // Whole-line edits go in services whose keys were not touched above, so no two edits overlap.
  const touched = (map: YAMLMap) => splices.some((s) => map.range && s.start >= map.range[0] && s.end <= map.range[2]);
  const free = blockServices.filter(({ map }) => !touched(map));
  for (const { map } of free) {
    const roll = random();
    if (roll < 0.45) {
      const absent = SERVICE_KEYS.filter(([key]) => !map.has(key));
      const first = map.items[0]?.key as Node | undefined;
      const at = first?.range ? lineStartIfIndented(text, first.range[0]) : undefined;
      if (absent.length && at !== undefined)
        splices.push({ start: at, end: at, text: text.slice(at, first!.range![0]) + pick(random, absent)[1] + '\n' });
    } else if (roll < 0.7 && map.items.length > 1) {
      const removal = pairLines(text, pick(random, map.items));
      if (removal) splices.push(removal);
    }
  }
  const mutated = applySplices(text, splices);
  return parseDocument(mutated).errors.length ? text : mutated;
}

function replaceScalar(text: string, node: Scalar, value: string): Splice {
  const [start, end] = node.range!;
  const quote = text[start] === '"' || text[start] === "'" ? text[start] : '';
  return { start, end, text: quote + value + quote };
}

/** The offset of the line a node starts on, when only indentation precedes it there (a block mapping key). */
function lineStartIfIndented(text: string, offset: number): number | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset)) ? start : undefined;
}

/** The whole lines of one `key: value` entry. */
function pairLines(text: string, pair: Pair): Splice | undefined {
  const key = pair.key as Node | undefined;
  if (!key?.range) return undefined;
  const start = lineStartIfIndented(text, key.range[0]);
  if (start === undefined) return undefined;
  const valueEnd = (pair.value as Node | null)?.range?.[2] ?? key.range[2];
  const end = text[valueEnd - 1] === '\n' ? valueEnd : text.indexOf('\n', valueEnd) + 1 || text.length;
  return { start, end, text: '' };
}

/** Scalars naming other services: `depends_on`, `links` (`name[:alias]`), `extends.service`. */
function serviceReferences(service: YAMLMap): { node: Scalar; prefixOnly: boolean }[] {
  const refs: { node: Scalar; prefixOnly: boolean }[] = [];
  const dependsOn = service.get('depends_on', true);
  if (isSeq(dependsOn))
    for (const item of dependsOn.items) if (isScalar(item) && item.range) refs.push({ node: item, prefixOnly: false });
  if (isMap(dependsOn))
    for (const pair of dependsOn.items)
      if (isScalar(pair.key) && pair.key.range) refs.push({ node: pair.key, prefixOnly: false });
  const links = service.get('links', true);
  if (isSeq(links))
    for (const item of links.items) if (isScalar(item) && item.range) refs.push({ node: item, prefixOnly: true });
  const extended = service.get('extends', true);
  if (isMap(extended)) {
    const name = extended.get('service', true);
    if (isScalar(name) && name.range) refs.push({ node: name, prefixOnly: false });
  }
  return refs.filter((ref) => typeof ref.node.value === 'string');
}
