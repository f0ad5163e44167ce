/** Where the rule pages are published; every documentation link is built from this one base. A module of its own so
 * that the VS Code client can link to the pages without bundling the core. */
export const RULE_DOCS_BASE_URL = 'https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules';

/** The published documentation page of a rule (`codeDescription.href`, SARIF `helpUri`, hover links). */
export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}/${id}.md`;
}
