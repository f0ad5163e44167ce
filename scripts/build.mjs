// Bundles the product with esbuild: the CLI, the language server and the VS Code extension, each one file in dist/.
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';
import { PLUGINS } from './esbuild-plugins.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  plugins: PLUGINS,
};

const entries = [
  { in: 'cli/src/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'server/src/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js' },
];

// `node scripts/build.mjs server extension` builds just those bundles (named after their dist/ file).
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  if (only.length && !only.some((name) => entry.out === `dist/${name}.js`)) continue;
  await build({
    ...common,
    entryPoints: [entry.in],
    outfile: entry.out,
    banner: entry.banner ? { js: entry.banner } : undefined,
  });
  if (entry.banner) chmodSync(entry.out, 0o755);
}
