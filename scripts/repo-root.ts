import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root, found by walking up from `start` to the package.json named `bulkhead`: scripts and tests are
 * bundled into different output folders, so their own location says little.
 */
export function repoRoot(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'bulkhead') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no bulkhead package.json above ${start}`);
    dir = parent;
  }
}

/** The shared corpus (`../shared/corpus` beside the repository), or `BULKHEAD_CORPUS` when set. */
export function corpusRoot(): string {
  return process.env.BULKHEAD_CORPUS
    ? resolve(process.env.BULKHEAD_CORPUS)
    : resolve(repoRoot(), '..', 'shared', 'corpus');
}
