import { ruleDocUrl } from '../../shared/src/docs';
import { rulesOfKind, type FileReport } from '../../shared/src/engine';
import { postureMatrix, type PostureInput } from '../../shared/src/report/posture';
import { postureSubjects } from '../../shared/src/report/subjects';
import type { FileKind } from '../../shared/src/types';
import type { Analyzer } from './analysis';
import type { Configuration } from './configuration';
import type { OpenDocuments } from './documents';
import { readForAnalysis, readForAnalysisSync } from './files';
import { uriOfPath } from './paths';
import type { SecurityReport } from './protocol';
import { DiskEntry, type DiagnosticsStore, type Entry } from './store';
import type { Workspace } from './workspace';
import type { Logger } from './log';

interface Analysed {
  /** The stored entry it comes from, whose rows can be cached: an entry is replaced, never changed. */
  entry?: Entry;
  path: string;
  uri: string;
  kind: FileKind;
  /** The text, read when the services and stages are needed (a file read from disk does not keep it). */
  text: () => string;
  report: FileReport;
}

/** What the report needs of a stored entry, without loading what a file read from disk does not keep. */
function fromEntry(entry: Entry, config: Configuration): Analysed {
  const path = entry.path ?? entry.uri;
  if (!(entry instanceof DiskEntry))
    return { entry, path, uri: entry.uri, kind: entry.kind, text: () => entry.text, report: entry.report };
  const text = () => {
    if (!entry.path || entry.summary.skipped) return '';
    const read = readForAnalysisSync(entry.path, config.forFile(entry.path));
    return 'text' in read ? read.text : '';
  };
  return { entry, path, uri: entry.uri, kind: entry.kind, text, report: entry.summary };
}

const SUBJECTS = new WeakMap<Entry, PostureInput['subjects']>();

/**
 * The workspace's posture matrix. It uses what the workspace scan already knows; when the scan is turned off, the
 * files are found and analysed for this report only (nothing is published).
 */
export async function securityReport(
  deps: {
    store: DiagnosticsStore;
    workspace: Workspace;
    config: Configuration;
    documents: OpenDocuments;
    analyzer: Analyzer;
    log: Logger;
  },
  scanEnabled: boolean,
): Promise<SecurityReport> {
  const { store, workspace, config, documents, analyzer, log } = deps;
  const analysed = new Map<string, Analysed>();
  if (scanEnabled) await workspace.settled();
  for (const document of documents.documents.all()) {
    const entry = await documents.current(document.uri);
    if (entry) analysed.set(entry.key, fromEntry(entry, config));
  }
  if (scanEnabled) {
    for (const entry of store.all()) {
      if (!analysed.has(entry.key)) analysed.set(entry.key, fromEntry(entry, config));
    }
  } else {
    for (const [path, kind] of await workspace.findFiles()) {
      if (analysed.has(path)) continue;
      const fileConfig = config.forFile(path);
      const read = await readForAnalysis(path, fileConfig);
      if ('missing' in read) continue;
      const uri = uriOfPath(path);
      const report: FileReport =
        'skipped' in read
          ? { path, kind, skipped: read.skipped, diagnostics: [] }
          : analyzer.run({
              key: path,
              uri,
              path,
              kind,
              text: read.text,
              version: null,
              config: fileConfig,
              fitChecked: true,
            }).report;
      const text = 'text' in read ? read.text : '';
      analysed.set(path, { path, uri, kind, text: () => text, report });
    }
  }

  const inputs: PostureInput[] = [];
  const uris: Record<string, string> = {};
  for (const file of analysed.values()) {
    uris[file.path] = file.uri;
    let subjects = file.entry && SUBJECTS.get(file.entry);
    if (!subjects) {
      try {
        const text = file.text();
        // The rows read the files a service builds and extends, as its analysis does.
        const context = analyzer.optionsFor({
          path: file.path,
          config: config.forFile(file.path),
          fixes: false,
        }).context;
        subjects = file.report.skipped && !text ? [] : postureSubjects(file.kind, text, file.path, context);
      } catch (error) {
        log.error(`Could not read the services and stages of ${file.path}`, error);
        subjects = [];
      }
      if (file.entry) SUBJECTS.set(file.entry, subjects);
    }
    const rules = config.forFile(file.path).engine.rules;
    const activeRules = new Set(
      rulesOfKind(file.kind)
        .filter((r) => rules[r.meta.id] !== 'off')
        .map((r) => r.meta.id),
    );
    inputs.push({ report: file.report, subjects, activeRules });
  }
  const matrix = postureMatrix(inputs);
  const ruleDocs: Record<string, string> = {};
  for (const row of matrix.rows)
    for (const cell of row.cells) for (const f of cell.findings) ruleDocs[f.ruleId] = ruleDocUrl(f.ruleId);
  return { matrix, uris, folders: [...config.workspaceFolders], ruleDocs };
}
