/**
 * What is known, positively, of each mitigation of a posture row when no rule reports it missing: in place (and how),
 * or unknown (and why). Silence is not a pass: a service whose image has no profile and that sets no `user:` is not
 * reported as root, but neither is it known to run as someone else.
 */
import { limitStatus, type ResourceKind } from '../container/limits';
import { isRootUser, userBefore } from '../dockerfile/users';
import { baseClass, rootStage, type DockerfileModel } from '../dockerfile/model';
import { lastInChain } from '../dockerfile/runtime';
import type { ComposeModel, ComposeService } from '../compose/model';
import { needsOf } from '../compose/service-needs';
import { builtDockerfile } from '../compose/built-dockerfile';
import { relativeTo } from '../compose/paths';
import { imageProfile } from '../images/lookup';
import type { ResolvedProfile } from '../images/profile';
import type { MitigationKey } from './posture';

export interface KnownCell {
  status: 'in-place' | 'unknown' | 'missing';
  /** How it is in place, or why it is unknown, one clause. */
  reason: string;
}

export interface SubjectFacts {
  cells: Partial<Record<MitigationKey, KnownCell>>;
  /** The image profile that describes what runs, with its facts in words. */
  profile?: { id: string; title: string; facts: string[] };
}

const code = (text: string): string => `\`${text}\``;

/** The facts of a compose service's row. */
export function serviceFacts(model: ComposeModel, service: ComposeService): SubjectFacts {
  const { spec } = service;
  const cells: SubjectFacts['cells'] = {};
  if (spec.partial) {
    const reason = `the service ${spec.partial}, which this file does not say`;
    for (const key of ['non-root', 'caps-dropped', 'no-new-privileges', 'read-only', 'limits'] as const)
      cells[key] = { status: 'unknown', reason };
    return { cells };
  }
  const needs = needsOf(model, service);
  cells['non-root'] = nonRoot(model, service, needs.profile);
  const drop = spec.capDrop.items.some((i) => i.value === 'ALL');
  if (spec.capDrop.unknown)
    cells['caps-dropped'] = { status: 'unknown', reason: 'a `cap_drop` entry is behind a variable that is not set' };
  else if (drop)
    cells['caps-dropped'] = {
      status: 'in-place',
      reason: spec.capAdd.items.length
        ? `all dropped, ${spec.capAdd.items.map((i) => code(i.value ?? i.text)).join(', ')} added back`
        : 'all dropped',
    };
  const nnp = spec.securityOpt.items.find((i) => i.value?.name === 'no-new-privileges');
  if (nnp) cells['no-new-privileges'] = { status: 'in-place', reason: code(nnp.text) };
  else if (spec.securityOpt.unknown)
    cells['no-new-privileges'] = {
      status: 'unknown',
      reason: 'a `security_opt` entry is behind a variable that is not set',
    };
  if (spec.readOnly?.value === true) {
    const tmpfs = spec.tmpfs.items.map((i) => i.value?.split(':')[0]).filter((p): p is string => !!p);
    cells['read-only'] = {
      status: 'in-place',
      reason: tmpfs.length ? `tmpfs at ${tmpfs.map(code).join(', ')}` : 'no tmpfs',
    };
  } else if (spec.readOnly && spec.readOnly.value === undefined)
    cells['read-only'] = { status: 'unknown', reason: '`read_only` is behind a variable that is not set' };
  const kinds: ResourceKind[] = ['memory', 'cpu', 'pids'];
  const states = kinds.map((k) => limitStatus(spec, k).state);
  if (states.every((s) => s === 'limited')) cells.limits = { status: 'in-place', reason: 'memory, CPU and processes' };
  else if (states.includes('unknown') && !states.some((s) => s === 'missing' || s === 'unlimited'))
    cells.limits = { status: 'unknown', reason: 'a limit is behind a variable that is not set' };
  cells['seccomp-mac'] = { status: 'in-place', reason: "Docker's default seccomp and AppArmor profiles" };
  const profile = needs.profile;
  return { cells, ...(profile ? { profile: describeProfile(profile) } : {}) };
}

