import { defineRule, prose, file } from '../../rule';
import { isWellFormedDigest, parseImageRef } from '../../dockerfile/image-ref';
import type { Finding } from '../../types';

type MessageId = 'thirdParty' | 'upstreamFloating';

/** Docker's released Dockerfile frontend, which Docker's documentation tells every Dockerfile to name. */
const OFFICIAL = 'docker/dockerfile';
/** Docker's frontend built from BuildKit's main branch between releases. */
const UPSTREAM = 'docker/dockerfile-upstream';
/** Release tags Docker publishes once and does not move (`1.7.1`, `1.7.1-labs`). */
const EXACT_RELEASE = /^\d+\.\d+\.\d+(-labs)?$/;

export default defineRule({
  meta: {
    id: 'image/unpinned-syntax-frontend',
    title: '`# syntax=` frontend not pinned by digest',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
        Use Docker’s frontend (\`# syntax=docker/dockerfile:1\`) or none; where a build must not change under you, pin
        it by digest (\`docker/dockerfile:1@sha256:…\`).
      `,
    peers: {},
    references: [
      { title: 'Dockerfile reference: syntax', url: 'https://docs.docker.com/reference/dockerfile/#syntax' },
      {
        title: 'BuildKit: custom Dockerfile syntax',
        url: 'https://docs.docker.com/build/buildkit/frontend/',
      },
    ],
    fix: 'none',
    messages: {
      thirdParty: prose`
          \`# syntax={{image}}\` builds with a frontend image that is not Docker’s and is not pinned by digest: whatever
          is pushed to it next runs in every build, with the build context and secrets in reach.
        `,
      upstreamFloating: prose`
          \`# syntax={{image}}\` follows a moving tag of Docker’s development frontend, built from BuildKit’s main
          branch: unreleased code decides how the file is built.
        `,
    },
    docs: {
      description: prose`
        Reports the \`# syntax=\` parser directive on the first lines of a Dockerfile when the frontend image it
        names is not pinned by a well-formed digest (\`@sha256:\` and 64 hex digits). BuildKit pulls that image and
        runs it to turn the Dockerfile into build steps, so it sees the build context, build secrets and SSH agents,
        and decides what the image contains.

        A frontend that is not Docker's own, such as \`# syntax=someone/frontend\`, is a warning: whoever can push to
        that repository runs code in every build. Docker's released frontend, \`docker/dockerfile\`, is not reported
        on any tag: Docker's documentation recommends \`docker/dockerfile:1\` (the latest 1.x release, so fixes
        arrive), it comes from the same project as the BuildKit that runs the build, and a rule that fired on it would
        fire on most Dockerfiles written today. Its development builds, \`docker/dockerfile-upstream\` on a tag other
        than an exact release (\`master\`, \`latest\`, \`1-labs\`, none), are \`info\`: unreleased code decides
        what the image contains. A frontend pinned by digest is not reported. The directive is read as BuildKit
        reads it: only in
        the comment lines before the first instruction; a \`BUILDKIT_SYNTAX\` build argument is not known from the
        file.
      `,
      examples: {
        bad: [
          '# syntax=someone/dockerfile-frontend:latest\nFROM alpine:3.20\n',
          '# syntax=docker/dockerfile-upstream:master\nFROM alpine:3.20\n',
        ],
        good: [
          file`
            # syntax=someone/dockerfile-frontend@sha256:4c68376a702446fc3c79af22de146a148bc3367e73c25a5803d453b6b3f722fb
            FROM alpine:3.20
          `,
          '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n',
          'FROM alpine:3.20\n',
        ],
      },
      peerNotes: prose`
        No peer in the corpus reads the syntax directive. Docker's own build checks (\`docker build --check\`) do not
        report a frontend that is not pinned either.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const directive of model.ast.getDirectives()) {
      if (directive.getName().toLowerCase() !== 'syntax') continue;
      const value = directive.getValue().trim();
      if (!value) continue;
      const ref = parseImageRef(value);
      if (isWellFormedDigest(ref.digest)) continue;
      const range = directive.getValueRange();
      const docker = ref.registry === undefined ? ref.path : undefined;
      if (docker === OFFICIAL) continue;
      if (docker === UPSTREAM) {
        if (!ref.digest && !EXACT_RELEASE.test(ref.tag ?? ''))
          findings.push({ messageId: 'upstreamFloating', data: { image: value }, range, severity: 'info' });
        continue;
      }
      // A digest that is not well formed pins nothing (BuildKit refuses it; the finding says why).
      findings.push({ messageId: 'thirdParty', data: { image: value }, range });
    }
    return findings;
  },
});
