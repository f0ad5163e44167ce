/**
 * Package installs in build commands: which manager, which options, which package words. Rules about recommends,
 * version pins and unwanted packages share this reading, so `apt-get -y install`, `python3 -m pip install` and
 * `sudo apk add --virtual .deps` are understood once.
 */
import { basename, effectiveWords, type ShellWord, type SimpleCommand } from './shell';
import { readArguments, type CommandArguments, type OptionSpec } from './options';

export type PackageManager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'gem';

/** System package managers (the ones that install OS packages, as opposed to language packages). */
export const OS_PACKAGE_MANAGERS: ReadonlySet<PackageManager> = new Set([
  'apt-get',
  'apt',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'zypper',
]);

export interface PackageInstall {
  manager: PackageManager;
  /** The word that names the manager (`apt-get`, `pip3`, or `python3` in `python3 -m pip`). */
  command: ShellWord;
  /** `install`, `add`, `i` … */
  subcommand: ShellWord;
  /** Options and operands of the whole command after the manager's name (both sides of the subcommand). */
  args: CommandArguments;
  /** The operands after the subcommand, as written: package specs, local files, URLs. */
  packages: ShellWord[];
  /** `dnf module install`: the packages are module specs (`name:stream/profile`). */
  module?: boolean;
}

interface ManagerSpec {
  subcommands: ReadonlySet<string>;
  options: OptionSpec;
  /** Options with which the install only simulates or downloads, so nothing lands in the image. */
  dryRun?: readonly string[];
}

const RPM_OPTIONS: OptionSpec = {
  shortWithValue: 'cdex',
  longWithValue: [
    '--config',
    '--debuglevel',
    '--errorlevel',
    '--installroot',
    '--releasever',
    '--enablerepo',
    '--disablerepo',
    '--repo',
    '--repoid',
    '--exclude',
    '--setopt',
    '--forcearch',
    '--downloaddir',
    '--destdir',
    '--color',
    '--rpmverbosity',
    '--disableplugin',
    '--enableplugin',
    '--repofrompath',
    '--advisory',
    '--advisories',
    '--bz',
    '--cve',
    '--secseverity',
  ],
};

