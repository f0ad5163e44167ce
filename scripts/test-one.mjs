// `npm run test:one -- test/a.test.ts [test/b.test.ts …] [-- node --test options]`: builds the product bundles (tests
// of the CLI and the server spawn dist/) and only the given test files, then runs them: seconds, where `npm test`
// takes minutes. No type check: `npm run typecheck` is separate.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const cut = args.indexOf('--');
const files = cut >= 0 ? args.slice(0, cut) : args;
const nodeOptions = cut >= 0 ? args.slice(cut + 1) : [];
if (!files.length) {
  console.error('usage: npm run test:one -- test/PATH.test.ts [more test files] [-- node --test options]');
  process.exit(2);
}
const missing = files.filter((f) => !existsSync(f) || !f.endsWith('.ts'));
if (missing.length) {
  console.error(`test:one: not a TypeScript test file: ${missing.join(', ')}`);
  process.exit(2);
}
const run = (command, argv) => spawnSync(command, argv, { stdio: 'inherit' }).status ?? 1;
let status = run(process.execPath, ['scripts/build.mjs']);
if (status === 0) status = run(process.execPath, ['scripts/build-tests.mjs', '--only', ...files]);
if (status === 0)
  status = run(process.execPath, ['--test', ...nodeOptions, ...files.map((f) => `out/${f.replace(/\.ts$/, '.js')}`)]);
process.exitCode = status;
