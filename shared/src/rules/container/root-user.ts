import { defineRule, prose, file } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/finding-place';
import type { ContainerSpec } from '../../container/spec';
import { isScalar } from 'yaml';
import { insertPairs, ownedBy, setServiceValue, type NewScalar, type Placement } from '../../compose/edit';
import { yamlRef, type ComposeModel, type ComposeService } from '../../compose/model';
import { builtDockerfile } from '../../compose/built-dockerfile';
import { needsOf, profileOfService, runningProfile } from '../../compose/service-needs';
import type { ResolvedProfile } from '../../images/profile';
import { relativeTo } from '../../compose/paths';
import { rootStage } from '../../dockerfile/model';
import { instructionSpan, lastInChain } from '../../dockerfile/runtime';
import { isRootUser, startsAsRoot, userBefore } from '../../dockerfile/users';
import { builtImageFacts } from '../../images/built-image';
import { imageProfile } from '../../images/lookup';
import type { Finding, Fix, Range, TextEdit } from '../../types';

type MessageId = 'rootUser' | 'imageNoUser' | 'imageRootUser' | 'profileRoot' | 'profileNeedsRoot';

interface UserFix {
  service: ComposeService;
}

const PLACEMENT: Placement = [{ after: 'image' }, { after: 'build' }, { after: '<<' }];

/** What the image a service builds runs as, read from its Dockerfile. */
interface BuiltUser {
  /** The file that holds the Dockerfile's text: the Dockerfile, or the compose file that writes it inline. */
  dockerfile: string;
  /** Written inline (`build.dockerfile_inline`): `range` is in the compose file. */
  inline?: boolean;
  /** Where the root user comes from: the `USER root` instruction, or the stage's FROM when it sets no USER. */
  range: Range;
  user?: string;
}

