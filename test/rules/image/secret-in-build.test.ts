import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/secret-in-build';
import { runRuleTests } from '../../rule-tester';

const ENV_FIX = (name: string, output: string) => [{ title: `Remove \`${name}\` from ENV`, safe: false, output }];
const ARG_FIX = (name: string, output: string) => [
  { title: `Remove the default value of \`${name}\``, safe: false, output },
];

runRuleTests(rule, {
  valid: [
    {
      name: 'ARG without a default holds nothing yet',
      code: file`
        FROM alpine:3.20
        ARG DB_PASSWORD
      `,
    },
    {
      name: 'a value that is only another variable',
      code: file`
        FROM alpine:3.20
        ARG DB_PASSWORD=\${DEFAULT_DB_PASSWORD}
        ENV DB_PASSWORD=$DB_PASSWORD
      `,
    },
    {
      name: 'an empty value',
      code: file`
        FROM alpine:3.20
        ENV API_KEY="" SECRET_TOKEN=
      `,
    },
    {
      name: 'names that point at a secret',
      code: file`
        FROM alpine:3.20
        ENV PASSWORD_FILE=db-password TOKEN_URL=https://auth.example.com/token SECRET_NAME=prod-db GITHUB_TOKEN_PATH=gh
      `,
    },
    {
      name: 'names that describe how a secret is handled',
      code: file`
        FROM alpine:3.20
        ENV AUTH_ENABLED=yes TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12 SECRET_KEY_ID=k-1
      `,
    },
    {
      name: 'flags',
      code: file`
        FROM alpine:3.20
        ENV SKIP_AUTH=true DISABLE_PASSWORD=1
      `,
    },
    {
      name: 'public keys and fingerprints',
      code: file`
        FROM python:3.12
        ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
        ENV NEXT_PUBLIC_API_KEY=pk_live_123 STRIPE_PUBLISHABLE_KEY=pk_1
      `,
    },
    {
      name: 'an access key id is an identifier',
      code: file`
        FROM alpine:3.20
        ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
      `,
    },
    {
      name: 'words that only contain a secret word',
      code: file`
        FROM python:3.12
        ENV TOKENIZERS_PARALLELISM=false PASSENGER_APP_ENV=production BYPASS=1 PWD=here
      `,
    },
    {
      name: 'URLs without a literal password',
      code: file`
        FROM alpine:3.20
        ENV DATABASE_URL=postgres://db:5432/app REDIS_URL=redis://:\${REDIS_PASSWORD}@cache:6379 API=https://user@example.com/
      `,
    },
    {
      name: 'a file path as the value',
      code: file`
        FROM alpine:3.20
        ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json
      `,
    },
    {
      name: 'values that mention secret words under names that do not',
      code: file`
        ARG BUILD_PACKAGES="openssl libsecret-1-dev"
        FROM ruby:3.3
        ARG HELP_TEXT="set a password and a token"
      `,
    },
    {
      name: 'public SSH files',
      code: file`
        FROM alpine:3.20
        COPY id_rsa.pub /root/.ssh/authorized_keys
        COPY known_hosts /root/.ssh/known_hosts
      `,
    },
    {
      name: 'certificates and DH parameters',
      code: file`
        FROM nginx:1.27
        COPY ca.pem /usr/local/share/ca-certificates/ca.crt
        COPY fullchain.pem /etc/nginx/certs/
        COPY ffdhe4096.pem /etc/postfix/dhparams.pem
      `,
    },
    {
      name: 'environment file templates',
      code: file`
        FROM node:20
        COPY .env.example /app/.env
        COPY .env.sample .env.template ./
      `,
    },
    {
      name: 'a heredoc written in the Dockerfile is not a copied file',
      code: file`
        FROM alpine:3.20
        COPY <<EOF /app/config.env
        LOG_LEVEL=info
        EOF
      `,
    },
    {
      name: 'a source that is a variable',
      code: file`
        FROM alpine:3.20
        ARG KEY_FILE=keys/dev.key
        COPY \${KEY_FILE} /keys/
      `,
    },
    {
      name: 'secret mounts',
      code: file`
        FROM node:20
        RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
      `,
    },
  ],
  invalid: [
    {
      name: 'ENV with one pair',
      code: file`
        FROM alpine:3.20
        ENV DB_PASSWORD=hunter2
        CMD ["app"]
      `,
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:16',
          severity: 'error',
          fixes: ENV_FIX(
            'DB_PASSWORD',
            file`
              FROM alpine:3.20
              CMD ["app"]
            `,
          ),
        },
      ],
    },
    {
      name: 'ENV pair in the middle of a continued instruction',
      code: file`
        FROM alpine:3.20
        ENV APP_ENV=prod \\
            GITHUB_TOKEN=ghp_abc123 \\
            LOG_LEVEL=info
      `,
      findings: [
        {
          messageId: 'envLiteral',
          range: '3:5-3:17',
          severity: 'error',
          fixes: ENV_FIX(
            'GITHUB_TOKEN',
            file`
              FROM alpine:3.20
              ENV APP_ENV=prod \\
                  LOG_LEVEL=info
            `,
          ),
        },
      ],
    },
    {
      name: 'ENV last pair',
      code: file`
        FROM alpine:3.20
        ENV APP_ENV=prod AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI
      `,
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:18-2:39',
          fixes: ENV_FIX(
            'AWS_SECRET_ACCESS_KEY',
            file`
              FROM alpine:3.20
              ENV APP_ENV=prod
            `,
          ),
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
      code: file`
        FROM node:20 AS build
        ENV NEXTAUTH_SECRET=build-placeholder
        RUN npm run build
        FROM nginx:1.27
        COPY --from=build /app/out /usr/share/nginx/html
      `,
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:20',
          severity: 'warning',
          fixes: ENV_FIX(
            'NEXTAUTH_SECRET',
            file`
              FROM node:20 AS build
              RUN npm run build
              FROM nginx:1.27
              COPY --from=build /app/out /usr/share/nginx/html
            `,
          ),
        },
      ],
    },
    {
      name: 'ENV in a stage the final stage is built from is shipped',
      code: file`
        FROM node:20 AS base
        ENV SESSION_SECRET=s3cr3t
        FROM base
        CMD ["node", "app.js"]
      `,
      findings: [
        {
          messageId: 'envLiteral',
          range: '2:5-2:19',
          severity: 'error',
          fixes: ENV_FIX(
            'SESSION_SECRET',
            file`
              FROM node:20 AS base
              FROM base
              CMD ["node", "app.js"]
            `,
          ),
        },
      ],
    },
    {
      name: 'ARG with a literal default',
      code: file`
        FROM node:20-slim
        ARG NPM_TOKEN=npm_abcdef
        RUN npm ci
      `,
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:5-2:14',
          severity: 'warning',
          fixes: ARG_FIX(
            'NPM_TOKEN',
            file`
              FROM node:20-slim
              ARG NPM_TOKEN
              RUN npm ci
            `,
          ),
        },
      ],
    },
    {
      name: 'quoted ARG before FROM, name ending in PASS',
      code: file`
        ARG DB_PASS="s3cr3t"
        FROM postgres:16
      `,
      findings: [
        {
          messageId: 'argLiteral',
          range: '1:5-1:12',
          fixes: ARG_FIX(
            'DB_PASS',
            file`
              ARG DB_PASS
              FROM postgres:16
            `,
          ),
        },
      ],
    },
    {
      name: 'the second name of an ARG that declares two',
      code: file`
        FROM alpine:3.20
        ARG APP_USER=app REDIS_PASSWORD=redis123
      `,
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:18-2:32',
          fixes: ARG_FIX(
            'REDIS_PASSWORD',
            file`
              FROM alpine:3.20
              ARG APP_USER=app REDIS_PASSWORD
            `,
          ),
        },
      ],
    },
    {
      name: 'camelCase name, default behind ${VAR:-…}',
      code: file`
        FROM alpine:3.20
        ARG apiKey=\${API_KEY:-dev-key-123}
      `,
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:5-2:11',
          fixes: ARG_FIX(
            'apiKey',
            file`
              FROM alpine:3.20
              ARG apiKey
            `,
          ),
        },
      ],
    },
    {
      name: 'ONBUILD ENV',
      code: file`
        FROM alpine:3.20
        ONBUILD ENV REGISTRY_PASSWORD=changeme
      `,
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
      code: file`
        FROM python:3.12
        ENV PIP_INDEX_AUTH=https://user:pass@pypi.example.com/simple
      `,
      findings: [
        { messageId: 'envLiteral', range: '2:5-2:19', fixes: ENV_FIX('PIP_INDEX_AUTH', 'FROM python:3.12\n') },
      ],
    },
    {
      name: 'a URL with a password, whatever the name',
      code: file`
        FROM python:3.12
        ENV DATABASE_URL=postgres://app:s3cret@db:5432/app
      `,
      findings: [{ messageId: 'envLiteral', range: '2:5-2:17', fixes: ENV_FIX('DATABASE_URL', 'FROM python:3.12\n') }],
    },
    {
      name: 'COPY of an SSH private key',
      code: file`
        FROM alpine:3.20
        COPY id_rsa /root/.ssh/id_rsa
      `,
      findings: [{ messageId: 'sshKey', range: '2:6-2:12', severity: 'warning', fixes: [] }],
    },
    {
      name: '.npmrc among other sources',
      code: file`
        FROM node:20
        COPY package.json .npmrc ./
      `,
      findings: [{ messageId: 'keyFile', range: '2:19-2:25', fixes: [] }],
    },
    {
      name: 'a destination that names the key',
      code: file`
        FROM alpine:3.20
        COPY deploy_key /root/.ssh/id_ed25519
      `,
      findings: [{ messageId: 'sshKey', range: '2:6-2:16', fixes: [] }],
    },
    {
      name: 'ADD of an environment file, with a flag',
      code: file`
        FROM node:20
        ADD --chown=node:node .env.production /app/
      `,
      findings: [{ messageId: 'keyFile', range: '2:23-2:38', fixes: [] }],
    },
    {
      name: 'JSON form, a private key',
      code: file`
        FROM alpine:3.20
        COPY ["certs/server.key", "/etc/ssl/private/"]
      `,
      findings: [{ messageId: 'keyFile', range: '2:7-2:25', fixes: [] }],
    },
    {
      name: 'cloud credentials from another stage',
      code: file`
        FROM alpine:3.20 AS creds
        FROM alpine:3.20
        COPY --from=creds /root/.aws /root/.aws
      `,
      findings: [{ messageId: 'keyFile', range: '3:19-3:29', fixes: [] }],
    },
    {
      name: 'ENV, ARG and COPY in one file, in order',
      code: file`
        FROM alpine:3.20
        ARG JWT_SECRET=dev
        COPY client.p12 /certs/
        ENV MYSQL_ROOT_PASSWORD=root
      `,
      findings: [
        {
          messageId: 'argLiteral',
          range: '2:5-2:15',
          fixes: ARG_FIX(
            'JWT_SECRET',
            file`
              FROM alpine:3.20
              ARG JWT_SECRET
              COPY client.p12 /certs/
              ENV MYSQL_ROOT_PASSWORD=root
            `,
          ),
        },
        { messageId: 'keyFile', range: '3:6-3:16', fixes: [] },
        {
          messageId: 'envLiteral',
          range: '4:5-4:24',
          fixes: ENV_FIX(
            'MYSQL_ROOT_PASSWORD',
            file`
              FROM alpine:3.20
              ARG JWT_SECRET=dev
              COPY client.p12 /certs/
            `,
          ),
        },
      ],
    },
  ],
});
