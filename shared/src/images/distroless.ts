/**
 * The distroless images the full-OS fix moves a program to, as GoogleContainerTools/distroless publishes them: which
 * runtimes and versions exist, what the images hold, and the user `:nonroot` runs as. Each fact with its source
 * (checked by `npm run verify-profiles`).
 */
import type { Source } from './profile';

const REPO = 'GoogleContainerTools/distroless';
const COMMIT = 'cd080764af3103b2f49fb5eb23297c72c945e77a';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const row = (image: string, arches: string): Source =>
  at('README.md', `| gcr.io/distroless/${image} | latest, nonroot, debug, debug-nonroot | ${arches} |`);

export interface PublishedImage {
  /** `nodejs22-debian13`, the path under gcr.io/distroless/. */
  name: string;
  /** The runtime's major version (Node.js 22, Java 21); undefined for static, base and cc. */
  major?: number;
  source: Source;
}

export const DISTROLESS = {
  /** The Debian release the published images are built on. */
  debian: { release: 13, source: at('README.md', 'Distroless images are based on Debian 13 (trixie).') },
  /** The uid and gid `:nonroot` images run as. */
  nonroot: { uid: 65532, source: at('common/variables.bzl', 'NONROOT = 65532') },
  static: {
    name: 'static-debian13',
    source: row('static-debian13', 'amd64, arm64, arm, s390x, ppc64le, riscv64'),
  } satisfies PublishedImage,
  base: {
    name: 'base-debian13',
    source: row('base-debian13', 'amd64, arm64, arm, s390x, ppc64le, riscv64'),
  } satisfies PublishedImage,
  cc: {
    name: 'cc-debian13',
    source: row('cc-debian13', 'amd64, arm64, arm, s390x, ppc64le, riscv64'),
  } satisfies PublishedImage,
  /** What static holds (base and cc hold it too): no CA bundle needs copying. */
  staticHolds: { caCertificates: true, source: at('base/README.md', '* ca-certificates') },
  /** cc adds the C++ runtime to base. */
  ccHolds: { libstdcxx: true, source: at('cc/config.bzl', '"libstdc++6",') },
  nodejs: [
    { name: 'nodejs22-debian13', major: 22, source: row('nodejs22-debian13', 'amd64, arm64, arm, s390x, ppc64le') },
    { name: 'nodejs24-debian13', major: 24, source: row('nodejs24-debian13', 'amd64, arm64, s390x, ppc64le') },
    { name: 'nodejs26-debian13', major: 26, source: row('nodejs26-debian13', 'amd64, arm64, s390x, ppc64le') },
  ] satisfies PublishedImage[],
  java: [
    { name: 'java17-debian13', major: 17, source: row('java17-debian13', 'amd64, arm64, s390x, ppc64le, riscv64') },
    { name: 'java21-debian13', major: 21, source: row('java21-debian13', 'amd64, arm64, s390x, ppc64le, riscv64') },
    { name: 'java25-debian13', major: 25, source: row('java25-debian13', 'amd64, arm64, s390x, ppc64le, riscv64') },
  ] satisfies PublishedImage[],
  python: {
    name: 'python3-debian13',
    version: '3.13',
    source: at('python3/README.md', '* Python 3.13 and its dependencies.'),
    imageSource: row('python3-debian13', 'amd64, arm64, riscv64'),
  },
};

/** Every source above, for the checker. */
export function distrolessSources(): { where: string; source: Source }[] {
  const d = DISTROLESS;
  return [
    { where: 'debian', source: d.debian.source },
    { where: 'nonroot', source: d.nonroot.source },
    { where: 'static', source: d.static.source },
    { where: 'base', source: d.base.source },
    { where: 'cc', source: d.cc.source },
    { where: 'staticHolds', source: d.staticHolds.source },
    { where: 'ccHolds', source: d.ccHolds.source },
    ...d.nodejs.map((n) => ({ where: n.name, source: n.source })),
    ...d.java.map((n) => ({ where: n.name, source: n.source })),
    { where: 'python.version', source: d.python.source },
    { where: d.python.name, source: d.python.imageSource },
  ];
}

/**
 * The published image for a runtime major: the same one, else the nearest newer one (a program runs on a newer
 * Node.js or Java more often than on an older one), else the newest; `exact` says whether the version matches.
 */
export function nearestRuntime(
  images: readonly PublishedImage[],
  major: number | undefined,
): { image: PublishedImage; exact: boolean } {
  const sorted = [...images].sort((a, b) => a.major! - b.major!);
  if (major === undefined) return { image: sorted[sorted.length - 1], exact: false };
  const same = sorted.find((i) => i.major === major);
  if (same) return { image: same, exact: true };
  return { image: sorted.find((i) => i.major! > major) ?? sorted[sorted.length - 1], exact: false };
}
