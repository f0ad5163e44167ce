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

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_WORD: Record<Diagnostic['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/**
 * Over the findings at one spot, as one hover: each rule once, most severe first, with its threat explained once
 * (a second rule with the same threat names it) and its mitigation. The messages are left out: the editor shows each
 * diagnostic's message beside the hover already (VS Code's diagnostic hover, Neovim's float), and saying it twice
 * was the complaint. A rule that fires more than once here says how often.
 */
export function findingsHover(diagnostics: readonly Pick<Diagnostic, 'ruleId' | 'severity' | 'range'>[]): string {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  const byRule = new Map<string, { severity: Diagnostic['severity']; count: number }>();
  for (const d of sorted) {
    const seen = byRule.get(d.ruleId);
    if (seen) seen.count++;
    else byRule.set(d.ruleId, { severity: d.severity, count: 1 });
  }
  const explained = new Set<string>();
  const sections: string[] = [];
  for (const [ruleId, { severity, count }] of byRule) {
    const meta = ruleMeta(ruleId);
    const times = count > 1 ? `, ${count} findings here` : '';
    if (!meta) {
      sections.push(`**${SEVERITY_WORD[severity]}** (\`${markdownText(ruleId)}\`${times})`);
      continue;
    }
    const threatKey = 'threat' in meta ? String(meta.threat) : undefined;
    const named = threatKey !== undefined && explained.has(threatKey);
    if (threatKey !== undefined) explained.add(threatKey);
    const heading = `**${SEVERITY_WORD[severity]}: ${meta.title}** (\`${meta.id}\`${times})`;
    sections.push(renderHover(meta, { heading, threat: named ? 'named' : 'full' }));
  }
  return sections.join('\n\n---\n\n');
}

/** Over a keyword: what it means for the container, with links to the registered rules that guard it. */
/** The parsed text, when the caller keeps it between hovers; parsed here otherwise. */
export type HoverModel =
  { kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; document: Document } | { kind: 'devcontainer' };

export function keywordHover(
  kind: FileKind,
  text: string,
  position: Position,
  parsed?: HoverModel,
): { range: Range; markdown: string } | undefined {
  // A devcontainer.json has its findings' hovers only: the keyword hovers read YAML and Dockerfile syntax.
  if (kind === 'devcontainer') return undefined;
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
