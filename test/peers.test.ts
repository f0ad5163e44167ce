/**
 * Where one of our rules claims a peer rule as equivalent, it must agree with the peer's labelled samples: every
 * positive found, no negative flagged, unless the rule's peer notes name the sample (a documented disagreement).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RULES } from '../shared/src/rules/index';
import { testRuleMeta } from './rule-tester';
import { defineRule } from '../shared/src/rule';
import {
  disagreements,
  documentedDisagreement,
  evaluatePeers,
  renderPeerReport,
  SUITE_LABELS,
  type SampleResult,
} from '../scripts/peers';
import { corpusRoot } from '../scripts/repo-root';

const peersDir = join(corpusRoot(), 'peers');
const evaluation = evaluatePeers(peersDir);

describe('claimed peer rules agree with their labelled samples', () => {
  if (evaluation.missing) {
    console.log(`peers: ${evaluation.missing}; the peer agreement tests cannot run`);
    it('peer corpus present', { skip: evaluation.missing }, () => {});
    return;
  }

  const pairs = new Map<string, SampleResult[]>();
  for (const r of evaluation.results) {
    const key = `${r.ruleId} ≡ ${SUITE_LABELS[r.suite]} “${r.peerRule}”`;
    pairs.set(key, [...(pairs.get(key) ?? []), r]);
  }

  for (const [name, results] of pairs) {
    const analysed = results.filter((r) => !r.skipped);
    const skip = analysed.length ? false : `${results[0].skipped}: its samples cannot be analysed`;
    it(name, { skip }, () => {
      const rule = RULES.find((x) => x.meta.id === results[0].ruleId);
      const undocumented = disagreements(analysed)
        .filter((r) => !documentedDisagreement(rule, r))
        .map(
          (r) =>
            `${r.expected === 'positive' ? 'missed positive' : 'flagged negative'} ${r.suite}/${r.file}${r.flaggedLines?.length ? `:${r.flaggedLines.join(',')}` : ''}`,
        );
      assert.deepEqual(
        undocumented,
        [],
        `fix the rule, or explain the disagreement in its docs.peerNotes naming the sample's file`,
      );
    });
  }

  it('Trivy ids are spelt as in the peer labels (DS-0000)', () => {
    // The report matches ids literally; Trivy's aliases (AVD-DS-0002, DS002) would silently match nothing.
    const misspelt = RULES.flatMap((rule) =>
      (rule.meta.peers.trivy ?? []).filter((id) => !/^DS-\d{4}$/.test(id)).map((id) => `${rule.meta.id}: ${id}`),
    );
    assert.deepEqual(misspelt, []);
  });
});

describe('the peer evaluation itself', () => {
  // A rule that claims the KICS and Trivy sudo checks but reports every RUN: it must find the positives and be caught
  // flagging the negatives.
  const everyRun = defineRule({
    meta: testRuleMeta({
      id: 'image/test-every-run',
      peers: {
        kics: ['Run Using Sudo'],
        trivy: ['DS-0010'],
        semgrep: ['dockerfile.security.no-sudo-in-dockerfile.no-sudo-in-dockerfile'],
      },
      messages: { run: 'RUN' },
      docs: {
        description: '',
        examples: { bad: [], good: [] },
        peerNotes: 'We flag every RUN, so `negative.dockerfile` disagrees.',
      },
    }),
    check(model) {
      return model.stages
        .flatMap((s) => s.runs)
        .map((run) => ({ messageId: 'run' as const, range: run.instruction.getRange() }));
    },
  });

  it(
    'counts positives found and negatives flagged, per file and on semgrep ok lines',
    { skip: evaluation.missing },
    () => {
      const e = evaluatePeers(peersDir, [everyRun]);
      const of = (suite: string, expected: string) =>
        e.results.filter((r) => r.suite === suite && r.expected === expected);
      assert.ok(
        of('kics', 'positive').every((r) => r.flagged),
        'KICS positives found',
      );
      assert.ok(
        of('kics', 'negative').every((r) => r.flagged && !r.agrees),
        'KICS negatives flagged',
      );
      assert.ok(
        of('trivy', 'negative').every((r) => r.flagged),
        'Trivy negatives flagged',
      );
      // The semgrep sample's `ok` lines are RUNs too; its `ruleid` RUN is found on its line; unlabelled RUNs are reported apart.
      assert.ok(
        of('semgrep', 'negative').length > 0 &&
          of('semgrep', 'negative').every((r) => r.flagged && r.flaggedLines!.length > 0),
      );
      assert.ok(of('semgrep', 'positive').every((r) => r.flagged && r.linesMatch));
      assert.ok(e.unlabelledFlags.some((f) => f.ruleId === everyRun.meta.id));
      // The KICS negative is named in the peer notes; the trivy one (good1.Dockerfile) is not.
      const documented = disagreements(e.results).filter((r) => documentedDisagreement(everyRun, r));
      assert.deepEqual(
        [...new Set(documented.map((r) => r.file))],
        ['dockerfile/run_using_sudo/test/negative.dockerfile'],
      );
      const report = renderPeerReport(e, [everyRun]);
      assert.match(report, /\| Run Using Sudo \| `image\/test-every-run` \| 1\/1 \| 0\/1 \| 1\/1 \| 0 \|/);
      assert.match(
        report,
        /flagged negative trivy\/samples\/run_using_sudo\/good1\.Dockerfile — \*\*not documented\*\*/,
      );
    },
  );
});
