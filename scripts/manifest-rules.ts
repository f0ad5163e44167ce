import type { DocMeta } from '../shared/src/docs';

/** The `bulkhead.rules` setting's known keys, one per rule: settings.json then completes rule ids and severities. */
export function ruleSettingsProperties(
  metas: readonly DocMeta[],
): Record<string, { type: 'string'; enum: string[]; default: string; description: string }> {
  const properties: Record<string, { type: 'string'; enum: string[]; default: string; description: string }> = {};
  for (const meta of [...metas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    properties[meta.id] = {
      type: 'string',
      enum: ['off', 'info', 'warning', 'error'],
      default: meta.severity,
      description: meta.title,
    };
  }
  return properties;
}
