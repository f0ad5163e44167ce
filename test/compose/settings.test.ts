/**
 * The compose settings table (shared/src/compose/service-spec.ts): each row reads its own field and no other, from
 * every key it names; `extends` passes each field on as the row's merge policy says; docker-compose accepts every
 * row's example. A row left out does not compile (the `@ts-expect-error` below fails the type check if it would).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { parseCompose } from '../../shared/src/compose/model';
import {
  COMPOSE_SETTINGS,
  SETTING_FIELDS,
  type SettingField,
  type SettingsTable,
} from '../../shared/src/compose/service-spec';
import type { ContainerSpec, Via } from '../../shared/src/container/spec';
import { baseEnv, findDockerCompose, runJobs, writeJob } from '../docker-compose';

// @ts-expect-error: a table without the `image` row is not a SettingsTable.
const withoutImage: SettingsTable = (({ image: _image, ...rest }) => rest)(COMPOSE_SETTINGS);
void withoutImage;

/**
 * Keys that came into the Compose Specification after docker-compose 1.29's schema (compose-spec `05-services.md`:
 * `uts`, `cgroup`, `deploy.resources.limits.pids`), left out of what docker-compose is asked to validate.
 */
const NEWER_THAN_1_29 = ['uts', 'cgroup', 'deploy.resources.limits.pids'];

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** A compose file whose `base` service holds `lines`, and whose `app` extends it and writes nothing else. */
function composeWith(lines: string): string {
  return `services:\n  base:\n${indent(lines, '    ')}\n  app:\n    extends: base\n`;
}

function specs(text: string): { base: ContainerSpec; app: ContainerSpec } {
  const model = parseCompose(text, 'compose.yaml');
  assert.deepEqual(
    model.syntaxProblems.map((p) => p.message),
    [],
  );
  const spec = (name: string) => model.services.find((s) => s.name === name)!.spec;
  return { base: spec('base'), app: spec('app') };
}

/** Whether a field holds anything: a setting, a non-empty list, or a record with something in it. */
function written(value: unknown): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) {
    if ('items' in value && 'holders' in value) return (value as { items: unknown[] }).items.length > 0;
    if ('origin' in value) return true;
    return Object.values(value).some(written);
  }
  return true;
}

/** The value with the `via` of every origin and the editor handles left out: what it says, not how it arrived. */
function withoutVia(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVia);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'via' && key !== 'ref')
      .map(([key, child]) => [key, withoutVia(child)]),
  );
}

/** The `via` lists of every origin inside a value. */
function vias(value: unknown, found: Via[][] = []): Via[][] {
  if (Array.isArray(value)) for (const item of value) vias(item, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('entryRange' in record && Array.isArray(record.via)) found.push(record.via as Via[]);
    for (const [key, child] of Object.entries(record)) if (key !== 'ref') vias(child, found);
  }
  return found;
}

/** Whether a dotted key is written in a service mapping's YAML. */
function writes(lines: string, dotted: string): boolean {
  let node: unknown = parseDocument(lines).contents;
  for (const key of dotted.split('.')) {
    if (!isMap(node)) return false;
    node = node.get(key, true);
    if (node === undefined) return false;
  }
  return true;
}

describe('compose settings table', () => {
  it('has a row for every setting field, each naming at least one key, no key in two rows', () => {
    const owners = new Map<string, SettingField>();
    for (const field of SETTING_FIELDS) {
      const row = COMPOSE_SETTINGS[field];
      assert.ok(row.keys.length > 0, field);
      for (const key of row.keys) {
        assert.equal(owners.get(key), undefined, `${key} is in the rows of ${owners.get(key)} and ${field}`);
        owners.set(key, field);
      }
    }
    assert.ok(SETTING_FIELDS.length >= 19);
  });

  for (const field of SETTING_FIELDS) {
    const row = COMPOSE_SETTINGS[field];
    describe(`${field} (${row.keys.join(', ')})`, () => {
      it('its example writes every key of the row', () => {
        for (const key of row.keys)
          assert.ok(writes(row.example, key), `the example of ${field} does not write ${key}`);
      });

      it('is read from its example, and no other field is', () => {
        const { base } = specs(composeWith(row.example));
        assert.ok(written(base[field]), `${field} not read from:\n${row.example}`);
        const others = SETTING_FIELDS.filter((other) => other !== field && written(base[other]));
        assert.deepEqual(others, [], `the example of ${field} also fills ${others.join(', ')}`);
      });

      it(`is passed on by extends as its policy says (${row.merge.kind})`, () => {
        const { base, app } = specs(composeWith(row.example));
        if (row.merge.kind === 'own') {
          assert.ok(!written(app[field]), `${field} is inherited although its policy is own`);
          return;
        }
        assert.deepEqual(withoutVia(app[field]), withoutVia(base[field]));
        const paths = vias(app[field]);
        assert.ok(paths.length > 0);
        for (const via of paths)
          assert.equal(via[0]?.kind === 'extends' && via[0].name, 'base', `${field}: ${JSON.stringify(via)}`);
      });
    });
  }

  const dockerCompose = findDockerCompose();
  it(
    'docker-compose config accepts every row example',
    { skip: !dockerCompose.path && `${dockerCompose.why}` },
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'bulkhead-settings-'));
      try {
        const env = baseEnv(work);
        const jobs = SETTING_FIELDS.map((field) => {
          const example = parseDocument(COMPOSE_SETTINGS[field].example);
          for (const key of NEWER_THAN_1_29)
            if (writes(COMPOSE_SETTINGS[field].example, key)) example.deleteIn(key.split('.'));
          const lines = example.toString().trimEnd();
          const text = `services:\n  base:\n${field === 'image' || field === 'build' ? '' : '    image: busybox\n'}${indent(lines, '    ')}\n`;
          const file = writeJob(work, field, text);
          return { project: join(work, field), file, env };
        });
        for (const field of ['envFiles', 'build'] as const)
          writeJob(work, field, '', field === 'envFiles' ? 'app.env' : 'Dockerfile.prod');
        const checks = await runJobs(dockerCompose, jobs, work);
        const refused = checks.flatMap((check, i) =>
          check.code === 0 ? [] : [`${SETTING_FIELDS[i]}: ${check.message}`],
        );
        assert.deepEqual(refused, []);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});
