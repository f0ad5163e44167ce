/**
 * The sources are as Prettier writes them (`.prettierrc.json`, width 120; `.prettierignore` leaves out fixtures,
 * generated docs and npm's manifests), so a change's diff holds only what it changes. `npx prettier --write .` mends it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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
});
