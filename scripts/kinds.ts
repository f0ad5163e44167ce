import { parseFile } from '../shared/src/engine';
import type { FileKind } from '../shared/src/types';

const SAMPLE_NAMES: Record<FileKind, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml' };

/**
 * Whether the engine can parse a kind of file yet (compose support arrives separately). Tests over compose files skip
 * with a message until it does, instead of passing silently.
 */
export function parserRegistered(kind: FileKind): boolean {
  try {
    return parseFile(kind, '', SAMPLE_NAMES[kind]) !== undefined;
  } catch {
    // A registered parser that rejects an empty file is still a parser.
    return true;
  }
}
