// Build-time changes to dependencies as Bulkhead ships them, shared by every bundle of the product and by the
// benchmark harness (so that its in-process figures are those of the shipped code).
import { readFile } from 'node:fs/promises';

const YAML_DEBUG_FLAG = /node_process\.env\.LOG_(TOKENS|STREAM)/g;

/**
 * yaml's parser reads `process.env.LOG_TOKENS` for every token and its composer `LOG_STREAM` for every document, to
 * print debugging output with console.log. A `process.env` read is a call into the runtime: a quarter of the time
 * of parsing a 500-line Compose file (BENCHMARKS.md). Bulkhead never wants that output — on the language server's
 * stdout it would even corrupt the protocol — so the flags are compiled out as `false`.
 */
export const yamlWithoutDebugFlags = {
  name: 'yaml-without-debug-flags',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const patched = text.replace(YAML_DEBUG_FLAG, 'false');
      const warnings = patched === text ? [{ text: `no yaml debug flag found in ${args.path}: the yaml package changed, check scripts/esbuild-plugins.mjs` }] : [];
      return { contents: patched, loader: 'js', warnings };
    });
  },
};

export const PLUGINS = [yamlWithoutDebugFlags];
