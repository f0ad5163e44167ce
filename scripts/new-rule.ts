// `npm run new-rule -- <group>/<name>`: writes the rule, its table test and its registry line (scripts/new-rule-template.ts),
// then says what is left to do. Refuses to overwrite anything.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scaffoldRule } from './new-rule-template';
import { repoRoot } from './repo-root';

const id = process.argv[2];
const root = repoRoot();
const registryPath = join(root, 'shared/src/rules/index.ts');
try {
  if (!id)
    throw new Error('usage: npm run new-rule -- <group>/<name>   (image/… for Dockerfiles, container/… for compose)');
  const scaffold = scaffoldRule(id, readFileSync(registryPath, 'utf8'));
  const existing = [...scaffold.files.keys()].filter((path) => existsSync(join(root, path)));
  if (existing.length) throw new Error(`already there: ${existing.join(', ')}`);
  for (const [path, content] of scaffold.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  writeFileSync(registryPath, scaffold.registry);
  console.log(`new-rule: wrote ${[...scaffold.files.keys()].join(', ')} and its line in shared/src/rules/index.ts.
Next:
  1. Write the bad example first, in the test; run it: npm run test:one -- test/rules/${id}.test.ts (it fails until check finds it).
  2. Fill meta (severity, threat, mitigation, CIS, peers, references, docs) and check; a fix only where it is right.
  3. npm run sync (the rule page, the README's rule list, the rule settings in package.json).
  4. Make examples/insecure/ trigger the rule (test/examples.test.ts checks every rule fires there).
  5. npm run test:unit before you commit.`);
} catch (error) {
  console.error(`new-rule: ${(error as Error).message}`);
  process.exitCode = 2;
}
