/**
 * `npm run new-rule` (scripts/new-rule-template.ts): the registry gains exactly one import and one entry, names do
 * not clash, bad ids are refused with the reason, and what it writes is valid TypeScript as Prettier writes it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as prettier from 'prettier';
import { parseRuleId, scaffoldRule } from '../scripts/new-rule-template';
import { repoRoot } from '../scripts/repo-root';

const root = repoRoot();
const registry = readFileSync(join(root, 'shared/src/rules/index.ts'), 'utf8');

function syntaxErrors(path: string, text: string): string[] {
  const out = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The names in the `RULES` array literal of a registry text. */
function ruleNames(text: string): string[] {
  const file = ts.createSourceFile('index.ts', text, ts.ScriptTarget.ES2022, true);
  let names: string[] = [];
  file.forEachChild(function visit(node) {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText() === 'RULES' &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      names = node.initializer.elements.map((e) => e.getText());
    node.forEachChild(visit);
  });
  return names;
}

describe('new-rule', () => {
  it('adds one import and one registry entry, at the end, and changes nothing else', () => {
    const { registry: updated, files } = scaffoldRule('container/logging-to-nowhere', registry);
    assert.deepEqual(ruleNames(updated), [...ruleNames(registry), 'loggingToNowhere']);
    const added = updated.split('\n').filter((line) => !registry.split('\n').includes(line));
    assert.deepEqual(added, ["import loggingToNowhere from './container/logging-to-nowhere';", '  loggingToNowhere,']);
    assert.deepEqual(
      [...files.keys()],
      ['shared/src/rules/container/logging-to-nowhere.ts', 'test/rules/container/logging-to-nowhere.test.ts'],
    );
  });

  it('names the import after its group when the plain name is taken', () => {
    const { registry: updated } = scaffoldRule('container/sudo', registry);
    assert.equal(ruleNames(updated).at(-1), 'containerSudo');
  });

  it('refuses ids that are not rule ids, unknown groups and rules already registered', () => {
    assert.throws(() => parseRuleId('Container/x'), /not a rule id/);
    assert.throws(() => parseRuleId('image/x_y'), /not a rule id/);
    assert.throws(() => parseRuleId('image/'), /not a rule id/);
    assert.throws(() => parseRuleId('kernel/x'), /"kernel" is not a rule group/);
    assert.throws(() => scaffoldRule('image/root-user', registry), /already in the registry/);
  });

  for (const id of ['container/example-setting', 'image/example-instruction']) {
    it(`writes ${id} as valid TypeScript, formatted, for the right file kind`, async () => {
      const { files } = scaffoldRule(id, registry);
      const options = JSON.parse(readFileSync(join(root, '.prettierrc.json'), 'utf8'));
      for (const [path, text] of files) {
        assert.deepEqual(syntaxErrors(path, text), [], path);
        assert.ok(await prettier.check(text, { ...options, filepath: path }), `${path} is not as Prettier writes it`);
      }
      const rule = files.get(`shared/src/rules/${id}.ts`)!;
      assert.match(rule, new RegExp(`id: '${id}'`));
      assert.match(rule, id.startsWith('container/') ? /kind: 'compose'/ : /kind: 'dockerfile'/);
      assert.match(files.get(`test/rules/${id}.test.ts`)!, new RegExp(`from '../../../shared/src/rules/${id}'`));
    });
  }
});
