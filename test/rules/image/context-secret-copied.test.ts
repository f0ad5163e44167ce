import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/context-secret-copied';
import { isIgnored, parseDockerignore } from '../../../shared/src/dockerfile/dockerignore';
import { findingsOf, runRuleTests } from '../../rule-tester';

const APP = { 'package.json': '{}\n', 'src/index.js': 'console.log(1);\n' };
const COPY_ALL = file`
  FROM node:20-slim
  WORKDIR /app
  COPY . .
`;

/** 20,001 files beside one `.env`: more than the listing reads. */
const CROWDED: Record<string, string> = { '.env': 'A=1\n' };
for (let i = 0; i < 20_001; i++) CROWDED[`assets/f${String(i).padStart(5, '0')}.txt`] = '';

runRuleTests(rule, {
  valid: [
    { name: 'no secret in the context', code: COPY_ALL, files: APP },
    {
      name: 'the sources copy only what they name',
      code: 'FROM node:20-slim\nCOPY package.json ./\nCOPY src/ ./src/\n',
      files: { ...APP, '.env': 'A=1\n', id_rsa: '' },
    },
    {
      name: 'example and template env files, public keys',
      code: COPY_ALL,
      files: { ...APP, '.env.example': '', '.env.sample': '', '.env.template': '', 'id_rsa.pub': '' },
    },
    {
      name: '.dockerignore excludes them: a leading slash, **, a folder',
      code: COPY_ALL,
      files: {
        ...APP,
        '.env': '',
        'certs/tls.key': '',
        'config/prod/.npmrc': '',
        '.git/HEAD': '',
        '.dockerignore': '# secrets\n/.env\n**/*.key\nconfig/\n.git\n',
      },
    },
    {
      name: 'a secret under an ignored folder, without exceptions',
      code: COPY_ALL,
      files: { ...APP, 'secrets/keys/id_ed25519': '', '.dockerignore': 'secrets\n' },
    },
    {
      name: 'an exception brings back a file that is not a secret',
      code: COPY_ALL,
      files: { ...APP, '.env': '', 'README.md': '', '.dockerignore': '*\n!src\n!package.json\n' },
    },
    {
      name: 'Dockerfile.dockerignore wins over .dockerignore',
      code: COPY_ALL,
      files: { ...APP, '.env': '', '.dockerignore': 'node_modules\n', 'Dockerfile.dockerignore': '.env\n' },
    },
    {
      name: 'a --from copy and a stage the image does not ship',
      code: file`
        FROM node:20 AS build
        COPY . /src
        RUN npm run build
        FROM nginx:1.27
        COPY --from=build /src/dist /usr/share/nginx/html
      `,
      files: { ...APP, '.env': '' },
    },
    {
      name: 'a secret outside the copied folder',
      code: 'FROM node:20-slim\nCOPY src /app/src\n',
      files: { ...APP, 'deploy/id_rsa': '' },
    },
    {
      name: 'a compose file that builds another Dockerfile does not change the context',
      path: 'docker/Dockerfile',
      code: COPY_ALL,
      files: {
        'compose.yaml': 'services:\n  web:\n    build: .\n  api:\n    build: {context: ., dockerfile: ${DF}}\n',
        '.npmrc': '',
        'docker/Dockerfile': COPY_ALL,
        'docker/app.js': '',
      },
    },
    {
      name: 'COPY --exclude leaves the secret out',
      code: 'FROM node:20-slim\nCOPY --exclude=.env --exclude=**/*.pem . /app\n',
      files: { ...APP, '.env': '', 'tls/server.pem': '' },
    },
  ],
  invalid: [
    {
      name: 'keys and env files, no .dockerignore',
      code: COPY_ALL,
      files: { ...APP, '.env': '', 'deploy/id_ed25519': '', 'deploy/id_ed25519.pub': '' },
      findings: [{ messageId: 'copiedNoIgnoreFile', range: '3:6-3:7', severity: 'error' }],
    },
    {
      name: 'an .env file alone and .git are warnings; ADD and ./ count',
      code: 'FROM python:3.12-slim\nADD ./ /app\n',
      files: { ...APP, '.env.production': '', '.git/HEAD': '', '.dockerignore': 'node_modules\n.git/objects\n' },
      findings: [{ messageId: 'copied', range: '2:5-2:7', severity: 'warning' }],
    },
    {
      name: 'an exception brings a secret back; the last match wins',
      code: COPY_ALL,
      files: { ...APP, 'config/.netrc': '', 'config/app.yaml': '', '.dockerignore': 'config\n!config/.netrc\n' },
      findings: [{ messageId: 'copied', range: '3:6-3:7', severity: 'error' }],
    },
    {
      name: '** at the start and a later exception',
      code: COPY_ALL,
      files: { ...APP, 'a/b/credentials.json': '', 'x.pem': '', '.dockerignore': '**/*.json\n!**/credentials.json\n' },
      findings: [{ messageId: 'copied', range: '3:6-3:7' }],
    },
    {
      name: 'Dockerfile.dockerignore wins: .dockerignore would have excluded the key',
      code: COPY_ALL,
      files: { ...APP, 'db.key': '', '.dockerignore': '*.key\n', 'Dockerfile.dockerignore': 'node_modules\n' },
      findings: [{ messageId: 'copied', range: '3:6-3:7' }],
    },
    {
      name: 'a source folder with secrets below it; many named as "and N more"',
      path: 'svc/Dockerfile',
      code: 'FROM alpine:3.20\nCOPY ["conf/", "/etc/app/"]\nCOPY conf/tls.pem /etc/ssl/\n',
      files: {
        'svc/conf/a.pem': '',
        'svc/conf/b.p12': '',
        'svc/conf/c.pfx': '',
        'svc/conf/vault.kdbx': '',
        'svc/conf/tls.pem': '',
        'svc/conf/.aws/credentials': '',
        id_rsa: '',
      },
      findings: [{ messageId: 'copiedNoIgnoreFile', range: '2:7-2:14' }],
    },
    {
      name: "a compose file above builds it with its folder as the context, and that folder's .dockerignore",
      path: 'docker/Dockerfile',
      code: COPY_ALL,
      files: {
        'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        '.dockerignore': '.git\n',
        '.git/HEAD': '',
        '.npmrc': '',
        'docker/Dockerfile': COPY_ALL,
      },
      findings: [{ messageId: 'copied', range: '3:6-3:7', severity: 'error' }],
    },
    {
      name: 'a context whose listing was cut',
      code: COPY_ALL,
      files: CROWDED,
      findings: [{ messageId: 'copiedNoIgnoreFileCut', range: '3:6-3:7', severity: 'warning' }],
    },
  ],
});

