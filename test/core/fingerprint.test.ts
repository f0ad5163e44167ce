import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintDiagnostics } from '../../shared/src/baseline/fingerprint';
import { formatBaseline, parseBaseline } from '../../shared/src/baseline/file';
import { analyzeText } from '../../shared/src/engine';
import { file } from '../../shared/src/rule';
import type { FileKind } from '../../shared/src/types';

/** Every rule's findings of a text, as `rule fingerprint`, sorted: what a baseline compares. */
function prints(kind: FileKind, text: string): string[] {
  const { diagnostics } = analyzeText(kind === 'compose' ? 'compose.yaml' : 'Dockerfile', text, kind);
  const fingerprints = fingerprintDiagnostics(kind, text, diagnostics);
  return diagnostics.map((d, i) => `${d.ruleId} ${fingerprints[i]}`).sort();
}

function ofRule(list: string[], rule: string): string[] {
  return list.filter((p) => p.startsWith(`${rule} `));
}

const DOCKERFILE = file`
  FROM node:20 AS build
  RUN sudo npm ci
  FROM debian:12
  COPY --from=build /app /app
  USER root
`;

const COMPOSE = file`
  services:
    web:
      image: nginx:1.25
      privileged: true
      cap_add: [NET_ADMIN]
    db:
      image: postgres:16
      pid: host
`;

describe('fingerprints', () => {
  it('are a 16-digit hash and an occurrence index, not a line number', () => {
    const list = prints('dockerfile', DOCKERFILE);
    assert.ok(list.length >= 3, list.join('\n'));
    for (const p of list) assert.match(p, / [0-9a-f]{16}:0$/);
  });

  it('of a Dockerfile survive inserted lines, reflowed instructions and a bumped tag of a named stage', () => {
    const moved = file`
      # syntax=docker/dockerfile:1

      FROM node:22 AS build
      # install
      RUN   sudo \\
            npm ci
      FROM debian:12
      COPY --from=build /app /app
      USER  root
    `;
    const before = prints('dockerfile', DOCKERFILE);
    const after = prints('dockerfile', moved);
    for (const rule of ['image/sudo', 'image/root-user']) {
      assert.equal(ofRule(before, rule).length, 1, rule);
      assert.deepEqual(ofRule(after, rule), ofRule(before, rule), rule);
    }
  });

  it('of a Dockerfile change with the finding own text and with its stage', () => {
    const sudo = ofRule(prints('dockerfile', DOCKERFILE), 'image/sudo');
    assert.notDeepEqual(
      ofRule(prints('dockerfile', DOCKERFILE.replace('sudo npm ci', 'sudo npm i')), 'image/sudo'),
      [],
    );
    const renamedStage = DOCKERFILE.replace('AS build', 'AS compile').replace('--from=build', '--from=compile');
    assert.notDeepEqual(ofRule(prints('dockerfile', renamedStage), 'image/sudo'), sudo);
  });

  it('of a Compose file survive a renamed service, moved keys, inserted lines and a bumped tag', () => {
    const moved = file`
      name: shop
      services:
        database:
          pid: host
          image: postgres:17
        # the front end
        frontend:
          cap_add:
            - NET_ADMIN
          environment: { MODE: production }
          privileged:    true
          image: nginx:1.27
    `;
    const before = prints('compose', COMPOSE);
    const after = prints('compose', moved);
    const counts: Record<string, number> = {
      'container/privileged': 1,
      'container/host-namespace': 1,
      'container/dangerous-capability': 1,
      // On each service's key: the name is not hashed, a placeholder is.
      'container/missing-hardening': 2,
      'container/root-user': 1,
    };
    for (const [rule, count] of Object.entries(counts)) {
      assert.equal(ofRule(before, rule).length, count, rule);
      assert.deepEqual(ofRule(after, rule), ofRule(before, rule), rule);
    }
  });

  it('tell identical findings apart by occurrence, and keep them apart from another image', () => {
    const twice = `${COMPOSE}  web2:\n    image: nginx:1.25\n    privileged: true\n  cache:\n    image: redis:7\n    privileged: true\n`;
    const privileged = ofRule(prints('compose', twice), 'container/privileged');
    assert.equal(privileged.length, 3);
    const [nginx] = ofRule(prints('compose', COMPOSE), 'container/privileged');
    const hash = nginx.split(' ')[1].split(':')[0];
    assert.deepEqual(
      privileged.filter((p) => p.includes(hash)).map((p) => p.split(':')[1]),
      ['0', '1'],
    );
    assert.equal(privileged.filter((p) => !p.includes(hash)).length, 1, 'redis: its own hash');
  });

  it('survive an item inserted above in a list', () => {
    const before = ofRule(prints('compose', COMPOSE), 'container/dangerous-capability');
    const after = ofRule(
      prints('compose', COMPOSE.replace('cap_add: [NET_ADMIN]', 'cap_add: [CHOWN, NET_ADMIN]')),
      'container/dangerous-capability',
    );
    assert.equal(before.length, 1);
    assert.ok(after.includes(before[0]), after.join('\n'));
  });

  it('do not throw on text the parsers cannot read', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const d = { ruleId: 'syntax', severity: 'error' as const, message: '', range, threat: null, fixes: [] };
    assert.match(fingerprintDiagnostics('compose', 'a: [\n  b: {', [d])[0], /^[0-9a-f]{16}:0$/);
    assert.match(fingerprintDiagnostics('dockerfile', '\\\n\\', [d])[0], /^[0-9a-f]{16}:0$/);
  });
});

describe('baseline file', () => {
  it('is written sorted by path, rule and occurrence as a number, and read back', () => {
    const text = formatBaseline([
      { path: 'b/compose.yaml', rule: 'container/privileged', fingerprint: 'aaaa:10', message: 'm' },
      { path: 'b/compose.yaml', rule: 'container/privileged', fingerprint: 'aaaa:9', message: 'm' },
      { path: 'a/Dockerfile', rule: 'image/sudo', fingerprint: 'bbbb:0', message: 'm' },
      { path: 'b/compose.yaml', rule: 'container/cap-add', fingerprint: 'cccc:0', message: 'm' },
    ]);
    const data = JSON.parse(text) as { findings: Record<string, { rule: string; fingerprint: string }[]> };
    assert.deepEqual(Object.keys(data.findings), ['a/Dockerfile', 'b/compose.yaml']);
    assert.deepEqual(
      data.findings['b/compose.yaml'].map((e) => e.fingerprint),
      ['cccc:0', 'aaaa:9', 'aaaa:10'],
    );
    const parsed = parseBaseline(text);
    assert.ok('baseline' in parsed);
    assert.equal(parsed.baseline.keys.size, 4);
    assert.equal(parsed.baseline.counts.get('b/compose.yaml'), 3);
  });

  it('says what is wrong with a file it cannot use', () => {
    assert.deepEqual(parseBaseline('[]'), { error: 'not a JSON object' });
    assert.match((parseBaseline('{"version":1,"findings":{"a":{}}}') as { error: string }).error, /is not a list/);
    assert.match((parseBaseline('nope') as { error: string }).error, /^not JSON/);
  });
});
