import type { Env } from 'dockerfile-ast';
import { defineRule, prose, file } from '../../rule';
import { commandsOf, shippedStages } from '../../dockerfile/instructions';
import { effectiveWords } from '../../dockerfile/shell';
import type { Finding, Range } from '../../types';
import type { DockerfileModel } from '../../dockerfile/model';
import {
  debuggersIn,
  flaskReadsOn,
  opensInspector,
  opensJdwp,
  JAVA_OPTION_VARIABLES,
  type DebuggerKind,
} from '../debuggers';

type MessageId = DebuggerKind;

export default defineRule({
  meta: {
    id: 'image/debugger-exposed',
    title: 'Debugger left on in the image',
    kind: 'dockerfile',
    severity: 'error',
    threat: 'application',
    mitigation: prose`
      Turn debuggers on only where you debug: set the flag or variable when you run the container locally
      (\`docker run -e FLASK_DEBUG=1\`, a compose override), never in the image.
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
        \`{{text}}\` turns Flask's debug mode on in the image: its interactive debugger runs any Python code sent from a
        browser, behind only a PIN.
      `,
      nodeInspector: prose`
        \`{{text}}\` opens Node's inspector on every interface: whoever reaches the port can run any code in the
        process.
      `,
      jdwp: prose`
        \`{{text}}\` opens a JDWP debugger port on every interface: whoever reaches it can run any code in the JVM,
        without authentication.
      `,
      debugpy: prose`
        \`{{text}}\` makes debugpy listen on every interface: whoever reaches the port can run any Python code in the
        process.
      `,
    },
    docs: {
      description: prose`
        Reports a debugger that the image turns on for whoever can reach the container, in the stages that end up
        in the image: \`ENV FLASK_DEBUG\` set to anything Flask reads as on (any value but \`0\`, \`false\` and \`no\`,
        as its \`get_debug_flag\` does), \`flask run --debug\`; Node's \`--inspect\`, \`--inspect-brk\` and
        \`--inspect-wait\` bound to \`0.0.0.0\` or \`[::]\`, in CMD, ENTRYPOINT or \`NODE_OPTIONS\`; a JDWP agent
        (\`-agentlib:jdwp\`, \`-Xrunjdwp\`) that listens (\`server=y\`) on \`*\` or \`0.0.0.0\`, in the command or
        in \`JAVA_TOOL_OPTIONS\`, \`JDK_JAVA_OPTIONS\`, \`_JAVA_OPTIONS\` and \`JAVA_OPTS\`; and \`debugpy --listen\` on
        \`0.0.0.0\`. Each runs code it is sent: Node's documentation warns that an inspector bound to a public address
        lets any host that reaches it execute arbitrary code, and JDWP has no authentication at all.

        An inspector left on the default address (\`127.0.0.1\`) is not reported, nor a JDWP \`address\` of a port
        alone (since Java 9 it means the loopback interface; Java 8 still listened on every interface there). Values
        that come from a variable the Dockerfile does not set are not read.
      `,
      examples: {
        bad: [
          file`
            FROM python:3.12-slim
            ENV FLASK_DEBUG=1
            CMD ["flask", "run", "--host=0.0.0.0"]
          `,
          file`
            FROM node:22-slim
            CMD ["node", "--inspect=0.0.0.0:9229", "server.js"]
          `,
        ],
        good: [
          file`
            FROM python:3.12-slim
            ENV FLASK_DEBUG=0
            CMD ["flask", "run", "--host=0.0.0.0"]
          `,
          file`
            FROM node:22-slim
            CMD ["node", "server.js"]
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<MessageId>[] = [];
    const report = (messageId: MessageId, text: string, range: Range) =>
      findings.push({ messageId, data: { text }, range });
    for (const stage of shippedStages(model)) {
      for (const ins of stage.instructions) {
        const keyword = ins.getKeyword();
        if (keyword === 'ENV') {
          for (const prop of (ins as Env).getProperties()) {
            const name = prop.getName();
            const value = prop.getValue() ?? '';
            const range = prop.getRange();
            const text = `${name}=${value}`;
            if (name === 'FLASK_DEBUG' && flaskReadsOn(value)) report('flaskDebug', text, range);
            else if (name === 'NODE_OPTIONS' && value.split(/\s+/).some(opensInspector))
              report('nodeInspector', text, range);
            else if (JAVA_OPTION_VARIABLES.has(name) && value.split(/\s+/).some(opensJdwp)) report('jdwp', text, range);
          }
        } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
          for (const cmd of commandsOf(model, ins)) checkCommand(model, effectiveWords(cmd), report);
        }
      }
    }
    return findings;
  },
});

function checkCommand(
  model: DockerfileModel,
  words: ReturnType<typeof effectiveWords>,
  report: (messageId: MessageId, text: string, range: Range) => void,
): void {
  for (const found of debuggersIn(words))
    report(found.kind, found.text, model.source.rangeOf(words[found.first].start, words[found.last].end));
}
