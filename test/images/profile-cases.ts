/**
 * Per-image tests: what a profile says for a given reference, its variants applied. Each expectation is compared
 * exactly, so a variant that stops matching (or starts matching another tag) fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageRef } from '../../shared/src/dockerfile/image-ref';
import { imageProfile } from '../../shared/src/images/lookup';

export interface ProfileCase {
  /** An image reference as a compose file writes it. */
  image: string;
  /** The resolved profile's id; `null` when the reference must not resolve to this profile (another image). */
  id: string | null;
  /** `user.image` as `name uid:gid`. */
  imageUser?: string;
  /** `user.stepsDown.to` as `name uid:gid`, or null when the image does not step down. */
  stepsDownTo?: string | null;
  /** `user.runAs.user`, or null when no non-root user is known to work. */
  runAs?: string | null;
  /** `user.accounts`, each `name uid:gid`. */
  accounts?: string[];
  /** `needsRoot` present. */
  needsRoot?: boolean;
  /** The capabilities needed as the image user and as `runAs`, sorted. */
  capsAsImageUser?: string[];
  capsAsRunAsUser?: string[];
  /** Paths by kind, in profile order. */
  runtimePaths?: string[];
  statePaths?: string[];
  publicPorts?: string[];
  nonRootVariant?: string | null;
  minMemoryBytes?: number | null;
  readOnlyUnsupported?: boolean;
  noNewPrivilegesUnsupported?: boolean;
}

const account = (a: { name: string; uid: number; gid: number }): string => `${a.name} ${a.uid}:${a.gid}`;

export function profileCases(id: string, cases: ProfileCase[]): void {
  describe(`image profile ${id}`, () => {
    for (const c of cases) {
      it(c.image, () => {
        const profile = imageProfile(parseImageRef(c.image));
        if (c.id === null) {
          assert.notEqual(profile?.id, id, `${c.image} must not resolve to ${id}`);
          return;
        }
        assert.ok(profile, `${c.image} resolves to no profile`);
        assert.equal(profile.id, c.id);
        const { user, capabilities, paths } = profile;
        if (c.imageUser !== undefined) assert.equal(account(user.image), c.imageUser, 'user.image');
        if (c.stepsDownTo !== undefined)
          assert.equal(user.stepsDown ? account(user.stepsDown.to) : null, c.stepsDownTo, 'user.stepsDown');
        if (c.runAs !== undefined) assert.equal(user.runAs?.user ?? null, c.runAs, 'user.runAs');
        if (c.accounts !== undefined) assert.deepEqual((user.accounts ?? []).map(account), c.accounts, 'user.accounts');
        if (c.needsRoot !== undefined) assert.equal(!!user.needsRoot, c.needsRoot, 'user.needsRoot');
        if (c.capsAsImageUser)
          assert.deepEqual(
            capabilities.asImageUser.map((n) => n.capability).sort(),
            c.capsAsImageUser,
            'capabilities.asImageUser',
          );
        if (c.capsAsRunAsUser)
          assert.deepEqual(
            capabilities.asRunAsUser.map((n) => n.capability).sort(),
            c.capsAsRunAsUser,
            'capabilities.asRunAsUser',
          );
        if (c.runtimePaths)
          assert.deepEqual(
            paths.filter((p) => p.kind === 'runtime').map((p) => p.path),
            c.runtimePaths,
            'runtime paths',
          );
        if (c.statePaths)
          assert.deepEqual(
            paths.filter((p) => p.kind === 'state').map((p) => p.path),
            c.statePaths,
            'state paths',
          );
        if (c.publicPorts)
          assert.deepEqual(
            profile.publicPorts.map((p) => `${p.port}/${p.protocol ?? 'tcp'}`),
            c.publicPorts,
            'public ports',
          );
        if (c.nonRootVariant !== undefined)
          assert.equal(profile.nonRootVariant?.image ?? null, c.nonRootVariant, 'nonRootVariant');
        if (c.minMemoryBytes !== undefined)
          assert.equal(profile.minMemory?.bytes ?? null, c.minMemoryBytes, 'minMemory');
        if (c.readOnlyUnsupported !== undefined)
          assert.equal(!!profile.readOnlyUnsupported, c.readOnlyUnsupported, 'readOnlyUnsupported');
        if (c.noNewPrivilegesUnsupported !== undefined)
          assert.equal(
            !!profile.noNewPrivilegesUnsupported,
            c.noNewPrivilegesUnsupported,
            'noNewPrivilegesUnsupported',
          );
      });
    }
  });
}
