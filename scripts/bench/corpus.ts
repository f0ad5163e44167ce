import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusRoot } from '../repo-root';

export type BenchKind = 'dockerfile' | 'compose';

export interface BenchFile {
  /** Relative to the corpus (or workspace) root, `/`-separated. */
  path: string;
  kind: BenchKind;
  text: string;
}

interface IndexEntry {
  file: string;
  kind: string;
}

/** The real Dockerfiles and compose files of `../shared/corpus/real/`, in index order sorted by path. */
export function loadCorpus(root = join(corpusRoot(), 'real')): BenchFile[] {
  const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as IndexEntry[];
  return index
    .filter(
      (entry): entry is IndexEntry & { kind: BenchKind } => entry.kind === 'dockerfile' || entry.kind === 'compose',
    )
    .map((entry) => ({ path: entry.file, kind: entry.kind, text: readFileSync(join(root, entry.file), 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
