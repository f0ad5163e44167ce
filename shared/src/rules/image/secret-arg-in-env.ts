import type { Arg, Env } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { shippedStages } from '../../dockerfile/instructions';
import { variableSettings } from '../../dockerfile/variables';
import { spanEdit, type Span } from '../../dockerfile/shell-edits';
import { isSecretName } from './secret-in-build';
import type { Finding, Fix } from '../../types';

type MessageId = 'copied';

interface RemovalFix {
  name: string;
  span: Span;
}

export default defineRule({
  meta: {
    id: 'image/secret-arg-in-env',
    title: 'Build secret copied into the image environment',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
        Do not copy the build argument into ENV: build steps already see ARG values, and a build secret is better read
        from \`RUN --mount=type=secret,id=…,env=NAME\`; pass what the application needs when the container starts.
      `,
    cis: '4.10',
    peers: { trivy: ['DS-0031'] },
    references: [
      { title: 'Dockerfile reference: ENV', url: 'https://docs.docker.com/reference/dockerfile/#env' },
      { title: 'Dockerfile reference: ARG', url: 'https://docs.docker.com/reference/dockerfile/#arg' },
      { title: 'Docker: build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      {
        title: 'Docker build check SecretsUsedInArgOrEnv',
        url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      },
    ],
    fix: 'unsafe',
    messages: {
      copied: prose`
          \`{{name}}\` is set from the build argument \`{{arg}}\`: ENV stores the value passed at build time in the
          image config, where \`docker inspect\` shows it to anyone who can pull the image, and every process of every
          container sees it.
        `,
    },
    docs: {
      description: prose`
        Reports ENV pairs of the stages that become the image (the final stage and the stages it is built \`FROM\`)
        whose value takes a build argument that holds a secret: \`ARG NPM_TOKEN\` then \`ENV NPM_TOKEN=$NPM_TOKEN\`
        or \`ENV AUTH="Bearer \${API_TOKEN}"\`. A build argument holds a secret when its name says so (as
        \`image/secret-in-build\` reads names: \`*_TOKEN\`, \`*_PASSWORD\`, \`API_KEY\`, not \`*_FILE\` or
        \`*_URL\`), or when the ENV it is copied into has such a name. Passing a secret with \`--build-arg\` already
        leaves it in the image history of each RUN that uses it; ENV then copies it into the image config, which
        \`docker inspect\` and every registry client print in clear, and into the environment of every process the
        container runs.

        The ARG must be in scope: declared in the stage (a global \`ARG\` before \`FROM\` reaches the stage only
        through a bare \`ARG NAME\` in it) and not overridden by an earlier ENV of the same name. \`\${TOKEN:+set}\`
        does not copy the value and is not reported. ENV of a stage that only a \`COPY --from\` reads does not reach
        the image config and is not reported.

        The fix removes the pair when it copies the argument to a variable of the same name
        (\`ENV NPM_TOKEN=$NPM_TOKEN\`): RUN steps still see \`NPM_TOKEN\`, since Docker gives build arguments to
        RUN as environment variables. It is unsafe: an application that reads the variable when the container runs
        loses it and must be given it at start (\`docker run -e\`, a compose secret).
      `,
      examples: {
        bad: ['FROM node:20-slim\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\nRUN npm ci\n'],
        good: [
          file`
            # docker build --secret id=npm_token,env=NPM_TOKEN .
            FROM node:20-slim
            RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
          `,
          'FROM node:20-slim\nARG NODE_ENV=production\nENV NODE_ENV=$NODE_ENV\n',
        ],
      },
      peerNotes: prose`
        Trivy DS-0031 and Docker's build check \`SecretsUsedInArgOrEnv\` report secret-looking names in ARG and ENV
        whatever their value; Bulkhead's \`image/secret-in-build\` reports literals, and this rule the copy of a
        build argument into the image config, which those checks report only by the ENV's name.
      `,
    },
  },

  check(model) {
    const findings: Finding<MessageId, RemovalFix>[] = [];
    for (const stage of shippedStages(model)) findings.push(...stageCopies(model, stage));
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    if (!data) return [];
    return [
      {
        title: `Remove \`${data.name}\` from ENV (build steps still see the build argument)`,
        // The application may read the variable when the container runs.
        safe: false,
        edits: [spanEdit(model.source, data.span)],
      },
    ];
  },
});

/** `$NAME`, `${NAME}` and `${NAME:-word}` insert the value; `${NAME:+word}` only says whether it is set. */
const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function stageCopies(model: DockerfileModel, stage: Stage): Finding<MessageId, RemovalFix>[] {
  const findings: Finding<MessageId, RemovalFix>[] = [];
  // Names ENV sets in the stages this one is built on: there the variable is the ENV, not a build argument.
  const env = new Set<string>();
  for (let s = stage.parent, guard = 0; s && guard < 100; s = s.parent, guard++)
    for (const ins of s.instructions)
      if (ins.getKeyword() === 'ENV') for (const p of (ins as Env).getProperties()) env.add(p.getName());
  const args = new Set<string>();
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'ARG') {
      for (const p of (ins as Arg).getProperties()) args.add(p.getName());
      continue;
    }
    if (keyword !== 'ENV') continue;
    const properties = (ins as Env).getProperties();
    const before = new Set(env);
    for (const property of properties) {
      const name = property.getName();
      const value = property.getValue() ?? '';
      const arg = copiedArgument(value, (ref) => args.has(ref) && !before.has(ref), name);
      env.add(name);
      if (!arg) continue;
      const start = model.source.offsetAt(property.getRange().start);
      let fixData: RemovalFix | undefined;
      if (arg === name && new RegExp(`^\\$(?:\\{${name}\\}|${name})$`).test(value.trim())) {
        const removal = variableSettings(model, (n) => n === name).find(
          (s) => s.via === 'ENV' && s.start === start,
        )?.removal;
        if (removal) fixData = { name, span: removal };
      }
      findings.push({ messageId: 'copied', data: { name, arg }, range: property.getRange(), fixData });
    }
  }
  return findings;
}

/** The build argument with a secret-looking name (or copied to one) whose value `value` inserts, if any. */
function copiedArgument(value: string, isArgument: (name: string) => boolean, envName: string): string | undefined {
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(value); m; m = REFERENCE.exec(value)) {
    const ref = m[1] ?? m[3];
    const operator = m[2] ?? '';
    if (/^:?\+/.test(operator) || !isArgument(ref)) continue;
    if (isSecretName(ref) || isSecretName(envName)) return ref;
  }
  return undefined;
}
