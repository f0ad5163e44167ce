import { isMainThread, workerData } from 'node:worker_threads';
import { SCAN_WORKER_ROLE } from './scan-pool';
import { runScanWorker } from './scan-worker';
import { serveOnIpc, serveOnSocket, serveOnStreams, socketTarget } from './transport';

const USAGE = `Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The Bulkhead language server: container security diagnostics, fixes and hovers for Dockerfiles and Compose files,
for any editor that speaks the Language Server Protocol.`;

// The workspace scan's worker threads run this same file (one bundle to ship): they analyse, they do not serve.
if (!isMainThread && (workerData as { role?: unknown } | null)?.role === SCAN_WORKER_ROLE) runScanWorker();
else serve(process.argv.slice(2));

function serve(args: string[]): void {
  const target = socketTarget(args);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
  } else if (args.includes('--stdio')) {
    serveOnStreams(process.stdin, process.stdout, true);
  } else if (args.includes('--node-ipc')) {
    serveOnIpc();
  } else if (target) {
    serveOnSocket(target);
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}
