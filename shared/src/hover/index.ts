/**
 * Hover texts, pure: over a finding (the rule, its threat and mitigation) and over security-relevant keywords even
 * when nothing is wrong. The language server maps them to LSP; anything else that shows explanations can reuse them.
 */
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import { renderHover, ruleDocUrl, type DocMeta } from '../docs';
import { markdownText } from '../markdown-text';
import { GROUPS, RULES } from '../rules/index';
import { BUILTINS } from '../rules/builtin';
import { SourceText } from '../text';
import type { Diagnostic, FileKind, Position, Range } from '../types';
import type { Document } from 'yaml';
import { composeKeywordHover } from './compose';
import { dockerfileKeywordHover } from './dockerfile';

export type { KeywordHover } from './types';
export { parseComposeForHover } from './compose';
export {
  CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  capabilityInfo,
  normalizeCapability,
  type CapabilityInfo,
} from './capabilities';

/** Metadata of a registered rule or engine diagnostic, by id. */
export function ruleMeta(id: string, rules: readonly { meta: DocMeta }[] = RULES): DocMeta | undefined {
  return (
    rules.find((r) => r.meta.id === id)?.meta ??
    GROUPS.find((g) => g.meta.id === id)?.meta ??
    BUILTINS.find((b) => b.id === id)
  );
}

/**
 * Over a finding: what was found, then the rule's threat, mitigation, CIS control and documentation link. The message
 * quotes the file and the hover is Markdown: its code spans stay code, the rest is text (`markdownText`).
 */
export function findingHover(diagnostic: Pick<Diagnostic, 'ruleId' | 'message'>): string {
  const meta = ruleMeta(diagnostic.ruleId);
  const message = markdownText(diagnostic.message);
  return meta ? `${message}\n\n${renderHover(meta)}` : message;
}

/** Over a keyword: what it means for the container, with links to the registered rules that guard it. */
/** The parsed text, when the caller keeps it between hovers; parsed here otherwise. */
export type HoverModel = { kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; document: Document };

export function keywordHover(
  kind: FileKind,
  text: string,
  position: Position,
  parsed?: HoverModel,
): { range: Range; markdown: string } | undefined {
  const hover =
    kind === 'dockerfile'
      ? dockerfileKeywordHover(parsed?.kind === 'dockerfile' ? parsed.model : parseDockerfile(text), position)
      : composeKeywordHover(
          text,
          new SourceText(text).offsetAt(position),
          parsed?.kind === 'compose' ? parsed.document : undefined,
        );
  if (!hover) return undefined;
  const links = hover.rules
    .map((id) => ruleMeta(id))
    .filter((meta): meta is DocMeta => meta !== undefined)
    .map((meta) => `[\`${meta.id}\`](${ruleDocUrl(meta.id)})${meta.cis ? ` (CIS ${meta.cis})` : ''}`);
  const markdown = links.length
    ? `${hover.markdown}\n\nRule${links.length > 1 ? 's' : ''}: ${links.join(' · ')}`
    : hover.markdown;
  return { range: hover.range, markdown };
}
