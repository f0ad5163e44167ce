/**
 * Policy over the whole registry, so that a new rule cannot skip a step: one id used everywhere (file, test, docs),
 * a known threat, honest fix metadata, host-escape rules as errors, peer ids that exist, and a core free of editor and
 * file-system imports.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RULES } from '../shared/src/rules/index';
import { analyzeText, expandAspects } from '../shared/src/engine';
import { THREATS } from '../shared/src/threats';
import { exampleKind, examplePath, ruleDocPath } from '../shared/src/docs';
import { corpusRoot, repoRoot } from '../scripts/repo-root';

const root = repoRoot();
const ID = /^(image|container)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEVERITIES = ['error', 'warning', 'info'];
const FIX_KINDS = ['none', 'safe', 'unsafe', 'mixed'];
/** Rules whose finding means a container can take over its host: they must stop a CI run by default. */
const HOST_ESCAPE_RULES = [
  'container/privileged',
  'container/docker-socket-mount',
  'container/sensitive-host-mount',
  'container/dangerous-capability',
  'container/host-namespace',
  'image/root-user',
];

describe('rule registry', () => {
  it('holds at least one rule', () => assert.ok(RULES.length > 0));

  it('ids are unique', () => {
    const seen = new Map<string, number>();
    for (const rule of RULES) seen.set(rule.meta.id, (seen.get(rule.meta.id) ?? 0) + 1);
    assert.deepEqual(
      [...seen].filter(([, n]) => n > 1).map(([id]) => id),
      [],
    );
  });

  it('every rule file under shared/src/rules/{image,container}/ is registered', () => {
    const registered = new Set(RULES.map((r) => r.meta.id));
    const files = ['image', 'container'].flatMap((dir) => tsFiles(join(root, 'shared/src/rules', dir)));
    const unregistered = files
      .map((f) => relative(join(root, 'shared/src/rules'), f).split(sep).join('/').replace(/\.ts$/, ''))
      .filter((id) => !registered.has(id));
    assert.deepEqual(unregistered, [], 'add these to shared/src/rules/index.ts');
  });

  for (const rule of RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('id is image/<name> or container/<name>, in kebab case', () => assert.match(meta.id, ID));

      it('id prefix matches the file kind (image/ for Dockerfiles, container/ for runtime specs)', () => {
        assert.equal(meta.id.startsWith('image/'), meta.kind === 'dockerfile', `${meta.id} has kind ${meta.kind}`);
      });

      it('lives in shared/src/rules/<id>.ts, which declares that id', () => {
        const file = join(root, 'shared/src/rules', `${meta.id}.ts`);
        assert.ok(existsSync(file), `missing ${relative(root, file)}`);
        assert.ok(
          new RegExp(`\\bid:\\s*['"\`]${escapeRegExp(meta.id)}['"\`]`).test(readFileSync(file, 'utf8')),
          `${relative(root, file)} does not declare id '${meta.id}'`,
        );
      });

      it('has its test table test/rules/<id>.test.ts', () => {
        const file = join(root, 'test/rules', `${meta.id}.test.ts`);
        assert.ok(existsSync(file), `missing ${relative(root, file)}`);
        const text = readFileSync(file, 'utf8');
        assert.ok(
          new RegExp(`shared/src/rules/${escapeRegExp(meta.id)}['"]`).test(text),
          `${relative(root, file)} does not import the rule`,
        );
        assert.ok(text.includes('runRuleTests('), `${relative(root, file)} does not use runRuleTests`);
      });

      it('has its docs page', () =>
        assert.ok(
          existsSync(join(root, ruleDocPath(meta.id))),
          `missing ${ruleDocPath(meta.id)}: run \`npm run docs\``,
        ));

      it('points to a threat of the catalog', () => assert.ok(meta.threat in THREATS, `unknown threat ${meta.threat}`));

      it('has a valid default severity and fix kind', () => {
        assert.ok(SEVERITIES.includes(meta.severity), `severity ${meta.severity}`);
        assert.ok(FIX_KINDS.includes(meta.fix), `fix ${meta.fix}`);
      });

      it('has a title, a mitigation, a description and messages', () => {
        assert.ok(meta.title.trim() && meta.mitigation.trim() && meta.docs.description.trim());
        assert.ok(Object.keys(meta.messages).length > 0);
        for (const ref of meta.references) assert.match(ref.url, /^https:\/\//, `reference ${ref.title}`);
      });

      it('fix kind agrees with the fixes it has and offers', () => {
        assert.equal(
          meta.fix !== 'none',
          typeof rule.fixes === 'function',
          `fix is '${meta.fix}' but the rule ${rule.fixes ? 'has' : 'has no'} fixes()`,
        );
        if (meta.fix === 'none') return;
        const offered = meta.docs.examples.bad.flatMap((code) =>
          expandAspects(analyzeText(examplePath(meta), code, exampleKind(meta)).diagnostics)
            .filter((d) => d.ruleId === meta.id)
            .flatMap((d) => d.fixes),
        );
        assert.ok(offered.length > 0, `fix is '${meta.fix}' but no bad example is offered a fix: document one that is`);
        if (meta.fix === 'safe')
          assert.deepEqual(
            offered.filter((f) => !f.safe).map((f) => f.title),
            [],
            'unsafe fixes offered by a safe rule',
          );
        if (meta.fix === 'unsafe')
          assert.deepEqual(
            offered.filter((f) => f.safe).map((f) => f.title),
            [],
            'safe fixes offered by an unsafe rule',
          );
      });

      if (HOST_ESCAPE_RULES.includes(meta.id)) {
        it('is a host-escape rule, so it defaults to error', () => assert.equal(meta.severity, 'error'));
      }
    });
  }
});

