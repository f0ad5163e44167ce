/**
 * What a container needs to run hardened, from what is known of it: the settings it is given (its user), the profile
 * of its image, and the Dockerfile it is built from when that is in the workspace. Kind-neutral: it reads the container
 * spec and the facts, so a compose service, a devcontainer or a `docker run` line get the same answers.
 *
 * Where nothing tells (an image without a profile, started as root, with an entrypoint Bulkhead cannot read), the
 * answer says it is not known, and the fixes built on it say what they assume.
 */
import type { ContainerSpec } from '../container/spec';
import { isRootUser, startsAsRoot } from '../dockerfile/users';
import type { BuiltImageFacts } from './built-image';
import type { ResolvedProfile } from './profile';

/** A need, why, and what says so (for fix titles, hovers and the posture report). */
export interface Need {
  why: string;
  /** "the `postgres` image profile", "`app/docker-entrypoint.sh`", "`app/Dockerfile`". */
  basis: string;
}

export interface CapabilityNeedPlan extends Need {
  capability: string;
}

export interface PathNeedPlan extends Need {
  path: string;
  /** The image declares it as a VOLUME: already writable under a read-only root. */
  imageVolume?: boolean;
}

export type UserPlan =
  /** A non-root user the image is known to run as. */
  | { kind: 'known'; user: string; why: string; caveat?: string }
  /** The image must start as root: no user fix, and why. */
  | { kind: 'needs-root'; why: string; alternative?: string }
  /** Nothing tells: a numeric user, and what that assumes. */
  | { kind: 'assumed'; user: string; assumption: string };

export interface ServiceNeeds {
  /** The facts used, in words; empty when none. */
  basis: string[];
  /** The profile that describes what runs (the image's, or the base image's kept by the Dockerfile). */
  profile?: ResolvedProfile;
  built?: BuiltImageFacts;
  /** Who the container's first process runs as. */
  startsAs: 'root' | 'non-root' | 'unknown';
  /** A root start that hands the service to another user. */
  stepsDown?: { tool: string; to?: string; basis: string };
  /** What `cap_add` needs after `cap_drop: [ALL]`; `known: false` when nothing tells what a root start needs. */
  capabilities: { known: boolean; needs: CapabilityNeedPlan[] };
  /** Paths written at run time that may start empty (tmpfs). */
  runtimePaths: PathNeedPlan[];
  /** Data to keep (volumes). */
  statePaths: PathNeedPlan[];
  /** Folders the Dockerfile makes writable, runtime or state unknown. */
  writeTargets: PathNeedPlan[];
  user: UserPlan;
  /** `443/tcp`: ports whose publishing to other hosts is the service's job. */
  publicPorts: Map<string, Need>;
  minMemory?: { bytes: number } & Need;
  readOnlyUnsupported?: Need;
  noNewPrivilegesUnsupported?: Need;
}

/** The numeric user for images Bulkhead knows nothing of: it needs no account in the image (distroless's `nonroot`). */
export const ASSUMED_USER = '65532:65532';

const TMP: Omit<PathNeedPlan, 'basis'> = {
  path: '/tmp',
  why: 'temporary files: most programs expect /tmp to be writable',
};

export interface NeedsInput {
  spec: ContainerSpec;
  /** The profile of the image the container names (`image:`), when it has one and is not built here. */
  imageProfile?: ResolvedProfile;
  built?: BuiltImageFacts;
  /** How to name the built Dockerfile and files of its context in messages (relative to the file being checked). */
  describePath?: (path: string) => string;
}

