import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../../shared/src/detect';
import type { FileKind } from '../../shared/src/types';
import { UNKNOWN_INPUT, type ClientInput } from './client-input';
import type { Configuration } from './configuration';
import type { Linter, LintTarget } from './linter';
import { keyOfUri, pathOfUri, type FileKey } from './paths';
import type { DiagnosticsStore, Entry } from './store';
import type { Logger } from './log';

/** Language ids that editors give these files, for documents whose name says nothing (`untitled:`, `prod.yml`). */
const KIND_BY_LANGUAGE: Record<string, FileKind> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  dockercompose: 'compose',
};

/**
 * The longest an analysis waits for the client's messages to stop coming (the old default debounce): a client that
 * never pauses still gets its diagnostics.
 */
const MAX_COALESCE_MS = 100;

/**
 * Open documents: analysed on open at once, and after each change as soon as the server is idle. Edits that come
 * while an analysis runs, or that are already on their way (the transport hands the connection one message a turn),
 * are applied first, and only the newest text is analysed: a burst costs one analysis, not one per edit. The
 * `debounceMs` setting (default 0) waits for a pause in typing instead. Results are computed on the document's current
 * text and stored with its version, so an older text's results never replace a newer one's.
 */
export class OpenDocuments {
  readonly documents = new TextDocuments(TextDocument);
  /** Pending analyses, by URI: how to cancel each, and since when its document waits (edits in a burst keep it). */
  private timers = new Map<string, { cancel: () => void; since: number }>();
  /** Open documents by file key: the workspace scan asks for every file it meets. */
  private uriByKey = new Map<FileKey, string>();

  constructor(
    private readonly config: Configuration,
    private readonly linter: Linter,
    private readonly store: DiagnosticsStore,
    private readonly log: Logger,
    /** A document was closed: true when the workspace scan takes the file back from disk (its entry is replaced). */
    private readonly onClosed: (key: FileKey, path: string | undefined) => boolean,
    /** A document was analysed: files that read it (a Compose file building this Dockerfile) follow its unsaved text. */
    private readonly onAnalysed: (entry: Entry) => void,
    /** Whether client messages are still on their way: edits among them are applied before the analysis. */
    private readonly input: ClientInput = UNKNOWN_INPUT,
  ) {}

  listen(connection: Connection): void {
    this.documents.onDidOpen(({ document }) => {
      this.uriByKey.set(keyOfUri(document.uri), document.uri);
      void this.lintNow(document.uri);
    });
    this.documents.onDidChangeContent(({ document }) => this.schedule(document));
    this.documents.onDidClose(({ document }) => {
      this.cancel(document.uri);
      const key = keyOfUri(document.uri);
      this.uriByKey.delete(key);
      if (!this.onClosed(key, pathOfUri(document.uri)) && this.store.get(key)?.version !== null) this.store.delete(key);
    });
    this.documents.listen(connection);
  }

  kindOf(document: TextDocument): FileKind | undefined {
    const path = pathOfUri(document.uri);
    return detectKind(path ?? document.uri) ?? KIND_BY_LANGUAGE[document.languageId.toLowerCase()];
  }

  /** The document open for a path, if any. */
  byKey(key: FileKey): TextDocument | undefined {
    const uri = this.uriByKey.get(key);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  textOfPath(path: string): string | undefined {
    return this.byKey(path)?.getText();
  }

  isOpen(key: FileKey): boolean {
    return this.byKey(key) !== undefined;
  }

  /** The diagnostics of the document's current text, analysing it now if an analysis is pending. */
  async current(uri: string): Promise<Entry | undefined> {
    const document = this.documents.get(uri);
    if (!document) return this.store.get(keyOfUri(uri));
    const entry = this.store.get(keyOfUri(uri));
    if (entry && entry.version === document.version) return entry;
    return this.lintNow(uri);
  }

  /** Analyses every open document again (configuration changed). */
  async relintAll(): Promise<void> {
    for (const document of this.documents.all()) await this.lintNow(document.uri, true);
  }

  /** Drops pending analyses (shutdown). */
  stop(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private schedule(document: TextDocument): void {
    const { uri } = document;
    const since = this.timers.get(uri)?.since ?? performance.now();
    this.cancel(uri);
    const entry = this.store.get(keyOfUri(uri));
    if (entry && entry.version === document.version) return;
    const version = document.version;
    const delay = this.config.forFile(pathOfUri(uri)).settings.debounceMs;
    const run = () => {
      this.timers.delete(uri);
      void this.lintNow(uri, false, version);
    };
    if (delay > 0) {
      const timer = setTimeout(run, delay);
      this.timers.set(uri, { cancel: () => clearTimeout(timer), since });
      return;
    }
    // The next turn of the event loop (a 0 ms timer would wait at least 1 ms), and again while the client's messages
    // keep coming: the next edit among them reschedules this analysis for its own version.
    const whenIdle = () => {
      if (this.input.pending() && performance.now() - since < MAX_COALESCE_MS) {
        const immediate = setImmediate(whenIdle);
        this.timers.set(uri, { cancel: () => clearImmediate(immediate), since });
      } else run();
    };
    const immediate = setImmediate(whenIdle);
    this.timers.set(uri, { cancel: () => clearImmediate(immediate), since });
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
  }

  /**
   * @param force analyse even when the stored result is for this version (the configuration changed)
   * @param expectedVersion the version a scheduled run was for: a newer edit has its own
   */
  private async lintNow(uri: string, force = false, expectedVersion?: number): Promise<Entry | undefined> {
    try {
      await this.config.ready;
      const document = this.documents.get(uri);
      if (!document) return undefined;
      if (expectedVersion !== undefined && document.version !== expectedVersion) return undefined;
      const key = keyOfUri(uri);
      const stored = this.store.get(key);
      if (!force && stored && stored.version === document.version) return stored;
      const kind = this.kindOf(document);
      if (!kind) return undefined;
      this.cancel(uri);
      const target: LintTarget = { key, uri, path: pathOfUri(uri), kind, version: document.version };
      const entry = this.linter.lint(target, document.getText());
      if (entry) this.onAnalysed(entry);
      return entry;
    } catch (error) {
      this.log.error(`Could not analyse ${uri}`, error);
      return undefined;
    }
  }
}
