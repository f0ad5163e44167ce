/**
 * Dev container features whose own `devcontainer-feature.json` widens the container's access: the Dev Container CLI
 * merges a feature's `privileged`, `capAdd`, `securityOpt` and `mounts` into the container it runs, so a feature
 * named in `features` sets them as if the file wrote them. Findings point at the feature's key.
 *
 * Source: devcontainers/features at commit 765e8ebd8f8012fb740cd7b41483a745bcedd212 (2026-07-14):
 *
 * | Feature | File | What it adds |
 * |---|---|---|
 * | `docker-outside-of-docker` (legacy id `docker-from-docker`) | `src/docker-outside-of-docker/devcontainer-feature.json` (version 1.10.0) | `mounts`: bind `/var/run/docker.sock` → `/var/run/docker-host.sock`; `securityOpt`: `label=disable` |
 * | `docker-in-docker` | `src/docker-in-docker/devcontainer-feature.json` (version 4.0.0) | `privileged: true` |
 */
import type { Node } from 'jsonc-parser';
import type { SourceText } from '../text';
import { normalizeHostPath, parseSecurityOpt, type ContainerSpec, type Origin } from '../container/spec';
import { propertiesOf, rangeOfNode, type JsonRef } from './json';

export interface FeatureUse {
  /** The feature id without registry version or digest: `ghcr.io/devcontainers/features/docker-in-docker`. */
  id: string;
  origin: Origin;
}

interface FeatureGrant {
  privileged?: true;
  mounts?: { source: string; target: string }[];
  securityOpt?: string[];
}

const SOCKET_MOUNT: FeatureGrant = {
  mounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker-host.sock' }],
  securityOpt: ['label=disable'],
};

/** By feature id (registry path without the version tag). */
const GRANTS: Record<string, FeatureGrant> = {
  'ghcr.io/devcontainers/features/docker-outside-of-docker': SOCKET_MOUNT,
  'ghcr.io/devcontainers/features/docker-from-docker': SOCKET_MOUNT,
  'ghcr.io/devcontainers/features/docker-in-docker': { privileged: true },
};

/** `ghcr.io/devcontainers/features/docker-in-docker:2` → the id; `@sha256:…` digests too. */
export function featureId(key: string): string {
  const at = key.indexOf('@');
  const withoutDigest = at >= 0 ? key.slice(0, at) : key;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return (colon > slash ? withoutDigest.slice(0, colon) : withoutDigest).toLowerCase();
}

/** Reads `features` and adds what the known ones grant to the spec; every feature is listed. */
export function readFeatures(source: SourceText, property: Node | undefined, spec: ContainerSpec): FeatureUse[] {
  const object = property?.children?.[1];
  if (!object || object.type !== 'object') return [];
  const uses: FeatureUse[] = [];
  for (const [key, feature] of propertiesOf(object)) {
    const id = featureId(key);
    const keyNode = feature.children![0];
    const origin: Origin = {
      range: rangeOfNode(source, keyNode),
      entryRange: rangeOfNode(source, keyNode),
      keyRange: rangeOfNode(source, keyNode),
      via: [],
      ref: { feature: id } satisfies JsonRef,
    };
    uses.push({ id, origin });
    const grant = GRANTS[id];
    if (!grant) continue;
    // A feature's `privileged` is merged as an OR with the file's own: the file cannot turn it off.
    if (grant.privileged && spec.privileged?.value !== true) spec.privileged = { value: true, text: key, origin };
    for (const mount of grant.mounts ?? [])
      spec.mounts.items.push({
        value: {
          type: 'bind',
          source: mount.source,
          hostPath: normalizeHostPath(mount.source),
          target: mount.target,
          readOnly: false,
          syntax: 'long',
        },
        text: key,
        origin,
      });
    for (const opt of grant.securityOpt ?? [])
      spec.securityOpt.items.push({ value: parseSecurityOpt(opt), text: key, origin });
  }
  return uses;
}
