// What `npm run new-rule -- <group>/<name>` writes: the rule, its table test and the registry line. Pure: it returns
// texts, and scripts/new-rule.ts writes them. The rule it writes finds nothing yet, so its table test and the docs
// test fail on the bad example until `check` finds it: the first failing test says what to write first.

export interface RuleScaffold {
  /** Repository-relative path → content, for files that must not exist yet. */
  files: Map<string, string>;
  /** The registry (shared/src/rules/index.ts) with the rule's import and entry added. */
  registry: string;
}

const GROUPS = { image: 'dockerfile', container: 'compose' } as const;

export type RuleGroupName = keyof typeof GROUPS;

/** `container/logging-disabled` → its parts; throws with the reason when the id is not one a rule can have. */
export function parseRuleId(id: string): { group: RuleGroupName; name: string } {
  const m = /^([a-z]+)\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/.exec(id);
  if (!m) throw new Error(`"${id}" is not a rule id: write <group>/<name>, lower case with dashes (image/root-user)`);
  if (!(m[1] in GROUPS)) throw new Error(`"${m[1]}" is not a rule group: ${Object.keys(GROUPS).join(' or ')}`);
  return { group: m[1] as RuleGroupName, name: m[2] };
}

/** `logging-disabled` → `loggingDisabled`; `container/root-user` beside `image/root-user` → `containerRootUser`. */
function importName(group: string, name: string, registry: string): string {
  const camel = (words: string[]) => words.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('');
  const plain = camel(name.split('-'));
  const taken = new RegExp(`^import ${plain} from`, 'm').test(registry);
  return taken ? camel([group, ...name.split('-')]) : plain;
}

function title(name: string): string {
  const words = name.split('-').join(' ');
  return words[0].toUpperCase() + words.slice(1);
}

export function scaffoldRule(id: string, registry: string): RuleScaffold {
  const { group, name } = parseRuleId(id);
  if (registry.includes(`from './${id}'`)) throw new Error(`${id} is already in the registry`);
  const kind = GROUPS[group];
  const variable = importName(group, name, registry);
  const files = new Map<string, string>();
  files.set(`shared/src/rules/${id}.ts`, kind === 'compose' ? composeRule(id, name) : dockerfileRule(id, name));
  files.set(`test/rules/${id}.test.ts`, ruleTest(id, kind));
  return { files, registry: withRegistryEntry(registry, id, variable) };
}

function withRegistryEntry(registry: string, id: string, variable: string): string {
  const imports = [...registry.matchAll(/^import \w+ from '\.\/(?:image|container|groups)\/[^']+';\n/gm)];
  const lastImport = imports.at(-1);
  const listEnd = registry.search(/\n\];\n/);
  const listStart = registry.indexOf('export const RULES');
  if (!lastImport || listStart < 0 || listEnd < listStart) throw new Error('the registry is not laid out as expected');
  const importAt = lastImport.index! + lastImport[0].length;
  const withEntry = `${registry.slice(0, listEnd)}\n  ${variable},${registry.slice(listEnd)}`;
  return `${withEntry.slice(0, importAt)}import ${variable} from './${id}';\n${withEntry.slice(importAt)}`;
}

const META_HEAD = (id: string, name: string, kind: string) => `    id: '${id}',
    title: '${title(name)}',
    kind: '${kind}',
    // error: the host or other containers are exposed; warning: a defence is missing; info: hygiene.
    severity: 'warning',
    // host-container, container-container, external-container or application (shared/src/threats.ts).
    threat: 'host-container',
    mitigation: 'What to change, in one sentence.',
    // cis: '5.x',
    peers: {},
    references: [],
    fix: 'none',`;

function composeRule(id: string, name: string): string {
  return `import { defineRule, file, prose } from '../../rule';
import type { Finding } from '../../types';
import { placeOf } from '../../container/finding-place';

export default defineRule({
  meta: {
${META_HEAD(id, name, 'compose')}
    messages: {
      found: 'Service \`{{service}}\` …: what can happen because of it.',
    },
    docs: {
      description: prose\`
        What the rule reports, where it looks (anchors, \\\`extends\\\`, override files) and why it matters.
      \`,
      examples: {
        bad: [
          file\`
            services:
              app:
                image: alpine:3.20
          \`,
        ],
        good: [
          file\`
            services:
              app:
                image: alpine:3.20
          \`,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'found'>[] = [];
    for (const service of model.services) {
      // Read the setting from service.spec (shared/src/container/spec.ts); a compose key the spec lacks is one row
      // of COMPOSE_SETTINGS (shared/src/compose/service-spec.ts). Report at the setting's origin:
      // findings.push({ messageId: 'found', data: { service: service.name }, ...placeOf(setting.origin) });
    }
    return findings;
  },
});
`;
}

function dockerfileRule(id: string, name: string): string {
  return `import { defineRule, prose } from '../../rule';
import type { Finding } from '../../types';

export default defineRule({
  meta: {
${META_HEAD(id, name, 'dockerfile')}
    messages: {
      found: '…: what can happen because of it.',
    },
    docs: {
      description: prose\`
        What the rule reports, in which stages (the final one, or every one) and why it matters.
      \`,
      examples: {
        bad: ['FROM alpine:3.20\\n'],
        good: ['FROM alpine:3.20\\n'],
      },
    },
  },

  check(model) {
    const findings: Finding<'found'>[] = [];
    for (const stage of model.stages) {
      // Look at stage.instructions and stage.runs (shared/src/dockerfile/model.ts), RUN scripts as the shell reader
      // reads them. Report at the instruction: findings.push({ messageId: 'found', range: instruction.getRange() });
    }
    return findings;
  },
});
`;
}

function ruleTest(id: string, kind: string): string {
  const bad =
    kind === 'compose'
      ? 'file`\n        services:\n          app:\n            image: alpine:3.20\n      `'
      : `'FROM alpine:3.20\\n'`;
  const imports = kind === 'compose' ? `import { file } from '../../../shared/src/rule';\n` : '';
  return `${imports}import rule from '../../../shared/src/rules/${id}';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [],
  invalid: [
    {
      name: 'the docs bad example',
      code: ${bad},
      findings: [{ messageId: 'found', range: '1:1-1:1' }],
    },
  ],
});
`;
}
