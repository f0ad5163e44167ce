import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/debugger-exposed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM node:22-slim
      CMD ["node", "server.js"]
    `,
    {
      name: 'Flask debug off, in the words Flask reads as off',
      code: file`
        FROM python:3.12
        ENV FLASK_DEBUG=0
        ENV FLASK_DEBUG=false FLASK_APP=app
        ENV FLASK_DEBUG=No
      `,
    },
    {
      name: 'the inspector on its default address',
      code: file`
        FROM node:22-slim
        CMD ["node", "--inspect", "server.js"]
        ENV NODE_OPTIONS="--inspect=127.0.0.1:9229"
      `,
    },
    {
      name: 'a debugger in a build stage only',
      code: file`
        FROM node:22 AS test
        ENV NODE_OPTIONS=--inspect=0.0.0.0
        RUN npm test
        FROM node:22-slim
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'JDWP as a client, or on a port alone (loopback since Java 9)',
      code: file`
        FROM eclipse-temurin:21
        ENV JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=n,address=ide:5005
        CMD ["java", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-jar", "app.jar"]
      `,
    },
    {
      name: 'debugpy on loopback; --listen of another program',
      code: file`
        FROM python:3.12
        CMD ["python", "-m", "debugpy", "--listen", "5678", "app.py"]
        ENTRYPOINT ["gunicorn", "--listen", "0.0.0.0:8000"]
      `,
    },
    {
      name: '--debug of another program',
      code: file`
        FROM python:3.12
        CMD ["uvicorn", "--debug", "app:app"]
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM python:3.12-slim
        ENV FLASK_DEBUG=1
        CMD ["flask", "run", "--host=0.0.0.0"]
      `,
      findings: [{ messageId: 'flaskDebug', range: '2:5-2:18' }],
    },
    {
      name: 'flask run --debug, shell form',
      code: file`
        FROM python:3.12-slim
        CMD flask run --debug --host 0.0.0.0
      `,
      findings: [{ messageId: 'flaskDebug', range: '2:15-2:22' }],
    },
    {
      name: 'the inspector on every interface, in the command and in NODE_OPTIONS',
      code: file`
        FROM node:22-slim
        ENV NODE_OPTIONS="--max-old-space-size=512 --inspect-brk=[::]:9229"
        CMD ["node", "--inspect=0.0.0.0:9229", "server.js"]
      `,
      findings: [
        { messageId: 'nodeInspector', range: '2:5-2:68' },
        { messageId: 'nodeInspector', range: '3:14-3:38' },
      ],
    },
    {
      name: 'JDWP listening on every interface, in JAVA_TOOL_OPTIONS and in the command',
      code: file`
        FROM eclipse-temurin:21
        ENV JAVA_TOOL_OPTIONS="-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"
        ENTRYPOINT java -Xrunjdwp:transport=dt_socket,server=y,address=0.0.0.0:8000 -jar /app.jar
      `,
      findings: [
        { messageId: 'jdwp', range: '2:5-2:93' },
        { messageId: 'jdwp', range: '3:17-3:76' },
      ],
    },
    {
      name: 'debugpy on every interface',
      code: file`
        FROM python:3.12
        CMD ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]
      `,
      findings: [{ messageId: 'debugpy', range: '2:33-2:59' }],
    },
    {
      name: 'set in a stage the final one builds on',
      code: file`
        FROM python:3.12 AS base
        ENV FLASK_DEBUG=true
        FROM base
        CMD ["flask", "run"]
      `,
      findings: [{ messageId: 'flaskDebug', range: '2:5-2:21' }],
    },
  ],
});
