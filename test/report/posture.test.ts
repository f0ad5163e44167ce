// The posture matrix, pure: rows from the texts, cells from the engine's findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import { POSTURE_COLUMNS, postureMatrix, type MitigationKey, type PostureMatrix } from '../../shared/src/report/posture';
import { postureSubjects } from '../../shared/src/report/subjects';
import { RULES } from '../../shared/src/rules/index';
import type { FileKind } from '../../shared/src/types';

function input(kind: FileKind, path: string, text: string, activeRules: Iterable<string>) {
  return { report: analyzeText(path, text, kind), subjects: postureSubjects(kind, text, path), activeRules: new Set(activeRules) };
}

function statuses(matrix: PostureMatrix, row: number): Record<MitigationKey, string> {
  return Object.fromEntries(matrix.rows[row].cells.map((c) => [c.column, c.status])) as Record<MitigationKey, string>;
}

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

describe('posture rows', () => {
  it('one row per Dockerfile: its final stage, named when it has a name', () => {
    const subjects = postureSubjects('dockerfile', 'FROM golang:1.22 AS build\nRUN go build\nFROM scratch AS app\nCOPY --from=build /a /a\n', 'Dockerfile');
    assert.deepEqual(subjects, [{ path: 'Dockerfile', kind: 'dockerfile', name: 'app', range: { start: { line: 2, character: 0 }, end: { line: 3, character: 23 } } }]);
    assert.deepEqual(postureSubjects('dockerfile', '# nothing\n', 'Dockerfile'), []);
  });

  it('one row per compose service, borrowing the anchors it merges', () => {
    const text = 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx\n  db:\n    image: postgres\n';
    const [web, db] = postureSubjects('compose', text, 'compose.yaml');
    assert.equal(web.name, 'web');
    assert.deepEqual(web.range, { start: { line: 3, character: 2 }, end: { line: 6, character: 0 } });
    assert.deepEqual(web.borrowed, [{ start: { line: 1, character: 2 }, end: { line: 2, character: 0 } }]);
    assert.equal(db.name, 'db');
    assert.equal(db.borrowed, undefined);
    assert.deepEqual(postureSubjects('compose', 'version: "3"\n', 'compose.yaml'), []);
  });
});

describe('posture matrix', () => {
  const allRules = RULES.map((r) => r.meta.id);

  it('a Dockerfile row: non-root and minimal base decided, runtime settings not applicable', () => {
    const matrix = postureMatrix([input('dockerfile', 'Dockerfile', 'FROM debian:12\nRUN apt-get update\n', allRules)]);
    assert.equal(matrix.rows.length, 1);
    const row = statuses(matrix, 0);
    assert.equal(row['non-root'], 'fail');
    assert.equal(row['minimal-base'], 'fail');
    for (const key of ['caps-dropped', 'no-new-privileges', 'read-only', 'seccomp-mac', 'limits', 'no-socket', 'no-host-namespaces'] as const) {
      assert.equal(row[key], 'not-applicable', key);
    }
    const nonRoot = matrix.rows[0].cells.find((c) => c.column === 'non-root')!;
    assert.equal(nonRoot.findings[0].ruleId, 'image/root-user', 'the cell links to the finding');
  });

  it('a hardened Dockerfile passes', () => {
    const matrix = postureMatrix([input('dockerfile', 'Dockerfile', 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nUSER 65532:65532\n', allRules)]);
    const row = statuses(matrix, 0);
    assert.equal(row['non-root'], 'pass');
    assert.equal(row['minimal-base'], 'pass');
  });

  it('compose: findings land on their service, and through a shared anchor on every service that merges it', () => {
    const text = 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n  db:\n    image: postgres:16\n    privileged: false\n';
    const matrix = postureMatrix([input('compose', 'compose.yaml', text, allRules)]);
    assert.deepEqual(matrix.rows.map((r) => r.subject.name), ['web', 'db']);
    const caps = (row: number) => matrix.rows[row].cells.find((c) => c.column === 'caps-dropped')!;
    assert.ok(caps(0).findings.some((f) => f.ruleId === 'container/privileged'), 'web inherits privileged from the anchor');
    assert.ok(!caps(1).findings.some((f) => f.ruleId === 'container/privileged'), 'db is not privileged');
  });

  it('cells whose rules did not run are not checked, not passed', () => {
    const matrix = postureMatrix([input('dockerfile', 'Dockerfile', 'FROM debian:12\n', [])]);
    assert.equal(statuses(matrix, 0)['non-root'], 'not-checked');
    assert.deepEqual(matrix.totals, { pass: 0, fail: 0, 'not-checked': 2, 'not-applicable': 7 });
  });

  it('synthetic reports: a finding outside every row counts for none; a related spot in the row does', () => {
    const report: FileReport = {
      path: 'compose.yaml',
      kind: 'compose',
      skipped: null,
      diagnostics: [
        { ruleId: 'container/writable-root-fs', severity: 'warning', message: 'outside', range: range(0, 0, 3), threat: 'external-container', fixes: [] },
        {
          ruleId: 'container/host-namespace',
          severity: 'error',
          message: 'related inside',
          range: range(0, 0, 3),
          threat: 'container-container',
          fixes: [],
          related: [{ range: range(5, 4, 8), message: 'here' }],
        },
      ],
    };
    const subjects = [{ path: 'compose.yaml', kind: 'compose' as const, name: 'web', range: { start: { line: 4, character: 2 }, end: { line: 9, character: 0 } } }];
    const matrix = postureMatrix([{ report, subjects, activeRules: new Set(['container/writable-root-fs', 'container/host-namespace']) }]);
    const row = statuses(matrix, 0);
    assert.equal(row['read-only'], 'pass');
    assert.equal(row['no-host-namespaces'], 'fail');
    assert.equal(row['non-root'], 'not-checked');
  });

  it('skipped files are listed apart; syntax problems put a note on the row', () => {
    const skipped: FileReport = { path: 'big/Dockerfile', kind: 'dockerfile', skipped: 'file is 12 MiB', diagnostics: [] };
    const broken = input('dockerfile', 'Dockerfile', 'FROM debian:12\nRUNN x\n', allRules);
    const matrix = postureMatrix([{ report: skipped, subjects: [], activeRules: new Set() }, broken]);
    assert.deepEqual(matrix.skipped, [{ path: 'big/Dockerfile', reason: 'file is 12 MiB' }]);
    assert.match(matrix.rows[0].note ?? '', /1 syntax problem/);
  });

  it('every column names rules for at least one kind, and rows are sorted by path', () => {
    for (const column of POSTURE_COLUMNS) assert.ok(Object.values(column.rules).some((ids) => ids!.length > 0), column.key);
    const matrix = postureMatrix([input('dockerfile', 'b/Dockerfile', 'FROM scratch\n', allRules), input('dockerfile', 'a/Dockerfile', 'FROM scratch\n', allRules)]);
    assert.deepEqual(matrix.rows.map((r) => r.subject.path), ['a/Dockerfile', 'b/Dockerfile']);
  });
});
