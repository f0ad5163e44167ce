import { format } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
} from 'vscode-languageserver/node';
import { SCAN_WORKER_ROLE } from './scan-pool';
import { runScanWorker } from './scan-worker';
import { startServer } from './server';

const USAGE = `Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The Bulkhead language server: container security diagnostics, fixes and hovers for Dockerfiles and Compose files,
for any editor that speaks the Language Server Protocol.`;

// The workspace scan's worker threads run this same file (one bundle to ship): they analyse, they do not serve.
if (!isMainThread && (workerData as { role?: unknown } | null)?.role === SCAN_WORKER_ROLE) runScanWorker();
else serve(process.argv.slice(2));

function serve(args: string[]): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
  } else if (args.includes('--stdio') || args.includes('--node-ipc')) {
    // The reader is built here, not by the library, to hear about input it cannot parse: such input is logged, and the
    // connection reads on from the next message.
    const stdio = args.includes('--stdio');
    const reader: MessageReader = stdio ? new StreamMessageReader(process.stdin) : new IPCMessageReader(process);
    const writer = stdio ? new StreamMessageWriter(process.stdout) : new IPCMessageWriter(process);
    const connection = createConnection(reader, writer);
    const server = startServer(connection);
    reader.onError((error) => server.log.error('Malformed message from the client (ignored)', error.message));
    const end = () => process.exit(server.shutdownReceived() ? 0 : 1);
    if (stdio) {
      process.stdin.on('end', end);
      process.stdin.on('close', end);
      redirectConsole(connection);
    } else {
      process.on('disconnect', end);
    }
    connection.listen();
  } else if (args.some((arg) => /^--(socket|pipe)(=|$)/.test(arg))) {
    const connection = createConnection();
    startServer(connection);
    connection.listen();
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}

/** On stdio, stdout carries the protocol: anything a dependency prints goes to the client's log instead. */
function redirectConsole(connection: Connection): void {
  const log = (...values: unknown[]) => connection.console.log(format(...values));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...values: unknown[]) => connection.console.warn(format(...values));
  console.error = (...values: unknown[]) => connection.console.error(format(...values));
}
