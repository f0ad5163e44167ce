/**
 * The two documents typed into during the keystroke benchmark, assembled from corpus material: a 300-line
 * multi-stage Dockerfile (whole corpus Dockerfiles one after another) and a 500-line compose file (services lifted
 * from corpus compose files, renamed apart). Both padded with comment lines to the exact size.
 */
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { BenchFile } from './corpus';
import { mulberry32 } from './stats';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function pad(lines: string[], size: number, comment: string): string {
  while (lines.length < size) lines.push(`# ${comment} ${lines.length + 1}`);
  return lines.join('\n') + '\n';
}

export function editorDockerfile(corpus: readonly BenchFile[], lines = 300, seed = 300): string {
  const out: string[] = [];
  for (const file of shuffled(
    corpus.filter((f) => f.kind === 'dockerfile'),
    seed,
  )) {
    // Parser directives only count at the top of a file, and another escape character would change how the rest reads.
    if (/^#\s*escape\s*=/im.test(file.text)) continue;
    const body = file.text
      .replace(/\r\n/g, '\n')
      .split('\n')
      .filter((line) => !/^#\s*syntax\s*=/i.test(line));
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    if (body.length < 20 || out.length + body.length + 1 > lines) continue;
    out.push(...body, '');
  }
  return pad(out, lines, 'editor benchmark padding, line');
}

export function editorCompose(corpus: readonly BenchFile[], lines = 500, seed = 500): string {
  const out = ['services:'];
  let n = 0;
  for (const file of shuffled(
    corpus.filter((f) => f.kind === 'compose'),
    seed,
  )) {
    const doc = parseDocument(file.text);
    const services = doc.get('services', true);
    if (doc.errors.length || !isMap(services)) continue;
    for (const pair of services.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !isMap(value) || value.flow || !key.range || !value.range) continue;
      const block = file.text.slice(key.range[0], value.range[2]).replace(/\r\n/g, '\n').replace(/\n+$/, '');
      // Anchors, aliases and merge keys point outside the block; `extends` names a service that may not come along.
      if (/(^|\s)[&*]\w|<<:|^\s*extends:/m.test(block)) continue;
      const indent = file.text.slice(file.text.lastIndexOf('\n', key.range[0] - 1) + 1, key.range[0]);
      if (!/^ *$/.test(indent)) continue;
      const renamed = block.slice(key.range[1] - key.range[0]).split('\n');
      const body = renamed.map((line, i) =>
        i === 0 ? line : line.startsWith(indent) ? line.slice(indent.length) : line,
      );
      const candidate = [
        `  ${String(key.value).replace(/[^\w.-]/g, '')}-${++n}${body[0]}`,
        ...body.slice(1).map((line) => (line ? `  ${line}` : line)),
      ];
      if (out.length + candidate.length > lines) continue;
      if (parseDocument([...out, ...candidate].join('\n')).errors.length) continue;
      out.push(...candidate);
    }
  }
  return pad(out, lines, 'editor benchmark padding, line');
}
