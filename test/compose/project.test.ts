/**
 * The cross-file layer: a compose file read with the other files of its project (other-file `extends`, override
 * files, `include`), all through `WorkspaceReader.readFile`, and each finding reported once, in the file whose text
 * caused it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import { parseComposeProject } from '../../shared/src/compose/project';
import { applyEdits } from '../../shared/src/text';
import { formatRange } from '../rule-tester';

/** A workspace in memory; `requested` records every path a rule or parser asked for. */
function workspace(files: Record<string, string>) {
  const requested: string[] = [];
  return {
    requested,
    readFile: (path: string) => {
      requested.push(path);
      return files[path];
    },
    // Each rule's findings on their own: these tests are about where a rule reports across files, not how a
    // service's missing settings are listed together.
    analyze(path: string, rules?: string[]): string[] {
      const report = analyzeText(path, files[path], 'compose', { context: { readFile: this.readFile }, group: false });
      return lines(report, rules);
    },
    report(path: string): FileReport {
      return analyzeText(path, files[path], 'compose', { context: { readFile: this.readFile }, group: false });
    },
  };
}

function lines(report: FileReport, rules?: string[]): string[] {
  return report.diagnostics
    .filter((d) => !rules || rules.includes(d.ruleId))
    .map((d) => `${d.ruleId} ${formatRange(d.range)}`);
}

describe('compose project: extends from another file', () => {
  const files = {
    'deploy/compose.yaml':
      'services:\n  api:\n    extends:\n      file: ../common/base.yaml\n      service: hardened\n    image: acme/api:1.2\n',
    'common/base.yaml':
      'services:\n  hardened:\n    privileged: true\n    read_only: true\n    cap_drop: [ALL]\n    mem_limit: 256m\n',
  };

  it('reads the other file by its path resolved against the compose file, and merges its service', () => {
    const ws = workspace(files);
    const model = parseComposeProject(files['deploy/compose.yaml'], 'deploy/compose.yaml', { readFile: ws.readFile });
    assert.ok(ws.requested.includes('common/base.yaml'), `asked for ${ws.requested.join(', ')}`);
    const spec = model.services[0].spec;
    assert.equal(spec.partial, undefined);
    assert.equal(spec.readOnly?.value, true);
    assert.deepEqual(
      spec.capDrop.items.map((i) => i.value),
      ['ALL'],
    );
    assert.equal(spec.image?.value?.text, 'acme/api:1.2');
  });

  it('reports what the base gives at the extends, with the other file as related location, and nothing it fixes', () => {
    const report = workspace(files).report('deploy/compose.yaml');
    const privileged = report.diagnostics.filter((d) => d.ruleId === 'container/privileged');
    assert.deepEqual(
      privileged.map((d) => formatRange(d.range)),
      ['4:7-5:24'],
    );
    assert.deepEqual(
      privileged[0].related?.map((r) => `${r.path}@${formatRange(r.range)}`),
      ['common/base.yaml@3:5-3:21'],
    );
    // A fix may only override in this file, never edit the other file's ranges here.
    for (const fix of privileged[0].fixes)
      assert.ok(applyEdits(files['deploy/compose.yaml'], fix.edits).startsWith('services:\n  api:\n'));
    assert.deepEqual(
      lines(report, ['container/writable-root-fs', 'container/capabilities-not-dropped', 'container/memory-unlimited']),
      [],
    );
  });

  it('without the other file, the service is partial: nothing is reported missing', () => {
    const ws = workspace({ 'deploy/compose.yaml': files['deploy/compose.yaml'] });
    assert.deepEqual(
      ws.analyze('deploy/compose.yaml', [
        'container/writable-root-fs',
        'container/memory-unlimited',
        'container/capabilities-not-dropped',
      ]),
      [],
    );
  });

  it('follows chains across files and stops at cycles', () => {
    const ws = workspace({
      'a.yaml':
        'services:\n  one:\n    extends: {file: b.yaml, service: two}\n  loop:\n    extends: {file: b.yaml, service: back}\n',
      'b.yaml':
        'services:\n  two:\n    extends: {file: c.yaml, service: three}\n  back:\n    extends: {file: a.yaml, service: loop}\n',
      'c.yaml': 'services:\n  three:\n    image: alpine:3.20\n    pids_limit: 50\n',
    });
    const model = parseComposeProject(
      'services:\n  one:\n    extends: {file: b.yaml, service: two}\n  loop:\n    extends: {file: b.yaml, service: back}\n',
      'a.yaml',
      { readFile: ws.readFile },
    );
    const one = model.services.find((s) => s.name === 'one')!.spec;
    assert.equal(one.limits.pids[0]?.value?.amount, 50);
    assert.equal(one.partial, undefined);
    assert.ok(model.services.find((s) => s.name === 'loop')!.spec.partial, 'a cycle leaves the service partial');
  });

  it('reports a base service the other file does not define', () => {
    const ws = workspace({
      'compose.yaml': 'services:\n  app:\n    extends: {file: other.yaml, service: nope}\n',
      'other.yaml': 'services:\n  base:\n    image: x\n',
    });
    const report = ws.report('compose.yaml');
    assert.deepEqual(
      report.diagnostics.filter((d) => d.ruleId === 'syntax').map((d) => d.message),
      ['`extends` names service `nope`, which other.yaml does not define.'],
    );
  });
});

