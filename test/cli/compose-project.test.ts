/**
 * The CLI's cross-file reads for compose files: `WorkspaceReader.readFile` takes paths relative to the working directory,
 * and the compose model resolves the paths a file names against that file's own path (relative to the working
 * directory too), so a project is read the same from any folder the CLI runs in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { walk } from '../../cli/src/walk';
import { scanTargets } from '../../cli/src/scan';
import { scanRoots } from '../../cli/src/read';
import { defaultConfig } from '../../shared/src/config';
import { formatRange } from '../rule-tester';
import { tempTree } from './harness';

const tree = {
  'shop/app/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n',
  'shop/deploy/compose.yaml': 'services:\n  web:\n    build: ../app\n    privileged: false\n',
  'shop/deploy/compose.override.yaml': 'services:\n  web:\n    privileged: true\n',
  // The CLI reads within the scanned folders widened to their Git work tree (cli/src/read.ts, `scanRoots`).
  'shop/.git/HEAD': 'ref: refs/heads/main\n',
};

function scan(cwd: string, path: string) {
  const config = defaultConfig();
  const { targets } = walk([path], { cwd, root: join(cwd, path), excludes: [] });
  return scanTargets(targets, { config, cwd, roots: scanRoots([path], cwd), fix: false }).map((file) => ({
    path: file.path,
    problems: file.diagnostics
      .filter((d) => d.ruleId === 'container/root-user' || d.ruleId === 'container/privileged')
      .map(
        (d) =>
          `${d.ruleId} ${formatRange(d.range)}${d.related?.length ? ` → ${d.related.map((r) => `${r.path ?? ''}@${formatRange(r.range)}`).join(', ')}` : ''}`,
      ),
  }));
}

describe('CLI: compose projects across files', () => {
  const root = tempTree(tree);

  it('reads the Dockerfile a service builds and the override file, from the folder above', () => {
    assert.deepEqual(
      scan(root, 'shop').filter((f) => f.path.endsWith('.yaml')),
      [
        { path: 'shop/deploy/compose.override.yaml', problems: ['container/privileged 3:5-3:21'] },
        { path: 'shop/deploy/compose.yaml', problems: ['container/root-user 2:3-2:6 → shop/app/Dockerfile@1:1-1:13'] },
      ],
    );
  });

  it('gives the same answers from inside the project, with paths relative to there', () => {
    assert.deepEqual(
      scan(join(root, 'shop', 'deploy'), '.').filter((f) => f.path.endsWith('.yaml')),
      [
        { path: 'compose.override.yaml', problems: ['container/privileged 3:5-3:21'] },
        { path: 'compose.yaml', problems: ['container/root-user 2:3-2:6 → ../app/Dockerfile@1:1-1:13'] },
      ],
    );
  });
});
