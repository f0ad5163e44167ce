/**
 * The cross-file layer keeps the parses of the files compose files extend or override across analyses
 * (shared/src/compose/project.ts): an edited file must still win, and what one analysis changes in its copy must never
 * reach the next one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import { forgetParsedFiles } from '../../shared/src/compose/project';
import { formatRange } from '../rule-tester';
import { corpusRoot } from '../../scripts/repo-root';

function analyse(files: Record<string, string>, path: string): FileReport {
  return analyzeText(path, files[path], 'compose', { context: { readFile: (p: string) => files[p] } });
}

function found(report: FileReport, ruleId: string): string[] {
  return report.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => formatRange(d.range));
}

/** The same analysis with nothing kept from earlier ones. */
function fresh(files: Record<string, string>, path: string): FileReport {
  forgetParsedFiles();
  return analyse(files, path);
}

describe('compose project: parses kept across analyses', () => {
  const app =
    'services:\n  api:\n    extends:\n      file: ../common/base.yaml\n      service: hardened\n    image: acme/api:1.2\n';
  const base = (privileged: string) => `services:\n  hardened:\n    privileged: ${privileged}\n    read_only: true\n`;

  it('an edited extended file changes the result at the next analysis', () => {
    forgetParsedFiles();
    const files = { 'deploy/compose.yaml': app, 'common/base.yaml': base('true') };
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), ['4:7-5:24']);
    files['common/base.yaml'] = base('false');
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), []);
    files['common/base.yaml'] = base('true');
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), ['4:7-5:24']);
  });

  it('an edited .env beside the extended file changes its interpolation at the next analysis', () => {
    forgetParsedFiles();
    const files: Record<string, string> = {
      'deploy/compose.yaml': app,
      'common/base.yaml': base('${PRIVILEGED:-false}'),
      'common/.env': 'PRIVILEGED=true\n',
    };
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), ['4:7-5:24']);
    files['common/.env'] = 'PRIVILEGED=false\n';
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), []);
    delete files['common/.env'];
    assert.deepEqual(found(analyse(files, 'deploy/compose.yaml'), 'container/privileged'), []);
  });

  it('what one analysis merges into its copy does not reach the next one', () => {
    // base.yaml's `mid` extends a file the first workspace lacks (its copy is marked partial there) and names a
    // service `other.yaml` does not define (a syntax problem is added to its copy).
    const shared =
      'services:\n  mid:\n    extends: {file: far.yaml, service: root}\n    read_only: true\n  odd:\n    extends: {file: other.yaml, service: nope}\n';
    const a = {
      'a.yaml':
        'services:\n  one:\n    extends: {file: shared.yaml, service: mid}\n  two:\n    extends: {file: shared.yaml, service: odd}\n',
      'shared.yaml': shared,
      'other.yaml': 'services:\n  base:\n    image: x\n',
    };
    const b = {
      ...a,
      'b.yaml': 'services:\n  three:\n    extends: {file: shared.yaml, service: mid}\n    image: acme/b:1\n',
      'far.yaml':
        'services:\n  root:\n    image: alpine:3.20\n    privileged: true\n    mem_limit: 64m\n    pids_limit: 10\n',
    };
    const expected = { a: fresh(a, 'a.yaml'), b: fresh(b, 'b.yaml'), again: fresh(a, 'a.yaml') };
    assert.ok(found(expected.b, 'container/privileged').length > 0, 'the fresh analysis of b.yaml sees far.yaml');
    forgetParsedFiles();
    assert.deepEqual(analyse(a, 'a.yaml'), expected.a);
    assert.deepEqual(analyse(b, 'b.yaml'), expected.b);
    assert.deepEqual(analyse(a, 'a.yaml'), expected.again);
    assert.deepEqual(analyse(b, 'b.yaml'), expected.b);
  });

  const real = join(corpusRoot(), 'real');
  const index = join(real, 'index.json');
  it(
    'every corpus compose file, analysed in a row, reports what it reports analysed alone',
    { skip: !existsSync(index) && `the shared corpus is not at ${real}` },
    () => {
      const entries = (JSON.parse(readFileSync(index, 'utf8')) as { file: string; kind: string }[]).filter(
        (e) => e.kind === 'dockerfile' || e.kind === 'compose',
      );
      const files = Object.fromEntries(entries.map((e) => [e.file, readFileSync(join(real, e.file), 'utf8')]));
      const composeFiles = entries.filter((e) => e.kind === 'compose').map((e) => e.file);
      const alone = composeFiles.map((path) => fresh(files, path));
      forgetParsedFiles();
      for (let round = 0; round < 2; round++) {
        composeFiles.forEach((path, i) =>
          assert.deepEqual(analyse(files, path), alone[i], `${path}, round ${round + 1}`),
        );
      }
    },
  );
});
