// Compiles the tests (and scripts written in TypeScript) to out/ with esbuild, one bundle per entry, dependencies
// left external. Type checking is `tsc -p .`, separately.
//   node scripts/build-tests.mjs                 all test/**/*.test.ts
//   node scripts/build-tests.mjs --only FILE...  just these entries (helpers can build their own in isolation)
//   --outdir DIR                                 another output folder (default out/)
//   --bundle-dependencies                        bundle node_modules too, changed as the product ships them (the benchmarks)
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PLUGINS } from './esbuild-plugins.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--outdir');
const outdir = outIndex >= 0 ? args[outIndex + 1] : 'out';
const bundleDependencies = args.includes('--bundle-dependencies');
const onlyIndex = args.indexOf('--only');
const only =
  onlyIndex >= 0
    ? args.slice(onlyIndex + 1).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--outdir')
    : null;

// The extension-host suite needs the `vscode` module and runs inside an editor (scripts/e2e/build.mjs builds it).
const EDITOR_ONLY = new Set([join('test', 'extension')]);

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (EDITOR_ONLY.has(path)) continue;
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

const entryPoints = only ?? walk('test');
if (!only) rmSync(join(outdir, 'test'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  outbase: '.',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  ...(bundleDependencies ? { plugins: PLUGINS } : { packages: 'external' }),
  logLevel: 'warning',
});
if (!only) console.log(`built ${entryPoints.length} test files into ${relative('.', outdir) || '.'}/`);
