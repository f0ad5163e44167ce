/**
 * The sources are as Prettier writes them (`.prettierrc.json`, width 120; `.prettierignore` leaves out fixtures,
 * generated docs and npm's manifests), so a change's diff holds only what it changes. `npx prettier --write .` mends it.
 * Prettier breaks code but not strings or comments: rule files are also held to 120 columns, so that rule docs stay
 * prose (`prose` literals) rather than lines of a thousand characters.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

const root = join(__dirname, '..', '..');

describe('formatting', () => {
  it('every source file is formatted by Prettier', async () => {
    const prettier = createRequire(join(root, 'package.json')).resolve('prettier/bin/prettier.cjs');
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        [prettier, '--list-different', '.'],
        { cwd: root, maxBuffer: 16 << 20 },
        (error, stdout, stderr) => {
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            out: `${stdout}${stderr}`.trim(),
          });
        },
      );
    });
    assert.equal(out, '', `not formatted (npx prettier --write . mends it):\n${out}`);
    assert.equal(code, 0);
  });

  it('no line of a rule file is wider than 120 columns, but for tokens that cannot break', () => {
    const rulesDir = join(root, 'shared', 'src', 'rules');
    const wide: string[] = [];
    const allowed = new Set<Unbreakable>();
    for (const path of typeScriptFiles(rulesDir)) {
      const file = relative(root, path).split(sep).join('/');
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Columns as Prettier counts them: one per character, not per UTF-16 unit or byte.
          if ([...line].length <= MAX_COLUMNS) return;
          const entry = UNBREAKABLE.find((u) => u.file === file && line.trim().startsWith(u.line));
          if (entry) allowed.add(entry);
          else wide.push(`${file}:${i + 1} (${[...line].length} columns): ${line.trim().slice(0, 80)}…`);
        });
    }
    assert.deepEqual(wide, [], 'wrap these lines (rule docs: a prose`…` literal), or list an unbreakable token below');
    const stale = UNBREAKABLE.filter((u) => !allowed.has(u)).map((u) => `${u.file}: ${u.line}`);
    assert.deepEqual(stale, [], 'these allowed lines are no longer too wide: remove them from UNBREAKABLE');
  });
});

const MAX_COLUMNS = 120;

interface Unbreakable {
  file: string;
  /** How the line starts, after its indentation. */
  line: string;
  why: string;
}

/** Lines of rule files that may be wider than 120 columns, each for a token that cannot be broken. */
const UNBREAKABLE: Unbreakable[] = [
  {
    file: 'shared/src/rules/image/credential-in-command.ts',
    line: '/(?:^|[^a-z])(?:dummy|fake|placeholder',
    why: 'a regular expression',
  },
  {
    file: 'shared/src/rules/image/secret-mount-exposed.ts',
    line: '/^\\/(?:usr\\/local\\/share\\/ca-certificates',
    why: 'a regular expression',
  },
  {
    file: 'shared/src/rules/container/capabilities-not-dropped.ts',
    line: "url: 'https://cheatsheetseries.owasp.org/",
    why: 'a URL',
  },
  {
    file: 'shared/src/rules/container/docker-socket-mount.ts',
    line: "url: 'https://cheatsheetseries.owasp.org/",
    why: 'a URL',
  },
  {
    file: 'shared/src/rules/container/sensitive-host-mount.ts',
    line: 'title: `Mount \\`${mount.value.hostPath}\\` read-only in the shared anchor',
    why: 'a template literal in fix code: Prettier does not break it, and splitting it is a code change',
  },
  {
    file: 'shared/src/rules/image/add-instead-of-copy.ts',
    line: 'ADD --checksum=sha256:',
    why: 'a line of a documented Dockerfile example: a 64-digit digest and the URL it checks',
  },
  { file: 'shared/src/rules/image/full-os-base.ts', line: '/^(sh|bash|ash|dash|zsh|', why: 'a regular expression' },
  { file: 'shared/src/rules/image/full-os-base.ts', line: '/^(CGO_ENABLED|GO(PATH|', why: 'a regular expression' },
  { file: 'shared/src/rules/image/secret-in-build.ts', line: '/^(?:ca|cacert|certs?|', why: 'a regular expression' },
  {
    file: 'shared/src/rules/image/tls-verification-disabled.ts',
    line: '/^(APT::Get::AllowUnauthenticated|',
    why: 'a regular expression',
  },
];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
