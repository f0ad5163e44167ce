import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/debugger-exposed';
import { runRuleTests } from '../../rule-tester';

const api = file`
  services:
    api:
      image: node:22-slim
`;

runRuleTests(rule, {
  valid: [
    `${api}    command: node server.js\n`,
    {
      name: 'the inspector on loopback',
      code: `${api}    command: ["node", "--inspect=127.0.0.1:9229", "server.js"]\n`,
    },
    {
      name: 'Flask debug off; from an unset variable',
      code: `${api}    environment:\n      FLASK_DEBUG: "0"\n      NODE_OPTIONS: \${NODE_OPTIONS}\n`,
    },
    {
      name: 'JDWP on a port alone',
      code: `${api}    environment:\n      - JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,address=5005\n`,
    },
  ],
  invalid: [
    {
      code: `${api}    command: node --inspect=0.0.0.0:9229 server.js\n`,
      findings: [{ messageId: 'nodeInspector', range: '4:14-4:51' }],
    },
    {
      name: 'nodemon in a shell-form entrypoint, quoted words',
      code: `${api}    entrypoint: 'nodemon "--inspect=0.0.0.0" server.js'\n`,
      findings: [{ messageId: 'nodeInspector', range: '4:17-4:56' }],
    },
    {
      name: 'environment as a mapping and as a list; debugpy in the exec form',
      code: file`
        services:
          web:
            image: python:3.12
            command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]
            environment:
              FLASK_DEBUG: 1
          worker:
            image: eclipse-temurin:21
            environment:
              - JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005
      `,
      findings: [
        { messageId: 'debugpy', range: '4:14-4:79' },
        { messageId: 'flaskDebug', range: '6:7-6:21' },
        { messageId: 'jdwp', range: '10:9-10:85' },
      ],
    },
    {
      name: 'inherited through extends',
      code: `${api}    environment:\n      NODE_OPTIONS: --inspect=[::]:9229\n  worker:\n    extends: api\n`,
      findings: [
        { messageId: 'nodeInspector', range: '5:7-5:40' },
        { messageId: 'nodeInspector', range: '7:14-7:17' },
      ],
    },
  ],
});
