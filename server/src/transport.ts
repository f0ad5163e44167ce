import { createConnection as connectSocket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { format } from 'node:util';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { BoundedStreamWriter, MAX_QUEUED_BYTES } from './bounded-writer';
import { PacedMessageReader, type ClientInput } from './client-input';
import { FramedMessageReader, FramingError } from './framed-reader';
import { LogRateLimit } from './log-rate-limit';
import { startServer } from './server';

/** Answers the output queue's figures (`OutputQueueStats`); `$/` methods are the implementation's own. */
export const OUTPUT_QUEUE_REQUEST = '$/bulkhead/outputQueue';

/** Where a stream transport connects: `--socket=<port>` (a port on 127.0.0.1) or `--pipe=<name>`, as the library reads them. */
export function socketTarget(args: string[]): { port: number } | { pipe: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag !== '--socket' && flag !== '--pipe') continue;
    const value = inline ?? args[i + 1];
    if (!value) return undefined;
    if (flag === '--pipe') return { pipe: value };
    const port = Number(value);
    return Number.isInteger(port) && port > 0 && port < 65536 ? { port } : undefined;
  }
  return undefined;
}

/** Serves on a stream pair (stdio, a socket, a pipe): strict framing in, a bounded queue out. */
export function serveOnStreams(input: Readable, output: Writable, stdio: boolean): void {
  let writer: BoundedStreamWriter | undefined;
  const logLimit = new LogRateLimit((summary) => void writer?.write(summary));
  writer = new BoundedStreamWriter(output, queueLimit(), (message) => logLimit.filter(message));
  const bounded = writer;
  const reader = new FramedMessageReader(input, () => bounded.acceptsWork);
  bounded.onDrained(() => reader.resume());
  bounded.onFull((bytes) =>
    stderrLine(`${bytes} bytes of replies are unread by the client: requests are not read until it reads`),
  );
  const { connection, server } = start(reader, bounded, stdio, reader);
  connection.onRequest(OUTPUT_QUEUE_REQUEST, () => bounded.stats());
  reader.onError((error) => {
    if (error instanceof FramingError) exitOnFramingError(error, server.log, output);
    else server.log.error('Malformed message from the client (ignored)', error.message);
  });
  const end = () => process.exit(server.shutdownReceived() ? 0 : 1);
  input.on('end', end);
  input.on('close', end);
  connection.listen();
}

/** Node IPC (the VS Code client): messages arrive whole, so there is no framing to lose; log lines are rate-limited. */
export function serveOnIpc(): void {
  const ipc = new IPCMessageWriter(process);
  const logLimit = new LogRateLimit((summary) => void ipc.write(summary));
  const writer: MessageWriter = {
    onError: ipc.onError,
    onClose: ipc.onClose,
    write: (message) => {
      const filtered = logLimit.filter(message);
      return filtered ? ipc.write(filtered) : Promise.resolve();
    },
    end: () => ipc.end(),
    dispose: () => ipc.dispose(),
  };
  const reader = new PacedMessageReader(new IPCMessageReader(process));
  const { connection, server } = start(reader, writer, false, reader);
  reader.onError((error) => server.log.error('Malformed message from the client (ignored)', error.message));
  process.on('disconnect', () => process.exit(server.shutdownReceived() ? 0 : 1));
  connection.listen();
}

/** Connects to the editor's socket or pipe, then serves on it. */
export function serveOnSocket(target: { port: number } | { pipe: string }): void {
  const socket = 'port' in target ? connectSocket(target.port, '127.0.0.1') : connectSocket(target.pipe);
  socket.on('error', (error) => {
    stderrLine(
      `Cannot reach the client at ${'port' in target ? `port ${target.port}` : target.pipe}: ${error.message}`,
    );
    process.exit(1);
  });
  serveOnStreams(socket, socket, false);
}

function start(reader: MessageReader, writer: MessageWriter, stdio: boolean, input: ClientInput) {
  const connection = createConnection(reader, writer);
  const server = startServer(connection, input);
  if (stdio) redirectConsole(connection);
  return { connection, server };
}

/**
 * The stream can no longer be cut into messages: exit with 1 so the client restarts the server, which is then in step
 * with the client's documents again. Said on stderr (the client's output channel shows it) and in the log.
 */
function exitOnFramingError(error: FramingError, log: { error: (message: string) => void }, output: Writable): void {
  const line = `JSON-RPC framing error from the client (${error.message}): the messages can no longer be told apart, so the server exits for the client to restart it`;
  log.error(line);
  process.exitCode = 1;
  const exit = () => process.exit(1);
  // The log line goes out first if the client reads; a client that does not read is not waited for long.
  setTimeout(exit, 1_000);
  process.stderr.write(`[bulkhead] ${line}\n`, () => output.write('', exit));
}

function stderrLine(text: string): void {
  process.stderr.write(`[bulkhead] ${text}\n`);
}

/** `BULKHEAD_MAX_QUEUED_BYTES` changes the output queue's limit: the protocol tests fill a small one. */
function queueLimit(): number {
  const value = Number(process.env.BULKHEAD_MAX_QUEUED_BYTES);
  return Number.isInteger(value) && value > 0 ? value : MAX_QUEUED_BYTES;
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
