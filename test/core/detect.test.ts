import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind } from '../../shared/src/detect';

const DOCKERFILES = [
  'Dockerfile',
  'Dockerfile.alpine',
  'Dockerfile.dev-self-contained',
  'Dockerfile.oracle',
  'api.Dockerfile',
  'jax_cuda.dockerfile',
  'base.dockerfile',
  'Containerfile',
  'Containerfile.fedora',
  'app.containerfile',
  'svc/api/Dockerfile',
  'C:\\work\\app\\Dockerfile.prod',
];

const COMPOSE_FILES = [
  'compose.yaml',
  'compose.yml',
  'compose.override.yaml',
  'compose.prod.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-compose.test.yml',
  'docker-compose.devcontainer.sqlite-tika.yml',
  'docker-compose_v3_alpine_mysql_latest.yaml',
  'docker-compose-caddy-proxy.yml',
  // Names projects pass with `-f`, found in the real-world corpus.
  'compose-override.yaml',
  'compose_databases.yaml',
  'relay-compose.yaml',
  'deploy/compose.yaml',
  'deploy\\docker-compose.yml',
];

/** The three places the Dev Container CLI reads a configuration from, any folder deep, either separator. */
const DEVCONTAINER_FILES = [
  '.devcontainer/devcontainer.json',
  '.devcontainer.json',
  '.devcontainer/python/devcontainer.json',
  'services/api/.devcontainer/devcontainer.json',
  '/work/app/.devcontainer.json',
  'C:\\work\\app\\.devcontainer\\node\\devcontainer.json',
];

const NEITHER = [
  'devcontainer.json',
  'config/devcontainer.json',
  '.devcontainer/a/b/devcontainer.json',
  '.devcontainer/settings.json',
  '.devcontainer/devcontainer.jsonc',
  '.devcontainer/devcontainer.json.bak',
  'x.devcontainer.json',
  'package.json',
  'tsconfig.json',
  '.vscode/settings.json',
  'README.md',
  'Dockerfile.md',
  'Dockerfile.orig',
  'Dockerfile.bak',
  'Dockerfile.',
  'Dockerfile-old',
  'MyDockerfile',
  'dockerfile.txt',
  'README.dockerfile.md',
  '.dockerignore',
  'Dockerfiles/README.txt',
  'compose.json',
  'compose.yaml.bak',
  'docker-compose.yml.orig',
  'composer.yaml',
  'decompose.yml',
  'mycompose.yaml',
  'compose.txt',
  'values.yaml',
  'docker-compose.yml/readme.txt',
  '',
];

describe('detectKind', () => {
  for (const name of DOCKERFILES) it(`${name} is a Dockerfile`, () => assert.equal(detectKind(name), 'dockerfile'));
  for (const name of COMPOSE_FILES) it(`${name} is a compose file`, () => assert.equal(detectKind(name), 'compose'));
  for (const name of DEVCONTAINER_FILES)
    it(`${name} is a dev container configuration`, () => assert.equal(detectKind(name), 'devcontainer'));
  for (const name of NEITHER) it(`${JSON.stringify(name)} is neither`, () => assert.equal(detectKind(name), undefined));

  it('judges a devcontainer.json by its folder: the name alone says nothing', () => {
    assert.equal(detectKind('devcontainer.json'), undefined);
    assert.equal(detectKind('.devcontainer/devcontainer.json'), 'devcontainer');
    assert.equal(detectKind('.devcontainer/Dockerfile'), 'dockerfile');
    assert.equal(detectKind('.devcontainer/compose.yaml'), 'compose');
  });

  it('judges the file name, not the folders above it', () => {
    assert.equal(detectKind('Dockerfile.d/notes.txt'), undefined);
    assert.equal(detectKind('compose.yaml.d/Dockerfile'), 'dockerfile');
  });
});
