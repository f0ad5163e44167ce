/**
 * Image runtime profiles: what a known image needs to run hardened, each fact with the upstream text that shows it.
 *
 * A fix that hardens a service (`cap_drop: [ALL]`, `read_only: true`, `user:`) is only a promise if it keeps the
 * service running. What an image needs (the capabilities its entrypoint uses before it steps down, the paths it writes)
 * is in its entrypoint and Dockerfile, which Bulkhead never downloads: a profile writes those facts down, once, with
 * where they were read (a file of the upstream repository at a named commit, or the image's documentation), and the
 * words there that say so. `scripts/verify-profiles.mjs` checks every excerpt against the upstream file.
 *
 * Facts that differ by variant or major version (alpine vs debian, postgres 17 vs 18) are written as variants, which
 * replace the fields they give for the tags they match.
 */

/** Where a fact was read. */
export interface Source {
  /** A GitHub repository `owner/name`, the commit read (40 hex digits) and the file's path there. */
  repo?: string;
  commit?: string;
  path?: string;
  /** Or the image's documentation page. */
  url?: string;
  /** Words of that file or page that show the fact, verbatim (a line or a few, whitespace as written). */
  excerpt: string;
}

export interface Account {
  name: string;
  uid: number;
  gid: number;
}

/** A capability the image needs back after `cap_drop: [ALL]`. */
export interface CapabilityNeed {
  /** Upper case without `CAP_`: `CHOWN`, `SETUID`, `NET_BIND_SERVICE`. */
  capability: string;
  /** What uses it, one clause: "the entrypoint chowns $PGDATA to postgres". */
  why: string;
  source: Source;
}

/** A path the image writes. */
export interface PathNeed {
  /** Absolute path in the container. */
  path: string;
  /**
   * - `runtime`: scratch space that may start empty at every start (sockets, pid files, caches): a tmpfs;
   * - `state`: data to keep (a database's files, uploads): a volume.
   */
  kind: 'runtime' | 'state';
  why: string;
  source: Source;
  /** The image declares it as a `VOLUME`: Docker mounts an anonymous volume there, writable under a read-only root. */
  imageVolume?: boolean;
}

/** A container port whose publishing to other hosts is the service's job (a reverse proxy, DNS, a VPN endpoint). */
export interface PublicPort {
  port: number;
  protocol?: 'tcp' | 'udp';
  why: string;
  source: Source;
}

export interface UserFacts {
  /** The user the image's configuration runs its entrypoint as (its last `USER`, else root). */
  image: Account & { source: Source };
  /** The entrypoint starts as root and runs the service as another user (`exec gosu postgres …`). */
  stepsDown?: { to: Account; tool: string; source: Source };
  /**
   * A non-root `user:` the service may set and still run, as the image documents or its entrypoint allows (a numeric
   * `uid:gid`). Absent when no such user is known to work.
   */
  runAs?: { user: string; name?: string; caveat?: string; source: Source };
  /** Why no `user:` works: the image must start as root (absent when it does not). */
  needsRoot?: { why: string; source: Source };
  /**
   * Non-root accounts the image creates for the software it carries (`node` in the node image, `www-data` in php):
   * what a Dockerfile built on it can switch to with `USER` without creating one. The first is the one to use.
   */
  accounts?: (Account & { source: Source })[];
}

/** Facts a variant (by tag) can change; each given field replaces the profile's. */
export interface ProfileFacts {
  user: UserFacts;
  capabilities: {
    /** Needed when the container starts as the image's own user (typically root, stepping down). */
    asImageUser: CapabilityNeed[];
    /** Needed when the service sets `user:` to `user.runAs` (often none). */
    asRunAsUser: CapabilityNeed[];
  };
  paths: PathNeed[];
  /** An image of the same software built to run as non-root (`nginxinc/nginx-unprivileged`). */
  nonRootVariant?: { image: string; user: string; note: string; source: Source };
  publicPorts: PublicPort[];
  /** The smallest memory limit the service is documented to run with, in bytes. */
  minMemory?: { bytes: number; why: string; source: Source };
  /** The image cannot run with a read-only root filesystem at all. */
  readOnlyUnsupported?: { why: string; source: Source };
  /** The image breaks with `no-new-privileges` (it relies on setuid programs or file capabilities at run time). */
  noNewPrivilegesUnsupported?: { why: string; source: Source };
}

export interface TagMatch {
  /** A regular expression (source text) the tag must match: `alpine`. */
  tag?: string;
  /** Major versions this variant covers, inclusive, read from the tag's leading number (untagged: `latest.major`). */
  majorFrom?: number;
  majorTo?: number;
}

export interface ProfileVariant extends Partial<ProfileFacts> {
  when: TagMatch;
  /** What differs, one sentence: "Alpine variants create postgres with uid 70." */
  note: string;
}

export interface ImageProfile extends ProfileFacts {
  /** `postgres`: file name and docs anchor. */
  id: string;
  /** "PostgreSQL (Docker official image)". */
  title: string;
  /**
   * - `service`: the image runs one known service (a database, a proxy): its capabilities and paths are facts;
   * - `base`: an OS or language image that runs what it is told (`alpine`, `node`): only its user facts are known, and
   *   its capability and path lists are empty, since the command a service gives it decides what it needs.
   */
  role: 'service' | 'base';
  /**
   * Repositories as an image reference names them, without tag: `postgres` (Docker Hub, official), `bitnami/redis`,
   * `ghcr.io/paperless-ngx/paperless-ngx`. Docker Hub mirrors (`docker.io/library/…`, `mirror.gcr.io/…`) are read
   * as Docker Hub.
   */
  repositories: string[];
  /** The image's documentation. */
  documentation: string;
  /** What an untagged or `latest` reference means, when facts differ by major version. */
  latest?: { major: number; source: Source };
  variants?: ProfileVariant[];
}

/** A profile for one reference: its variants applied. */
export interface ResolvedProfile extends ProfileFacts {
  id: string;
  title: string;
  role: ImageProfile['role'];
  documentation: string;
  /** The notes of the variants that apply, in order. */
  notes: string[];
}

/** Typed identity: a profile file reads `export default defineProfile({...})`. */
export function defineProfile(profile: ImageProfile): ImageProfile {
  return profile;
}
