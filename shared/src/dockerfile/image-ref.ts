/** Image references as Docker reads them: `[registry/]path[:tag][@digest]`. */
export interface ImageRef {
  /** As written after variable substitution. */
  text: string;
  /** Registry host when one is written (`gcr.io`), else undefined (Docker Hub). */
  registry?: string;
  /** Repository path without registry; Docker Hub official images without `library/` (`node`, `bitnami/redis`). */
  path: string;
  /** Last path segment (`node`, `static-debian12`). */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  if ((registry === undefined || registry === 'docker.io' || registry === 'index.docker.io') && rest.startsWith('library/')) {
    rest = rest.slice('library/'.length);
  }
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = undefined;
  const path = rest.toLowerCase();
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { text, registry: registry?.toLowerCase(), path, name, tag, digest };
}

/**
 * What a base image brings, as far as its name tells:
 * - `scratch`: nothing at all;
 * - `distroless`: no shell, no package manager (distroless, Chainguard non-dev, `-micro` variants);
 * - `full-os`: a shell and a package manager (the OS images and the language images built on them);
 * - `slim`: a shell and a package manager, trimmed (`-slim`); not reported as full OS;
 * - `unknown`: a name we cannot judge (private images).
 */
export type BaseImageClass = 'scratch' | 'distroless' | 'full-os' | 'slim' | 'unknown';

/** Images that carry a shell and a package manager in every variant except `-slim`, `-distroless` and the like. */
const FULL_OS_IMAGES = new Set([
  'ubuntu', 'debian', 'centos', 'fedora', 'alpine', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux',
  'opensuse/leap', 'opensuse/tumbleweed', 'photon', 'clearlinux', 'buildpack-deps',
  'node', 'python', 'pypy', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'sapmachine', 'ibm-semeru-runtimes',
  'golang', 'rust', 'ruby', 'php', 'perl', 'erlang', 'elixir', 'haskell', 'swift', 'julia', 'r-base', 'gcc', 'maven', 'gradle',
  'dotnet/sdk', 'dotnet/runtime', 'dotnet/aspnet', 'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/runtime',
  'mcr.microsoft.com/dotnet/aspnet', 'ubi8/ubi', 'ubi9/ubi', 'ubi8', 'ubi9', 'centos/centos', 'bitnami/minideb',
]);

export function classifyBase(ref: ImageRef): BaseImageClass {
  const full = ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  if (ref.path === 'scratch' && !ref.registry) return 'scratch';
  if (ref.path.includes('distroless') || full.startsWith('gcr.io/distroless/')) return 'distroless';
  if (ref.registry === 'cgr.dev') return ref.tag && /(^|-)dev$/.test(ref.tag) ? 'full-os' : 'distroless';
  if (/(^|\/)ubi\d*-micro$/.test(ref.path) || /(^|[-_])micro$/.test(ref.path)) return 'distroless';
  const tag = ref.tag ?? '';
  if (/(^|-)(distroless|chiseled)(-|$)/.test(tag)) return 'distroless';
  const known =
    FULL_OS_IMAGES.has(ref.path) ||
    FULL_OS_IMAGES.has(full) ||
    (ref.registry === 'mcr.microsoft.com' && ref.path.startsWith('dotnet/')) ||
    (ref.registry === 'registry.access.redhat.com' && /^ubi\d+(\/ubi)?$/.test(ref.path));
  if (!known) return 'unknown';
  if (/(^|-)slim(-|$)/.test(tag) || ref.path.endsWith('-minimal') || /(^|-)minimal(-|$)/.test(tag)) return 'slim';
  return 'full-os';
}

export type DistrolessFlavour = 'static' | 'base' | 'cc' | 'nodejs' | 'python3' | 'java';

/**
 * The distroless image that matches a full OS base: the language runtime when the base is a language image,
 * `static` for Go and Rust (static binaries), `base` for plain OS images.
 */
export function matchingDistroless(ref: ImageRef): { image: string; flavour: DistrolessFlavour } {
  const p = ref.path;
  const tag = ref.tag ?? '';
  const major = /^(\d+)/.exec(tag)?.[1];
  if (p === 'node') {
    // Distroless publishes the even (LTS) majors only: an odd major moves to the next LTS.
    const v = major && Number(major) >= 18 ? String(Number(major) + (Number(major) % 2)) : '22';
    return { image: `gcr.io/distroless/nodejs${v}-debian12:nonroot`, flavour: 'nodejs' };
  }
  if (p === 'python' || p === 'pypy') return { image: 'gcr.io/distroless/python3-debian12:nonroot', flavour: 'python3' };
  if (['openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'sapmachine', 'maven', 'gradle', 'ibm-semeru-runtimes'].includes(p)) {
    const fromTag = /(?:^|-)(?:jdk|jre)?(\d+)/.exec(tag)?.[1] ?? major;
    // Java 17 and 21 are built on Debian 12, Java 25 on Debian 13; older Java runs on 17.
    if (fromTag === '25') return { image: 'gcr.io/distroless/java25-debian13:nonroot', flavour: 'java' };
    const v = fromTag && ['17', '21'].includes(fromTag) ? fromTag : fromTag && Number(fromTag) < 17 ? '17' : '21';
    return { image: `gcr.io/distroless/java${v}-debian12:nonroot`, flavour: 'java' };
  }
  if (p === 'golang') return { image: 'gcr.io/distroless/static-debian12:nonroot', flavour: 'static' };
  // Rust links glibc and libgcc by default: distroless recommends cc for it.
  if (p === 'rust' || p === 'gcc' || p === 'haskell' || p === 'swift') return { image: 'gcr.io/distroless/cc-debian12:nonroot', flavour: 'cc' };
  return { image: 'gcr.io/distroless/base-debian12:nonroot', flavour: 'base' };
}