export function serviceNeeds({ spec, imageProfile, built, describePath = (p) => p }: NeedsInput): ServiceNeeds {
  // A built image runs what its Dockerfile says; the image it is tagged as (`image:` beside `build:`) is its name.
  const profile = built ? built.baseProfile : imageProfile;
  const profileBasis = profile ? `the \`${profile.id}\` image profile` : '';
  const dockerfileBasis = built ? `\`${describePath(built.dockerfile)}\`` : '';
  const basis = new Set<string>();
  const startsAs = startUser(spec, profile, built);
  const needs: ServiceNeeds = {
    basis: [],
    startsAs,
    capabilities: { known: false, needs: [] },
    runtimePaths: [],
    statePaths: [],
    writeTargets: [],
    user: {
      kind: 'assumed',
      user: ASSUMED_USER,
      assumption:
        'the image runs as any user: its files readable by all, and nothing written outside tmpfs and volumes',
    },
    publicPorts: new Map(),
  };
  if (profile) needs.profile = profile;
  if (built) needs.built = built;

  // Who steps down, when the start is root.
  if (startsAs === 'root') {
    const script = built?.entrypoint?.stepsDown;
    if (script)
      needs.stepsDown = {
        tool: script.tool,
        ...(script.to ? { to: script.to } : {}),
        basis: `\`${describePath(built!.entrypoint!.script)}\``,
      };
    else if (profile?.user.stepsDown)
      needs.stepsDown = { tool: profile.user.stepsDown.tool, to: profile.user.stepsDown.to.name, basis: profileBasis };
  }

  // Capabilities.
  const caps: CapabilityNeedPlan[] = [];
  const addCap = (capability: string, why: string, by: string): void => {
    if (!caps.some((c) => c.capability === capability)) caps.push({ capability, why, basis: by });
    basis.add(by);
  };
  let known = false;
  const serviceProfile = profile?.role === 'service' ? profile : undefined;
  if (startsAs === 'non-root') {
    // A process with a non-zero uid loses its effective capabilities at execve (capabilities(7)); only file
    // capabilities and the profile's needs as that user remain.
    known = true;
    for (const need of serviceProfile?.capabilities.asRunAsUser ?? []) addCap(need.capability, need.why, profileBasis);
  } else if (startsAs === 'root') {
    if (built?.entrypoint) {
      known = true;
      for (const c of built.entrypoint.capabilities)
        addCap(c.capability, c.reason.why, `\`${describePath(built.entrypoint.script)}\``);
    } else if (serviceProfile && !built?.ownEntrypoint) {
      known = true;
      for (const need of serviceProfile.capabilities.asImageUser) addCap(need.capability, need.why, profileBasis);
    }
  }
  if (known && built) {
    for (const c of built.fileCapabilities) addCap(c.capability, c.reason.why, dockerfileBasis);
    // Docker 20.10+ lets containers bind low ports without it; other runtimes do not.
    if (built.lowPorts.length)
      addCap(
        'NET_BIND_SERVICE',
        `the image listens on port ${built.lowPorts.map((p) => p.port).join(', ')} (EXPOSE), below 1024`,
        dockerfileBasis,
      );
  }
  if (known && startsAs === 'non-root' && !serviceProfile && !built) basis.add('the user it runs as');
  needs.capabilities = { known, needs: caps.sort((a, b) => a.capability.localeCompare(b.capability)) };

  // Paths.
  if (serviceProfile && !built?.ownEntrypoint) {
    for (const p of serviceProfile.paths) {
      const plan: PathNeedPlan = {
        path: p.path,
        why: p.why,
        basis: profileBasis,
        ...(p.imageVolume ? { imageVolume: true } : {}),
      };
      (p.kind === 'runtime' ? needs.runtimePaths : needs.statePaths).push(plan);
      basis.add(profileBasis);
    }
  }
  if (built) {
    for (const v of built.volumes) {
      if (!needs.statePaths.some((p) => p.path === v.path))
        needs.statePaths.push({ path: v.path, why: 'declared as a VOLUME', basis: dockerfileBasis, imageVolume: true });
    }
    for (const t of built.writeTargets) {
      if (!needs.statePaths.some((p) => p.path === t.path) && !needs.runtimePaths.some((p) => p.path === t.path)) {
        needs.writeTargets.push({
          path: t.path,
          why: `the Dockerfile makes it writable (${t.reason.why})`,
          basis: dockerfileBasis,
        });
      }
    }
  }
  if (!needs.runtimePaths.some((p) => p.path === '/tmp')) needs.runtimePaths.push({ ...TMP, basis: 'common practice' });

  // The user a service can be given.
  needs.user = userPlan(profile, built, imageProfile, profileBasis);
  if (needs.user.kind !== 'assumed')
    basis.add(
      needs.user.kind === 'needs-root' && built?.rootDaemon ? dockerfileBasis : profileBasis || dockerfileBasis,
    );

  if (serviceProfile) {
    for (const port of serviceProfile.publicPorts)
      needs.publicPorts.set(`${port.port}/${port.protocol ?? 'tcp'}`, { why: port.why, basis: profileBasis });
    if (serviceProfile.minMemory)
      needs.minMemory = {
        bytes: serviceProfile.minMemory.bytes,
        why: serviceProfile.minMemory.why,
        basis: profileBasis,
      };
    if (serviceProfile.readOnlyUnsupported)
      needs.readOnlyUnsupported = { why: serviceProfile.readOnlyUnsupported.why, basis: profileBasis };
    if (serviceProfile.noNewPrivilegesUnsupported)
      needs.noNewPrivilegesUnsupported = { why: serviceProfile.noNewPrivilegesUnsupported.why, basis: profileBasis };
  }
  if (built?.fileCapabilities.length && startsAs === 'non-root' && !needs.noNewPrivilegesUnsupported) {
    // no-new-privileges keeps execve from granting file capabilities to a non-root process.
    const c = built.fileCapabilities[0];
    needs.noNewPrivilegesUnsupported = {
      why: `${c.reason.why}, which no-new-privileges keeps a non-root process from gaining`,
      basis: dockerfileBasis,
    };
  }
  basis.delete('');
  needs.basis = [...basis];
  return needs;
}

