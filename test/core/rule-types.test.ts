/**
 * `defineRule`'s third type parameter: the fix data a check puts into its findings is the type its fixes receive.
 * The `@ts-expect-error` lines are the test: `npm run typecheck` fails when one of them compiles.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineRule, type RuleMeta } from '../../shared/src/rule';
import type { ComposeService } from '../../shared/src/compose/model';
import { parseFile } from '../../shared/src/engine';
import type { Finding } from '../../shared/src/types';

const meta: RuleMeta<'found', 'compose'> = {
  id: 'container/typed-probe',
  title: 'Typed probe',
  kind: 'compose',
  severity: 'info',
  threat: 'application',
  mitigation: 'None.',
  peers: {},
  references: [],
  fix: 'unsafe',
  messages: { found: 'Service `{{service}}`.' },
  docs: { description: 'A probe.', examples: { bad: [], good: [] } },
};

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Found {
  service: ComposeService;
}

const probe = defineRule({
  meta,
  check(model): Finding<'found', Found>[] {
    return model.services.map((service) => ({ messageId: 'found', range: FILE_START, fixData: { service } }));
  },
  fixes(finding) {
    // Typed: no cast, and the service is the one the check found.
    const service: ComposeService | undefined = finding.fixData?.service;
    return service ? [{ title: `Fix \`${service.name}\``, safe: false, edits: [] }] : [];
  },
});

defineRule({
  meta,
  check(model): Finding<'found', Found>[] {
    // @ts-expect-error a finding of the wrong shape: the name where the service belongs
    return model.services.map((service) => ({
      messageId: 'found',
      range: FILE_START,
      fixData: { service: service.name },
    }));
  },
  fixes(finding) {
    return [{ title: finding.fixData!.service.name, safe: false, edits: [] }];
  },
});

defineRule({
  meta,
  check(model): Finding<'found', Found>[] {
    return model.services.map((service) => ({ messageId: 'found', range: FILE_START, fixData: { service } }));
  },
  fixes(finding) {
    // @ts-expect-error fixes reading what the check never put there
    return [{ title: String(finding.fixData?.index), safe: false, edits: [] }];
  },
});

// A rule without fixes names no fix data.
defineRule({
  meta: { ...meta, fix: 'none' },
  check(model) {
    return model.services.map((service) => ({ messageId: 'found' as const, range: FILE_START }));
  },
});

describe('rule types', () => {
  it('hands the fixes the service object the check found', () => {
    const { model } = parseFile('compose', 'services:\n  web:\n    image: nginx:1.27\n', 'compose.yaml');
    const findings = probe.check(model);
    assert.equal(findings.length, 1);
    assert.deepEqual(
      probe.fixes!(findings[0], model).map((f) => f.title),
      ['Fix `web`'],
    );
  });
});
