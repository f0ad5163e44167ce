import type { AnyRule, AnyRuleGroup, RuleMeta } from '../rule';
import { BUILTINS, type BuiltinMeta } from './builtin';
import missingHardening from './groups/missing-hardening';
import sudo from './image/sudo';
import secretInBuild from './image/secret-in-build';
import addInsteadOfCopy from './image/add-instead-of-copy';
import rootUser from './image/root-user';
import fullOsBase from './image/full-os-base';
import shellInShellLessStage from './image/shell-in-shell-less-stage';
import unpinnedBase from './image/unpinned-base';
import noHealthcheck from './image/no-healthcheck';
import remoteScriptToShell from './image/remote-script-to-shell';
import tlsVerificationDisabled from './image/tls-verification-disabled';
import sshServer from './image/ssh-server';
import installRecommends from './image/install-recommends';
import unpinnedPackages from './image/unpinned-packages';
import setuidOrWorldWritable from './image/setuid-or-world-writable';
import contentTrustDisabled from './image/content-trust-disabled';
import privileged from './container/privileged';
import dangerousCapability from './container/dangerous-capability';
import capabilitiesNotDropped from './container/capabilities-not-dropped';
import writableRootFs from './container/writable-root-fs';
import noNewPrivileges from './container/no-new-privileges';
import seccompUnconfined from './container/seccomp-unconfined';
import macDisabled from './container/mac-disabled';
import hostNamespace from './container/host-namespace';
import dockerSocketMount from './container/docker-socket-mount';
import sensitiveHostMount from './container/sensitive-host-mount';
import memoryUnlimited from './container/memory-unlimited';
import cpuUnlimited from './container/cpu-unlimited';
import pidsUnlimited from './container/pids-unlimited';
import containerRootUser from './container/root-user';
import portsOnAllInterfaces from './container/ports-on-all-interfaces';
import literalSecret from './container/literal-secret';
import unpinnedImage from './container/unpinned-image';
import dockerApiExposed from './container/docker-api-exposed';
import loggingDisabled from './container/logging-disabled';
import sharedMountPropagation from './container/shared-mount-propagation';
import joinedNamespace from './container/joined-namespace';
import insecureBuildStep from './image/insecure-build-step';
import remoteAdminPort from './image/remote-admin-port';
import debuggerExposed from './image/debugger-exposed';
import containerDebuggerExposed from './container/debugger-exposed';
import credentialInCommand from './image/credential-in-command';
import keyGeneratedInBuild from './image/key-generated-in-build';
import secretArgInEnv from './image/secret-arg-in-env';
import secretMountExposed from './image/secret-mount-exposed';
import unsafeSysctl from './container/unsafe-sysctl';
import allDevicesAllowed from './container/all-devices-allowed';
import systempathsUnconfined from './container/systempaths-unconfined';
import oomKillDisabled from './container/oom-kill-disabled';
import cleartextAdminPort from './container/cleartext-admin-port';
import cleartextDownload from './image/cleartext-download';
import weakChecksum from './image/weak-checksum';
import oldTlsVersion from './image/old-tls-version';
import unpinnedSyntaxFrontend from './image/unpinned-syntax-frontend';
import contextSecretCopied from './image/context-secret-copied';
import sharedWritableVolume from './container/shared-writable-volume';

/** Every rule. Adding a rule is adding its file and one line here. */
export const RULES: readonly AnyRule[] = [
  sudo,
  secretInBuild,
  addInsteadOfCopy,
  rootUser,
  fullOsBase,
  shellInShellLessStage,
  unpinnedBase,
  noHealthcheck,
  remoteScriptToShell,
  tlsVerificationDisabled,
  sshServer,
  installRecommends,
  unpinnedPackages,
  setuidOrWorldWritable,
  contentTrustDisabled,
  privileged,
  dangerousCapability,
  capabilitiesNotDropped,
  writableRootFs,
  noNewPrivileges,
  seccompUnconfined,
  macDisabled,
  hostNamespace,
  dockerSocketMount,
  sensitiveHostMount,
  memoryUnlimited,
  cpuUnlimited,
  pidsUnlimited,
  containerRootUser,
  portsOnAllInterfaces,
  literalSecret,
  unpinnedImage,
  dockerApiExposed,
  loggingDisabled,
  sharedMountPropagation,
  joinedNamespace,
  insecureBuildStep,
  remoteAdminPort,
  debuggerExposed,
  containerDebuggerExposed,
  credentialInCommand,
  keyGeneratedInBuild,
  secretArgInEnv,
  secretMountExposed,
  unsafeSysctl,
  allDevicesAllowed,
  systempathsUnconfined,
  oomKillDisabled,
  cleartextAdminPort,
  cleartextDownload,
  weakChecksum,
  oldTlsVersion,
  unpinnedSyntaxFrontend,
  contextSecretCopied,
  sharedWritableVolume,
];

/** Rule groups: aspect rules reported together, one diagnostic per service. */
export const GROUPS: readonly AnyRuleGroup[] = [missingHardening];

export { BUILTINS };

/** Every id users can configure, suppress and look up: rules in registry order, then groups, then the engine's own. */
export function allMetas(): (RuleMeta<string> | BuiltinMeta)[] {
  return [...RULES.map((rule) => rule.meta), ...GROUPS.map((group) => group.meta as RuleMeta<string>), ...BUILTINS];
}
