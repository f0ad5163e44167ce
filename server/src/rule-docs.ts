import { join } from 'node:path';
import { ruleDocPath, ruleDocUrl } from '../../shared/src/docs';
import { allMetas } from '../../shared/src/rules/index';

let ruleIds: Set<string> | undefined;

/**
 * Where a rule's documentation is: the page shipped beside the server bundle (`docs/rules/<id>.md` in the extension,
 * readable offline; whoever opens it checks that it is there) and the published page. Only registered ids: the id
 * comes from the client, and must not name any other file. No I/O: code actions ask at every cursor move.
 */
export function ruleDocumentation(id: unknown): { local: string; online: string } | undefined {
  ruleIds ??= new Set(allMetas().map((meta) => meta.id));
  if (typeof id !== 'string' || !ruleIds.has(id)) return undefined;
  // The bundle is dist/server.js; the pages are docs/rules/ beside dist/ (in the repository and in the .vsix).
  return { local: join(__dirname, '..', ruleDocPath(id)), online: ruleDocUrl(id) };
}
