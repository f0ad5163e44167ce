import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { detectKind } from '../shared/src/detect';
import type { FileKind } from '../shared/src/types';

export interface KindFile {
  /** Absolute (or as `dir` was given) path. */
  path: string;
  /** Relative to `dir`, `/`-separated. */
  rel: string;
  kind: FileKind;
}

/** Every file under `dir` whose name Bulkhead recognises (Dockerfile, compose, devcontainer.json), in a stable (sorted) order. */
export function kindFilesUnder(dir: string): KindFile[] {
  const files: KindFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const kind = detectKind(path);
        if (kind) files.push({ path, rel: relative(dir, path).split(sep).join('/'), kind });
      }
    }
  };
  walk(dir);
  return files;
}
