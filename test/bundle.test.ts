// The bundles Bulkhead ships (dist/, built by scripts/build.mjs before the tests) carry the build-time changes of
// scripts/esbuild-plugins.mjs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../scripts/repo-root';

describe('shipped bundles', () => {
  it('bundle yaml’s ES module build, without the per-token environment reads of its CommonJS build', () => {
    const root = repoRoot();
    const parser = readFileSync(join(root, 'node_modules', 'yaml', 'dist', 'parse', 'parser.js'), 'utf8');
    assert.match(parser, /process\.env\.LOG_TOKENS/, 'the CommonJS build reads LOG_TOKENS per token');
    for (const bundle of ['server.js', 'cli.js']) {
      const text = readFileSync(join(root, 'dist', bundle), 'utf8');
      assert.ok(text.includes('parseDocument') || text.includes('Composer'), `${bundle} bundles yaml`);
      assert.ok(!/LOG_TOKENS|LOG_STREAM/.test(text), `${bundle} reads no yaml debug flag`);
    }
  });

  it('keep the rule core out of the VS Code client: it only starts the server', () => {
    // The client once bundled the whole core (1.0 MB instead of 0.45) through one constant of docs.ts.
    const text = readFileSync(join(repoRoot(), 'dist', 'extension.js'), 'utf8');
    for (const mark of ['parseDockerfile', 'COMPOSE_SETTINGS', 'analyzeText', 'jsonc-parser'])
      assert.ok(!text.includes(mark), `dist/extension.js should not contain ${mark}`);
  });
});
