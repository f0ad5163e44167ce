// Build-time choices about dependencies as Bulkhead ships them, shared by every bundle of the product and by the
// benchmark harness (so that its in-process figures are those of the shipped code).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * yaml publishes the same code twice: CommonJS for Node (`dist/`) and ES modules (`browser/`, chosen by bundlers
 * outside Node). Bundled, the CommonJS build costs in two ways (BENCHMARKS.md):
 * - its parser reads `process.env.LOG_TOKENS` for every token and its composer `LOG_STREAM` for every document, to
 *   print debugging output with console.log (a call into the runtime each time: a quarter of the parse of a 500-line
 *   Compose file; on the language server's stdout that output would even corrupt the protocol);
 * - every call from Bulkhead into it (`isMap`, `isScalar`…) goes through the bundler's CommonJS interop getter.
 * The ES module build has neither, and differs otherwise only where a browser lacks `Buffer` (the YAML 1.1 `!!binary`
 * tag, decoded with `atob`, which Node has). The tests run the CommonJS build (dependencies external) and the bundles.
 */
export const yamlAsModules = {
  name: 'yaml-as-es-modules',
  setup(build) {
    const entry = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

/**
 * jsonc-parser's `main` is a UMD build that loads its parts with a `require` esbuild cannot follow (the bundle fails
 * at start with "Cannot find module './impl/format'"); its `module` build is the same code as ES modules. The tests
 * run the UMD build (dependencies external), where Node resolves those requires itself.
 */
export const jsoncAsModules = {
  name: 'jsonc-parser-as-es-modules',
  setup(build) {
    const entry = join(dirname(require.resolve('jsonc-parser/package.json')), 'lib', 'esm', 'main.js');
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: entry }));
  },
};

export const PLUGINS = [yamlAsModules, jsoncAsModules];
