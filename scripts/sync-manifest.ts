// Writes the per-rule keys of the `bulkhead.rules` setting into package.json from the registry.
// `test/manifest.test.ts` fails when they differ, as `npm run docs` does for the rule pages.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTINS, RULES } from '../shared/src/rules/index';
import { ruleSettingsProperties } from './manifest-rules';
import { repoRoot } from './repo-root';

const path = join(repoRoot(), 'package.json');
const text = readFileSync(path, 'utf8');
const manifest = JSON.parse(text);
manifest.contributes.configuration.properties['bulkhead.rules'].properties = ruleSettingsProperties([
  ...RULES.map((r) => r.meta),
  ...BUILTINS,
]);
const next = `${JSON.stringify(manifest, null, 2)}\n`;
if (next !== text) writeFileSync(path, next);
console.log(next === text ? 'package.json: rule settings up to date' : 'package.json: rule settings updated');
