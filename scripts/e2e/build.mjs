// Builds the editor tests with esbuild into one folder under the repo (so node_modules resolves from it):
//   extension/index.js, extension/suite/*.test.js   the extension-host suite (mocha bundled in; `vscode` external)
//   extension/run-electron.js                       its @vscode/test-electron launcher
//   e2e/*.e2e.js                                    the code-server launchers, run with node --test
//   node scripts/e2e/build.mjs [--outdir DIR]       default out/e2e
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PLUGINS } from '../esbuild-plugins.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--outdir');
const outdir = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, 'out', 'e2e'));
if (!relative(root, outdir) || relative(root, outdir).startsWith('..')) {
  console.error(`build: --outdir must be inside ${root}, where node_modules resolves`);
  process.exit(2);
}

const list = (dir, suffix) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(root, dir, name));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  absWorkingDir: root,
  // mocha's parallel mode resolves worker files at run time; the suite runs serially and never loads them.
  logOverride: { 'require-resolve-not-external': 'silent' },
};

rmSync(outdir, { recursive: true, force: true });
// In the extension host everything but `vscode` must be inside the bundle.
await build({
  ...common,
  entryPoints: [join(root, 'test/extension/index.ts')],
  outfile: join(outdir, 'extension/index.js'),
  external: ['vscode'],
  plugins: PLUGINS,
});
await build({
  ...common,
  entryPoints: list('test/extension/suite', '.test.ts'),
  outdir: join(outdir, 'extension/suite'),
  external: ['vscode'],
  // The suite bundles the core (jsonc-parser, yaml) as the product's bundles do.
  plugins: PLUGINS,
});
// Launchers run under the machine's node and take their packages from node_modules.
await build({
  ...common,
  entryPoints: [join(root, 'test/extension/run-electron.ts')],
  outdir: join(outdir, 'extension'),
  packages: 'external',
});
await build({ ...common, entryPoints: list('test/e2e', '.e2e.ts'), outdir: join(outdir, 'e2e'), packages: 'external' });
console.log(`built the editor tests into ${relative(process.cwd(), outdir) || '.'}/`);
