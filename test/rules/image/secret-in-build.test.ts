import rule from '../../../shared/src/rules/image/secret-in-build';
import { runRuleTests } from '../../rule-tester';

const ENV_FIX = (name: string, output: string) => [{ title: `Remove \`${name}\` from ENV`, safe: false, output }];
const ARG_FIX = (name: string, output: string) => [
  { title: `Remove the default value of \`${name}\``, safe: false, output },
];

runRuleTests(rule, {
  valid: [
    { name: 'ARG without a default holds nothing yet', code: 'FROM alpine:3.20\nARG DB_PASSWORD\n' },
    {
      name: 'a value that is only another variable',
      code: 'FROM alpine:3.20\nARG DB_PASSWORD=${DEFAULT_DB_PASSWORD}\nENV DB_PASSWORD=$DB_PASSWORD\n',
    },
    { name: 'an empty value', code: 'FROM alpine:3.20\nENV API_KEY="" SECRET_TOKEN=\n' },
    {
      name: 'names that point at a secret',
      code: 'FROM alpine:3.20\nENV PASSWORD_FILE=db-password TOKEN_URL=https://auth.example.com/token SECRET_NAME=prod-db GITHUB_TOKEN_PATH=gh\n',
    },
    {
      name: 'names that describe how a secret is handled',
      code: 'FROM alpine:3.20\nENV AUTH_ENABLED=yes TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12 SECRET_KEY_ID=k-1\n',
    },
    { name: 'flags', code: 'FROM alpine:3.20\nENV SKIP_AUTH=true DISABLE_PASSWORD=1\n' },
    {
      name: 'public keys and fingerprints',
      code: 'FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\nENV NEXT_PUBLIC_API_KEY=pk_live_123 STRIPE_PUBLISHABLE_KEY=pk_1\n',
    },
    {
      name: 'an access key id is an identifier',
      code: 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n',
    },
    {
      name: 'words that only contain a secret word',
      code: 'FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false PASSENGER_APP_ENV=production BYPASS=1 PWD=here\n',
    },
    {
      name: 'URLs without a literal password',
      code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://db:5432/app REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379 API=https://user@example.com/\n',
    },
    {
      name: 'a file path as the value',
      code: 'FROM alpine:3.20\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n',
    },
    {
      name: 'values that mention secret words under names that do not',
      code: 'ARG BUILD_PACKAGES="openssl libsecret-1-dev"\nFROM ruby:3.3\nARG HELP_TEXT="set a password and a token"\n',
    },
    {
      name: 'public SSH files',
      code: 'FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys\nCOPY known_hosts /root/.ssh/known_hosts\n',
    },
    {
      name: 'certificates and DH parameters',
      code: 'FROM nginx:1.27\nCOPY ca.pem /usr/local/share/ca-certificates/ca.crt\nCOPY fullchain.pem /etc/nginx/certs/\nCOPY ffdhe4096.pem /etc/postfix/dhparams.pem\n',
    },
    {
      name: 'environment file templates',
      code: 'FROM node:20\nCOPY .env.example /app/.env\nCOPY .env.sample .env.template ./\n',
    },
    {
      name: 'a heredoc written in the Dockerfile is not a copied file',
      code: 'FROM alpine:3.20\nCOPY <<EOF /app/config.env\nLOG_LEVEL=info\nEOF\n',
    },
    {
      name: 'a source that is a variable',
      code: 'FROM alpine:3.20\nARG KEY_FILE=keys/dev.key\nCOPY ${KEY_FILE} /keys/\n',
    },
    { name: 'secret mounts', code: 'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
  ],
  invalid: [
    {
      name: 'ENV with one pair',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2\nCMD ["app"]\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:16',
          severity: 'error',
          fixes: ENV_FIX('DB_PASSWORD', 'FROM alpine:3.20\nCMD ["app"]\n'),
        },
      ],
    },
    {
      name: 'ENV pair in the middle of a continued instruction',
      code: 'FROM alpine:3.20\nENV APP_ENV=prod \\\n    GITHUB_TOKEN=ghp_abc123 \\\n    LOG_LEVEL=info\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '3:5-3:17',
          severity: 'error',
          fixes: ENV_FIX('GITHUB_TOKEN', 'FROM alpine:3.20\nENV APP_ENV=prod \\\n    LOG_LEVEL=info\n'),
        },
      ],
    },
    {
      name: 'ENV last pair',
      code: 'FROM alpine:3.20\nENV APP_ENV=prod AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:18-2:39',
          fixes: ENV_FIX('AWS_SECRET_ACCESS_KEY', 'FROM alpine:3.20\nENV APP_ENV=prod\n'),
        },
      ],
    },
    {
      name: 'legacy ENV form, last line without a line break',
      code: 'FROM alpine:3.20\nENV API_KEY abc def',
      findings: [{ messageId: 'envLiteral', range: '2:5-2:12', fixes: ENV_FIX('API_KEY', 'FROM alpine:3.20\n') }],
    },
    {
      name: 'ENV in a build-only stage is a warning',
      code: 'FROM node:20 AS build\nENV NEXTAUTH_SECRET=build-placeholder\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/out /usr/share/nginx/html\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:20',
          severity: 'warning',
          fixes: ENV_FIX(
            'NEXTAUTH_SECRET',
            'FROM node:20 AS build\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/out /usr/share/nginx/html\n',
          ),
        },
      ],
    },
    {
      name: 'ENV in a stage the final stage is built from is shipped',
      code: 'FROM node:20 AS base\nENV SESSION_SECRET=s3cr3t\nFROM base\nCMD ["node", "app.js"]\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:19',
          severity: 'error',
          fixes: ENV_FIX('SESSION_SECRET', 'FROM node:20 AS base\nFROM base\nCMD ["node", "app.js"]\n'),
        },
      ],
    },
    {
      name: 'ARG with a literal default',
      code: 'FROM node:20-slim\nARG NPM_TOKEN=npm_abcdef\nRUN npm ci\n',
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:5-2:14',
          severity: 'warning',
          fixes: ARG_FIX('NPM_TOKEN', 'FROM node:20-slim\nARG NPM_TOKEN\nRUN npm ci\n'),
        },
      ],
    },
    {
      name: 'quoted ARG before FROM, name ending in PASS',
      code: 'ARG DB_PASS="s3cr3t"\nFROM postgres:16\n',
      findings: [
        { messageId: 'argLiteral', range: '1:5-1:12', fixes: ARG_FIX('DB_PASS', 'ARG DB_PASS\nFROM postgres:16\n') },
      ],
    },
    {
      name: 'the second name of an ARG that declares two',
      code: 'FROM alpine:3.20\nARG APP_USER=app REDIS_PASSWORD=redis123\n',
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:18-2:32',
          fixes: ARG_FIX('REDIS_PASSWORD', 'FROM alpine:3.20\nARG APP_USER=app REDIS_PASSWORD\n'),
        },
      ],
    },
    {
      name: 'camelCase name, default behind ${VAR:-…}',
      code: 'FROM alpine:3.20\nARG apiKey=${API_KEY:-dev-key-123}\n',
      findings: [
        { messageId: 'argLiteral', range: '2:5-2:11', fixes: ARG_FIX('apiKey', 'FROM alpine:3.20\nARG apiKey\n') },
      ],
    },
    {
      name: 'ONBUILD ENV',
      code: 'FROM alpine:3.20\nONBUILD ENV REGISTRY_PASSWORD=changeme\n',
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:13-2:30',
          severity: 'error',
          fixes: ENV_FIX('REGISTRY_PASSWORD', 'FROM alpine:3.20\n'),
        },
      ],
    },
    {
      name: 'a URL with credentials, name ending in AUTH',
      code: 'FROM python:3.12\nENV PIP_INDEX_AUTH=https://user:pass@pypi.example.com/simple\n',
      findings: [
        { messageId: 'envLiteral', range: '2:5-2:19', fixes: ENV_FIX('PIP_INDEX_AUTH', 'FROM python:3.12\n') },
      ],
    },
    {
      name: 'a URL with a password, whatever the name',
      code: 'FROM python:3.12\nENV DATABASE_URL=postgres://app:s3cret@db:5432/app\n',
      findings: [{ messageId: 'envLiteral', range: '2:5-2:17', fixes: ENV_FIX('DATABASE_URL', 'FROM python:3.12\n') }],
    },
    {
      name: 'COPY of an SSH private key',
      code: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n',
      findings: [{ messageId: 'sshKey', range: '2:6-2:12', severity: 'warning', fixes: [] }],
    },
    {
      name: '.npmrc among other sources',
      code: 'FROM node:20\nCOPY package.json .npmrc ./\n',
      findings: [{ messageId: 'keyFile', range: '2:19-2:25', fixes: [] }],
    },
    {
      name: 'a destination that names the key',
      code: 'FROM alpine:3.20\nCOPY deploy_key /root/.ssh/id_ed25519\n',
      findings: [{ messageId: 'sshKey', range: '2:6-2:16', fixes: [] }],
    },
    {
      name: 'ADD of an environment file, with a flag',
      code: 'FROM node:20\nADD --chown=node:node .env.production /app/\n',
      findings: [{ messageId: 'keyFile', range: '2:23-2:38', fixes: [] }],
    },
    {
      name: 'JSON form, a private key',
      code: 'FROM alpine:3.20\nCOPY ["certs/server.key", "/etc/ssl/private/"]\n',
      findings: [{ messageId: 'keyFile', range: '2:7-2:25', fixes: [] }],
    },
    {
      name: 'cloud credentials from another stage',
      code: 'FROM alpine:3.20 AS creds\nFROM alpine:3.20\nCOPY --from=creds /root/.aws /root/.aws\n',
      findings: [{ messageId: 'keyFile', range: '3:19-3:29', fixes: [] }],
    },
    {
      name: 'ENV, ARG and COPY in one file, in order',
      code: 'FROM alpine:3.20\nARG JWT_SECRET=dev\nCOPY client.p12 /certs/\nENV MYSQL_ROOT_PASSWORD=root\n',
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:5-2:15',
          fixes: ARG_FIX(
            'JWT_SECRET',
            'FROM alpine:3.20\nARG JWT_SECRET\nCOPY client.p12 /certs/\nENV MYSQL_ROOT_PASSWORD=root\n',
          ),
        },
        { messageId: 'keyFile', range: '3:6-3:16', fixes: [] },
        {
          messageId: 'envLiteral',
          range: '4:5-4:24',
          fixes: ENV_FIX('MYSQL_ROOT_PASSWORD', 'FROM alpine:3.20\nARG JWT_SECRET=dev\nCOPY client.p12 /certs/\n'),
        },
      ],
    },
  ],
});
