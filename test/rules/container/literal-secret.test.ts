import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/container/literal-secret';
import { runRuleTests } from '../../rule-tester';

const from = (name: string, variable = name) => `Read \`${name}\` from \`\${${variable}}\``;

runRuleTests(rule, {
  valid: [
    file`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set it}
    `,
    {
      name: 'a file holding the secret',
      code: file`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
      `,
    },
    {
      name: 'flags and settings about secrets',
      code: file`
        services:
          db:
            image: mysql:8
            environment:
              MYSQL_RANDOM_ROOT_PASSWORD: "yes"
              TOKEN_TTL: 3600
              PASSWORD_MIN_LENGTH: 12
      `,
    },
    {
      name: 'passed through from the environment, list form',
      code: file`
        services:
          app:
            image: x
            environment:
              - API_TOKEN
              - SECRET_KEY=\${SECRET_KEY}
      `,
    },
    {
      name: 'a variable with a prefix is not a whole literal',
      code: file`
        services:
          app:
            image: x
            environment:
              AUTH_TOKEN: Bearer \${TOKEN}
      `,
    },
    {
      name: 'a public key and a URL without a password',
      code: file`
        services:
          app:
            image: x
            environment:
              STRIPE_PUBLISHABLE_KEY: pk_live_123
              DATABASE_URL: postgres://app@db/app
      `,
    },
    {
      name: 'PWD alone is the working directory',
      code: file`
        services:
          app:
            image: x
            environment:
              PWD: /srv
      `,
    },
  ],
  invalid: [
    {
      name: 'a literal secret, mapping form, quotes and comment kept',
      code: file`
        services:
          app:
            image: x
            environment:
              SECRET_KEY: "d8f7a6s5d4f3" # rotate me
      `,
      findings: [
        {
          messageId: 'literal',
          range: '5:19-5:33',
          fixes: [
            {
              title: from('SECRET_KEY'),
              safe: false,
              output: file`
                services:
                  app:
                    image: x
                    environment:
                      SECRET_KEY: "\${SECRET_KEY:?set SECRET_KEY}" # rotate me
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a weak password is an error, list form',
      code: file`
        services:
          db:
            image: mariadb:11
            environment:
              - MARIADB_ROOT_PASSWORD=changeme
              - MARIADB_USER=app
      `,
      findings: [
        {
          messageId: 'weak',
          range: '5:9-5:39',
          severity: 'error',
          fixes: [
            {
              title: from('MARIADB_ROOT_PASSWORD'),
              safe: false,
              output: file`
                services:
                  db:
                    image: mariadb:11
                    environment:
                      - MARIADB_ROOT_PASSWORD=\${MARIADB_ROOT_PASSWORD:?set MARIADB_ROOT_PASSWORD}
                      - MARIADB_USER=app
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a number as a weak password',
      code: file`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: 123456
      `,
      findings: [
        {
          messageId: 'weak',
          range: '5:26-5:32',
          severity: 'error',
          fixes: [
            {
              title: from('POSTGRES_PASSWORD'),
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'fallbacks written in the file: a weak one is an error',
      code: file`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: \${DB_PASSWORD:-postgres}
              JWT_SECRET: \${JWT_SECRET-dev-secret-123}
      `,
      findings: [
        {
          messageId: 'weakDefault',
          range: '5:26-5:50',
          severity: 'error',
          fixes: [
            {
              title: from('POSTGRES_PASSWORD', 'DB_PASSWORD'),
              safe: false,
              output: file`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD}
                      JWT_SECRET: \${JWT_SECRET-dev-secret-123}
              `,
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
              output: file`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: \${DB_PASSWORD:-postgres}
                      JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a password in a URL: reported, not rewritten',
      code: file`
        services:
          app:
            image: x
            environment:
              DATABASE_URL: postgres://app:s3cret@db/app
      `,
      findings: [{ messageId: 'urlPassword', range: '5:21-5:49', fixes: [] }],
    },
    {
      name: 'in a flow mapping the reference is quoted',
      code: file`
        services:
          app: {image: x, environment: {API_TOKEN: tok_abc123}}
      `,
      findings: [
        {
          messageId: 'literal',
          range: '2:44-2:54',
          fixes: [
            {
              title: from('API_TOKEN'),
              safe: false,
              output: file`
                services:
                  app: {image: x, environment: {API_TOKEN: "\${API_TOKEN:?set API_TOKEN}"}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a secret in an anchor is replaced there, for every service that shares it',
      code: file`
        x-env: &env
          REDIS_PASSWORD: redis
        services:
          a:
            image: x
            environment: *env
          b:
            image: y
            environment: *env
      `,
      findings: [
        {
          messageId: 'weak',
          range: '6:18-6:22',
          related: ['@2:19-2:24'],
          fixes: [
            {
              title: from('REDIS_PASSWORD'),
              safe: false,
              output: file`
                x-env: &env
                  REDIS_PASSWORD: \${REDIS_PASSWORD:?set REDIS_PASSWORD}
                services:
                  a:
                    image: x
                    environment: *env
                  b:
                    image: y
                    environment: *env
              `,
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
              output: file`
                x-env: &env
                  REDIS_PASSWORD: \${REDIS_PASSWORD:?set REDIS_PASSWORD}
                services:
                  a:
                    image: x
                    environment: *env
                  b:
                    image: y
                    environment: *env
              `,
            },
          ],
        },
      ],
    },
    {
      // One value, one variable: the app's copy and the URL read the database's variable, and the healthcheck's
      // `-proot` follows (its `-uroot`, a user name, stays).
      name: 'the same value in two services, a healthcheck and a URL: one variable for all',
      code: file`
        services:
          db:
            image: mysql:8
            environment:
              MYSQL_ROOT_PASSWORD: root
            healthcheck:
              test: ["CMD", "mysqladmin", "ping", "-uroot", "-proot"]
          app:
            image: x
            environment:
              - DB_PASSWORD=root
              - DATABASE_URL=mysql://root:root@db/app
      `,
      findings: [
        {
          messageId: 'weak',
          range: '5:28-5:32',
          severity: 'error',
          fixes: [
            {
              title: `${from('MYSQL_ROOT_PASSWORD')} (and its copies in \`app\` \`DB_PASSWORD\`, the \`db\` healthcheck, \`app\` \`DATABASE_URL\`)`,
              safe: false,
              output: file`
                services:
                  db:
                    image: mysql:8
                    environment:
                      MYSQL_ROOT_PASSWORD: \${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}
                    healthcheck:
                      test: ["CMD", "mysqladmin", "ping", "-uroot", "-p\${MYSQL_ROOT_PASSWORD}"]
                  app:
                    image: x
                    environment:
                      - DB_PASSWORD=\${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}
                      - DATABASE_URL=mysql://root:\${MYSQL_ROOT_PASSWORD}@db/app
              `,
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
              output: file`
                services:
                  db:
                    image: mysql:8
                    environment:
                      MYSQL_ROOT_PASSWORD: \${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}
                    healthcheck:
                      test: ["CMD", "mysqladmin", "ping", "-uroot", "-p\${MYSQL_ROOT_PASSWORD}"]
                  app:
                    image: x
                    environment:
                      - DB_PASSWORD=\${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}
                      - DATABASE_URL=mysql://root:\${MYSQL_ROOT_PASSWORD}@db/app
              `,
            },
          ],
        },
        { messageId: 'urlPassword', range: '12:9-12:46', fixes: [] },
      ],
    },
    {
      name: 'password arguments of healthchecks in other services, shell and exec form; other words stay',
      code: file`
        services:
          pg:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: Zq9sT4kL2m
            healthcheck:
              test: PGPASSWORD=Zq9sT4kL2m pg_isready -U Zq9sT4kL2m
          cache:
            image: redis:7
            healthcheck:
              test: ["CMD", "redis-cli", "-a", "Zq9sT4kL2m", "ping"]
      `,
      findings: [
        {
          messageId: 'literal',
          range: '5:26-5:36',
          fixes: [
            {
              title: `${from('POSTGRES_PASSWORD')} (and its copies in the \`pg\` healthcheck, the \`cache\` healthcheck)`,
              safe: false,
              output: file`
                services:
                  pg:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
                    healthcheck:
                      test: PGPASSWORD=\${POSTGRES_PASSWORD} pg_isready -U Zq9sT4kL2m
                  cache:
                    image: redis:7
                    healthcheck:
                      test: ["CMD", "redis-cli", "-a", "\${POSTGRES_PASSWORD}", "ping"]
              `,
            },
          ],
        },
      ],
    },
  ],
});
