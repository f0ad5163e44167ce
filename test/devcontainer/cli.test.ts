/**
 * The CLI finds dev container configurations in a folder and reports them in every format: text, JSON and SARIF
 * (with the file as an artifact of language `jsonc`), and `report` gives each its row.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, tempTree } from '../cli/harness';

const PRIVILEGED = '{\n  // Docker in the dev container\n  "image": "alpine:3.20",\n  "privileged": true\n}\n';

const tree = () =>
  tempTree({
    'app/.devcontainer/devcontainer.json': PRIVILEGED,
    'app/.devcontainer/python/devcontainer.json': '{ "image": "python:3.12", "runArgs": ["--network=host"] }\n',
    'tools/.devcontainer.json': '{ "image": "alpine:3.20", "capAdd": ["SYS_ADMIN"] }\n',
    // Not where the Dev Container CLI looks: not scanned.
    'config/devcontainer.json': PRIVILEGED,
    'app/package.json': '{ "name": "app", "privileged": true }\n',
    'app/.devcontainer/deep/er/devcontainer.json': PRIVILEGED,
  });

function jsonOf(dir: string, args: string[] = []) {
  const run = runCli(['--format', 'json', '--exit-zero', ...args], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as {
    files: { path: string; kind: string }[];
    diagnostics: { path: string; rule: string; range: { start: { line: number; character: number } } }[];
  };
}

describe('bulkhead on dev containers', () => {
  const dir = tree();

  it('walks the three places, nothing else', () => {
    assert.deepEqual(
      jsonOf(dir).files.map((f) => `${f.path} ${f.kind}`),
      [
        'app/.devcontainer/devcontainer.json devcontainer',
        'app/.devcontainer/python/devcontainer.json devcontainer',
        'tools/.devcontainer.json devcontainer',
      ],
    );
  });

  it('text names the file, the place and the rule', () => {
    const run = runCli(['--exit-zero', 'app/.devcontainer/devcontainer.json'], { cwd: dir });
    assert.match(
      run.stdout,
      /^app\/\.devcontainer\/devcontainer\.json:4:3 error container\/privileged Dev container `devcontainer` runs privileged/m,
    );
  });

  it('JSON carries each finding with its file', () => {
    const found = jsonOf(dir)
      .diagnostics.filter((d) =>
        ['container/privileged', 'container/host-namespace', 'container/dangerous-capability'].includes(d.rule),
      )
      .map((d) => `${d.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.rule}`);
    assert.deepEqual(found, [
      'app/.devcontainer/devcontainer.json:4:3 container/privileged',
      'app/.devcontainer/python/devcontainer.json:1:39 container/host-namespace',
      'tools/.devcontainer.json:1:38 container/dangerous-capability',
    ]);
  });

  it('SARIF lists the file as a jsonc artifact and locates the results in it', () => {
    const run = runCli(['--format', 'sarif', '--exit-zero'], { cwd: dir });
    const log = JSON.parse(run.stdout) as {
      runs: {
        artifacts: { location: { uri: string }; sourceLanguage: string }[];
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    const [sarif] = log.runs;
    assert.deepEqual(
      sarif.artifacts.map((a) => `${a.location.uri} ${a.sourceLanguage}`),
      [
        'app/.devcontainer/devcontainer.json jsonc',
        'app/.devcontainer/python/devcontainer.json jsonc',
        'tools/.devcontainer.json jsonc',
      ],
    );
    const privileged = sarif.results.find((r) => r.ruleId === 'container/privileged');
    assert.deepEqual(
      [
        privileged?.locations[0].physicalLocation.artifactLocation.uri,
        privileged?.locations[0].physicalLocation.region.startLine,
      ],
      ['app/.devcontainer/devcontainer.json', 4],
    );
  });

  it('a file named on the command line is a dev container when it is named like one', () => {
    assert.deepEqual(
      jsonOf(dir, ['config/devcontainer.json']).files.map((f) => f.kind),
      ['devcontainer'],
    );
  });

  it('--fix leaves it alone: every dev container fix is unsafe', () => {
    const fixDir = tempTree({ '.devcontainer/devcontainer.json': PRIVILEGED });
    const before = jsonOf(fixDir).diagnostics.length;
    const run = runCli(['--fix', '--exit-zero', '--format', 'json'], { cwd: fixDir });
    assert.equal(JSON.parse(run.stdout).diagnostics.length, before);
  });

  it('reads the Dockerfile it builds inside the scanned folder only', () => {
    const ws = tempTree({
      'ws/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" } }\n',
      'ws/.devcontainer/Dockerfile': 'FROM alpine:3.20\nRUN apk add git\n',
      'ws/other/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "../../../outside/Dockerfile" } }\n',
      'outside/Dockerfile': 'FROM alpine:3.20\nRUN apk add git\n',
    });
    const rootUser = jsonOf(join(ws, 'ws'))
      .diagnostics.filter((d) => d.rule === 'container/root-user')
      .map((d) => d.path);
    assert.deepEqual(rootUser, ['.devcontainer/devcontainer.json']);
  });

  it('report gives each dev container a row', () => {
    const run = runCli(['report'], { cwd: dir });
    assert.equal(run.status === 0 || run.status === 1, true, run.stderr);
    assert.match(run.stdout, /dev container `devcontainer`/);
    assert.match(run.stdout, /dev container `python`/);
  });
});
