import type { ServerStatus } from '../../server/src/status';

/** What the status item says for a status: its text, detail and severity. Pure, for tests. */
export function describeStatus(status: ServerStatus | undefined): {
  text: string;
  detail: string;
  warning: boolean;
  busy: boolean;
} {
  if (!status) return { text: 'Bulkhead', detail: 'starting', warning: false, busy: true };
  const files = `${status.files} file${status.files === 1 ? '' : 's'}`;
  const skipped = status.skipped ? `, ${status.skipped} skipped` : '';
  const config = status.configFiles.length
    ? `.bulkhead.yaml in use${status.switchedOff ? `, switching off ${status.switchedOff}` : ''}`
    : 'no .bulkhead.yaml';
  const untrusted = status.untrusted && status.switchedOff > 0;
  return {
    text: status.scanning ? 'Bulkhead: scanning' : untrusted ? 'Bulkhead: changed by the workspace' : 'Bulkhead',
    detail: `${files}${skipped} · ${config}${untrusted ? ' (untrusted workspace: shown in the file)' : ''}`,
    warning: untrusted,
    busy: status.scanning,
  };
}
