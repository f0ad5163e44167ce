/** The shared corpus's compose files, and other files of it as the CLI reads them (never outside it). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { corpusRoot } from '../scripts/repo-root';

export const realDir = join(corpusRoot(), 'real');

export interface ComposeFile {
  /** Relative to the corpus folder, `/`-separated. */
  name: string;
  text: string;
}

export function readCorpus(): ComposeFile[] {
  if (!existsSync(join(realDir, 'index.json'))) return [];
  const index = JSON.parse(readFileSync(join(realDir, 'index.json'), 'utf8')) as { file: string; kind: string }[];
  return index
    .filter((e) => e.kind === 'compose')
    .map((e) => ({ name: e.file, text: readFileSync(join(realDir, e.file), 'utf8') }));
}

const corpusFiles = new Map<string, string | undefined>();

/** Other workspace files as the CLI reads them (paths relative to the corpus folder), never outside it. */
export function readCorpusFile(path: string): string | undefined {
  const target = resolve(realDir, path);
  if (!target.startsWith(realDir + sep)) return undefined;
  if (!corpusFiles.has(target)) {
    let text: string | undefined;
    try {
      text = statSync(target).isFile() ? readFileSync(target, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    corpusFiles.set(target, text);
  }
  return corpusFiles.get(target);
}
