// The posture matrix, pure: rows from the texts, cells from the engine's findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import {
  POSTURE_COLUMNS,
  postureMatrix,
  type MitigationKey,
  type PostureMatrix,
} from '../../shared/src/report/posture';
import { postureSubjects } from '../../shared/src/report/subjects';
import { RULES } from '../../shared/src/rules/index';
import type { FileKind } from '../../shared/src/types';

function input(kind: FileKind, path: string, text: string, activeRules: Iterable<string>) {
  return {
    report: analyzeText(path, text, kind),
    subjects: postureSubjects(kind, text, path),
    activeRules: new Set(activeRules),
  };
}

function statuses(matrix: PostureMatrix, row: number): Record<MitigationKey, string> {
  return Object.fromEntries(matrix.rows[row].cells.map((c) => [c.column, c.status])) as Record<MitigationKey, string>;
}

const range = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe('posture rows', () => {
  it('one row per Dockerfile: its final stage, named when it has a name', () => {
    const subjects = postureSubjects(
      'dockerfile',
      'FROM golang:1.22 AS build\nRUN go build\nFROM scratch AS app\nCOPY --from=build /a /a\n',
      'Dockerfile',
    );
    assert.deepEqual(
      subjects.map(({ facts: _facts, ...rest }) => rest),
      [
        {
          path: 'Dockerfile',
          kind: 'dockerfile',
          name: 'app',
          range: { start: { line: 2, character: 0 }, end: { line: 3, character: 23 } },
        },
      ],
    );
    assert.equal(subjects[0].facts?.cells['minimal-base']?.status, 'in-place');
    assert.deepEqual(postureSubjects('dockerfile', '# nothing\n', 'Dockerfile'), []);
  });

  it('one row per compose service, borrowing the anchors it merges', () => {
    const text =
      'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx\n  db:\n    image: postgres\n';
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
    assert.equal(row['non-root'], 'missing');
    assert.equal(row['minimal-base'], 'missing');
    for (const key of [
      'caps-dropped',
      'no-new-privileges',
      'read-only',
      'seccomp-mac',
      'limits',
      'no-socket',
      'no-host-namespaces',
    ] as const) {
      assert.equal(row[key], 'not-applicable', key);
    }
    const nonRoot = matrix.rows[0].cells.find((c) => c.column === 'non-root')!;
    assert.equal(nonRoot.findings[0].ruleId, 'image/root-user', 'the cell links to the finding');
  });

  it('a hardened Dockerfile passes', () => {
    const matrix = postureMatrix([
      input(
        'dockerfile',
        'Dockerfile',
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nUSER 65532:65532\n',
        allRules,
      ),
    ]);
    const row = statuses(matrix, 0);
    assert.equal(row['non-root'], 'in-place');
    assert.equal(row['minimal-base'], 'in-place');
  });

  it('compose: findings land on their service, and through a shared anchor on every service that merges it', () => {
    const text =
      'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n  db:\n    image: postgres:16\n    privileged: false\n';
    const matrix = postureMatrix([input('compose', 'compose.yaml', text, allRules)]);
    assert.deepEqual(
      matrix.rows.map((r) => r.subject.name),
      ['web', 'db'],
    );
    const caps = (row: number) => matrix.rows[row].cells.find((c) => c.column === 'caps-dropped')!;
    assert.ok(
      caps(0).findings.some((f) => f.ruleId === 'container/privileged'),
      'web inherits privileged from the anchor',
    );
    assert.ok(!caps(1).findings.some((f) => f.ruleId === 'container/privileged'), 'db is not privileged');
  });

  it('cells whose rules did not run are unknown, with the reason, not in place', () => {
    const matrix = postureMatrix([input('dockerfile', 'Dockerfile', 'FROM debian:12\n', [])]);
    assert.equal(statuses(matrix, 0)['non-root'], 'unknown');
    assert.match(matrix.rows[0].cells.find((c) => c.column === 'non-root')!.reason ?? '', /turned off/);
    assert.deepEqual(matrix.totals, { 'in-place': 0, missing: 0, unknown: 2, 'not-applicable': 7 });
  });

  it('silence is not a pass: an image-only service with no profile and no user is unknown, with why', () => {
    const matrix = postureMatrix([
      input('compose', 'compose.yaml', 'services:\n  api:\n    image: acme/api:1.2\n', allRules),
    ]);
    const cell = matrix.rows[0].cells.find((c) => c.column === 'non-root')!;
    assert.equal(cell.status, 'unknown');
    assert.match(cell.reason ?? '', /`acme\/api:1.2` runs as is in its metadata/);
  });

  it('profile facts: postgres starts as root and steps down, which the row says', () => {
    const matrix = postureMatrix([
      input('compose', 'compose.yaml', 'services:\n  db:\n    image: postgres:16\n', allRules),
    ]);
    const [row] = matrix.rows;
    const cell = row.cells.find((c) => c.column === 'non-root')!;
    assert.equal(cell.status, 'in-place');
    assert.equal(cell.reason, 'postgres: starts as root, steps down to `postgres` with gosu');
    assert.equal(row.subject.facts?.profile?.id, 'postgres');
    assert.ok(row.subject.facts?.profile?.facts.some((f) => f.includes('`CHOWN`')));
  });

  it('a hardened service is in place cell by cell, with how', () => {
    const text =
      'services:\n  app:\n    image: acme/api:1.2\n    user: "1000:1000"\n    read_only: true\n    tmpfs: [/tmp]\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    mem_limit: 256m\n    cpus: 0.5\n    pids_limit: 100\n';
    const matrix = postureMatrix([input('compose', 'compose.yaml', text, allRules)]);
    const row = statuses(matrix, 0);
    for (const key of [
      'non-root',
      'caps-dropped',
      'no-new-privileges',
      'read-only',
      'seccomp-mac',
      'limits',
      'no-socket',
      'no-host-namespaces',
    ] as const)
      assert.equal(row[key], 'in-place', key);
    assert.equal(matrix.rows[0].cells.find((c) => c.column === 'read-only')!.reason, 'tmpfs at `/tmp`');
  });

  it('a value behind an unset variable is unknown', () => {
    const matrix = postureMatrix([
      input('compose', 'compose.yaml', 'services:\n  app:\n    image: acme/api:1.2\n    user: ${APP_USER}\n', allRules),
    ]);
    assert.equal(statuses(matrix, 0)['non-root'], 'unknown');
  });

  it('synthetic reports: a finding outside every row counts for none; a related spot in the row does', () => {
    const report: FileReport = {
      path: 'compose.yaml',
      kind: 'compose',
      skipped: null,
      diagnostics: [
        {
          ruleId: 'container/writable-root-fs',
          severity: 'warning',
          message: 'outside',
          range: range(0, 0, 3),
          threat: 'external-container',
          fixes: [],
        },
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
    const subjects = [
      {
        path: 'compose.yaml',
        kind: 'compose' as const,
        name: 'web',
        range: { start: { line: 4, character: 2 }, end: { line: 9, character: 0 } },
      },
    ];
    const matrix = postureMatrix([
      { report, subjects, activeRules: new Set(['container/writable-root-fs', 'container/host-namespace']) },
    ]);
    const row = statuses(matrix, 0);
    assert.equal(row['read-only'], 'unknown', 'no finding, but nothing says it is read-only');
    assert.equal(row['no-host-namespaces'], 'missing');
    assert.equal(row['non-root'], 'unknown');
  });

  it('skipped files are listed apart; syntax problems put a note on the row', () => {
    const skipped: FileReport = {
      path: 'big/Dockerfile',
      kind: 'dockerfile',
      skipped: 'file is 12 MiB',
      diagnostics: [],
    };
    const broken = input('dockerfile', 'Dockerfile', 'FROM debian:12\nRUNN x\n', allRules);
    const matrix = postureMatrix([{ report: skipped, subjects: [], activeRules: new Set() }, broken]);
    assert.deepEqual(matrix.skipped, [{ path: 'big/Dockerfile', reason: 'file is 12 MiB' }]);
    assert.match(matrix.rows[0].note ?? '', /1 syntax problem/);
  });

  it('every column names rules for at least one kind, and rows are sorted by path', () => {
    for (const column of POSTURE_COLUMNS)
      assert.ok(
        Object.values(column.rules).some((ids) => ids!.length > 0),
        column.key,
      );
    const matrix = postureMatrix([
      input('dockerfile', 'b/Dockerfile', 'FROM scratch\n', allRules),
      input('dockerfile', 'a/Dockerfile', 'FROM scratch\n', allRules),
    ]);
    assert.deepEqual(
      matrix.rows.map((r) => r.subject.path),
      ['a/Dockerfile', 'b/Dockerfile'],
    );
  });
});
