// The extension manifest agrees with the code: activation and document globs with the file detector, the rule
// settings with the registry, commands with what the extension registers, settings with what the server reads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectKind } from '../shared/src/detect';
import { COMPOSE_NAMES_GLOB, DEVCONTAINER_PATHS_GLOB, DOCKERFILE_NAMES_GLOB } from '../shared/src/file-globs';
import { BUILTINS, RULES } from '../shared/src/rules/index';
import { COMMANDS, DOCUMENT_SELECTOR } from '../client/src/selectors';
import { WATCHED } from '../server/src/server';
import { defaultSettings } from '../server/src/settings';
import { ruleSettingsProperties } from '../scripts/manifest-rules';
import { repoRoot } from '../scripts/repo-root';

const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));

/** `{a,b*}` → its alternatives. */
function alternatives(glob: string): string[] {
  const m = /^\{(.*)\}$/.exec(glob);
  assert.ok(m, `${glob} is a {…} list`);
  return m[1].split(',');
}

/** VS Code glob semantics for one name: `*` matches within a name. */
function nameMatches(alternativesList: string[], name: string): boolean {
  return alternativesList.some((alt) =>
    new RegExp(`^${alt.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(name),
  );
}

/** A path against `**\/<alternative>`, as VS Code matches it: any folders, then the alternative (`*` within a name). */
function pathMatches(alternativesList: string[], path: string): boolean {
  return alternativesList.some((alt) =>
    new RegExp(`^(?:.*/)?${alt.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(path),
  );
}

const SAMPLES = [
  'Dockerfile',
  'Containerfile',
  'Dockerfile.prod',
  'Containerfile.dev',
  'api.Dockerfile',
  'api.dockerfile',
  'x.Containerfile',
  'x.containerfile',
  'compose.yaml',
  'compose.yml',
  'compose.prod.yaml',
  'compose.override.yml',
  'docker-compose.yml',
  'docker-compose.dev.yaml',
  'docker-compose-ci.yml',
  'dockerfile',
  'Dockerfile-dev',
  'compose.json',
  'mycompose.yaml',
  'notes.txt',
  'docker-compose.json',
  'values.yaml',
];

describe('extension manifest', () => {
  it('the name globs recognise exactly what the detector recognises', () => {
    const dockerfile = alternatives(DOCKERFILE_NAMES_GLOB);
    const compose = alternatives(COMPOSE_NAMES_GLOB);
    for (const name of SAMPLES) {
      assert.equal(nameMatches(dockerfile, name), detectKind(name) === 'dockerfile', `${name} as a Dockerfile`);
      assert.equal(nameMatches(compose, name), detectKind(name) === 'compose', `${name} as a Compose file`);
    }
  });

  it('the dev container glob recognises exactly the paths the detector recognises', () => {
    const paths = alternatives(DEVCONTAINER_PATHS_GLOB);
    const samples = [
      '.devcontainer/devcontainer.json',
      '.devcontainer.json',
      '.devcontainer/python/devcontainer.json',
      'devcontainer.json',
      '.devcontainer/a/b/devcontainer.json',
      '.devcontainer/settings.json',
      'package.json',
    ];
    for (const path of samples)
      assert.equal(pathMatches(paths, path), detectKind(path) === 'devcontainer', `${path} as a dev container`);
  });

  it('activates on the two languages and on a workspace holding any such file, nothing else', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(events.includes('onLanguage:dockerfile'));
    assert.ok(events.includes('onLanguage:dockercompose'));
    const contains = events.filter((e) => e.startsWith('workspaceContains:'));
    assert.equal(contains.length, 2);
    assert.equal(contains[1], `workspaceContains:**/${DEVCONTAINER_PATHS_GLOB}`);
    const listed = alternatives(contains[0].slice('workspaceContains:**/'.length));
    assert.deepEqual(
      new Set(listed),
      new Set([...alternatives(DOCKERFILE_NAMES_GLOB), ...alternatives(COMPOSE_NAMES_GLOB)]),
    );
    assert.equal(events.length, 4, 'no `*` or onStartupFinished activation');
  });

  it('the document selector and the server’s watchers use the same globs', () => {
    const patterns = DOCUMENT_SELECTOR.flatMap((s) => ('pattern' in s ? [s.pattern] : []));
    assert.deepEqual(patterns, [
      `**/${DOCKERFILE_NAMES_GLOB}`,
      `**/${COMPOSE_NAMES_GLOB}`,
      `**/${DEVCONTAINER_PATHS_GLOB}`,
    ]);
    assert.ok(WATCHED.includes(`**/${DOCKERFILE_NAMES_GLOB}`) && WATCHED.includes(`**/${COMPOSE_NAMES_GLOB}`));
    assert.ok(WATCHED.includes(`**/${DEVCONTAINER_PATHS_GLOB}`));
  });

  it('opens the dev container paths as JSON with comments', () => {
    const languages = manifest.contributes.languages as { id: string; filenamePatterns?: string[] }[];
    const jsonc = languages.find((l) => l.id === 'jsonc');
    assert.deepEqual(
      jsonc?.filenamePatterns,
      alternatives(DEVCONTAINER_PATHS_GLOB).map((p) => `**/${p}`),
    );
  });

  it('bulkhead.rules lists every rule with its default severity (run `npm run manifest` after adding a rule)', () => {
    const properties = manifest.contributes.configuration.properties['bulkhead.rules'].properties;
    assert.deepEqual(properties, ruleSettingsProperties([...RULES.map((r) => r.meta), ...BUILTINS]));
  });

  it('contributes every setting the server reads, each with a description', () => {
    const contributed = manifest.contributes.configuration.properties as Record<
      string,
      { description?: string; markdownDescription?: string }
    >;
    const read = Object.keys(defaultSettings()).map((key) =>
      key === 'trace' ? 'bulkhead.trace.server' : `bulkhead.${key}`,
    );
    assert.deepEqual(Object.keys(contributed).sort(), read.sort());
    for (const [key, schema] of Object.entries(contributed))
      assert.ok(schema.description ?? schema.markdownDescription, key);
  });

  it('contributes the commands the extension registers, under the Bulkhead category', () => {
    const commands = manifest.contributes.commands as { command: string; category: string }[];
    assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    assert.ok(commands.every((c) => c.category === 'Bulkhead'));
  });

  it('has the Marketplace fields: icon, banner, categories, links, a changelog, pictures that exist', () => {
    const root = repoRoot();
    assert.ok(existsSync(join(root, manifest.icon)), manifest.icon);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(manifest.categories.includes('Linters'));
    assert.match(manifest.homepage, /^https:\/\//);
    assert.match(manifest.bugs.url, /^https:\/\//);
    assert.match(
      readFileSync(join(root, 'CHANGELOG.md'), 'utf8'),
      new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}`, 'm'),
    );
    const pictures = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(
      (m) => m[1],
    );
    assert.ok(pictures.length >= 3, 'the README shows the extension at work');
    for (const picture of pictures) assert.ok(existsSync(join(root, picture)), picture);
  });

  it('states its workspace support honestly and ships the server as a bin', () => {
    // Nothing from the workspace runs; in Restricted Mode its settings cannot switch checks off (issue 13).
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description);
    assert.deepEqual(untrusted.restrictedConfigurations.sort(), [
      'bulkhead.enable',
      'bulkhead.exclude',
      'bulkhead.maxFileSize',
      'bulkhead.rules',
      'bulkhead.workspaceScan',
    ]);
    for (const key of untrusted.restrictedConfigurations)
      assert.ok(key in manifest.contributes.configuration.properties, `${key} is a contributed setting`);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    assert.equal(manifest.bin['bulkhead-language-server'], 'dist/server.js');
    assert.equal(manifest.main, 'dist/extension.js');
    const required = JSON.parse(
      readFileSync(join(repoRoot(), 'node_modules/vscode-languageclient/package.json'), 'utf8'),
    ).engines.vscode;
    assert.equal(manifest.engines.vscode, required, 'the VS Code version vscode-languageclient needs');
  });
});