function startUser(
  spec: ContainerSpec,
  profile: ResolvedProfile | undefined,
  built: BuiltImageFacts | undefined,
): ServiceNeeds['startsAs'] {
  const user = spec.user;
  if (user) {
    if (user.value === undefined) return 'unknown';
    const written = user.value.trim();
    if (written) return isRootUser(written) ? 'root' : 'non-root';
  }
  if (built?.user) return built.user.isRoot ? 'root' : 'non-root';
  const image = built ? built.baseImageProfile : profile;
  if (image) return image.user.image.uid === 0 ? 'root' : 'non-root';
  // OS and language images and Docker Hub's official ones run as root unless a USER says otherwise.
  if (built?.base && startsAsRoot(built.base)) return 'root';
  return 'unknown';
}

function userPlan(
  profile: ResolvedProfile | undefined,
  built: BuiltImageFacts | undefined,
  imageProfile: ResolvedProfile | undefined,
  profileBasis: string,
): UserPlan {
  if (built?.rootDaemon) return { kind: 'needs-root', why: `it starts ${built.rootDaemon.what}` };
  const running = profile ?? (built ? undefined : imageProfile);
  if (running?.user.needsRoot) {
    const variant = running.nonRootVariant;
    return {
      kind: 'needs-root',
      why: running.user.needsRoot.why,
      ...(variant ? { alternative: `\`${variant.image}\` runs as \`${variant.user}\`: ${variant.note}` } : {}),
    };
  }
  if (running?.user.runAs) {
    const { user, name, caveat } = running.user.runAs;
    return {
      kind: 'known',
      user,
      why: `${profileBasis} runs it as ${name ? `\`${name}\`` : `\`${user}\``}`,
      ...(caveat ? { caveat } : {}),
    };
  }
  // An account the image ships for its software: the one it lists, or the one its entrypoint steps down to.
  const image = built ? built.baseImageProfile : running;
  const account = image?.user.accounts?.[0] ?? image?.user.stepsDown?.to;
  if (image && account)
    return { kind: 'known', user: account.name, why: `the \`${image.id}\` image has the account \`${account.name}\`` };
  return {
    kind: 'assumed',
    user: ASSUMED_USER,
    assumption: 'the image runs as any user: its files readable by all, and nothing written outside tmpfs and volumes',
  };
}
