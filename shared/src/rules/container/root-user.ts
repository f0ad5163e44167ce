import { defineRule, type RuleContext } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/report';
import type { ContainerSpec } from '../../container/spec';
import { isScalar } from 'yaml';
import { insertPairs, ownedBy, setServiceValue, type NewScalar, type Placement } from '../../compose/edit';
import { dockerfilePath, yamlRef, type ComposeModel } from '../../compose/model';
import { fileOf, normalizePath, relativeTo } from '../../compose/paths';
import { parseDockerfile, rootStage, type DockerfileModel } from '../../dockerfile/model';
import { instructionSpan } from '../../dockerfile/runtime';
import { isRootUser, startsAsRoot, userBefore } from '../../dockerfile/users';
import type { Finding, Fix, Range, TextEdit } from '../../types';
import { RecentMap } from '../../recent-map';

type MessageId = 'rootUser' | 'imageNoUser' | 'imageRootUser';

interface UserFix {
  service: string;
}

/** A numeric user needs no entry in the image's `/etc/passwd`; 65532 is distroless's `nonroot`. */
const NON_ROOT = '65532:65532';

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
    mitigation: 'Run the service as an unprivileged user: set `user:` (a numeric `uid:gid` needs no account in the image), or end its Dockerfile with a non-root `USER`.',
    cis: '4.1',
    peers: {},
    references: [
      { title: 'Compose file reference: user', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
      { title: 'OWASP Docker Security Cheat Sheet, rule 2: set a user', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user' },
    ],
    fix: 'unsafe',
    messages: {
      rootUser: 'Service `{{service}}` runs as `{{user}}`: root in the container is root on the host for any process that escapes it.',
      imageNoUser: 'Service `{{service}}` sets no `user`, and the image it builds from {{dockerfile}} sets no USER, so it runs as root.',
      imageRootUser: 'Service `{{service}}` sets no `user`, and the image it builds from {{dockerfile}} switches to `{{user}}`, so it runs as root.',
    },
    docs: {
      description:
        "Reports a service that runs as root: `user: root`, `0` or `0:…` (also from a YAML anchor or a service it extends), or no `user:` while the image it builds runs as root. For a service with `build:`, the rule reads the Dockerfile in the workspace (`build.context` + `build.dockerfile`, or the Dockerfile written in `build.dockerfile_inline`; the `build.target` stage or else the final one) as `image/root-user` does: the last `USER` of the stage and the stages it builds on decides, and with none, the base image's default — root for scratch, the OS and language images and Docker Hub's official images; not for distroless `:nonroot`, Chainguard or Bitnami images, and unknown for private images, which are not reported. The finding's related location points at the Dockerfile. A service that only names an `image:` and sets no `user:` is not reported: which user an image runs as is in its metadata, which Bulkhead does not download, and guessing would be wrong for every image that sets a `USER`. A Dockerfile that is not in the workspace, a remote build context and a `user` behind an unset variable are not reported either.\n\nThe fix sets `user: \"65532:65532\"` (a numeric user needs no account in the image; editors that support snippets select it for you to change). It is unsafe: the program loses root's rights, so files it writes must belong to that user and ports below 1024 need `NET_BIND_SERVICE`.",
      examples: {
        bad: ['services:\n  app:\n    image: alpine:3.20\n    user: root\n', 'services:\n  app:\n    image: alpine:3.20\n    user: "0:0"\n'],
        good: ['services:\n  app:\n    image: alpine:3.20\n    user: "65532:65532"\n', 'services:\n  app:\n    image: alpine:3.20\n'],
      },
      peerNotes:
        'KICS, Semgrep and Trivy have no compose check for the user; their Dockerfile checks are claimed by `image/root-user`, which reports the Dockerfile itself, while this rule reports the service that runs it.',
    },
  },

  check(model, context) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const fixData: UserFix = { service: service.name };
      const user = spec.user;
      if (user && user.value === undefined) continue;
      const written = user?.value?.trim();
      if (user && written) {
        if (isRootUser(written)) findings.push({ messageId: 'rootUser', data: { service: service.name, user: written }, ...placeOf(user.origin), fixData });
        continue;
      }
      if (spec.partial) continue;
      const built = builtUser(model, spec, context);
      if (!built) continue;
      const related = { ...(built.dockerfile !== model.path ? { path: built.dockerfile } : {}), range: built.range, message: built.user ? `The image switches to \`${built.user}\` here.` : 'This stage sets no USER, so the image runs as root.' };
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
    const data = finding.fixData as UserFix | undefined;
    const service = model.services.find((s) => s.name === data?.service);
    if (!service?.map) return [];
    const current = service.spec.user;
    // Quoted, as `uid:gid` values usually are (YAML 1.1 reads some unquoted ones as base-60 numbers); a quoted value
    // keeps its own quotes.
    const quoted = yamlRef(current?.origin)?.node;
    const value: NewScalar = isScalar(quoted) && quoted.type !== 'PLAIN' ? { string: NON_ROOT } : { raw: `"${NON_ROOT}"` };
    let edits: TextEdit[] | undefined;
    if (current && ownedBy(model, service, current.origin)) edits = setServiceValue(model, service, 'user', value, PLACEMENT, current.origin);
    else if (current) edits = setServiceValue(model, service, 'user', value, PLACEMENT);
    else if (!service.aliased) edits = insertPairs(model, service.map, [{ key: 'user', value }], PLACEMENT);
    if (!edits?.length) return [];
    const last = edits.length - 1;
    const start = edits[last].newText.lastIndexOf(NON_ROOT);
    return [{ title: `Run as user \`${NON_ROOT}\``, safe: false, edits, ...(start >= 0 ? { placeholders: [{ edit: last, start, end: start + NON_ROOT.length }] } : {}) }];
  },
});

