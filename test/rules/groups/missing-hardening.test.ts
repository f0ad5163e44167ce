// One finding per service for the hardening settings it lacks, and "Harden service" applying them together.
import { file } from '../../../shared/src/rule';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { analyzeText, expandAspects, type AnalyzeOptions } from '../../../shared/src/engine';
import { defaultConfig } from '../../../shared/src/config';
import { applyEdits } from '../../../shared/src/text';
import { formatRange } from '../../rule-tester';

const GROUP = 'container/missing-hardening';
const analyse = (code: string, options: AnalyzeOptions = {}, files: Record<string, string> = {}) => {
  const report = analyzeText('compose.yaml', code, 'compose', { ...options, context: { readFile: (p) => files[p] } });
  // Images pinned by tag only, as examples are: that rule has nothing to do with these tests.
  return { ...report, diagnostics: report.diagnostics.filter((d) => d.ruleId !== 'container/unpinned-image') };
};
const harden = (code: string, files: Record<string, string> = {}) => {
  const group = analyse(code, {}, files).diagnostics.find((d) => d.ruleId === GROUP);
  assert.ok(group, 'a hardening finding');
  const fix = group.fixes[0];
  assert.match(fix.title, /^Harden service/);
  assert.equal(fix.safe, false, 'never applied by fix-all');
  return { group, fix, output: applyEdits(code, fix.edits) };
};

