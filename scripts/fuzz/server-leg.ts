/**
 * The server leg of a campaign: mutated texts opened in a real language server (dist/server.js over stdio, as an
 * editor starts it), each followed by a burst of didChange notifications of further mutations, then a hover and a
 * code action request. The server must publish diagnostics for the last version, answer both requests, and live.
 */
import type { FileKind } from '../../shared/src/types';
import { LspClient, withTimeout } from '../../test/server/lsp-client';
import { mulberry32, pick, intBetween } from '../bench/stats';
import type { SourceFile } from './campaign';
import { mutate } from './mutators';
import type { Failure } from './properties';

export interface ServerLegSummary {
  documents: number;
  changes: number;
  failures: (Failure & { source: string; kind: FileKind; text: string })[];
}

const ANSWER_MS = 30_000;

export async function runServerLeg(
  sources: readonly SourceFile[],
  seed: number,
  documents: number,
  burst = 8,
): Promise<ServerLegSummary> {
  const random = mulberry32(seed ^ 0x5e7e7);
  const summary: ServerLegSummary = { documents: 0, changes: 0, failures: [] };
  // Debounce 0: every change is analysed, the hardest load a client can make.
  const { client } = await LspClient.start({
    folders: [],
    settings: { bulkhead: { workspaceScan: false, debounceMs: 0 } },
  });
  try {
    for (let i = 0; i < documents; i++) {
      const source = pick(random, sources);
      const uri = `untitled:fuzz-${i}/${source.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
      let text = mutate(source.text, source.kind, random).text;
      const fail = (detail: string) =>
        summary.failures.push({ property: 'server', detail, source: source.name, kind: source.kind, text });
      await client.open(uri, text, source.kind === 'compose' ? 'dockercompose' : 'dockerfile');
      summary.documents++;
      let version = 1;
      for (let n = intBetween(random, 1, burst); n > 0; n--) {
        text = mutate(text, source.kind, random).text;
        version = await client.change(uri, text);
        summary.changes++;
      }
      try {
        await withTimeout(
          client.diagnostics(uri, (_d, p) => p.version === version),
          ANSWER_MS,
          `diagnostics of version ${version}`,
        );
        const position = { line: intBetween(random, 0, 20), character: intBetween(random, 0, 40) };
        await withTimeout(
          client.request('textDocument/hover', { textDocument: { uri }, position }),
          ANSWER_MS,
          'hover',
        );
        const range = { start: { line: 0, character: 0 }, end: position };
        await withTimeout(
          client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }),
          ANSWER_MS,
          'codeAction',
        );
      } catch (error) {
        fail(String(error instanceof Error ? error.message : error).split('\n')[0]);
      }
      if (client.child.exitCode !== null) {
        fail(`server exited with ${client.child.exitCode}: ${client.stderr.slice(-300)}`);
        break;
      }
      await client.close(uri);
    }
  } finally {
    if (client.child.exitCode === null) await client.stop();
  }
  return summary;
}
