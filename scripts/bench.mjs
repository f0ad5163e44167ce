// `npm run bench [-- --quick | --only 1,3 | --no-write | --cpu-prof DIR]`: builds the benchmark harness and
// production bundles of the product into .bench/ (git-ignored; dist/ is left alone), then runs the harness
// (scripts/bench/main.ts), which prints a table and writes BENCHMARKS.md.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGINS } from './esbuild-plugins.mjs';

const root = join(import.meta.dirname, '..');
const out = join(root, '.bench');
const bundles = join(out, 'dist');

// The same entries and settings as `node scripts/build.mjs --production` (what the .vsix and the npm package ship).
const product = [
  { in: 'cli/src/main.ts', out: 'cli.js' },
  { in: 'server/src/main.ts', out: 'server.js' },
  { in: 'client/src/extension.ts', out: 'extension.js' },
];

// Profiles need names: under --cpu-prof the product is built readable (its start-up and size figures then differ).
const profiling = process.argv.includes('--cpu-prof');
rmSync(bundles, { recursive: true, force: true });
for (const entry of product) {
  if (!existsSync(join(root, entry.in))) {
    console.log(`bench: ${entry.in} is missing; the parts that need it are skipped`);
    continue;
  }
  await build({
    absWorkingDir: root,
    entryPoints: [entry.in],
    outfile: join(bundles, entry.out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: !profiling,
    sourcemap: profiling ? 'linked' : false,
    external: ['vscode'],
    plugins: PLUGINS,
    logLevel: 'warning',
  });
}

// The harness is built as the tests are, but with its dependencies bundled as the product ships them: its in-process
// figures (analysis and parse alike) are those of the shipped code.
const harness = spawnSync(
  process.execPath,
  ['scripts/build-tests.mjs', '--outdir', '.bench', '--bundle-dependencies', '--only', 'scripts/bench/main.ts'],
  { cwd: root, stdio: 'inherit' },
);
if (harness.status !== 0) process.exit(harness.status ?? 1);

const result = spawnSync(process.execPath, [join(out, 'scripts', 'bench', 'main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
