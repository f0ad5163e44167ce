import * as vscode from 'vscode';

/**
 * A log channel for the protocol trace that shows every line it is given. The language client writes its trace with
 * `LogOutputChannel.trace()`, which VS Code hides below the channel's Trace level: with a real log channel,
 * `bulkhead.trace.server` seemed to do nothing until the user also raised that level. This one writes through a
 * plain output channel, whatever the level, with the level and time on each line as a log channel would.
 */
export function traceChannel(name: string): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel(name);
  const write =
    (level: string) =>
    (message: string | Error, ...args: unknown[]) => {
      const text = message instanceof Error ? (message.stack ?? message.message) : message;
      const extra = args.length ? ` ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}` : '';
      channel.appendLine(`${new Date().toISOString()} [${level}] ${text}${extra}`);
    };
  const never = new vscode.EventEmitter<vscode.LogLevel>();
  return Object.assign(channel, {
    logLevel: vscode.LogLevel.Trace,
    onDidChangeLogLevel: never.event,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warning'),
    error: write('error'),
  });
}
