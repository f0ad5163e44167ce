import { defineRule, prose, file } from '../../rule';
import { allRuns } from '../../dockerfile/model';
import { basename } from '../../dockerfile/shell';
import { findOption } from '../../dockerfile/options';
import { isLocalOrRemote, packageInstall, type PackageInstall, type PackageManager } from '../../dockerfile/packages';
import type { ShellWord } from '../../dockerfile/shell';
import type { Finding } from '../../types';

export default defineRule({
  meta: {
    id: 'image/unpinned-packages',
    title: 'Package installed without a version',
    kind: 'dockerfile',
    severity: 'info',
    threat: 'external-container',
    mitigation: prose`
      Pin each package to a version (\`curl=7.88.1-10+deb12u5\`, \`requests==2.32.3\`, \`express@4.19.2\`,
      \`rails:7.1.3\`), or install from a lock or requirements file that pins them.
    `,
    peers: {
      hadolint: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041'],
      kics: [
        'Gem Install Without Version',
        'NPM Install Command Without Pinned Version',
        'Unpinned Package Version in Pip Install',
        'Yum install Without Version',
        'Zypper Install Without Version',
        'Missing Version Specification In dnf install',
      ],
    },
    references: [
      { title: 'hadolint DL3008 (apt-get)', url: 'https://github.com/hadolint/hadolint/wiki/DL3008' },
      { title: 'hadolint DL3013 (pip)', url: 'https://github.com/hadolint/hadolint/wiki/DL3013' },
      { title: 'hadolint DL3016 (npm)', url: 'https://github.com/hadolint/hadolint/wiki/DL3016' },
      { title: 'hadolint DL3018 (apk)', url: 'https://github.com/hadolint/hadolint/wiki/DL3018' },
      {
        title: 'Dockerfile best practices: apt-get',
        url: 'https://docs.docker.com/build/building/best-practices/#apt-get',
      },
    ],
    fix: 'none',
    messages: {
      unpinned: prose`
          \`{{package}}\` is installed by {{manager}} without a version: each build may get a different one, and a
          compromised release gets in unnoticed.
        `,
      gitUnpinned: prose`
          \`{{package}}\` is installed by {{manager}} from a Git repository without a full commit hash: the branch or
          tag it follows can move to other code.
        `,
    },
    docs: {
      description: prose`
          Reports each package word of an install that names no version: \`apt-get\`/\`apt install\`, \`apk add\`,
          \`yum\`/\`dnf\`/\`microdnf\`/\`zypper install\`, \`dnf module install\` (a module’s stream is its version:
          \`nodejs:18\`), \`pip install\` (also \`python3 -m pip\`), \`npm install\` and \`gem install\`. A version is
          \`curl=7.88.1-10\` (apt, apk, zypper), \`curl>=7\` or \`curl~7.88\` (apk, zypper, pip), \`httpd-2.4.57\` (yum,
          dnf), \`requests==2.32.3\`, \`express@4.19.2\` (but not \`@latest\`), \`rails:7.1.3\` or \`gem install rails
          -v 7.1.3\`. Packages from a Git repository (pip \`git+https://…/repo.git@v1.2\`, npm \`github:user/repo\`,
          \`user/repo#main\`, \`git+ssh://…\`) are reported unless they name a full commit hash (\`@<sha>\` for pip,
          \`#<sha>\` for npm): a branch or tag can be moved. Words after \`gem install … --\` are build flags for the
          gem’s extension, not gems. Not reported: local files, paths and other URLs (\`./pkg.deb\`, \`.\`,
          \`https://…/x.tgz\`, \`*.whl\`), requirement and constraint files (\`pip install -r requirements.txt\`; with
          \`-c constraints.txt\` every package is taken as pinned there), \`npm install\`/\`npm ci\` with no package,
          and words whose value is not known (\`$PACKAGES\`).
        `,
      examples: {
        bad: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends curl
          `,
        ],
        good: [
          file`
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
          `,
          file`
            FROM python:3.12-slim
            COPY requirements.txt .
            RUN pip install --no-cache-dir -r requirements.txt
          `,
        ],
      },
      peerNotes: prose`
        One Bulkhead rule covers every package manager where KICS has one query per manager, so a KICS sample for one
        manager can get findings for another: gem_install_without_version/test/negative.dockerfile (and line 2 of its
        positive.dockerfile) installs \`apk add --update py2-pip\` without a version, which Bulkhead reports. KICS takes
        \`npm install sax@latest\` as pinned (npm_install_without_pinned_version negative1.dockerfile); \`@latest\` asks
        for whatever is newest, so Bulkhead reports it. KICS takes \`pip install pip=20.3\` (one \`=\`, which pip
        rejects) as pinned; Bulkhead does too, since the author meant a version. hadolint takes any yum/dnf package with
        a \`-\` in its name as versioned; Bulkhead looks for a version after the last \`-\` (\`httpd-2.4.57\`), so
        \`python3-devel\` is reported.
      `,
    },
  },

  check(model) {
    const findings: Finding<'unpinned' | 'gitUnpinned'>[] = [];
    for (const run of allRuns(model)) {
      for (const cmd of run.script.commands) {
        const install = packageInstall(cmd);
        if (!install) continue;
        for (const word of unpinned(install)) {
          findings.push({
            messageId: isGitSpec(install.manager, word.value) ? 'gitUnpinned' : 'unpinned',
            data: { package: word.value, manager: managerName(install) },
            range: model.source.rangeOf(word.start, word.end),
          });
        }
      }
    }
    return findings;
  },
});

function managerName(install: PackageInstall): string {
  return install.manager === 'pip' ? basename(install.command.value).replace(/^python.*$/, 'pip') : install.manager;
}

/** The package words of an install that name no version. */
function unpinned(install: PackageInstall): ShellWord[] {
  const { manager, args } = install;
  if (manager === 'pip' && findOption(args, '-c', '--constraint')) return [];
  if (
    manager === 'zypper' &&
    args.options.some((o) => (o.name === '-t' || o.name === '--type') && o.value !== 'package')
  )
    return [];
  const fromGit = install.packages.filter(
    (w) => !w.dynamic && isGitSpec(manager, w.value) && !pinnedGitCommit(manager, w.value),
  );
  let packages = install.packages.filter((w) => !isLocalOrRemote(manager, w.value));
  if (manager === 'gem') {
    // `gem install NAME -v VERSION` pins the one gem it names (gem refuses -v with several).
    if (findOption(args, '-v', '--version') && packages.length === 1) return [];
  }
  if (manager === 'yum' || manager === 'dnf' || manager === 'microdnf')
    packages = packages.filter((w) => !w.value.startsWith('@'));
  // A module spec names its version as a stream: `nodejs:18`, `nodejs:18/common`.
  if (install.module) packages = packages.filter((w) => !/^[^:/]+:[^:/]+/.test(w.value));
  if (manager === 'zypper')
    packages = packages.filter((w) => !/^(pattern|patch|product|srcpackage|application):/.test(w.value));
  // A word held in a variable (`$PACKAGES`) is not known, so not judged.
  const versionless = packages.filter((w) => !w.dynamic && w.value !== '' && !hasVersion(manager, w.value));
  return [...fromGit, ...versionless].sort((a, b) => a.start - b.start);
}

const FULL_COMMIT = /^[0-9a-f]{40}$/i;

/**
 * A package installed from a Git repository: pip `git+https://…`, npm `github:user/repo`, `user/repo`,
 * `git+ssh://…`.
 */
function isGitSpec(manager: PackageManager, spec: string): boolean {
  if (manager === 'pip') return /^git\+[a-z]+:\/\//i.test(spec);
  if (manager === 'npm')
    return (
      /^(github|gitlab|bitbucket|gist):/.test(spec) ||
      /^git(\+[a-z]+)?:\/\//i.test(spec) ||
      /^[\w-][\w.-]*\/[\w.-]+(#.*)?$/.test(spec)
    );
  return false;
}

/** Whether a Git package spec names a full commit: pip `…/repo.git@<sha>`, npm `…#<sha>`. */
function pinnedGitCommit(manager: PackageManager, spec: string): boolean {
  if (manager === 'npm') return FULL_COMMIT.test(spec.slice(spec.indexOf('#') + 1)) && spec.includes('#');
  // pip: the ref follows the last `@` after the host (`git+ssh://git@host/…` has a user before it).
  const path = spec
    .replace(/#.*$/, '')
    .replace(/^git\+[a-z]+:\/\//i, '')
    .replace(/^[^/@]*@/, '');
  const at = path.lastIndexOf('@');
  return at >= 0 && FULL_COMMIT.test(path.slice(at + 1));
}

/** Whether a package spec names a version (or a variable that holds one: `rethinkdb-$VERSION`). */
function hasVersion(manager: PackageManager, spec: string): boolean {
  switch (manager) {
    case 'apt-get':
    case 'apt':
      // `pkg/release` picks a release, which hadolint accepts as a pin too.
      return /[=/]/.test(spec);
    case 'apk':
      return /[=~<>]/.test(spec.slice(1));
    case 'zypper':
      return /[=<>]/.test(spec) || rpmVersioned(spec);
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return /[=<>]/.test(spec) || rpmVersioned(spec);
    case 'pip':
      return /[=<>~!@]/.test(spec);
    case 'npm': {
      const at = spec.indexOf('@', 1);
      return at > 0 && !/^(latest|next|\*|x)?$/i.test(spec.slice(at + 1));
    }
    case 'gem':
      return spec.includes(':');
  }
}

/** `httpd-2.4.57`, `httpd-2.4.57-1.el9`, `rethinkdb-$VERSION`: a `-` followed by a version. */
function rpmVersioned(spec: string): boolean {
  const last = spec.slice(spec.lastIndexOf('-') + 1);
  return spec.includes('-') && /^[\d$]/.test(last);
}
