/**
 * Every image profile is well formed: each fact cites a source (a file at a commit, or a documentation page) with the
 * words that show it; capability names are Linux capabilities; paths are absolute; repositories belong to one profile;
 * variants' tag patterns compile; every profile file is registered and tested. Whether each excerpt is really in its
 * upstream file is checked by `npm run verify-profiles` against the repositories' snapshots (not in CI: Bulkhead's
 * tests download nothing).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES } from '../../shared/src/images/profiles/index';
import { profileSources } from '../../shared/src/images/sources';
import type { ProfileFacts } from '../../shared/src/images/profile';
import { repoRoot } from '../../scripts/repo-root';

/** capabilities(7), Linux 6.x. */
const CAPABILITIES = new Set([
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'SYSLOG',
  'WAKE_ALARM',
]);

const root = repoRoot();

function checkFacts(id: string, facts: Partial<ProfileFacts>): void {
  for (const list of [facts.capabilities?.asImageUser ?? [], facts.capabilities?.asRunAsUser ?? []]) {
    const seen = new Set<string>();
    for (const need of list) {
      assert.ok(
        CAPABILITIES.has(need.capability),
        `${id}: ${need.capability} is not a Linux capability (upper case, without CAP_)`,
      );
      assert.ok(!seen.has(need.capability), `${id}: ${need.capability} listed twice`);
      seen.add(need.capability);
      assert.ok(need.why.trim().length > 10, `${id}: ${need.capability} needs a why`);
    }
  }
  const paths = new Set<string>();
  for (const need of facts.paths ?? []) {
    assert.match(need.path, /^\/[^\s]*[^/]$|^\/$/, `${id}: ${need.path} must be absolute, without a trailing slash`);
    assert.ok(!paths.has(need.path), `${id}: ${need.path} listed twice`);
    paths.add(need.path);
    assert.ok(need.why.trim().length > 5, `${id}: ${need.path} needs a why`);
  }
  const user = facts.user;
  if (user) {
    if (user.runAs)
      assert.match(user.runAs.user, /^\d+(:\d+)?$/, `${id}: runAs is a numeric uid:gid, which needs no account lookup`);
    if (user.runAs && user.needsRoot)
      assert.fail(`${id}: an image cannot both need root and run as ${user.runAs.user}`);
    if (user.image.uid !== 0 && user.stepsDown) assert.fail(`${id}: a non-root image user cannot step down`);
  }
  for (const port of facts.publicPorts ?? []) assert.ok(port.port > 0 && port.port < 65536, `${id}: port ${port.port}`);
  if (facts.minMemory) assert.ok(facts.minMemory.bytes >= 1024 * 1024, `${id}: minMemory is in bytes`);
}

describe('image profiles', () => {
  it('every profile file is registered, and has a test', () => {
    const dir = join(root, 'shared', 'src', 'images', 'profiles');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    assert.deepEqual(
      PROFILES.map((p) => p.id).sort(),
      files,
      'profiles/index.ts lists exactly the profile files, each named by its id',
    );
    for (const id of files)
      assert.ok(existsSync(join(root, 'test', 'images', `${id}.test.ts`)), `test/images/${id}.test.ts is missing`);
  });

  it('a repository belongs to one profile', () => {
    const owner = new Map<string, string>();
    for (const profile of PROFILES) {
      for (const repo of profile.repositories) {
        assert.equal(
          repo,
          repo.toLowerCase(),
          `${profile.id}: ${repo} is written in lower case, as references are compared`,
        );
        assert.ok(!/[:@]/.test(repo.replace(/^[^/]+:\d+\//, '')), `${profile.id}: ${repo} has no tag or digest`);
        assert.ok(!owner.has(repo), `${repo} is in ${owner.get(repo)} and ${profile.id}`);
        owner.set(repo, profile.id);
      }
    }
  });

  for (const profile of PROFILES) {
    describe(profile.id, () => {
      it('cites a source for every fact', () => {
        const sources = profileSources(profile);
        // A base image states at least its user; a service image also what its entrypoint and server need.
        assert.ok(
          sources.length >= (profile.role === 'base' ? 1 : 3),
          'a profile states at least its user, and where that was read',
        );
        for (const { where, source } of sources) {
          assert.ok(
            source.excerpt.trim().length >= 8,
            `${where}: the excerpt shows the fact in the source's own words`,
          );
          if (source.url) {
            assert.match(source.url, /^https:\/\/\S+$/, `${where}: a documentation page is an https URL`);
            assert.ok(!source.repo && !source.commit, `${where}: a url or a repository file, not both`);
          } else {
            assert.match(source.repo ?? '', /^[\w.-]+\/[\w.-]+$/, `${where}: repo is owner/name`);
            assert.match(source.commit ?? '', /^[0-9a-f]{40}$/, `${where}: the commit read, 40 hex digits`);
            assert.ok(source.path && !source.path.startsWith('/'), `${where}: the file's path in the repository`);
          }
        }
      });

      it('states well-formed facts', () => {
        assert.ok(profile.repositories.length > 0);
        assert.match(profile.documentation, /^https:\/\//);
        checkFacts(profile.id, profile);
        if (profile.role === 'base') {
          for (const facts of [profile, ...(profile.variants ?? [])]) {
            assert.deepEqual(
              [...(facts.capabilities?.asImageUser ?? []), ...(facts.capabilities?.asRunAsUser ?? [])],
              [],
              `${profile.id}: a base image's needs depend on the command it is given`,
            );
            assert.deepEqual(
              facts.paths ?? [],
              [],
              `${profile.id}: a base image's paths depend on the command it is given`,
            );
          }
        }
        for (const variant of profile.variants ?? []) {
          assert.ok(variant.note.trim().length > 10, `${profile.id}: a variant says what differs`);
          const { when } = variant;
          assert.ok(
            when.tag !== undefined || when.majorFrom !== undefined || when.majorTo !== undefined,
            `${profile.id}: a variant matches some tags`,
          );
          if (when.tag !== undefined)
            assert.doesNotThrow(() => new RegExp(when.tag!), `${profile.id}: ${when.tag} compiles`);
          // A variant for newer majors must know what an untagged reference means; one for older majors (`majorTo` alone)
          // leaves untagged references to the profile's own facts, which describe the current release.
          if (when.majorFrom !== undefined && !profile.latest)
            assert.fail(`${profile.id}: a variant by major version needs \`latest\` for untagged references`);
          checkFacts(`${profile.id} (${variant.note})`, { ...variant });
        }
      });
    });
  }
});
