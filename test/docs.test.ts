/**
 * Rule documentation is generated and executed: the pages in docs/ must equal what the metadata renders today, and
 * every documented example must behave as documented when analysed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RULES, allMetas } from '../shared/src/rules/index';
import { analyzeText, expandAspects } from '../shared/src/engine';
import { memoryWorkspace } from '../shared/src/context';
import {
  renderAllDocs,
  withReadmeRuleTable,
  README_RULES_START,
  renderHover,
  ruleDocUrl,
  exampleKind,
  examplePath,
  RULE_DOCS_BASE_URL,
  type DocMeta,
} from '../shared/src/docs';
import { THREATS } from '../shared/src/threats';
import { repoRoot } from '../scripts/repo-root';
import { README_REFERENCE_START, withReadmeReference, type Manifest } from '../scripts/readme-reference';

const root = repoRoot();
const metas: DocMeta[] = allMetas();
const REGENERATE = 'run `npm run docs` and commit the result';

describe('generated docs are up to date', () => {
  const expected = renderAllDocs(metas);

  for (const [path, content] of expected) {
    it(path, () => {
      const target = join(root, path);
      assert.ok(existsSync(target), `${path} is missing: ${REGENERATE}`);
      // Compared line by line so that a failure shows the first differing line, not two whole pages.
      const actual = readFileSync(target, 'utf8');
      if (actual !== content) {
        const a = actual.split('\n');
        const e = content.split('\n');
        const line = e.findIndex((text, i) => a[i] !== text);
        assert.fail(
          `${path} differs from the rule metadata at line ${line + 1}:\n  file: ${a[line]}\n  meta: ${e[line]}\n${REGENERATE}`,
        );
      }
    });
  }

  it('the README lists every setting and command the extension contributes, as package.json says', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
    assert.ok(readme.includes(README_REFERENCE_START), 'README.md has no generated settings reference');
    assert.equal(
      readme,
      withReadmeReference(readme, manifest),
      `README.md's settings reference is stale: ${REGENERATE}`,
    );
    for (const key of Object.keys(manifest.contributes.configuration.properties))
      if (!key.startsWith('bulkhead.rules.')) assert.ok(readme.includes(`| \`${key}\` |`), key);
    for (const { command } of manifest.contributes.commands) assert.ok(readme.includes(`\`${command}\``), command);
  });

  it('the README lists every rule', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.ok(readme.includes(README_RULES_START), 'README.md has no generated rule list');
    assert.equal(readme, withReadmeRuleTable(readme, metas), `README.md's rule list is stale: ${REGENERATE}`);
  });

  it('no page for a rule that does not exist', () => {
    const stale = markdownFiles(join(root, 'docs', 'rules'))
      .map((path) => relative(root, path).split(sep).join('/'))
      .filter((path) => !expected.has(path));
    assert.deepEqual(stale, [], `pages of unknown rules: ${REGENERATE}`);
  });
});

describe('documented examples behave as documented', () => {
  for (const meta of metas) {
    const { bad, good } = meta.docs.examples;
    const kind = exampleKind(meta);
    const workspace = meta.docs.workspace;
    const options = workspace ? { context: memoryWorkspace(workspace) } : {};
    bad.forEach((code, i) => {
      it(`${meta.id}: bad example ${i + 1} is reported`, () => {
        const report = analyzeText(examplePath(meta), code, kind, options);
        // An aspect rule's finding may be listed in its group's diagnostic (container/missing-hardening).
        const ids = [...report.diagnostics, ...expandAspects(report.diagnostics)].map((d) => d.ruleId);
        assert.ok(
          ids.includes(meta.id),
          `${meta.id} does not report its bad example:\n${code}\n(reported: ${ids.join(', ') || 'nothing'})`,
        );
      });
    });
    good.forEach((code, i) => {
      it(`${meta.id}: good example ${i + 1} is not reported`, () => {
        const report = analyzeText(examplePath(meta), code, kind, options);
        const own = [...report.diagnostics, ...expandAspects(report.diagnostics)]
          .filter((d) => d.ruleId === meta.id)
          .map((d) => `${d.range.start.line + 1}: ${d.message}`);
        assert.deepEqual(own, [], `${meta.id} reports its good example:\n${code}`);
      });
    });
  }

  it('every rule documents at least one bad and one good example', () => {
    const missing = RULES.filter((r) => !r.meta.docs.examples.bad.length || !r.meta.docs.examples.good.length).map(
      (r) => r.meta.id,
    );
    assert.deepEqual(missing, []);
  });
});

describe('doc links and hovers', () => {
  it('ruleDocUrl points at the rule page under one base', () => {
    assert.equal(ruleDocUrl('image/sudo'), `${RULE_DOCS_BASE_URL}/image/sudo.md`);
    assert.match(RULE_DOCS_BASE_URL, /^https:\/\/[^/]+\/.+\/docs\/rules$/);
  });

  for (const meta of metas) {
    it(`hover of ${meta.id} names the rule, the mitigation and links its page`, () => {
      const hover = renderHover(meta);
      assert.ok(hover.includes(`\`${meta.id}\``));
      assert.ok(hover.includes(meta.mitigation), 'mitigation');
      assert.ok(hover.includes(`(${ruleDocUrl(meta.id)})`), 'link to the rule page');
      if (meta.kind !== 'any') assert.ok(hover.includes(THREATS[meta.threat].vector), 'threat vector');
      if (meta.cis) assert.ok(hover.includes(meta.cis), 'CIS control');
      // Hovers are read at a glance: keep them a screenful at most.
      assert.ok(hover.split('\n').length <= 12, `hover of ${meta.id} is too long`);
    });
  }
});

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
