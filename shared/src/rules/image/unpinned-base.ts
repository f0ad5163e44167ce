import { defineRule, prose, file } from '../../rule';
import { isFloatingTag, isWellFormedDigest } from '../../dockerfile/image-ref';
import type { Finding } from '../../types';

type MessageId = 'untagged' | 'latest' | 'floating' | 'tagOnly' | 'malformedDigest';

export default defineRule({
  meta: {
    id: 'image/unpinned-base',
    title: 'Base image not pinned',
    kind: 'dockerfile',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Pin each base image to a version tag and, for builds that must not change under you, to a digest
      (\`node:22.11-bookworm-slim@sha256:…\`).
    `,
    cis: '4.2',
    peers: {
      hadolint: ['DL3006', 'DL3007'],
      trivy: ['DS-0001'],
      checkov: ['CKV_DOCKER_7'],
      kics: ['Image Version Not Explicit', "Image Version Using 'latest'"],
      semgrep: ['missing-image-version'],
    },
    references: [
      { title: 'hadolint DL3006', url: 'https://github.com/hadolint/hadolint/wiki/DL3006' },
      { title: 'hadolint DL3007', url: 'https://github.com/hadolint/hadolint/wiki/DL3007' },
      {
        title: 'Dockerfile best practices: pin base image versions',
        url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
      },
      {
        title: 'Docker image digests',
        url: 'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier',
      },
    ],
    fix: 'none',
    messages: {
      untagged: '`{{image}}` has no tag, so it means `:latest`: whatever is pushed next is what you build on.',
      latest: '`{{image}}` uses the `latest` tag: whatever is pushed next is what you build on.',
      floating:
        '`{{image}}` uses the `{{tag}}` tag, which moves like `latest`: whatever is pushed next is what you build on.',
      tagOnly: '`{{image}}` is pinned by tag only; a tag can be moved to other content, a digest cannot.',
      malformedDigest: prose`
          \`{{image}}\` has a digest that is not \`sha256:\` and 64 hex digits (or \`sha512:\` and 128): it pins
          nothing, and Docker refuses to pull it.
        `,
    },
    docs: {
      description: prose`
          Reports every \`FROM\` whose image has no tag, the \`latest\` tag or another tag that moves like it
          (\`stable\`, \`edge\`, \`nightly\`, \`dev\`, \`beta\`, \`canary\`, \`test\`, \`main\`, \`master\`), or a
          digest that is not \`<algorithm>:<hex>\` of the right length (a warning), and, as information, every image
          pinned by tag but not by digest. ARG defaults declared before the first \`FROM\` are substituted (\`ARG
          BASE=node\` / \`FROM \${BASE}\` is an untagged \`node\`); an image that depends on an ARG without a default is
          not reported, since its value is only known at build time. \`scratch\` and references to earlier stages
          (\`FROM build\`) are not images to pin.
        `,
      examples: {
        bad: [
          file`
            FROM node
            CMD ["node", "server.js"]
          `,
          'FROM python:latest AS build\n',
          file`
            ARG BASE=alpine
            FROM \${BASE}
          `,
        ],
        good: [
          'FROM node:22.11.0-bookworm-slim@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5\n',
          file`
            FROM golang:1.23@sha256:0b6bd7d3a1d0c8f3a7e8e7b0e6a4f9b3c1f2d0e9c8b7a6f5e4d3c2b1a0f9e8d7 AS build
            FROM scratch
            COPY --from=build /app /app
          `,
          file`
            ARG BASE
            FROM \${BASE}
          `,
        ],
      },
      peerNotes: prose`
        The \`untagged\` and \`latest\` findings match hadolint DL3006/DL3007, KICS, Trivy DS-0001, Checkov CKV_DOCKER_7
        and semgrep \`missing-image-version\`, and we agree with every sample of theirs on those. The \`tagOnly\`
        finding is stricter than all of them and only information: a tag can be re-pushed, a digest cannot. So where a
        peer calls a tag-pinned image fine we still say it is pinned by tag only: KICS
        \`dockerfile/image_version_not_explicit/test/negative1.dockerfile\`,
        \`dockerfile/image_version_not_explicit/test/negative2.dockerfile\` and
        \`dockerfile/image_version_using_latest/test/negative.dockerfile\`, the \`ok\` lines of semgrep
        \`dockerfile/best-practice/missing-image-version.dockerfile\` (the tagged ones; the digest ones are fine for us
        too), and Trivy \`samples/latest_tag/good1.Dockerfile\`. Like KICS, we do not report \`FROM $IMAGE\` when the
        ARG comes after the first FROM: it is not in scope there, so the image is unknown.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const stage of model.stages) {
      const image = stage.image;
      if (stage.parent || !image || !stage.imageRange) continue;
      if (image.path === 'scratch' && !image.registry) continue;
      if (isWellFormedDigest(image.digest)) continue;
      const range = stage.imageRange;
      const data = { image: image.text };
      if (image.digest !== undefined) findings.push({ messageId: 'malformedDigest', range, data });
      else if (!image.tag) findings.push({ messageId: 'untagged', range, data });
      else if (image.tag === 'latest') findings.push({ messageId: 'latest', range, data });
      else if (isFloatingTag(image.tag))
        findings.push({ messageId: 'floating', range, data: { ...data, tag: image.tag } });
      else findings.push({ messageId: 'tagOnly', range, data, severity: 'info' });
    }
    return findings;
  },
});