export default defineRule({
  meta: {
    id: 'container/root-user',
    title: 'Container runs as root',
    kind: 'compose',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Run the service as an unprivileged user: set \`user:\` (a numeric \`uid:gid\` needs no account in the image), or
      end its Dockerfile with a non-root \`USER\`.
    `,
    cis: '4.1',
    peers: {},
    references: [
      { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
      {
        title: 'OWASP Docker Security Cheat Sheet, rule 2: set a user',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user',
      },
    ],
    fix: 'unsafe',
    messages: {
      rootUser: prose`
        Service \`{{service}}\` runs as \`{{user}}\`: root in the container is root on the host for any process that
        escapes it.
      `,
      imageNoUser: prose`
        Service \`{{service}}\` sets no \`user\`, and the image it builds from {{dockerfile}} sets no USER, so it runs
        as root.
      `,
      imageRootUser: prose`
        Service \`{{service}}\` sets no \`user\`, and the image it builds from {{dockerfile}} switches to \`{{user}}\`,
        so it runs as root.
      `,
      profileRoot: 'Service `{{service}}` sets no `user`, and the `{{profile}}` image runs as root.',
      profileNeedsRoot:
        'Service `{{service}}` runs as root, which the `{{profile}}` image needs: {{why}}.{{alternative}}',
    },
    docs: {
      description: prose`
        Reports a service that runs as root: \`user: root\`, \`0\` or \`0:…\` (also from a YAML anchor or a service it
        extends), or no \`user:\` while its image runs as root. For a service with \`build:\`, the rule reads the
        Dockerfile in the workspace (\`build.context\` + \`build.dockerfile\`, or \`build.dockerfile_inline\`; the
        \`build.target\` stage or else the final one) as \`image/root-user\` does, and the finding's related location
        points at it. An image that starts as root to step down is not reported: one whose profile says so (postgres
        steps down to \`postgres\` with gosu) and one whose Dockerfile copies an entrypoint script that steps down with
        gosu, su-exec or the like. For a service that only names an \`image:\`, the image's profile tells (the \`caddy\`
        image runs as root); an image without a profile is not reported, since the user it runs as is in its metadata,
        which Bulkhead does not download. An image that must start as root (its master process writes root-owned paths,
        it supervises services) is reported as information with the reason, and its non-root variant where one exists.

        The fix sets \`user:\` to a user the image is known to run as: the profile's (\`999:999\` for postgres,
        \`70:70\` on Alpine), or the account the base image ships (\`node\`), as the Dockerfile fix would. Where nothing
        tells, it sets the numeric \`65532:65532\` (no account needed in the image), and its title says what that
        assumes. It is unsafe: the program loses root's rights, so files it writes must belong to that user.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
                user: root
          `,
          file`
            services:
              app:
                image: alpine:3.20
                user: "0:0"
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                user: "65532:65532"
          `,
          file`
            services:
              db:
                image: postgres:16
          `,
        ],
      },
      peerNotes: prose`
        KICS, Semgrep and Trivy have no compose check for the user; their Dockerfile checks are claimed by
        \`image/root-user\`, which reports the Dockerfile itself, while this rule reports the service that runs it.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, UserFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const fixData: UserFix = { service };
      const user = spec.user;
      if (user && user.value === undefined) continue;
      const written = user?.value?.trim();
      if (user && written) {
        if (!isRootUser(written)) continue;
        const running = runningProfile(model, service);
        if (running?.user.needsRoot) findings.push(needsRootFinding(service, running, placeOf(user.origin)));
        else
          findings.push({
            messageId: 'rootUser',
            data: { service: service.name, user: written },
            ...placeOf(user.origin),
            fixData,
          });
        continue;
      }
      if (spec.partial) continue;
      if (!spec.build) {
        const profile = profileOfService(service);
        if (!profile || profile.user.image.uid !== 0 || profile.user.stepsDown) continue;
        if (profile.user.needsRoot) findings.push(needsRootFinding(service, profile, placeOfMissing(spec)));
        else
          findings.push({
            messageId: 'profileRoot',
            data: { service: service.name, profile: profile.id },
            ...placeOfMissing(spec),
            severity: 'warning',
            fixData,
          });
        continue;
      }
      const built = builtUser(model, spec);
      if (!built) continue;
      const running = !built.user ? runningProfile(model, service) : undefined;
      if (running?.user.needsRoot) {
        findings.push(needsRootFinding(service, running, placeOfMissing(spec)));
        continue;
      }
      const related = {
        ...(built.dockerfile !== model.path ? { path: built.dockerfile } : {}),
        range: built.range,
        message: built.user
          ? `The image switches to \`${built.user}\` here.`
          : 'This stage sets no USER, so the image runs as root.',
      };
      const dockerfile = built.inline ? 'its `dockerfile_inline`' : `\`${relativeTo(model.path, built.dockerfile)}\``;
      findings.push({
        messageId: built.user ? 'imageRootUser' : 'imageNoUser',
        data: { service: service.name, dockerfile, ...(built.user ? { user: built.user } : {}) },
        ...placeOfMissing(spec),
        related: [related],
        // The Dockerfile's own report (`image/root-user`) is the error; this one says which service it reaches.
        severity: 'warning',
        fixData,
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    if (!service?.map) return [];
    const plan = needsOf(model, service).user;
    if (plan.kind === 'needs-root') return [];
    const chosen = plan.user;
    const current = service.spec.user;
    // Quoted, as `uid:gid` values usually are (YAML 1.1 reads some unquoted ones as base-60 numbers); a quoted value
    // keeps its own quotes; a name stays plain.
    const quoted = yamlRef(current?.origin)?.node;
    const numeric = /^\d/.test(chosen);
    const value: NewScalar =
      (isScalar(quoted) && quoted.type !== 'PLAIN') || !numeric ? { string: chosen } : { raw: `"${chosen}"` };
    let edits: TextEdit[] | undefined;
    if (current && ownedBy(model, service, current.origin))
      edits = setServiceValue(model, service, 'user', value, PLACEMENT, current.origin);
    else if (current) edits = setServiceValue(model, service, 'user', value, PLACEMENT);
    else if (!service.aliased) edits = insertPairs(model, service.map, [{ key: 'user', value }], PLACEMENT);
    if (!edits?.length) return [];
    const last = edits.length - 1;
    const start = edits[last].newText.lastIndexOf(chosen);
    const title =
      plan.kind === 'known'
        ? `Run as user \`${chosen}\` (${plan.why})${plan.caveat ? ` — ${plan.caveat}` : ''}`
        : `Run as user \`${chosen}\` — check that \`${service.name}\` can run as any user`;
    const basis = plan.kind === 'known' ? { facts: [plan.why] } : { facts: [], assumption: plan.assumption };
    return [
      {
        title,
        safe: false,
        edits,
        basis,
        ...(start >= 0 ? { placeholders: [{ edit: last, start, end: start + chosen.length }] } : {}),
      },
    ];
  },
});

function needsRootFinding(
  service: ComposeService,
  profile: ResolvedProfile,
  place: ReturnType<typeof placeOf>,
): Finding<MessageId, UserFix> {
  const variant = profile.nonRootVariant;
  const alternative = variant ? ` \`${variant.image}\` runs as \`${variant.user}\` (${variant.note}).` : '';
  return {
    messageId: 'profileNeedsRoot',
    data: { service: service.name, profile: profile.id, why: profile.user.needsRoot!.why, alternative },
    ...place,
    severity: 'info',
  };
}

/**
 * The root user of the image a service builds, when its Dockerfile is in the workspace or written inline and says so;
 * undefined when the image runs as someone else or nothing can be known (no build, a remote context, an unreadable
 * Dockerfile, an unknown base image), and when the image starts as root only to step down (its base image's profile
 * says so while the Dockerfile keeps that entrypoint, or an entrypoint script it copies steps down).
 */
function builtUser(model: ComposeModel, spec: ContainerSpec): BuiltUser | undefined {
  const built = builtDockerfile(model, spec);
  if (!built) return undefined;
  const { stage } = built;
  const effective = userBefore(stage);
  if (!effective.isRoot) return undefined;
  if (!effective.instruction) {
    const base = rootStage(stage).image;
    if (!base || !startsAsRoot(base)) return undefined;
    const profile = imageProfile(base);
    const entrypoint = lastInChain(stage, 'ENTRYPOINT');
    if (profile && !entrypoint && (profile.user.stepsDown || profile.user.image.uid !== 0)) return undefined;
    if (
      entrypoint &&
      !built.inline &&
      builtImageFacts({
        model: built.model,
        stage,
        context: built.context,
        fileText: (path) => model.builtFiles?.get(path),
      }).entrypoint?.stepsDown
    )
      return undefined;
    return {
      dockerfile: built.path,
      inline: built.inline,
      range: built.inline ? spec.build!.dockerfileInline!.origin.range : instructionSpan(stage.from),
    };
  }
  const range = built.inline ? spec.build!.dockerfileInline!.origin.range : instructionSpan(effective.instruction);
  return { dockerfile: built.path, inline: built.inline, range, user: effective.user || 'root' };
}
