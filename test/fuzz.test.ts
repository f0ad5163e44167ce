/**
 * The fuzz campaign in the test suite: a short round of a fixed seed and a fixed number of inputs, and every fixture
 * the fuzzer kept (test/fixtures/fuzz/) replayed through the same properties. Failures of a defect another branch is
 * fixing are excused by `KNOWN_OPEN` and reported as such (todo), never as passing.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { isMainThread } from 'node:worker_threads';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR, loadSources, runCampaign, type FoundFailure } from '../scripts/fuzz/campaign';
import { CheckRunner, serveChecks } from '../scripts/fuzz/runner';
import { checkInput, signature, type Failure } from '../scripts/fuzz/properties';
import { minimise } from '../scripts/fuzz/minimise';
import { MUTATORS, mutate } from '../scripts/fuzz/mutators';
import { mulberry32 } from '../scripts/bench/stats';
import { defineRule } from '../shared/src/rule';
import { testRuleMeta } from './rule-tester';
import type { FileKind } from '../shared/src/types';
import { knownDefect } from './fuzz-known-open';

const ROUND = { seed: 20261207, inputs: 120 };

function describeFailures(list: readonly (Failure & { source?: string; mutators?: string[] })[]): string {
  return list
    .map((f) => `${signature(f)}${f.source ? ` on ${f.source} after ${f.mutators?.join('+')}` : ''}: ${f.detail}`)
    .join('\n');
}

if (!isMainThread) serveChecks();
else {
  const runner = new CheckRunner(__filename);
  after(() => runner.close());

  describe('fuzz: a fixed-seed round', () => {
    it(
      `seed ${ROUND.seed}, ${ROUND.inputs} mutated inputs: no property fails but for known open defects`,
      { timeout: 300_000 },
      async (t) => {
        const summary = await runCampaign(runner, { ...ROUND, known: (f: FoundFailure) => knownDefect(f, f.text) });
        assert.equal(summary.inputs, ROUND.inputs);
        assert.ok(summary.fixesChecked > 0, 'the round checked no fix');
        const unknown = summary.failures.filter((f) => !knownDefect(f, f.text));
        assert.deepEqual(describeFailures(unknown), '', 'failures of no known open defect');
        const known = summary.failures.filter((f) => knownDefect(f, f.text));
        for (const f of known) t.diagnostic(`known open: ${knownDefect(f, f.text)}: ${describeFailures([f])}`);
        t.diagnostic(
          `${summary.inputs} inputs, ${summary.fixesChecked} fixes checked, worst ${summary.worst.ms.toFixed(0)} ms`,
        );
      },
    );
  });

  describe('fuzz: every kept fixture', () => {
    const fixtures = existsSync(FIXTURE_DIR)
      ? readdirSync(FIXTURE_DIR)
          .filter((n) => /\.(dockerfile|compose)$/.test(n))
          .sort()
      : [];
    it('there are fixtures to replay', () => assert.ok(fixtures.length > 0));
    for (const name of fixtures) {
      it(name, { timeout: 60_000 }, async (t) => {
        const kind = name.slice(name.lastIndexOf('.') + 1) as FileKind;
        const text = readFileSync(join(FIXTURE_DIR, name), 'utf8');
        const { failures } = await runner.check({ kind, text });
        const unknown = failures.filter((f) => !knownDefect(f, text));
        assert.deepEqual(describeFailures(unknown), '');
        if (failures.length) t.todo(`fails with a known open defect: ${knownDefect(failures[0], text)}`);
      });
    }
  });

  describe('fuzz: the checks themselves', () => {
    const file = 'FROM debian:12\nMAINTAINER someone\nRUN true\n';
    it('reports a rule that throws as an internal-error of that rule', () => {
      const throwing = defineRule({
        meta: testRuleMeta({ id: 'image/test-throws', messages: { found: 'x' } }),
        check(): never {
          throw new Error('boom');
        },
      });
      const { failures } = checkInput({ kind: 'dockerfile', text: file }, [throwing]);
      assert.deepEqual(failures.map(signature), ['internal-error image/test-throws']);
    });

    it('reports a fix that edits outside the file, and one that leaves its finding', () => {
      const broken = defineRule({
        meta: testRuleMeta({ id: 'image/test-broken-fix', fix: 'unsafe', messages: { found: 'MAINTAINER' } }),
        check: (model) =>
          model.ast
            .getInstructions()
            .filter((i) => i.getKeyword() === 'MAINTAINER')
            .map((i) => ({ messageId: 'found' as const, range: i.getInstructionRange() })),
        fixes: (finding) => [
          {
            title: 'past the end',
            safe: false,
            edits: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: 'x' }],
          },
          {
            title: 'a comment',
            safe: false,
            edits: [{ range: { start: finding.range.start, end: finding.range.start }, newText: '# ' + '\n' }],
          },
        ],
      });
      const { failures } = checkInput({ kind: 'dockerfile', text: file }, [broken]);
      assert.deepEqual(failures.map((f) => `${signature(f)}: ${f.detail.split(':')[0]}`).sort(), [
        'edits image/test-broken-fix: "past the end"',
        'finding image/test-broken-fix: "a comment"',
      ]);
    });

    it('reports an input with no answer within the time guard as a hang, and goes on with a new worker', async () => {
      const impatient = new CheckRunner(__filename, 1);
      try {
        const { failures } = await impatient.check({ kind: 'dockerfile', text: file });
        assert.deepEqual(failures.map(signature), ['hang']);
        await impatient.check({ kind: 'dockerfile', text: file });
        assert.equal(impatient.started, 2);
      } finally {
        await impatient.close();
      }
    });

    it('reports a step after the analysis and after each fix checked but the first, for the hang guard to time', () => {
      let steps = 0;
      const { fixes } = checkInput(
        { kind: 'dockerfile', text: 'FROM debian:12\nRUN sudo apt-get install -y curl\nRUN sudo true\n' },
        undefined,
        () => steps++,
      );
      assert.ok(fixes > 2, `${fixes} fixes`);
      assert.equal(steps, fixes);
    });

    it('minimises a failing input to the lines and characters that make it fail', async () => {
      const fails = async (text: string) => text.includes('X') && text.includes('Y');
      assert.equal(await minimise('FROM a\nRUN X\nRUN b\nCMD Y\nUSER c\n', fails), 'XY');
    });

    it('gives the same inputs for the same seed, and every mutator changes some input', () => {
      const sources = loadSources();
      assert.ok(sources.length > 0);
      const source = sources[0];
      assert.deepEqual(
        mutate(source.text, source.kind, mulberry32(5)),
        mutate(source.text, source.kind, mulberry32(5)),
      );
      const sample =
        'FROM debian:12 AS base\nARG V=1\nENV A=$V\n  RUN apt-get install -y curl\nservices:\n  web:\n    image: x\n';
      const unchanged = MUTATORS.filter((m) =>
        [1, 2, 3, 4, 5].every((seed) => m.apply(sample, mulberry32(seed)) === sample),
      ).map((m) => m.name);
      assert.deepEqual(unchanged, []);
    });
  });
}
