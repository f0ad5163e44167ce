// A dev container's row in the posture matrix: one per devcontainer.json, none for one that is a compose service
// (the compose file's row covers it), and not-applicable where a dev container keeps no such setting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, rulesOfKind } from '../../shared/src/engine';
import { postureMatrix, type MitigationKey } from '../../shared/src/report/posture';
import { postureSubjects } from '../../shared/src/report/subjects';

const PATH = '.devcontainer/devcontainer.json';

function row(text: string): Record<MitigationKey, string> {
  const matrix = postureMatrix([
    {
      report: analyzeText(PATH, text, 'devcontainer'),
      subjects: postureSubjects('devcontainer', text, PATH),
      activeRules: new Set(rulesOfKind('devcontainer').map((r) => r.meta.id)),
    },
  ]);
  assert.equal(matrix.rows.length, 1);
  return Object.fromEntries(matrix.rows[0].cells.map((c) => [c.column, c.status])) as Record<MitigationKey, string>;
}

describe('posture of a dev container', () => {
  it('one row, named, spanning the configuration', () => {
    const [subject, ...rest] = postureSubjects('devcontainer', '{\n  "name": "api"\n}\n', PATH);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      [subject.kind, subject.name, subject.range.start.line, subject.range.end.line],
      ['devcontainer', 'api', 0, 2],
    );
  });

  it('none for a compose-based one, nor for text that is no configuration', () => {
    assert.deepEqual(postureSubjects('devcontainer', '{ "dockerComposeFile": "c.yaml", "service": "a" }', PATH), []);
    assert.deepEqual(postureSubjects('devcontainer', '[1]', PATH), []);
  });

  it('the insecure settings are missing mitigations; read-only and limits are not applicable', () => {
    const cells = row(
      JSON.stringify({
        image: 'alpine:3.20',
        capAdd: ['SYS_ADMIN'],
        runArgs: ['--network=host'],
        features: { 'ghcr.io/devcontainers/features/docker-outside-of-docker:1': {} },
      }),
    );
    assert.deepEqual(cells, {
      'non-root': 'missing',
      'caps-dropped': 'missing',
      'no-new-privileges': 'missing',
      'read-only': 'not-applicable',
      'seccomp-mac': 'missing',
      limits: 'not-applicable',
      'minimal-base': 'not-applicable',
      'no-socket': 'missing',
      'no-host-namespaces': 'missing',
    });
  });

  it('hardened: in place', () => {
    const cells = row(
      JSON.stringify({
        image: `alpine:3.20@sha256:${'a'.repeat(64)}`,
        runArgs: ['--cap-drop=ALL', '--security-opt=no-new-privileges'],
        remoteUser: 'vscode',
      }),
    );
    assert.deepEqual(
      [cells['non-root'], cells['caps-dropped'], cells['no-new-privileges'], cells['no-socket']],
      ['in-place', 'in-place', 'in-place', 'in-place'],
    );
  });
});
