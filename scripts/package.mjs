// `npm run package`: a production build, then the .vsix, packaged offline by @vscode/vsce from the e2e tools folder
// (scripts/e2e/setup.sh installs it there on first use; vsce is not a dependency of the project). Prints what went
// into the package and its size, and checks that nothing outside dist/, the README, the licence, the icon and docs/
// slipped in.
//   node scripts/package.mjs [--out FILE] [--skip-build]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

/** What may be in the package besides vsce's own files ([Content_Types].xml, extension.vsixmanifest, package.json). */
const ALLOWED = [
  /^dist\//,
  /^readme\.md$/i,
  /^license(\.md|\.txt)?$/i,
  /^changelog\.md$/i,
  /^docs\//,
  /^package\.json$/,
];
if (manifest.icon)
  ALLOWED.push(new RegExp(`^${manifest.icon.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));

function run(cmd, cmdArgs, options = {}) {
  return execFileSync(cmd, cmdArgs, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
    ...options,
  });
}

const started = Date.now();
if (!args.includes('--skip-build')) {
  run(process.execPath, ['scripts/build.mjs', '--production'], { stdio: ['ignore', 'inherit', 'inherit'] });
}
if (!existsSync(join(root, manifest.main ?? 'dist/extension.js'))) {
  console.error(`package: ${manifest.main} is missing after the build; is client/src/extension.ts there?`);
  process.exit(1);
}

const envFile = run('bash', ['scripts/e2e/setup.sh', 'vsce']).trim().split('\n').pop();
const tools = Object.fromEntries(
  [...readFileSync(envFile, 'utf8').matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]),
);

// vsce asks y/N on a terminal when the manifest lacks a repository or the tree a licence: answer up front, and say so.
const vsceArgs = ['package', '--no-dependencies', '--out', out];
if (!manifest.repository) {
  console.warn('package: package.json has no "repository"; packaging with --allow-missing-repository');
  vsceArgs.push('--allow-missing-repository');
}
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((name) => existsSync(join(root, name)))) {
  console.warn('package: no LICENSE file; packaging with --skip-license');
  vsceArgs.push('--skip-license');
}
try {
  run(tools.NODE24, [tools.VSCE, ...vsceArgs], { stdio: ['ignore', 'inherit', 'inherit'] });
} catch {
  console.error('package: vsce failed (its message is above)');
  process.exit(1);
}

// The zip's own listing is the truth about what ships (vsce ls reads .vscodeignore the same way, but this is the file).
const entries = run('unzip', ['-Zl', out])
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .filter((fields) => fields.length >= 10 && fields.at(-1).startsWith('extension/') && !fields.at(-1).endsWith('/'))
  .map((fields) => ({ path: fields.at(-1).slice('extension/'.length), bytes: Number(fields[3]) }));
const stray = entries.map((entry) => entry.path).filter((path) => !ALLOWED.some((pattern) => pattern.test(path)));
const size = statSync(out).size;
const unpacked = entries.reduce((sum, entry) => sum + entry.bytes, 0);

console.log(
  `\n${relative(process.cwd(), out)}: ${entries.length} files, ${(size / 1024).toFixed(1)} KiB (${(unpacked / 1024).toFixed(1)} KiB unpacked), built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
const topLevel = new Map();
for (const { path } of entries) {
  const key = path.includes('/') ? `${path.split('/')[0]}/` : path;
  topLevel.set(key, (topLevel.get(key) ?? 0) + 1);
}
for (const [key, count] of topLevel) console.log(`  ${key}${count > 1 ? ` (${count} files)` : ''}`);
if (!entries.some((entry) => /^readme\.md$/i.test(entry.path))) stray.push('(README.md missing)');
if (stray.length) {
  console.error(`package: files that should not ship (fix .vscodeignore):\n  ${stray.join('\n  ')}`);
  process.exit(1);
}
