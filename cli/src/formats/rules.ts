import type { DocMeta } from '../../../shared/src/docs';
import type { PeerIds } from '../../../shared/src/rule';
import type { Palette } from './colors';

/** `bulkhead rules --format json`: the metadata a tool needs to map, filter or document the rules. */
export function formatRulesJson(metas: readonly DocMeta[]): string {
  const rules = metas.map((meta) => ({
    id: meta.id,
    title: meta.title,
    kind: meta.kind,
    severity: meta.severity,
    threat: meta.kind === 'any' ? null : meta.threat,
    fix: meta.fix,
    cis: meta.cis ?? null,
    mitigation: meta.mitigation,
    peers: meta.peers,
    references: meta.references,
  }));
  return JSON.stringify({ version: 1, rules }, null, 2) + '\n';
}

const PEER_LABELS: Record<keyof PeerIds, string> = {
  hadolint: 'hadolint',
  trivy: 'Trivy',
  checkov: 'Checkov',
  kics: 'KICS',
  semgrep: 'Semgrep',
};

/** `bulkhead rules`: one block per rule, the id and title first so the list reads down the left edge. */
export function formatRulesText(metas: readonly DocMeta[], paint: Palette): string {
  const width = Math.max(...metas.map((m) => m.id.length));
  const lines: string[] = [];
  for (const meta of metas) {
    lines.push(`${paint.bold(meta.id.padEnd(width))}  ${meta.title}`);
    const facts = [
      meta.kind === 'any' ? 'any file' : meta.kind,
      meta.severity,
      meta.kind === 'any' ? 'engine diagnostic' : `threat ${meta.threat}`,
      `fix ${meta.fix}`,
      ...(meta.cis ? [`CIS ${meta.cis}`] : []),
    ];
    lines.push(`${' '.repeat(width)}  ${paint.dim(facts.join(' · '))}`);
    const peers = (Object.keys(PEER_LABELS) as (keyof PeerIds)[])
      .filter((tool) => meta.peers[tool]?.length)
      .map((tool) => `${PEER_LABELS[tool]} ${meta.peers[tool]!.join(', ')}`);
    if (peers.length) lines.push(`${' '.repeat(width)}  ${paint.dim(`same as: ${peers.join('; ')}`)}`);
  }
  lines.push('', `${metas.length} rules`);
  return lines.join('\n') + '\n';
}