const APT_DRY_RUN = ['-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '-d', '--download-only'];
const RPM_DRY_RUN = ['--downloadonly', '--assumeno'];

const MANAGERS: Record<PackageManager, ManagerSpec> = {
  'apt-get': {
    subcommands: new Set(['install']),
    options: {
      shortWithValue: 'oct',
      longWithValue: ['--option', '--config-file', '--target-release', '--default-release'],
    },
    dryRun: APT_DRY_RUN,
  },
  apt: {
    subcommands: new Set(['install']),
    options: {
      shortWithValue: 'oct',
      longWithValue: ['--option', '--config-file', '--target-release', '--default-release'],
    },
    dryRun: APT_DRY_RUN,
  },
  apk: {
    subcommands: new Set(['add']),
    options: {
      shortWithValue: 'Xpt',
      longWithValue: [
        '--repository',
        '--root',
        '--arch',
        '--cache-dir',
        '--keys-dir',
        '--repositories-file',
        '--cache-max-age',
        '--timeout',
        '--virtual',
      ],
    },
    dryRun: ['-s', '--simulate'],
  },
  yum: { subcommands: new Set(['install']), options: RPM_OPTIONS, dryRun: RPM_DRY_RUN },
  dnf: { subcommands: new Set(['install', 'in']), options: RPM_OPTIONS, dryRun: RPM_DRY_RUN },
  microdnf: { subcommands: new Set(['install']), options: RPM_OPTIONS, dryRun: RPM_DRY_RUN },
  zypper: {
    subcommands: new Set(['install', 'in']),
    options: {
      shortWithValue: 'cRCrt',
      longWithValue: [
        '--config',
        '--root',
        '--reposd-dir',
        '--cache-dir',
        '--raw-cache-dir',
        '--solv-cache-dir',
        '--pkg-cache-dir',
        '--repo',
        '--from',
        '--type',
      ],
    },
    dryRun: ['-D', '--dry-run', '-d', '--download-only'],
  },
  pip: {
    subcommands: new Set(['install']),
    options: {
      shortWithValue: 'rceiftC',
      longWithValue: [
        '--requirement',
        '--constraint',
        '--editable',
        '--index-url',
        '--extra-index-url',
        '--find-links',
        '--target',
        '--prefix',
        '--root',
        '--src',
        '--upgrade-strategy',
        '--python-version',
        '--platform',
        '--implementation',
        '--abi',
        '--config-settings',
        '--global-option',
        '--install-option',
        '--trusted-host',
        '--cache-dir',
        '--log',
        '--proxy',
        '--retries',
        '--timeout',
        '--exists-action',
        '--cert',
        '--client-cert',
        '--progress-bar',
        '--report',
        '--python',
        '--use-feature',
        '--use-deprecated',
        '--keyring-provider',
        '--root-user-action',
        '--no-binary',
        '--only-binary',
        '--group',
      ],
    },
    dryRun: ['--dry-run'],
  },
  npm: {
    subcommands: new Set([
      'install',
      'i',
      'add',
      'in',
      'ins',
      'inst',
      'insta',
      'instal',
      'isnt',
      'isnta',
      'isntal',
      'isntall',
    ]),
    options: {
      shortWithValue: 'w',
      longWithValue: [
        '--registry',
        '--prefix',
        '--cache',
        '--tag',
        '--omit',
        '--include',
        '--workspace',
        '--loglevel',
        '--userconfig',
        '--globalconfig',
        '--before',
        '--install-strategy',
        '--location',
        '--save-prefix',
        '--script-shell',
        '--proxy',
        '--https-proxy',
        '--ca',
        '--cafile',
        '--cert',
        '--key',
      ],
    },
    dryRun: ['--dry-run'],
  },
  gem: {
    subcommands: new Set(['install', 'i']),
    options: {
      shortWithValue: 'vinsPg',
      longWithValue: [
        '--version',
        '--install-dir',
        '--bindir',
        '--source',
        '--trust-policy',
        '--platform',
        '--file',
        '--document',
        '--build-root',
        '--target-rbconfig',
      ],
    },
  },
};

/** The manager a command word names: `pip3.11` is pip, `/usr/bin/apt-get` is apt-get. */
function managerOf(name: string): PackageManager | undefined {
  if (/^pip(\d+(\.\d+)?)?$/.test(name)) return 'pip';
  if (name === 'tdnf') return 'dnf';
  // Own keys only: `in` would take `valueOf` or `constructor` for a package manager.
  return Object.hasOwn(MANAGERS, name) ? (name as PackageManager) : undefined;
}

export interface ManagerCommand {
  manager: PackageManager;
  /** The word that names the manager (`apt-get`, `pip3`, or `python3` in `python3 -m pip`). */
  command: ShellWord;
  /** Everything after the manager's name, read with its option syntax. */
  args: CommandArguments;
}

/** The package manager a command runs, whatever its subcommand, or undefined when it runs none. */
export function managerCommand(cmd: SimpleCommand): ManagerCommand | undefined {
  let words = effectiveWords(cmd);
  if (words.length < 2 || words[0].dynamic) return undefined;
  const command = words[0];
  let manager = managerOf(basename(command.value));
  if (!manager && /^python(\d+(\.\d+)?)?$/.test(basename(command.value))) {
    // `python3 -m pip install …`
    const m = words.findIndex((w, i) => i > 0 && (w.value === '-m' || w.value === '-mpip'));
    if (m < 0) return undefined;
    if (words[m].value === '-mpip') words = words.slice(m + 1);
    else if (words[m + 1]?.value === 'pip') words = words.slice(m + 2);
    else return undefined;
    manager = 'pip';
    words = [command, ...words];
  }
  if (!manager) return undefined;
  return { manager, command, args: readArguments(words.slice(1), MANAGERS[manager].options) };
}

/** The install a command performs, or undefined when it is not a package install (or only simulates one). */
export function packageInstall(cmd: SimpleCommand): PackageInstall | undefined {
  const found = managerCommand(cmd);
  if (!found) return undefined;
  const { manager, command, args } = found;
  // Options held in a variable (`apt-get $APT_OPTS install`) cannot be the subcommand.
  let first = args.operands.findIndex((w) => !w.dynamic);
  if (first < 0) return undefined;
  let subcommand = args.operands[first];
  const spec = MANAGERS[manager];
  // `dnf module install nodejs:18/common` installs a module stream's packages.
  const module =
    (manager === 'yum' || manager === 'dnf' || manager === 'microdnf') &&
    subcommand.value === 'module' &&
    args.operands[first + 1]?.value === 'install';
  if (module) subcommand = args.operands[++first];
  else if (!spec.subcommands.has(subcommand.value)) return undefined;
  if (args.options.some((o) => spec.dryRun?.includes(o.name))) return undefined;
  let packages = args.operands.slice(first + 1);
  if (manager === 'gem') {
    // gem hands the words after `--` to the extension's build (`gem install pg -- --with-pg-config=…`): no gems.
    const dashes = cmd.words.find((w) => w.value === '--' && w.start > subcommand.start);
    if (dashes) packages = packages.filter((w) => w.start < dashes.start);
  }
  return { manager, command, subcommand, args, packages, ...(module ? { module } : {}) };
}

/** A package word that names a file, a directory or a URL rather than a package of the index. */
export function isLocalOrRemote(manager: PackageManager, spec: string): boolean {
  if (/^(\.{1,2}|~)?\//.test(spec) || spec === '.' || spec === '..' || spec.includes('://')) return true;
  switch (manager) {
    case 'apt-get':
    case 'apt':
      return spec.endsWith('.deb');
    case 'apk':
      return spec.endsWith('.apk');
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'zypper':
      return spec.endsWith('.rpm');
    case 'pip':
      return /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(spec) || /^(git|hg|svn|bzr)\+/.test(spec) || spec.includes('/');
    case 'npm':
      return (
        /\.(tgz|tar\.gz|tar)$/.test(spec) ||
        /^(git|github|gitlab|bitbucket|gist|file|link):/.test(spec) ||
        /^git\+/.test(spec) ||
        (!spec.startsWith('@') && spec.includes('/'))
      );
    case 'gem':
      return spec.endsWith('.gem');
  }
}

/** The package name of a spec, without version, release or architecture (`curl=7.88.1-10` → `curl`). */
export function packageName(manager: PackageManager, spec: string): string {
  switch (manager) {
    case 'apt-get':
    case 'apt':
      return spec.split(/[=/]/)[0].split(':')[0];
    case 'apk':
      return spec.split(/[=~<>@]/)[0];
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'zypper': {
      // name-version-release: strip up to two trailing segments that start with a digit (or a variable).
      let name = spec.split(/[=<>]/)[0].trim();
      for (let i = 0; i < 2; i++) {
        const m = /^(.+)-[\d$][^-]*$/.exec(name);
        if (!m) break;
        name = m[1];
      }
      return name.replace(/^\d+:/, '');
    }
    case 'pip':
      return spec
        .split(/[=<>~!;[@\s]/)[0]
        .toLowerCase()
        .replace(/_/g, '-');
    case 'npm': {
      const at = spec.indexOf('@', 1);
      return at > 0 ? spec.slice(0, at) : spec;
    }
    case 'gem':
      return spec.split(':')[0];
  }
}
