import { parentPort } from 'node:worker_threads';
import type { RemoteConsole } from 'vscode-languageserver';
import { Analyzer } from './analysis';
import { readForAnalysisSync } from './files';
import { Logger } from './log';
import type { LogLine, ScanBatch, ScanBatchResult, ScanOutcome } from './scan-pool';

/**
 * The scan worker's side: reads and analyses each file of a batch as the main thread would (same size and binary
 * limits, same engine configuration, cross-file reads from disk), without fixes, and answers with the reports and the
 * files each analysis read. Log lines travel with the answer and are written by the main thread.
 */
export function runScanWorker(): void {
  const port = parentPort;
  if (!port) return;
  let logs: LogLine[] = [];
  const console = {
    error: (message: string) => logs.push(['error', message]),
    warn: (message: string) => logs.push(['warn', message]),
    info: (message: string) => logs.push(['info', message]),
    debug: (message: string) => logs.push(['debug', message]),
    log: (message: string) => logs.push(['info', message]),
  } as unknown as RemoteConsole;
  const log = new Logger(console);
  // Open documents stay on the main thread: a result that read one is analysed again there.
  const analyzer = new Analyzer(log, () => undefined);
  port.on('message', (batch: ScanBatch) => {
    log.verbose = batch.verbose;
    const outcomes = batch.files.map(({ path, kind, config }): ScanOutcome => {
      const { engine, folder, roots, baseline } = batch.configs[config];
      const read = readForAnalysisSync(path, { engine, roots });
      if ('missing' in read) return { missing: read.missing };
      if ('skipped' in read) return { skipped: read.skipped };
      const { report, reads } = analyzer.run({
        key: path,
        uri: path,
        path,
        kind,
        text: read.text,
        version: null,
        config: { engine, folder, roots, baseline },
        fixes: false,
        fitChecked: true,
      });
      return { report, reads: [...reads] };
    });
    const result: ScanBatchResult = { id: batch.id, outcomes, logs };
    logs = [];
    port.postMessage(result);
  });
}