describe('peer ids name rules of the peer corpus', () => {
  const rulesFile = join(corpusRoot(), 'peers', 'RULES.md');
  const missing =
    !existsSync(rulesFile) &&
    `${rulesFile} is missing, so peer ids cannot be checked (set BULKHEAD_CORPUS to the corpus folder)`;
  if (missing) console.log(`# registry: ${missing}`);
  const cells = missing ? new Set<string>() : firstCells(readFileSync(rulesFile, 'utf8'));

  for (const rule of RULES) {
    const { kics = [], semgrep = [] } = rule.meta.peers;
    if (!kics.length && !semgrep.length) continue;
    it(`${rule.meta.id}: KICS and semgrep ids appear in peers/RULES.md`, { skip: missing }, () => {
      const unknown = [
        ...kics.filter((name) => !cells.has(name)).map((name) => `KICS "${name}"`),
        // semgrep rules may be named by their short id or by their registry id.
        ...semgrep.filter((id) => !cells.has(id) && !cells.has(id.split('.').pop()!)).map((id) => `semgrep "${id}"`),
      ];
      assert.deepEqual(
        unknown,
        [],
        'peer ids must be spelt exactly as in peers/RULES.md (the peer report matches them literally)',
      );
    });
  }
});

describe('the core is pure', () => {
  const FORBIDDEN =
    /^(?:vscode|vscode-languageclient(?:\/.*)?|vscode-languageserver(?:\/.*)?|(?:node:)?(?:fs|fs\/promises|child_process))$/;
  const files = tsFiles(join(root, 'shared'));
  // The one exception: the reader the CLI and the server share, so both refuse FIFOs and outsiders the same way.
  const FILE_READER = 'shared/src/io/read-file.ts';

  it('shared/ has source files', () => assert.ok(files.length > 0));

  it('no file under shared/ imports vscode, the LSP server or client, fs or child_process', () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const at = relative(root, file).split(sep).join('/');
        if (FORBIDDEN.test(specifier) && !(at === FILE_READER && specifier === 'node:fs'))
          offenders.push(`${at}: '${specifier}'`);
      }
    }
    assert.deepEqual(
      offenders,
      [],
      'the core may import only plain-data packages (vscode-languageserver-types, vscode-languageserver-textdocument, yaml, dockerfile-ast, jsonc-parser)',
    );
  });

  it('the import scanner sees every import form', () => {
    const sample = `import a from 'vscode';\nimport { b } from "vscode-languageserver/node";\nimport 'fs';\nexport * from 'node:child_process';\nconst c = require('fs/promises');\nconst d = await import('vscode-languageclient/node');\nimport type { E } from 'vscode-languageserver-types';\n`;
    assert.deepEqual(
      importSpecifiers(sample)
        .filter((s) => FORBIDDEN.test(s))
        .sort(),
      ['fs', 'fs/promises', 'node:child_process', 'vscode', 'vscode-languageclient/node', 'vscode-languageserver/node'],
    );
  });
});

/** Module specifiers of static imports, re-exports, `require` and dynamic `import()`. */
function importSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specifiers.push(m[1]);
  return specifiers;
}

/** The first cell of every Markdown table row: the peer rule names of RULES.md. */
function firstCells(markdown: string): Set<string> {
  const cells = new Set<string>();
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*([^|]+?)\s*\|/.exec(line);
    if (m && !/^-+$/.test(m[1])) cells.add(m[1].replace(/^`|`$/g, ''));
  }
  // Registry ids (third column of the semgrep table) are accepted too.
  for (const m of markdown.matchAll(/\|\s*((?:[\w-]+\.)+[\w-]+)\s*\|/g)) cells.add(m[1]);
  return cells;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.(?:ts|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
