import { defineRule, prose, file } from '../../rule';
import { placeOf } from '../../container/finding-place';
import { commandWords } from '../../container/spec';
import type { Finding } from '../../types';
import {
  debuggersIn,
  flaskReadsOn,
  opensInspector,
  opensJdwp,
  JAVA_OPTION_VARIABLES,
  type DebuggerKind,
} from '../debuggers';

export default defineRule({
  meta: {
    id: 'container/debugger-exposed',
    title: 'Debugger left on in a service',
    kind: 'compose',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
      Turn debuggers on in a compose override used only where you debug (\`compose.debug.yaml\`), and publish their port
      on \`127.0.0.1\` there.
    `,
    peers: {},
    references: [
      { title: 'Flask: debug mode', url: 'https://flask.palletsprojects.com/en/stable/debugging/' },
      {
        title: 'Node.js: debugging, security implications',
        url: 'https://nodejs.org/en/learn/getting-started/debugging',
      },
      {
        title: 'Java Debug Wire Protocol: connection and invocation',
        url: 'https://docs.oracle.com/en/java/javase/21/docs/specs/jpda/conninv.html',
      },
      {
        title: 'debugpy: command line reference',
        url: 'https://github.com/microsoft/debugpy/wiki/Command-Line-Reference',
      },
    ],
    fix: 'none',
    messages: {
      flaskDebug: prose`
        Service \`{{service}}\` turns Flask's debug mode on (\`{{text}}\`): its interactive debugger runs any Python
        code sent from a browser, behind only a PIN.
      `,
      nodeInspector: prose`
        Service \`{{service}}\` opens Node's inspector on every interface (\`{{text}}\`): whoever reaches the port can
        run any code in the process.
      `,
      jdwp: prose`
        Service \`{{service}}\` opens a JDWP debugger port on every interface (\`{{text}}\`): whoever reaches it can run
        any code in the JVM, without authentication.
      `,
      debugpy: prose`
        Service \`{{service}}\` makes debugpy listen on every interface (\`{{text}}\`): whoever reaches the port can run
        any Python code in the process.
      `,
    },
    docs: {
      description: prose`
        The compose side of \`image/debugger-exposed\`, with the same reading of each debugger: a service whose
        \`command\` or \`entrypoint\` (exec or shell form) starts Node's inspector or debugpy on \`0.0.0.0\`, a JDWP
        agent listening on \`*\` or \`0.0.0.0\`, or \`flask run --debug\`, and a service whose \`environment\` sets
        \`FLASK_DEBUG\` to a value Flask reads as on, or puts one of these options in \`NODE_OPTIONS\` or the JVM's
        option variables. Also when the setting comes from a YAML anchor, a service it extends or an override file.

        Compose files are often shared between development and production; a debugger that is on in the file is on
        wherever the file is deployed, and each of these runs the code it is sent. Publishing the debugger's port on
        \`127.0.0.1\` only keeps other hosts out: every container on the service's networks still reaches it. Values
        taken from variables that are not set are not read.
      `,
      examples: {
        bad: [
          file`
            services:
              api:
                image: node:22-slim
                command: node --inspect=0.0.0.0:9229 server.js
          `,
        ],
        good: [
          file`
            services:
              api:
                image: node:22-slim
                command: node server.js
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<DebuggerKind>[] = [];
    for (const service of model.services) {
      const spec = service.spec;
      for (const setting of [spec.entrypoint, spec.command]) {
        if (!setting?.value) continue;
        for (const found of debuggersIn(commandWords(setting.value).map((value) => ({ value }))))
          findings.push({
            messageId: found.kind,
            data: { service: service.name, text: found.text },
            ...placeOf(setting.origin, 'value'),
          });
      }
      for (const item of spec.environment.items) {
        const env = item.value;
        const value = env?.literal;
        if (!env || value === undefined) continue;
        const words = value.split(/\s+/);
        const kind: DebuggerKind | undefined =
          env.name === 'FLASK_DEBUG' && flaskReadsOn(value)
            ? 'flaskDebug'
            : env.name === 'NODE_OPTIONS' && words.some(opensInspector)
              ? 'nodeInspector'
              : JAVA_OPTION_VARIABLES.has(env.name) && words.some(opensJdwp)
                ? 'jdwp'
                : undefined;
        if (kind)
          findings.push({
            messageId: kind,
            data: { service: service.name, text: `${env.name}=${value}` },
            ...placeOf(item.origin),
          });
      }
    }
    return findings;
  },
});