/**
 * The root user of the image a service builds, when its Dockerfile is in the workspace or written inline and says so;
 * undefined when the image runs as someone else or nothing can be known (no build, a remote context, an unreadable
 * Dockerfile, an unknown base image).
 */
function builtUser(model: ComposeModel, spec: ContainerSpec, context: RuleContext): BuiltUser | undefined {
  const build = spec.build;
  if (!build || (build.target && build.target.value === undefined)) return undefined;
  const target = build.target?.value;
  const inline = build.dockerfileInline;
  if (inline) {
    // Compose builds this text instead of a file; positions inside it are not kept, so the whole value is pointed at.
    if (inline.value === undefined) return undefined;
    const file = fileOf(inline.origin, model.path);
    const root = rootUserOf(parseOnce(inline.value, `${file}#dockerfile_inline`), target);
    return root && { dockerfile: file, inline: true, range: inline.origin.range, ...(root.user ? { user: root.user } : {}) };
  }
  if (!context.readFile) return undefined;
  // Compose reads `build` relative to the file that writes it (another file, for a service extended from there).
  const path = dockerfilePath({ path: fileOf(build.origin, model.path) }, spec);
  if (path === undefined) return undefined;
  const dockerfile = normalizePath(path);
  const text = context.readFile(dockerfile);
  if (text === undefined) return undefined;
  const root = rootUserOf(parseOnce(text, dockerfile), target);
  return root && { dockerfile, range: root.range, ...(root.user ? { user: root.user } : {}) };
}

/** Whether the stage built (the target, else the final one) runs as root, and the instruction that says so. */
function rootUserOf(parsed: DockerfileModel, target: string | undefined): { range: Range; user?: string } | undefined {
  const wanted = target?.trim().toLowerCase();
  const stage = wanted ? parsed.stages.find((s) => s.name === wanted) : parsed.finalStage;
  if (!stage) return undefined;
  const effective = userBefore(stage);
  if (!effective.isRoot) return undefined;
  if (effective.instruction) return { range: instructionSpan(effective.instruction), user: effective.user || 'root' };
  const base = rootStage(stage).image;
  if (!base || !startsAsRoot(base)) return undefined;
  return { range: instructionSpan(stage.from) };
}

/**
 * Services of one file often build from the same Dockerfile, and the editor analyses the file again at each keystroke:
 * one parse per Dockerfile text, not one per service and keystroke (see BENCHMARKS.md). Models are never modified.
 * Only stages and users are read here, so RUN scripts are left unread.
 */
const parsedDockerfiles = new RecentMap<string, DockerfileModel>(32);

function parseOnce(text: string, path: string): DockerfileModel {
  const known = parsedDockerfiles.get(path);
  if (known?.source.text === text) return known;
  const model = parseDockerfile(text, path, { runs: false });
  parsedDockerfiles.set(path, model);
  return model;
}


