import type { FolderEntry } from '../../shared/src/context';
import { listFolderWithin, type ReadRoots } from '../../shared/src/io/read-file';
import { RecentMap } from '../../shared/src/recent-map';

/** Folders and entries kept: a build context at the core's listing limit (20,000 entries) fits several times. */
const MAX_FOLDERS = 8192;
const MAX_ENTRIES = 100_000;

/**
 * Folder listings kept between analyses. A Dockerfile that copies its build context lists the whole context at every
 * analysis, so at every keystroke: up to 20,000 entries, about 60 ms. A listing changes only when a path below it is
 * created or deleted, which the file watchers report (`forget`), so listings are kept only while the client watches
 * files for the server (`watched`); otherwise each analysis lists again. Keyed by the read roots too: a listing is
 * what those roots allow, and a configuration change brings new roots. A folder the editor does not watch (VS Code's
 * `files.watcherExclude`, node_modules by default) is seen anew at the next event anywhere or the next scan.
 */
export class FolderListings {
  /** The client reports created and deleted paths (the server's watcher registration succeeded). */
  watched = false;
  /** Per roots, per folder: its entries, or null when it cannot be listed. */
  private byRoots = new WeakMap<ReadRoots, RecentMap<string, readonly FolderEntry[] | null>>();

  constructor(private readonly list: typeof listFolderWithin = listFolderWithin) {}

  listWithin(path: string, roots: ReadRoots): readonly FolderEntry[] | undefined {
    if (!this.watched) return this.list(path, roots);
    let kept = this.byRoots.get(roots);
    if (!kept)
      this.byRoots.set(roots, (kept = new RecentMap(MAX_FOLDERS, (entries) => entries?.length ?? 0, MAX_ENTRIES)));
    const known = kept.get(path);
    if (known !== undefined) return known ?? undefined;
    const listed = this.list(path, roots);
    kept.set(path, listed ?? null);
    return listed;
  }

  /** A path was created or deleted (or the watcher's view is in doubt): every listing is read again when asked. */
  forget(): void {
    this.byRoots = new WeakMap();
  }
}
