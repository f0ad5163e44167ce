import rule from '../../../shared/src/rules/image/secret-arg-in-env';
import { runRuleTests } from '../../rule-tester';
import { file } from '../../../shared/src/rule';

const removeToken = 'Remove `NPM_TOKEN` from ENV (build steps still see the build argument)';

runRuleTests(rule, {
  valid: [
    'FROM node:20-slim\nARG NODE_ENV=production\nENV NODE_ENV=$NODE_ENV\n',
    {
      name: 'a build argument used by RUN only',
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN echo "token given: ${NPM_TOKEN:+yes}" && npm ci\n',
    },
    {
      name: 'a global ARG that the stage does not declare is empty there',
      code: 'ARG NPM_TOKEN\nFROM node:20-slim\nENV NPM_TOKEN=$NPM_TOKEN\n',
    },
    {
      name: 'an ENV set earlier in the stage wins over the ARG',
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nENV NPM_TOKEN=/run/secrets/npm\nENV NPM_CONFIG_TOKEN=$NPM_TOKEN\n',
    },
    {
      name: 'an ENV of the same name wins over the ARG',
      code: 'FROM node:20-slim AS base\nENV API_TOKEN=/run/secrets/t\nFROM base\nARG API_TOKEN\nENV TOKEN_PATH=$API_TOKEN\n',
    },
    { name: 'only whether it is set', code: 'FROM node:20-slim\nARG NPM_TOKEN\nENV HAS_TOKEN=${NPM_TOKEN:+1}\n' },
    {
      name: 'pointers and public values',
      code: 'FROM node:20-slim\nARG SECRET_FILE\nARG PUBLIC_KEY\nENV SECRET_FILE=$SECRET_FILE PUBLIC_KEY=$PUBLIC_KEY\n',
    },
    {
      name: 'a build-only stage: its ENV does not reach the image config',
      code: 'FROM node:20 AS build\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\nRUN npm ci\n',
      findings: [
        {
          messageId: 'copied',
          range: '3:5-3:27',
          fixes: [{ title: removeToken, safe: false, output: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN npm ci\n' }],
        },
      ],
    },
    {
      name: 'one pair of several, legacy form, a global ARG redeclared',
      code: 'ARG NPM_TOKEN\nFROM node:20-slim\nARG NPM_TOKEN\nARG GH_PAT\nENV NODE_ENV=production NPM_TOKEN=$NPM_TOKEN\nENV GH_TOKEN $GH_PAT\n',
      findings: [
        {
          messageId: 'copied',
          range: '5:25-5:45',
          fixes: [
            {
              title: removeToken,
              safe: false,
              output:
                'ARG NPM_TOKEN\nFROM node:20-slim\nARG NPM_TOKEN\nARG GH_PAT\nENV NODE_ENV=production\nENV GH_TOKEN $GH_PAT\n',
            },
          ],
        },
        { messageId: 'copied', range: '6:5-6:21', fixes: [] },
      ],
    },
    {
      name: 'inside a longer value, with a default, into a secret-named ENV',
      code: 'FROM python:3.12\nARG API_TOKEN\nARG VALUE\nENV AUTH="Bearer ${API_TOKEN:-none}" DB_PASSWORD=$VALUE\n',
      findings: [
        { messageId: 'copied', range: '4:5-4:37', fixes: [] },
        { messageId: 'copied', range: '4:38-4:56', fixes: [] },
      ],
    },
    {
      name: 'a second copy of the copy goes with it (fuzz: test/fixtures/fuzz/292beecea1a0.dockerfile)',
      code: file`
        FROM node:20-slim
        ARG NPM_TOKEN
        ENV NPM_TOKEN=\${NPM_TOKEN}
        ENV NPM_TOKEN=$NPM_TOKEN
        RUN npm ci
      `,
      findings: [
        {
          messageId: 'copied',
          range: '3:5-3:27',
          fixes: [
            {
              title: removeToken,
              safe: false,
              output: file`
                FROM node:20-slim
                ARG NPM_TOKEN
                RUN npm ci
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'in a stage the final one builds on',
      code: 'FROM node:20 AS base\nARG GITHUB_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN\nFROM base\nCMD ["node", "app.js"]\n',
      findings: [
        {
          messageId: 'copied',
          range: '3:5-3:31',
          fixes: [
            {
              title: 'Remove `GITHUB_TOKEN` from ENV (build steps still see the build argument)',
              safe: false,
              output: 'FROM node:20 AS base\nARG GITHUB_TOKEN\nFROM base\nCMD ["node", "app.js"]\n',
            },
          ],
        },
      ],
    },
  ],
});
