/**
 * From an image reference to the profile of the image it names, its variants applied for the reference's tag.
 */
import type { ImageRef } from '../dockerfile/image-ref';
import type { ImageProfile, ProfileVariant, ResolvedProfile, TagMatch } from './profile';
import { PROFILES } from './profiles/index';
import { RecentMap } from '../recent-map';

/** Registries that serve Docker Hub's images under the same paths. */
const HUB_MIRRORS: Record<string, string> = {
  'mirror.gcr.io': '',
  'public.ecr.aws': 'docker/library/',
  'registry-1.docker.io': '',
};

let byRepository: Map<string, ImageProfile> | undefined;

function index(profiles: readonly ImageProfile[]): Map<string, ImageProfile> {
  const map = new Map<string, ImageProfile>();
  for (const profile of profiles) for (const repo of profile.repositories) map.set(repo.toLowerCase(), profile);
  return map;
}

/** The repository a reference names, in the form profiles list (`postgres`, `ghcr.io/owner/name`). */
export function repositoryOf(ref: ImageRef): string {
  if (ref.registry === undefined) return ref.path;
  const mirrored = HUB_MIRRORS[ref.registry];
  if (mirrored !== undefined && ref.path.startsWith(mirrored)) {
    const path = ref.path.slice(mirrored.length);
    return path.startsWith('library/') ? path.slice('library/'.length) : path;
  }
  return `${ref.registry}/${ref.path}`;
}

/** The profile of the image a reference names, or undefined when Bulkhead has none. */
export function profileOf(ref: ImageRef, profiles?: readonly ImageProfile[]): ImageProfile | undefined {
  const map = profiles ? index(profiles) : (byRepository ??= index(PROFILES));
  return map.get(repositoryOf(ref));
}

/** The tag's major version: `16.3-alpine` → 16; untagged, `latest` or a name-only tag (`alpine`) → the profile's latest. */
export function majorOf(tag: string | undefined, profile: Pick<ImageProfile, 'latest'>): number | undefined {
  const leading = /^v?(\d+)/.exec(tag ?? '');
  if (leading) return Number(leading[1]);
  return profile.latest?.major;
}

export function matches(when: TagMatch, tag: string | undefined, major: number | undefined): boolean {
  if (when.tag !== undefined && !new RegExp(when.tag).test(tag ?? 'latest')) return false;
  if (when.majorFrom !== undefined && (major === undefined || major < when.majorFrom)) return false;
  if (when.majorTo !== undefined && (major === undefined || major > when.majorTo)) return false;
  return true;
}

/** The profile's facts for this reference: every variant that matches its tag, applied in order. */
export function resolveProfile(profile: ImageProfile, tag: string | undefined): ResolvedProfile {
  const major = majorOf(tag, profile);
  const {
    id,
    title,
    role,
    documentation,
    user,
    capabilities,
    paths,
    nonRootVariant,
    publicPorts,
    minMemory,
    readOnlyUnsupported,
    noNewPrivilegesUnsupported,
  } = profile;
  let resolved: ResolvedProfile = { id, title, role, documentation, user, capabilities, paths, publicPorts, notes: [] };
  if (nonRootVariant) resolved.nonRootVariant = nonRootVariant;
  if (minMemory) resolved.minMemory = minMemory;
  if (readOnlyUnsupported) resolved.readOnlyUnsupported = readOnlyUnsupported;
  if (noNewPrivilegesUnsupported) resolved.noNewPrivilegesUnsupported = noNewPrivilegesUnsupported;
  for (const variant of profile.variants ?? []) {
    if (!matches(variant.when, tag, major)) continue;
    resolved = applyVariant(resolved, variant);
  }
  return resolved;
}

function applyVariant(resolved: ResolvedProfile, variant: ProfileVariant): ResolvedProfile {
  const { when: _when, note, ...facts } = variant;
  return { ...resolved, ...facts, notes: [...resolved.notes, note] };
}

/** The resolved profile of the image a reference names, or undefined. */
export function imageProfile(ref: ImageRef | undefined): ResolvedProfile | undefined {
  if (!ref) return undefined;
  const profile = profileOf(ref);
  if (!profile) return undefined;
  // Every rule that reads an image asks again for the same few references: resolving (variant patterns compiled and
  // matched) once per profile and tag. Profiles are constant data, and resolved ones are only read.
  const key = `${profile.id}\u0000${ref.tag ?? ''}`;
  let resolved = resolvedProfiles.get(key);
  if (!resolved) resolvedProfiles.set(key, (resolved = resolveProfile(profile, ref.tag)));
  return resolved;
}

const resolvedProfiles = new RecentMap<string, ResolvedProfile>(512);
