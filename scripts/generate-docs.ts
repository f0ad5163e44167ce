// Writes docs/rules/<id>.md for every rule and engine diagnostic, and docs/rules/README.md, from the rule metadata.
// Pages of rules that no longer exist are removed. `test/docs.test.ts` fails when the files differ from this output.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { allMetas } from '../shared/src/rules/index';
import { renderAllDocs, withReadmeRuleTable } from '../shared/src/docs';
import { withReadmeReference, type Manifest } from './readme-reference';
import { repoRoot } from './repo-root';

const root = repoRoot();
const files = renderAllDocs(allMetas());
let written = 0;
for (const [path, content] of files) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  writeFileSync(target, content);
  written++;
}

let removed = 0;
for (const path of markdownFiles(join(root, 'docs', 'rules'))) {
  const rel = relative(root, path).split(sep).join('/');
  if (files.has(rel)) continue;
  rmSync(path);
  removed++;
}
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const updatedReadme = withReadmeReference(withReadmeRuleTable(readme, allMetas()), manifest);
if (updatedReadme !== readme) {
  writeFileSync(readmePath, updatedReadme);
  written++;
}
console.log(
  `docs: ${files.size} files and the README's rule list and settings reference, ${written} written, ${removed} stale removed`,
);

function markdownFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
