/** Workers a user may ask for: more would only share the same cores. */
const MAX_FORCED_WORKERS = 16;

/**
 * `BULKHEAD_SCAN_WORKERS=N`: how many analysis worker threads the CLI and the language server's workspace scan use
 * (`0`: none, everything on the main thread), capped at 16; undefined when the variable is unset or not a number, and
 * each then decides from the files and the cores.
 */
export function forcedScanWorkers(env: NodeJS.ProcessEnv): number | undefined {
  const forced = env.BULKHEAD_SCAN_WORKERS;
  return forced !== undefined && /^\d+$/.test(forced) ? Math.min(Number(forced), MAX_FORCED_WORKERS) : undefined;
}