describe('container/missing-hardening', () => {
  it('lists a service’s missing settings in one finding, at the service, most severe aspect’s severity', () => {
    const report = analyse(file`
      services:
        app:
          image: example/app:1
    `);
    const groups = report.diagnostics.filter((d) => d.ruleId === GROUP);
    assert.equal(groups.length, 1);
    const [group] = groups;
    assert.equal(formatRange(group.range), '2:3-2:6');
    assert.equal(group.severity, 'warning');
    assert.equal(
      group.message,
      'Service `app` is missing 6 hardening settings: `cap_drop: [ALL]`, `read_only: true`, `no-new-privileges`, a memory limit, a CPU limit and a process limit.',
    );
    assert.deepEqual(
      group.aspects?.map((a) => a.ruleId),
      [
        'container/capabilities-not-dropped',
        'container/writable-root-fs',
        'container/no-new-privileges',
        'container/memory-unlimited',
        'container/cpu-unlimited',
        'container/pids-unlimited',
      ],
    );
    assert.deepEqual(
      report.diagnostics.map((d) => d.ruleId).filter((id) => id.endsWith('-unlimited')),
      [],
      'the aspects are not reported again beside it',
    );
    // Harden first, then each aspect's own fix.
    assert.equal(group.fixes.length, 7);
  });

  it('writes every setting into an empty flow mapping, separated by commas', () => {
    // Found by the fuzzer (test/fixtures/fuzz/167b95148dd7.compose): the settings were joined with nothing between.
    const { output } = harden(file`
      services:
        app: {}
    `);
    assert.equal(
      output,
      file`
        services:
          app: {cap_drop: [ALL], read_only: true, tmpfs: [/tmp], security_opt: [no-new-privileges:true], mem_limit: 512m, cpus: 1.0, pids_limit: 256}
      `,
    );
    assert.deepEqual(parseDocument(output).errors, []);
  });

  it('a service missing one setting gets that rule’s own finding', () => {
    const report = analyse(
      file`
        services:
          app:
            image: example/app:1
            read_only: true
            cap_drop: [ALL]
            security_opt: [no-new-privileges:true]
            mem_limit: 256m
            cpus: 0.5
      `,
    );
    assert.deepEqual(
      report.diagnostics.map((d) => d.ruleId),
      ['container/pids-unlimited'],
    );
  });

  it('an aspect turned off or suppressed leaves the list; the group id turns off or suppresses the whole', () => {
    const code = file`
      services:
        app:
          image: example/app:1
        # bulkhead-ignore container/pids-unlimited,container/cpu-unlimited
        db:
          image: example/db:1
    `;
    const config = defaultConfig();
    config.rules['container/memory-unlimited'] = 'off';
    const report = analyse(code, { config });
    const [app, db] = report.diagnostics.filter((d) => d.ruleId === GROUP);
    assert.equal(app.aspects?.length, 5);
    assert.ok(!app.aspects?.some((a) => a.ruleId === 'container/memory-unlimited'));
    assert.deepEqual(
      db.aspects?.map((a) => a.ruleId),
      ['container/capabilities-not-dropped', 'container/writable-root-fs', 'container/no-new-privileges'],
    );
    const off = defaultConfig();
    off.rules[GROUP] = 'off';
    assert.deepEqual(analyse(code, { config: off }).diagnostics, []);
    const suppressed = analyse(
      file`
        services:
          # bulkhead-ignore container/missing-hardening -- a throwaway test service
          app:
            image: example/app:1
      `,
    );
    assert.deepEqual(
      suppressed.diagnostics.map((d) => d.ruleId),
      [],
    );
    const severity = defaultConfig();
    severity.rules[GROUP] = 'error';
    assert.equal(analyse(code, { config: severity }).diagnostics.find((d) => d.ruleId === GROUP)?.severity, 'error');
  });

  it('settings dangerous by themselves stay findings of their own', () => {
    const report = analyse(
      file`
        services:
          app:
            image: example/app:1
            privileged: true
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
      `,
    );
    const ids = report.diagnostics.map((d) => d.ruleId);
    assert.ok(
      ids.includes('container/privileged') && ids.includes('container/docker-socket-mount') && ids.includes(GROUP),
    );
  });

  it('group: false reports each aspect on its own, as the rules’ pages and the peers’ checks read them', () => {
    const report = analyse(
      file`
        services:
          app:
            image: example/app:1
      `,
      { group: false },
    );
    assert.deepEqual(
      report.diagnostics.map((d) => d.ruleId).sort(),
      expandAspects(
        analyse(file`
          services:
            app:
              image: example/app:1
        `).diagnostics,
      )
        .map((d) => d.ruleId)
        .sort(),
    );
  });

  it('Harden service writes every missing setting once, in one place, and leaves nothing to report', () => {
    const code = file`
      services:
        app:
          image: example/app:1
          ports:
            - "127.0.0.1:8080:8080"
    `;
    const { fix, output } = harden(code);
    assert.equal(
      output,
      file`
        services:
          app:
            image: example/app:1
            cap_drop:
              - ALL
            read_only: true
            tmpfs:
              - /tmp
            security_opt:
              - no-new-privileges:true
            mem_limit: 512m
            cpus: 1.0
            pids_limit: 256
            ports:
              - "127.0.0.1:8080:8080"
      `,
    );
    assert.match(
      fix.title,
      /check that `app` needs no capability back/,
      'an image without a profile: the title says what it assumes',
    );
    assert.ok(fix.basis?.assumption);
    assert.equal(parseDocument(output).errors.length, 0);
    assert.deepEqual(
      analyse(output).diagnostics.map((d) => d.ruleId),
      [],
      'nothing left to report',
    );
  });

  it('Harden service from the image profile: the capabilities and paths postgres needs', () => {
    const code = file`
      services:
        db:
          image: postgres:16
          volumes:
            - db-data:/var/lib/postgresql/data
      volumes:
        db-data:
    `;
    const { fix, output } = harden(code);
    assert.match(fix.title, /^Harden service `db` \(from the `postgres` image profile\)/);
    assert.equal(fix.basis?.assumption, undefined);
    const service = parseDocument(output).toJS().services.db;
    assert.deepEqual(service.cap_drop, ['ALL']);
    assert.deepEqual(service.cap_add, ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']);
    assert.deepEqual(service.tmpfs, ['/var/run/postgresql', '/tmp']);
    assert.deepEqual(service.volumes, ['db-data:/var/lib/postgresql/data'], 'the data volume is already there');
    assert.equal(service.read_only, true);
    assert.deepEqual(
      analyse(output).diagnostics.filter((d) => d.ruleId === GROUP || d.aspects),
      [],
    );
  });

  it('with a shared anchor, a merge key and extends', () => {
    const anchored = file`
      x-base: &base
        image: example/app:1
        restart: always
      services:
        a:
          <<: *base
        b:
          <<: *base
    `;
    const { output } = harden(anchored);
    assert.equal(
      analyse(output).diagnostics.filter((d) => d.ruleId === GROUP && d.message.includes('`a`')).length,
      0,
      'service a is hardened',
    );
    assert.equal(
      analyse(output).diagnostics.filter((d) => d.ruleId === GROUP && d.message.includes('`b`')).length,
      1,
      'service b is left as it was',
    );
    const extended = file`
      services:
        base:
          image: example/app:1
          cap_drop: [ALL]
        app:
          extends: base
    `;
    const group = analyse(extended).diagnostics.find((d) => d.ruleId === GROUP && d.message.includes('`app`'));
    assert.ok(
      group && !group.aspects?.some((a) => a.ruleId === 'container/capabilities-not-dropped'),
      'cap_drop comes from the service it extends',
    );
    const out = applyEdits(extended, group.fixes[0].edits);
    assert.equal(analyse(out).diagnostics.filter((d) => d.ruleId === GROUP && d.message.includes('`app`')).length, 0);
  });

  it('a service with its own deploy: limits go under deploy.resources.limits once', () => {
    const code = file`
      services:
        app:
          image: example/app:1
          deploy:
            replicas: 2
    `;
    const { output } = harden(code);
    assert.match(output, /deploy:\n {6}replicas: 2\n {6}resources:\n {8}limits:\n {10}cpus: 1\.0\n {10}memory: 512M\n/);
    assert.equal(parseDocument(output, { uniqueKeys: true }).errors.length, 0);
  });
});
