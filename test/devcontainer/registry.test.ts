// Which container rules check a dev container is decided per rule (shared/src/devcontainer/rules.ts) and written in
// the README's table: both stay in step with the registry as rules are added or renamed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../shared/src/rules/index';
import { DEVCONTAINER_RULES } from '../../shared/src/devcontainer/rules';
import { rulesOfKind } from '../../shared/src/engine';
import { repoRoot } from '../../scripts/repo-root';

const composeRules = RULES.filter((r) => r.meta.kind === 'compose').map((r) => r.meta.id);

/** The README's table of container rules on a dev container: rule ids (without `container/`) per row. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf('| Rules | On a dev container |');
  assert.ok(start >= 0, 'the README has the dev container rules table');
  const rows = new Map<string, string>();
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [, ids, verdict] = line.split('|').map((cell) => cell.trim());
    for (const id of ids.match(/`([a-z-]+)`/g) ?? []) rows.set(`container/${id.slice(1, -1)}`, verdict);
  }
  return rows;
}

describe('container rules on dev containers', () => {
  it('every rule listed for dev containers is a registered compose rule', () => {
    assert.deepEqual(
      [...DEVCONTAINER_RULES.keys()].filter((id) => !composeRules.includes(id)),
      [],
    );
    assert.deepEqual(
      rulesOfKind('devcontainer')
        .map((r) => r.meta.id)
        .sort(),
      [...DEVCONTAINER_RULES.keys()].sort(),
    );
  });

  it('the README says, for every container rule, whether it checks dev containers', () => {
    const table = readmeTable();
    assert.deepEqual(
      composeRules.filter((id) => !table.has(id)),
      [],
      'add the rule to the table in the README (and to devcontainer/rules.ts when it applies)',
    );
    for (const [id, verdict] of table) {
      const on = DEVCONTAINER_RULES.has(id);
      assert.equal(on, !verdict.startsWith('off'), `${id}: the README says "${verdict}"`);
      if (on && DEVCONTAINER_RULES.get(id) === 'info') assert.match(verdict, /^`info`/, `${id} is info`);
    }
  });

  it('adapted rules keep the id, the threat and the docs of the rule they adapt', () => {
    for (const rule of rulesOfKind('devcontainer')) {
      const original = RULES.find((r) => r.meta.id === rule.meta.id)!;
      assert.equal(rule.meta.kind, 'devcontainer');
      assert.equal(rule.meta.threat, original.meta.threat);
      assert.equal(rule.meta.docs, original.meta.docs);
      for (const [id, text] of Object.entries(rule.meta.messages)) assert.doesNotMatch(text, /^Service `/, id);
    }
  });
});
