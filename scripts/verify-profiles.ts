/**
 * Checks every source of every image profile against the upstream text it cites: the excerpt must occur in the file
 * at the named commit (whitespace runs compared as one space). Repositories are read from git snapshots on this
 * machine (`BULKHEAD_MIRRORS`, default /work/.mirror, one `<owner>+<name>/repo` git directory each); Bulkhead never
 * downloads anything, so a repository without a snapshot is listed as not checked. Documentation pages (`url`) cannot
 * be read offline and are counted apart.
 *
 *   npm run verify-profiles          exit 1 when an excerpt is not found where it is said to be
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES } from '../shared/src/images/profiles/index';
import { profileSources } from '../shared/src/images/sources';
import { distrolessSources } from '../shared/src/images/distroless';

const mirrors = process.env.BULKHEAD_MIRRORS ?? '/work/.mirror';
const cache = new Map<string, string | null>();

function fileAt(repo: string, commit: string, path: string): string | null {
  const key = `${repo}@${commit}:${path}`;
  if (!cache.has(key)) {
    const dir = join(mirrors, repo.replace('/', '+'), 'repo');
    let text: string | null = null;
    if (existsSync(dir)) {
      try {
        text = execFileSync('git', ['--git-dir', dir, 'show', `${commit}:${path}`], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        text = null;
      }
    }
    cache.set(key, text);
  }
  return cache.get(key)!;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

let verified = 0;
let pages = 0;
const unchecked = new Set<string>();
const failures: string[] = [];
const cited = [
  ...PROFILES.map((profile) => ({ id: profile.id, sources: profileSources(profile) })),
  { id: 'distroless', sources: distrolessSources() },
];
for (const profile of cited) {
  for (const { where, source } of profile.sources) {
    if (source.url) {
      pages++;
      continue;
    }
    const { repo, commit, path } = source;
    if (!repo || !commit || !path) {
      failures.push(`${profile.id} ${where}: neither a url nor repo, commit and path`);
      continue;
    }
    if (!existsSync(join(mirrors, repo.replace('/', '+'), 'repo'))) {
      unchecked.add(repo);
      continue;
    }
    const text = fileAt(repo, commit, path);
    if (text === null) failures.push(`${profile.id} ${where}: ${repo}@${commit.slice(0, 12)}:${path} cannot be read`);
    else if (!squash(text).includes(squash(source.excerpt)))
      failures.push(
        `${profile.id} ${where}: excerpt not in ${repo}@${commit.slice(0, 12)}:${path}: ${JSON.stringify(source.excerpt.slice(0, 120))}`,
      );
    else verified++;
  }
}
console.log(
  `${PROFILES.length} profiles and the distroless table: ${verified} excerpts found in their upstream files, ${pages} documentation pages (not readable offline), ${failures.length} not found`,
);
if (unchecked.size) console.log(`not checked (no snapshot in ${mirrors}): ${[...unchecked].sort().join(', ')}`);
for (const failure of failures) console.log(`  ✗ ${failure}`);
process.exitCode = failures.length ? 1 : 0;
