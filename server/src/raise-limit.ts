import { statSync } from 'node:fs';
import { parseDocument, isMap, isScalar, type Pair } from 'yaml';
import { CONFIG_FILE_NAME, parseSize } from '../../shared/src/config';
import { SourceText } from '../../shared/src/text';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { EditSupport } from './code-actions';
import { readProjectFile } from './configuration';
import { uriOfPath } from './paths';

const MIB = 1024 * 1024;

/** The next whole MiB above `bytes`: a limit that admits the file, written as a person would (`11MiB`). */
export function limitFor(bytes: number): string {
  return `${Math.floor(bytes / MIB) + 1}MiB`;
}

/**
 * The edits that set `maxFileSize: <limit>` in a `.bulkhead.yaml` whose text is `text` (undefined: the file does not
 * exist yet, and the edit is its whole text): the value replaced where the key is, else a line appended. Undefined
 * when the file cannot be edited safely (not YAML, not a mapping, a flow mapping, or a limit already as high).
 */
export function maxFileSizeEdits(text: string | undefined, limit: string): TextEdit[] | undefined {
  if (text === undefined || text.trim() === '') {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: `maxFileSize: ${limit}\n`,
      },
    ];
  }
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const source = new SourceText(text);
  const pair = doc.contents.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'maxFileSize');
  if (pair) {
    if (!isScalar(pair.value) || !pair.value.range) return undefined;
    const current = parseSize(pair.value.value);
    if (current !== undefined && current >= (parseSize(limit) ?? 0)) return undefined;
    const [start, end] = pair.value.range;
    return [{ range: { start: source.positionAt(start), end: source.positionAt(end) }, newText: limit }];
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const end = source.positionAt(text.length);
  const lead = text.endsWith('\n') ? '' : eol;
  return [{ range: { start: end, end }, newText: `${lead}maxFileSize: ${limit}${eol}` }];
}

/**
 * "Raise maxFileSize in .bulkhead.yaml to N MiB" for a file skipped for its size: an edit of the workspace folder's
 * `.bulkhead.yaml` (created when there is none, where the client can create files), which wins over the settings.
 * The file is read through the workspace reader; the limit comes from the file's size on disk or its open text.
 */
export function raiseLimitAction(
  skippedPath: string,
  folder: string | undefined,
  openText: string | undefined,
  diagnostic: LspDiagnostic | undefined,
  support: EditSupport & { createsFiles: boolean },
): CodeAction | undefined {
  if (folder === undefined) return undefined;
  let size: number;
  try {
    size = openText !== undefined ? Buffer.byteLength(openText, 'utf8') : statSync(skippedPath).size;
  } catch {
    return undefined;
  }
  const { path: configPath, read } = readProjectFile(folder);
  if (read.notRead !== undefined && !read.absent) return undefined;
  const exists = read.notRead === undefined;
  if (!exists && !support.createsFiles) return undefined;
  const limit = limitFor(size);
  const edits = maxFileSizeEdits(exists ? read.text : undefined, limit);
  if (!edits) return undefined;
  const uri = uriOfPath(configPath);
  const edit: WorkspaceEdit = support.documentChanges
    ? {
        documentChanges: [
          ...(exists ? [] : [{ kind: 'create' as const, uri, options: { ignoreIfExists: true } }]),
          { textDocument: { uri, version: null }, edits },
        ],
      }
    : { changes: { [uri]: edits } };
  return {
    title: `Raise maxFileSize in ${CONFIG_FILE_NAME} to ${limit} (save it to analyse the file)`,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    edit,
  };
}
