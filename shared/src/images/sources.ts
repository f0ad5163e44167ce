import type { ImageProfile, ProfileFacts, Source } from './profile';

/** Every source a profile cites, with where in the profile it is (for messages). */
export function profileSources(profile: ImageProfile): { where: string; source: Source }[] {
  const out: { where: string; source: Source }[] = [];
  if (profile.latest) out.push({ where: 'latest', source: profile.latest.source });
  factSources(profile, '', out);
  (profile.variants ?? []).forEach((variant, i) => factSources(variant, `variants[${i}].`, out));
  return out;
}

function factSources(facts: Partial<ProfileFacts>, prefix: string, out: { where: string; source: Source }[]): void {
  const push = (where: string, source: Source): void => void out.push({ where: prefix + where, source });
  const {
    user,
    capabilities,
    paths,
    nonRootVariant,
    publicPorts,
    minMemory,
    readOnlyUnsupported,
    noNewPrivilegesUnsupported,
  } = facts;
  if (user) {
    push('user.image', user.image.source);
    if (user.stepsDown) push('user.stepsDown', user.stepsDown.source);
    if (user.runAs) push('user.runAs', user.runAs.source);
    if (user.needsRoot) push('user.needsRoot', user.needsRoot.source);
    for (const account of user.accounts ?? []) push(`user.accounts.${account.name}`, account.source);
  }
  if (capabilities) {
    for (const need of capabilities.asImageUser) push(`capabilities.asImageUser.${need.capability}`, need.source);
    for (const need of capabilities.asRunAsUser) push(`capabilities.asRunAsUser.${need.capability}`, need.source);
  }
  for (const need of paths ?? []) push(`paths.${need.path}`, need.source);
  if (nonRootVariant) push('nonRootVariant', nonRootVariant.source);
  for (const port of publicPorts ?? []) push(`publicPorts.${port.port}`, port.source);
  if (minMemory) push('minMemory', minMemory.source);
  if (readOnlyUnsupported) push('readOnlyUnsupported', readOnlyUnsupported.source);
  if (noNewPrivilegesUnsupported) push('noNewPrivilegesUnsupported', noNewPrivilegesUnsupported.source);
}