describe('compose project: a base file and its override file', () => {
  const files = {
    'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    read_only: false\n  db:\n    image: postgres:16\n',
    'compose.override.yaml':
      'services:\n  web:\n    read_only: true\n    privileged: true\n    mem_limit: 1g\n  debug:\n    image: busybox:1.36\n    privileged: true\n',
  };
  const rules = ['container/privileged', 'container/writable-root-fs', 'container/memory-unlimited'];

  it('the base file reports what its own text causes, judged with the override merged', () => {
    // read_only: false is overridden to true; mem_limit comes from the override; privileged is the override's.
    assert.deepEqual(workspace(files).analyze('compose.yaml', rules), [
      'container/memory-unlimited 5:3-5:5',
      'container/writable-root-fs 5:3-5:5',
    ]);
  });

  it('the override file reports what its own text causes, and leaves missing settings to the base', () => {
    assert.deepEqual(workspace(files).analyze('compose.override.yaml', rules), [
      'container/privileged 4:5-4:21',
      'container/memory-unlimited 6:3-6:8',
      'container/writable-root-fs 6:3-6:8',
      'container/privileged 8:5-8:21',
    ]);
  });

  it('each problem of the project is reported once across both files, for the service it concerns', () => {
    const ws = workspace(files);
    const all = ['compose.yaml', 'compose.override.yaml'].flatMap((path) =>
      ws
        .report(path)
        .diagnostics.filter((d) => rules.includes(d.ruleId))
        .map((d) => `${d.ruleId} ${/`(\w+)`/.exec(d.message)?.[1]} in ${path}`),
    );
    assert.deepEqual(all.sort(), [
      'container/memory-unlimited db in compose.yaml',
      'container/memory-unlimited debug in compose.override.yaml',
      'container/privileged debug in compose.override.yaml',
      'container/privileged web in compose.override.yaml',
      'container/writable-root-fs db in compose.yaml',
      'container/writable-root-fs debug in compose.override.yaml',
    ]);
  });

  it('a fix offered in the override file edits only the override file', () => {
    const report = workspace(files).report('compose.override.yaml');
    const privileged = report.diagnostics.find((d) => d.ruleId === 'container/privileged');
    assert.ok(privileged?.fixes.length);
    assert.equal(
      applyEdits(files['compose.override.yaml'], privileged.fixes[0].edits),
      'services:\n  web:\n    read_only: true\n    mem_limit: 1g\n  debug:\n    image: busybox:1.36\n    privileged: true\n',
    );
  });

  it('merges only the files Compose would pick: the first default name, and the first override name', () => {
    const ws = workspace({ ...files, 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n' });
    // compose.yaml wins over docker-compose.yml, so docker-compose.yml is analysed alone.
    assert.deepEqual(ws.analyze('docker-compose.yml', ['container/memory-unlimited']), [
      'container/memory-unlimited 2:3-2:6',
    ]);
    const mixed = workspace({
      'compose.yaml': files['compose.yaml'],
      'docker-compose.override.yml': files['compose.override.yaml'],
    });
    assert.deepEqual(mixed.analyze('compose.yaml', ['container/memory-unlimited']), [
      'container/memory-unlimited 5:3-5:5',
    ]);
  });

  it('an override file without a base file is analysed alone', () => {
    const ws = workspace({ 'compose.override.yaml': files['compose.override.yaml'] });
    assert.ok(
      ws
        .analyze('compose.override.yaml', ['container/memory-unlimited'])
        .includes('container/memory-unlimited 6:3-6:8'),
    );
  });
});

describe('compose project: include and profiles', () => {
  it('services of an included file are analysed in their own file, not again in the including one', () => {
    const ws = workspace({
      'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    privileged: true\n',
    });
    assert.deepEqual(ws.analyze('compose.yaml', ['container/privileged']), []);
    assert.deepEqual(ws.analyze('db/compose.yaml', ['container/privileged']), ['container/privileged 4:5-4:21']);
  });

  it('services behind a profile are still analysed', () => {
    const ws = workspace({
      'compose.yaml': 'services:\n  tools:\n    image: busybox:1.36\n    profiles: [debug]\n    privileged: true\n',
    });
    assert.deepEqual(ws.analyze('compose.yaml', ['container/privileged']), ['container/privileged 5:5-5:21']);
  });
});
