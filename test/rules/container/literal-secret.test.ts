import rule from '../../../shared/src/rules/container/literal-secret';
import { runRuleTests } from '../../rule-tester';

const from = (name: string, variable = name) => `Read \`${name}\` from \`\${${variable}}\``;

runRuleTests(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it}\n',
    {
      name: 'a file holding the secret',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n',
    },
    {
      name: 'flags and settings about secrets',
      code: 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_RANDOM_ROOT_PASSWORD: "yes"\n      TOKEN_TTL: 3600\n      PASSWORD_MIN_LENGTH: 12\n',
    },
    {
      name: 'passed through from the environment, list form',
      code: 'services:\n  app:\n    image: x\n    environment:\n      - API_TOKEN\n      - SECRET_KEY=${SECRET_KEY}\n',
    },
    {
      name: 'a variable with a prefix is not a whole literal',
      code: 'services:\n  app:\n    image: x\n    environment:\n      AUTH_TOKEN: Bearer ${TOKEN}\n',
    },
    {
      name: 'a public key and a URL without a password',
      code: 'services:\n  app:\n    image: x\n    environment:\n      STRIPE_PUBLISHABLE_KEY: pk_live_123\n      DATABASE_URL: postgres://app@db/app\n',
    },
    {
      name: 'PWD alone is the working directory',
      code: 'services:\n  app:\n    image: x\n    environment:\n      PWD: /srv\n',
    },
  ],
  invalid: [
    {
      name: 'a literal secret, mapping form, quotes and comment kept',
      code: 'services:\n  app:\n    image: x\n    environment:\n      SECRET_KEY: "d8f7a6s5d4f3" # rotate me\n',
      findings: [
        {
          messageId: 'literal',
          range: '5:19-5:33',
          fixes: [
            {
              title: from('SECRET_KEY'),
              safe: false,
              output:
                'services:\n  app:\n    image: x\n    environment:\n      SECRET_KEY: "${SECRET_KEY:?set SECRET_KEY}" # rotate me\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a weak password is an error, list form',
      code: 'services:\n  db:\n    image: mariadb:11\n    environment:\n      - MARIADB_ROOT_PASSWORD=changeme\n      - MARIADB_USER=app\n',
      findings: [
        {
          messageId: 'weak',
          range: '5:9-5:39',
          severity: 'error',
          fixes: [
            {
              title: from('MARIADB_ROOT_PASSWORD'),
              safe: false,
              output:
                'services:\n  db:\n    image: mariadb:11\n    environment:\n      - MARIADB_ROOT_PASSWORD=${MARIADB_ROOT_PASSWORD:?set MARIADB_ROOT_PASSWORD}\n      - MARIADB_USER=app\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a number as a weak password',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: 123456\n',
      findings: [
        {
          messageId: 'weak',
          range: '5:26-5:32',
          severity: 'error',
          fixes: [
            {
              title: from('POSTGRES_PASSWORD'),
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'fallbacks written in the file: a weak one is an error',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-postgres}\n      JWT_SECRET: ${JWT_SECRET-dev-secret-123}\n',
      findings: [
        {
          messageId: 'weakDefault',
          range: '5:26-5:50',
          severity: 'error',
          fixes: [
            {
              title: from('POSTGRES_PASSWORD', 'DB_PASSWORD'),
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}\n      JWT_SECRET: ${JWT_SECRET-dev-secret-123}\n',
            },
          ],
        },
        {
          messageId: 'literalDefault',
          range: '6:19-6:47',
          fixes: [
            {
              title: from('JWT_SECRET'),
              safe: false,
              output:
                'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-postgres}\n      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a password in a URL: reported, not rewritten',
      code: 'services:\n  app:\n    image: x\n    environment:\n      DATABASE_URL: postgres://app:s3cret@db/app\n',
      findings: [{ messageId: 'urlPassword', range: '5:21-5:49', fixes: [] }],
    },
    {
      name: 'in a flow mapping the reference is quoted',
      code: 'services:\n  app: {image: x, environment: {API_TOKEN: tok_abc123}}\n',
      findings: [
        {
          messageId: 'literal',
          range: '2:44-2:54',
          fixes: [
            {
              title: from('API_TOKEN'),
              safe: false,
              output: 'services:\n  app: {image: x, environment: {API_TOKEN: "${API_TOKEN:?set API_TOKEN}"}}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a secret in an anchor is replaced there, for every service that shares it',
      code: 'x-env: &env\n  REDIS_PASSWORD: redis\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: y\n    environment: *env\n',
      findings: [
        {
          messageId: 'weak',
          range: '6:18-6:22',
          related: ['@2:19-2:24'],
          fixes: [
            {
              title: from('REDIS_PASSWORD'),
              safe: false,
              output:
                'x-env: &env\n  REDIS_PASSWORD: ${REDIS_PASSWORD:?set REDIS_PASSWORD}\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: y\n    environment: *env\n',
            },
          ],
        },
        {
          messageId: 'weak',
          range: '9:18-9:22',
          related: ['@2:19-2:24'],
          fixes: [
            {
              title: from('REDIS_PASSWORD'),
              safe: false,
              output:
                'x-env: &env\n  REDIS_PASSWORD: ${REDIS_PASSWORD:?set REDIS_PASSWORD}\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: y\n    environment: *env\n',
            },
          ],
        },
      ],
    },
    {
      // One value, one variable: the app's copy and the URL read the database's variable, and the healthcheck's
      // `-proot` follows (its `-uroot`, a user name, stays).
      name: 'the same value in two services, a healthcheck and a URL: one variable for all',
      code: 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: root\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-uroot", "-proot"]\n  app:\n    image: x\n    environment:\n      - DB_PASSWORD=root\n      - DATABASE_URL=mysql://root:root@db/app\n',
      findings: [
        {
          messageId: 'weak',
          range: '5:28-5:32',
          severity: 'error',
          fixes: [
            {
              title: `${from('MYSQL_ROOT_PASSWORD')} (and its copies in \`app\` \`DB_PASSWORD\`, the \`db\` healthcheck, \`app\` \`DATABASE_URL\`)`,
              safe: false,
              output:
                'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-uroot", "-p${MYSQL_ROOT_PASSWORD}"]\n  app:\n    image: x\n    environment:\n      - DB_PASSWORD=${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}\n      - DATABASE_URL=mysql://root:${MYSQL_ROOT_PASSWORD}@db/app\n',
            },
          ],
        },
        {
          messageId: 'weak',
          range: '11:9-11:25',
          severity: 'error',
          fixes: [
            {
              title: `${from('DB_PASSWORD', 'MYSQL_ROOT_PASSWORD')} (and its copies in \`db\` \`MYSQL_ROOT_PASSWORD\`, the \`db\` healthcheck, \`app\` \`DATABASE_URL\`)`,
              safe: false,
              output:
                'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-uroot", "-p${MYSQL_ROOT_PASSWORD}"]\n  app:\n    image: x\n    environment:\n      - DB_PASSWORD=${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}\n      - DATABASE_URL=mysql://root:${MYSQL_ROOT_PASSWORD}@db/app\n',
            },
          ],
        },
        { messageId: 'urlPassword', range: '12:9-12:46', fixes: [] },
      ],
    },
    {
      name: 'password arguments of healthchecks in other services, shell and exec form; other words stay',
      code: 'services:\n  pg:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Zq9sT4kL2m\n    healthcheck:\n      test: PGPASSWORD=Zq9sT4kL2m pg_isready -U Zq9sT4kL2m\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "-a", "Zq9sT4kL2m", "ping"]\n',
      findings: [
        {
          messageId: 'literal',
          range: '5:26-5:36',
          fixes: [
            {
              title: `${from('POSTGRES_PASSWORD')} (and its copies in the \`pg\` healthcheck, the \`cache\` healthcheck)`,
              safe: false,
              output:
                'services:\n  pg:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n    healthcheck:\n      test: PGPASSWORD=${POSTGRES_PASSWORD} pg_isready -U Zq9sT4kL2m\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "-a", "${POSTGRES_PASSWORD}", "ping"]\n',
            },
          ],
        },
      ],
    },
  ],
});