describe('image/context-secret-copied names what it copies', () => {
  it('the first files, then how many more, and a cut listing', () => {
    const { findings } = findingsOf(rule, 'FROM alpine:3.20\nCOPY . /app\n', 'Dockerfile', {
      'a.pem': '',
      'b.key': '',
      '.git/HEAD': '',
      '.env': '',
      '.ssh/id_rsa': '',
    });
    assert.equal(findings[0].data?.files, '`.env`, `.git/`, `.ssh/` and 2 more');
    const cut = findingsOf(rule, COPY_ALL, 'Dockerfile', CROWDED).findings[0];
    assert.deepEqual([cut.data?.files, cut.data?.cut], ['`.env`', '20,000 entries']);
  });
});

describe('.dockerignore matching as moby/patternmatcher', () => {
  const ignored = (patterns: string, path: string) => isIgnored(parseDockerignore(patterns), path);
  it('reads patterns as Docker does', () => {
    assert.ok(ignored('./secrets/', 'secrets/id_rsa'), 'leading ./ and trailing / cleaned; a folder covers below');
    assert.ok(ignored('/*.pem', 'tls.pem') && !ignored('/*.pem', 'certs/tls.pem'), '* stops at /');
    assert.ok(ignored('**/*.pem', 'certs/a/tls.pem') && ignored('**/*.pem', 'tls.pem'), '** spans zero or more');
    assert.ok(ignored('a/**', 'a/b/c') && ignored('.env*', '.env.prod'), 'prefix and suffix forms');
    assert.ok(!ignored('*.key\n!keep.key', 'keep.key') && ignored('!keep.key\n*.key', 'keep.key'), 'last wins');
    assert.ok(ignored('id_[!x]sa', 'id_rsa') && ignored('id_?sa', 'id_rsa') && !ignored('# .env', '.env'));
    assert.ok(ignored('a.b', 'a.b') && !ignored('a.b*', 'axb'), 'a dot is literal');
  });
});
