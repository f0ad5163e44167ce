import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { repoRoot } from '../../scripts/repo-root';
import { onlyRules, runCli, tempTree } from './harness';

/** The SARIF 2.1.0 schema (draft-04), with the string formats it uses checked rather than ignored. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's language-tag pattern is written for non-Unicode regular expressions.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    results: SarifResult[];
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string } }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: { level: string; message: { text: string } }[];
    }[];
  }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }[];
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: { uri: string };
      replacements: { deletedRegion: SarifRegion; insertedContent?: { text: string } }[];
    }[];
  }[];
}

function sarifOf(dir: string, args: string[] = []): SarifLog {
  const run = runCli(['--format', 'sarif', ...args], { cwd: dir });
  assert.notEqual(run.status, 2, run.stderr);
  return JSON.parse(run.stdout) as SarifLog;
}

describe('bulkhead --format sarif', () => {
  const dir = tempTree({
    '.bulkhead.yaml': onlyRules(['image/sudo'], {}, 'maxFileSize: 1KiB\n'),
    'my app/Dockerfile': 'FROM debian:12\nRUN echo 😀 && sudo true\nRUNN x\n',
    'big/Dockerfile': `FROM debian:12\n# ${'x'.repeat(2000)}\n`,
    'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = sarifOf(dir);
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    // The schema must be able to fail: a result without a message is not SARIF.
    const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0].results[0].message;
    assert.equal(validate(broken), false);
  });

  it('validates when nothing is found, and for every rule the registry holds', () => {
    const validate = sarifValidator();
    const clean = tempTree({ Dockerfile: 'FROM debian:12\n' });
    const log = sarifOf(clean, ['--exit-zero']);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('describes every rule as GitHub code scanning reads it', () => {
    const { rules } = sarifOf(dir).runs[0].tool.driver;
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    assert.ok(ids.includes('image/sudo') && ids.includes('syntax'));
    for (const rule of rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
      assert.ok(
        rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown,
        rule.id,
      );
      assert.match(rule.helpUri, /^https:\/\/\S+\.md$/, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
    }
    const sudo = rules.find((r) => r.id === 'image/sudo')!;
    assert.ok(sudo.properties.tags.includes('security'));
    assert.match(sudo.properties['security-severity'] ?? '', /^\d+\.\d$/);
    assert.match(sudo.help.markdown, /DL3004/, 'help names the equivalent peer rules');
    assert.match(sudo.help.text, /Threat \(Application\)/, 'help explains the threat from the catalog');
    for (const rule of rules.filter((r) => r.properties.tags.includes('security'))) {
      const score = Number(rule.properties['security-severity']);
      assert.ok(score > 0 && score <= 10, rule.id);
    }
  });

  it('tags rules with their CIS Docker Benchmark control when they have one', () => {
    const metas = JSON.parse(runCli(['rules', '--format', 'json'], { cwd: dir }).stdout).rules as {
      id: string;
      cis: string | null;
    }[];
    const { rules } = sarifOf(dir).runs[0].tool.driver;
    for (const meta of metas.filter((m) => m.cis)) {
      assert.ok(
        rules.find((r) => r.id === meta.id)!.properties.tags.includes(`CIS-Docker-Benchmark-${meta.cis}`),
        meta.id,
      );
    }
  });

  it('locates results relative to %SRCROOT% with 1-based lines and UTF-16 columns, and carries fixes', () => {
    const run = sarifOf(dir).runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
    const sudo = run.results.find((r) => r.ruleId === 'image/sudo')!;
    assert.equal(run.tool.driver.rules[sudo.ruleIndex].id, 'image/sudo');
    assert.equal(sudo.level, 'warning');
    const location = sudo.locations[0].physicalLocation;
    const index = run.artifacts.findIndex((a) => a.location.uri === 'my%20app/Dockerfile');
    assert.ok(index >= 0);
    assert.deepEqual(location.artifactLocation, { uri: 'my%20app/Dockerfile', uriBaseId: '%SRCROOT%', index });
    assert.deepEqual(location.region, { startLine: 2, startColumn: 16, endLine: 2, endColumn: 20 });
    assert.deepEqual(
      sudo.fixes?.map((f) => f.description.text),
      ['Remove `sudo`'],
    );
    assert.deepEqual(sudo.fixes?.[0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 2, startColumn: 16, endLine: 2, endColumn: 21 }, insertedContent: { text: '' } },
    ]);
    const syntax = run.results.find((r) => r.ruleId === 'syntax')!;
    assert.equal(syntax.level, 'error');
    assert.equal(syntax.fixes, undefined);
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  it('lists skipped files as notifications of a successful run', () => {
    const [invocation] = sarifOf(dir).runs[0].invocations;
    assert.equal(invocation.executionSuccessful, true);
    const texts = (invocation.toolExecutionNotifications ?? []).map((n) => n.message.text);
    assert.ok(
      texts.some((t) => /^Skipped big\/Dockerfile: .*over maxFileSize/.test(t)),
      texts.join('\n'),
    );
  });
});
