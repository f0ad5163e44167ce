import { DISTROLESS, nearestRuntime } from '../images/distroless';

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
  if (
    (registry === undefined || registry === 'docker.io' || registry === 'index.docker.io') &&
    rest.startsWith('library/')
  ) {
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
  'ubuntu',
  'debian',
  'centos',
  'fedora',
  'alpine',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'photon',
  'clearlinux',
  'buildpack-deps',
  'node',
  'python',
  'pypy',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'ibmjava',
  'sapmachine',
  'ibm-semeru-runtimes',
  'golang',
  'rust',
  'ruby',
  'php',
  'perl',
  'erlang',
  'elixir',
  'haskell',
  'swift',
  'julia',
  'r-base',
  'gcc',
  'maven',
  'gradle',
  'dotnet/sdk',
  'dotnet/runtime',
  'dotnet/aspnet',
  'mcr.microsoft.com/dotnet/sdk',
  'mcr.microsoft.com/dotnet/runtime',
  'mcr.microsoft.com/dotnet/aspnet',
  'ubi8/ubi',
  'ubi9/ubi',
  'ubi8',
  'ubi9',
  'centos/centos',
  'bitnami/minideb',
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

export interface DistrolessMatch {
  image: string;
  flavour: DistrolessFlavour;
  /** The runtime version differs from the build's (`python:3.12` → Python 3.13), said in words. */
  mismatch?: string;
}

/** Images a Java build runs on, whose tag names the JDK after the build tool's version (`maven:3.9-eclipse-temurin-21`). */
const JAVA_IMAGES = [
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'ibmjava',
  'sapmachine',
  'maven',
  'gradle',
  'ibm-semeru-runtimes',
];

/**
 * The distroless image that matches a full OS base, at the runtime version the build uses (see images/distroless.ts
 * for what is published): the language runtime for a language image, `cc` for Rust and C/C++ (libstdc++), `static`
 * for Go (the caller picks `base` when cgo is on), `base` for plain OS images.
 */
export function matchingDistroless(ref: ImageRef): DistrolessMatch {
  const p = ref.path;
  const tag = ref.tag ?? '';
  const nonroot = (name: string) => `gcr.io/distroless/${name}:nonroot`;
  const leading = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (p === 'node') {
    const major = leading ? Number(leading[1]) : undefined;
    const { image, exact } = nearestRuntime(DISTROLESS.nodejs, major);
    return {
      image: nonroot(image.name),
      flavour: 'nodejs',
      ...(exact
        ? {}
        : {
            mismatch: `distroless publishes Node.js ${image.major}, not ${major ?? `the version of \`${ref.text}\``}`,
          }),
    };
  }
  if (p === 'python' || p === 'pypy') {
    const version = leading && leading[2] !== undefined ? `${leading[1]}.${leading[2]}` : undefined;
    const exact = p === 'python' && version === DISTROLESS.python.version;
    return {
      image: nonroot(DISTROLESS.python.name),
      flavour: 'python3',
      ...(exact
        ? {}
        : {
            mismatch: `distroless runs Python ${DISTROLESS.python.version}, the build uses ${version ? `${p === 'pypy' ? 'PyPy ' : ''}${version}` : `\`${ref.text}\``}: packages compiled for it may not load`,
          }),
    };
  }
  if (JAVA_IMAGES.includes(p)) {
    const major = javaMajor(p, tag);
    const { image, exact } = nearestRuntime(DISTROLESS.java, major);
    return {
      image: nonroot(image.name),
      flavour: 'java',
      ...(exact
        ? {}
        : {
            mismatch: `distroless publishes Java ${DISTROLESS.java.map((j) => j.major).join(', ')}; the build uses ${major ? `Java ${major}` : `\`${ref.text}\``}`,
          }),
    };
  }
  if (p === 'golang') return { image: nonroot(DISTROLESS.static.name), flavour: 'static' };
  // Rust links glibc and libgcc by default, C++ libstdc++: distroless recommends cc for them.
  if (p === 'rust' || p === 'gcc' || p === 'haskell' || p === 'swift')
    return { image: nonroot(DISTROLESS.cc.name), flavour: 'cc' };
  return { image: nonroot(DISTROLESS.base.name), flavour: 'base' };
}

/**
 * The JDK major a Java image's tag names: the leading number of an OpenJDK or Temurin tag (`21-jdk`), or the number
 * after the JDK's name in a build tool's tag (`3.9-eclipse-temurin-21`, `8.10-jdk21`, `3-amazoncorretto-17`).
 */
function javaMajor(path: string, tag: string): number | undefined {
  if (path === 'maven' || path === 'gradle') {
    const named = /(?:temurin|openjdk|corretto|jdk|jre|sapmachine|semeru|graalvm|zulu|java)-?(\d+)/i.exec(tag);
    return named ? Number(named[1]) : undefined;
  }
  const leading = /^(?:jdk|jre|openjdk)?-?(\d+)/.exec(tag) ?? /(?:jdk|jre)-?(\d+)/.exec(tag);
  return leading ? Number(leading[1]) : undefined;
}

/** Digests of the length their algorithm gives (OCI image spec): anything else pins nothing, and Docker refuses it. */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Whether `digest` (after `@`) is `<algorithm>:<hex>` with the algorithm's length: `sha256:` and 64 hex digits. */
export function isWellFormedDigest(digest: string | undefined): boolean {
  const m = /^([a-z0-9]+):([0-9a-f]+)$/.exec(digest ?? '');
  return !!m && Object.hasOwn(DIGEST_LENGTHS, m[1]) && m[2].length === DIGEST_LENGTHS[m[1]];
}

/**
 * Tags that registries move to each new build by convention, as they move `latest`: release channels (`stable`,
 * `edge`, `beta`, `canary`, `nightly`) and branch builds (`main`, `master`, `dev`, `test`).
 */
const FLOATING_TAGS = new Set([
  'latest',
  'stable',
  'edge',
  'nightly',
  'dev',
  'beta',
  'canary',
  'test',
  'main',
  'master',
]);

/** Whether a tag follows whatever is pushed next, as `latest` does. */
export function isFloatingTag(tag: string | undefined): boolean {
  return tag !== undefined && FLOATING_TAGS.has(tag.toLowerCase());
}