function nonRoot(model: ComposeModel, service: ComposeService, profile: ResolvedProfile | undefined): KnownCell {
  const { spec } = service;
  const user = spec.user;
  if (user) {
    if (user.value === undefined) return { status: 'unknown', reason: '`user` is behind a variable that is not set' };
    if (user.value.trim() && !isRootUser(user.value))
      return { status: 'in-place', reason: `\`user: ${user.value.trim()}\`` };
  }
  if (spec.build) {
    const built = builtDockerfile(model, spec);
    if (!built) return { status: 'unknown', reason: 'the Dockerfile it builds is not in the workspace' };
    const effective = userBefore(built.stage);
    const where = built.inline ? 'its `dockerfile_inline`' : code(relativeTo(model.path, built.path));
    if (!effective.isRoot)
      return {
        status: 'in-place',
        reason: effective.fromBaseImage
          ? `the image ${where} builds on runs as ${code(effective.user ?? 'non-root')}`
          : `${where} ends with \`USER ${effective.user}\``,
      };
    const base = imageProfile(rootStage(built.stage).image);
    if (base?.user.stepsDown && !lastInChain(built.stage, 'ENTRYPOINT')) return steppedDown(base);
    return {
      status: 'unknown',
      reason: `${where} sets no USER and builds on an image whose user Bulkhead cannot tell`,
    };
  }
  if (profile?.user.stepsDown) return steppedDown(profile);
  if (profile && profile.user.image.uid !== 0)
    return {
      status: 'in-place',
      reason: `the \`${profile.id}\` image runs as ${code(`${profile.user.image.name}`)} (uid ${profile.user.image.uid})`,
    };
  const image = spec.image?.value?.text;
  return {
    status: 'unknown',
    reason: `no \`user\` is set, and the user ${image ? code(image) : 'its image'} runs as is in its metadata, which Bulkhead does not read`,
  };
}

function steppedDown(profile: ResolvedProfile): KnownCell {
  const { to, tool } = profile.user.stepsDown!;
  return { status: 'in-place', reason: `${profile.id}: starts as root, steps down to \`${to.name}\` with ${tool}` };
}

/** A profile's facts, in words for the report. */
export function describeProfile(profile: ResolvedProfile): { id: string; title: string; facts: string[] } {
  const facts: string[] = [];
  const { user, capabilities } = profile;
  if (user.stepsDown)
    facts.push(
      `starts as root, steps down to \`${user.stepsDown.to.name}\` (${user.stepsDown.to.uid}:${user.stepsDown.to.gid}) with ${user.stepsDown.tool}`,
    );
  else facts.push(`runs as \`${user.image.name}\` (${user.image.uid}:${user.image.gid})`);
  if (user.runAs)
    facts.push(`runs as \`${user.runAs.user}\` when told${user.runAs.caveat ? ` (${user.runAs.caveat})` : ''}`);
  if (user.needsRoot) facts.push(`must start as root: ${user.needsRoot.why}`);
  if (profile.role === 'service') {
    const caps = capabilities.asImageUser.map((c) => c.capability);
    facts.push(
      caps.length
        ? `needs ${caps.map(code).join(', ')} back after \`cap_drop: [ALL]\``
        : 'needs no capability back after `cap_drop: [ALL]`',
    );
    const runtime = profile.paths.filter((p) => p.kind === 'runtime').map((p) => code(p.path));
    const state = profile.paths.filter((p) => p.kind === 'state').map((p) => code(p.path));
    if (runtime.length) facts.push(`writes ${runtime.join(', ')} at run time (tmpfs)`);
    if (state.length) facts.push(`keeps its data in ${state.join(', ')} (volume)`);
  }
  if (profile.nonRootVariant) facts.push(`non-root variant: \`${profile.nonRootVariant.image}\``);
  for (const note of profile.notes) facts.push(note);
  return { id: profile.id, title: profile.title, facts };
}

/** The facts of a Dockerfile's row (its final stage). */
export function dockerfileFacts(model: DockerfileModel): SubjectFacts {
  const cells: SubjectFacts['cells'] = {};
  const final = model.finalStage;
  if (!final) return { cells };
  const effective = userBefore(final);
  const base = rootStage(final).image;
  const profile = imageProfile(base);
  if (!effective.isRoot)
    cells['non-root'] = {
      status: 'in-place',
      reason: effective.fromBaseImage
        ? `the base image runs as ${code(effective.user ?? 'non-root')}`
        : `\`USER ${effective.user}\``,
    };
  else if (profile?.user.stepsDown && !lastInChain(final, 'ENTRYPOINT')) cells['non-root'] = steppedDown(profile);
  else if (!effective.instruction)
    cells['non-root'] = {
      status: 'unknown',
      reason: `no USER, and ${base ? code(base.text) : 'the base image'} is an image whose user Bulkhead cannot tell`,
    };
  const cls = baseClass(final);
  if (cls === 'scratch' || cls === 'distroless')
    cells['minimal-base'] = {
      status: 'in-place',
      reason: cls === 'scratch' ? '`scratch`' : `${code(base?.text ?? 'distroless')}, no shell`,
    };
  else if (cls === 'slim')
    cells['minimal-base'] = {
      status: 'missing',
      reason: `${code(base?.text ?? '')} is a slim variant: smaller, but with a shell and a package manager`,
    };
  else if (cls === 'unknown')
    cells['minimal-base'] = {
      status: 'unknown',
      reason: `${base ? code(base.text) : 'the base image'} is an image Bulkhead cannot judge`,
    };
  return { cells, ...(profile ? { profile: describeProfile(profile) } : {}) };
}
