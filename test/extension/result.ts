/** How test/extension/index.ts reports each test to a launcher: one console line, marker then JSON. */
export interface SuiteResult {
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs: number; error?: string }[];
  passed: number;
  failed: number;
}

export const RESULT_MARKER = 'BULKHEAD_SUITE_RESULT ';

/** Prefix of the suite's report lines, so a launcher can pick them out of everything the host logs. */
export const LOG_MARKER = '[bulkhead-suite] ';
