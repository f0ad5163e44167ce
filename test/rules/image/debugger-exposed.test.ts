import rule from '../../../shared/src/rules/image/debugger-exposed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nCMD ["node", "server.js"]\n',
    {
      name: 'Flask debug off, in the words Flask reads as off',
      code: 'FROM python:3.12\nENV FLASK_DEBUG=0\nENV FLASK_DEBUG=false FLASK_APP=app\nENV FLASK_DEBUG=No\n',
    },
    {
      name: 'the inspector on its default address',
      code: 'FROM node:22-slim\nCMD ["node", "--inspect", "server.js"]\nENV NODE_OPTIONS="--inspect=127.0.0.1:9229"\n',
    },
    {
      name: 'a debugger in a build stage only',
      code: 'FROM node:22 AS test\nENV NODE_OPTIONS=--inspect=0.0.0.0\nRUN npm test\nFROM node:22-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'JDWP as a client, or on a port alone (loopback since Java 9)',
      code: 'FROM eclipse-temurin:21\nENV JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=n,address=ide:5005\nCMD ["java", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-jar", "app.jar"]\n',
    },
    {
      name: 'debugpy on loopback; --listen of another program',
      code: 'FROM python:3.12\nCMD ["python", "-m", "debugpy", "--listen", "5678", "app.py"]\nENTRYPOINT ["gunicorn", "--listen", "0.0.0.0:8000"]\n',
    },
    { name: '--debug of another program', code: 'FROM python:3.12\nCMD ["uvicorn", "--debug", "app:app"]\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nENV FLASK_DEBUG=1\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
      findings: [{ messageId: 'flaskDebug', range: '2:5-2:18' }],
    },
    {
      name: 'flask run --debug, shell form',
      code: 'FROM python:3.12-slim\nCMD flask run --debug --host 0.0.0.0\n',
      findings: [{ messageId: 'flaskDebug', range: '2:15-2:22' }],
    },
    {
      name: 'the inspector on every interface, in the command and in NODE_OPTIONS',
      code: 'FROM node:22-slim\nENV NODE_OPTIONS="--max-old-space-size=512 --inspect-brk=[::]:9229"\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n',
      findings: [
        { messageId: 'nodeInspector', range: '2:5-2:68' },
        { messageId: 'nodeInspector', range: '3:14-3:38' },
      ],
    },
    {
      name: 'JDWP listening on every interface, in JAVA_TOOL_OPTIONS and in the command',
      code: 'FROM eclipse-temurin:21\nENV JAVA_TOOL_OPTIONS="-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"\nENTRYPOINT java -Xrunjdwp:transport=dt_socket,server=y,address=0.0.0.0:8000 -jar /app.jar\n',
      findings: [
        { messageId: 'jdwp', range: '2:5-2:93' },
        { messageId: 'jdwp', range: '3:17-3:76' },
      ],
    },
    {
      name: 'debugpy on every interface',
      code: 'FROM python:3.12\nCMD ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]\n',
      findings: [{ messageId: 'debugpy', range: '2:33-2:59' }],
    },
    {
      name: 'set in a stage the final one builds on',
      code: 'FROM python:3.12 AS base\nENV FLASK_DEBUG=true\nFROM base\nCMD ["flask", "run"]\n',
      findings: [{ messageId: 'flaskDebug', range: '2:5-2:21' }],
    },
  ],
});
