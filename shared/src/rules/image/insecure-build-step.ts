import type { Flag, ModifiableInstruction } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import type { Finding, Fix } from '../../types';

type MessageId = 'insecure' | 'hostNetwork';

export default defineRule({
  meta: {
    id: 'image/insecure-build-step',
    title: 'Build step outside the build sandbox',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'host-container',
    mitigation: prose`
      Remove \`--security=insecure\` and \`--network=host\` from RUN; install what a step needs so it runs in the
      sandbox, and reach the network through the default build network.
    `,
    peers: {},
    references: [
      {
        title: 'Dockerfile reference: RUN --security',
        url: 'https://docs.docker.com/reference/dockerfile/#run---security',
      },
      {
        title: 'Dockerfile reference: RUN --network',
        url: 'https://docs.docker.com/reference/dockerfile/#run---network',
      },
      { title: 'docker buildx build --allow', url: 'https://docs.docker.com/reference/cli/docker/buildx/build/#allow' },
    ],
    fix: 'unsafe',
    messages: {
      insecure: prose`
        \`RUN --security=insecure\` runs this step without the build sandbox, as \`docker run --privileged\` would: a
        compromised script or package in it can take over the build host.
      `,
      hostNetwork: prose`
        \`RUN --network=host\` runs this step in the build host's network: it reaches every service the host listens for
        on localhost, such as a Docker API or a database bound to 127.0.0.1.
      `,
    },
    docs: {
      description: prose`
        Reports \`RUN\` instructions that leave BuildKit's sandbox: \`--security=insecure\`, which Docker's reference
        describes as equivalent to \`docker run --privileged\` (every capability, no seccomp or AppArmor profile), and
        \`--network=host\`, which runs the step in the host's network namespace. Both only work when the builder and
        the build request allow the entitlement (\`security.insecure\`, \`network.host\`), so a build that needs them
        has widened the builder for every Dockerfile it builds. What runs in such a step (an install script, a
        package's post-install hook) runs with that access to the build machine, often a CI runner holding
        credentials.

        A flag whose value is a variable is not reported. \`--security=sandbox\` (the default) and
        \`--network=none\` or \`default\` are not findings. The fix removes the flag; it is unsafe, because a step that
        really needed the access (building a kernel module, reaching a registry only on the host's network) fails.
      `,
      examples: {
        bad: [
          file`
            # syntax=docker/dockerfile:1-labs
            FROM alpine:3.20
            RUN --security=insecure ./build.sh
          `,
          file`
            FROM alpine:3.20
            RUN --network=host wget -O /tmp/x http://127.0.0.1:8080/x
          `,
        ],
        good: [
          file`
            FROM alpine:3.20
            RUN --network=none ./build.sh
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'RUN') continue;
        for (const flag of (instruction as ModifiableInstruction).getFlags()) {
          const messageId = messageFor(flag);
          if (!messageId) continue;
          findings.push({ messageId, range: flag.getRange() });
        }
      }
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const { source } = model;
    const start = source.offsetAt(finding.range.start);
    const flagEnd = source.offsetAt(finding.range.end);
    // The blanks after the flag go with it, so that `RUN --network=host  cmd` becomes `RUN cmd`.
    let end = flagEnd;
    while (source.text[end] === ' ' || source.text[end] === '\t') end++;
    const flag = source.text.slice(start, flagEnd);
    return [{ title: `Remove \`${flag}\``, safe: false, edits: [{ range: source.rangeOf(start, end), newText: '' }] }];
  },
});

function messageFor(flag: Flag): MessageId | undefined {
  const name = flag.getName().toLowerCase();
  const value = flag.getValue()?.trim().toLowerCase();
  if (name === 'security' && value === 'insecure') return 'insecure';
  if (name === 'network' && value === 'host') return 'hostNetwork';
  return undefined;
}
