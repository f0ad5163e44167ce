import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { isFloatingTag, isWellFormedDigest } from '../../dockerfile/image-ref';
import type { Finding } from '../../types';

type MessageId = 'untagged' | 'latest' | 'floating' | 'tagOnly' | 'malformedDigest';

export default defineRule({
  meta: {
    id: 'container/unpinned-image',
    title: 'Image not pinned',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Pin each image to a version tag and, for deployments that must not change under you, to a digest
      (\`postgres:16.4-alpine@sha256:…\`).
    `,
    cis: '4.2',
    peers: {},
    references: [
      { title: 'Compose file reference: image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
      {
        title: 'Docker image digests',
        url: 'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier',
      },
    ],
    fix: 'none',
    messages: {
      untagged: prose`
        Service \`{{service}}\` runs \`{{image}}\`, which has no tag, so it means \`:latest\`: whatever is pushed next
        is what runs.
      `,
      latest: 'Service `{{service}}` runs `{{image}}`: the `latest` tag follows whatever is pushed next.',
      floating:
        'Service `{{service}}` runs `{{image}}`: the `{{tag}}` tag, like `latest`, follows whatever is pushed next.',
      tagOnly: prose`
          Service \`{{service}}\` runs \`{{image}}\`, pinned by tag only; a tag can be moved to other content, a digest
          cannot.
        `,
      malformedDigest: prose`
          Service \`{{service}}\` runs \`{{image}}\`, whose digest is not \`sha256:\` and 64 hex digits (or \`sha512:\`
          and 128): it pins nothing, and Docker refuses to pull it.
        `,
    },
    docs: {
      description: prose`
          Reports each service that pulls an image with no tag, the \`latest\` tag or another tag that moves like it
          (\`stable\`, \`edge\`, \`nightly\`, \`dev\`, \`beta\`, \`canary\`, \`test\`, \`main\`, \`master\`), or a
          digest that is not \`<algorithm>:<hex>\` of the right length (a warning), and, as information, one pinned by
          tag but not by digest — as \`image/unpinned-base\` does for a Dockerfile's \`FROM\`. Variables are read from
          the \`.env\` beside the file (\`image: nginx:\${TAG:-latest}\` is \`latest\`); an image behind an unset
          variable is not reported. A service that also has \`build:\` is not reported: its \`image:\` names what the
          build produces.
        `,
      examples: {
        bad: [
          file`
            services:
              db:
                image: postgres
          `,
          file`
            services:
              proxy:
                image: nginx:latest
          `,
        ],
        good: [
          file`
            services:
              db:
                image: postgres:16.4-alpine@sha256:4b44c32c9f3118d60977d0dde5f758f63c4f9eac8ddc4ecfd9a4b8f3c2a0b3d5
          `,
          file`
            services:
              app:
                build: .
                image: registry.example.com/app:latest
          `,
        ],
      },
      peerNotes: prose`
        KICS and Semgrep have no compose check for image pins (KICS "Image Version Not Explicit" and "Image Version
        Using 'latest'" read Dockerfiles and are claimed by \`image/unpinned-base\`).
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const image = spec.image?.value;
      if (!spec.image || !image || spec.build) continue;
      if (isWellFormedDigest(image.digest)) continue;
      const data = { service: service.name, image: image.text.trim() };
      const place = placeOf(spec.image.origin, 'value');
      if (image.digest !== undefined) findings.push({ messageId: 'malformedDigest', data, ...place });
      else if (!image.tag) findings.push({ messageId: 'untagged', data, ...place });
      else if (image.tag === 'latest') findings.push({ messageId: 'latest', data, ...place });
      else if (isFloatingTag(image.tag))
        findings.push({ messageId: 'floating', data: { ...data, tag: image.tag }, ...place });
      else findings.push({ messageId: 'tagOnly', data, ...place, severity: 'info' });
    }
    return findings;
  },
});
