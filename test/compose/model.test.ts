/**
 * The compose model: what each compose spelling normalises to, where every value is said to come from, and how the
 * parser treats broken, hostile and cross-file input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose, type ComposeModel } from '../../shared/src/compose/model';
import { analyzeText, expandAspects } from '../../shared/src/engine';
import { formatRange } from '../rule-tester';
import type { ContainerSpec, Origin, Setting } from '../../shared/src/container/spec';

function spec(model: ComposeModel, name: string): ContainerSpec {
  const service = model.services.find((s) => s.name === name);
  assert.ok(service, `service ${name}`);
  return service.spec;
}

function values<T>(items: Setting<T>[]): (T | undefined)[] {
  return items.map((item) => item.value);
}

function at(origin: Origin): string {
  return formatRange(origin.range);
}

function problems(model: ComposeModel): string[] {
  return model.syntaxProblems.map((p) => `${formatRange(p.range)} ${p.message}`);
}

describe('compose model: settings in every spelling', () => {
  it('reads capabilities in any case, with or without CAP_', () => {
    const model = parseCompose(
      'services:\n  a:\n    cap_add: [cap_sys_admin, Net_Admin, ALL]\n    cap_drop:\n      - CAP_ALL\n',
    );
    assert.deepEqual(values(spec(model, 'a').capAdd.items), ['SYS_ADMIN', 'NET_ADMIN', 'ALL']);
    assert.deepEqual(values(spec(model, 'a').capDrop.items), ['ALL']);
    assert.equal(at(spec(model, 'a').capAdd.items[1].origin), '3:30-3:39');
  });

  it('reads security options written with : and =', () => {
    const model = parseCompose(
      'services:\n  a:\n    security_opt:\n      - seccomp=unconfined\n      - "apparmor:unconfined"\n      - no-new-privileges\n      - label=type:spc_t\n',
    );
    assert.deepEqual(values(spec(model, 'a').securityOpt.items), [
      { name: 'seccomp', value: 'unconfined', separator: '=' },
      { name: 'apparmor', value: 'unconfined', separator: ':' },
      { name: 'no-new-privileges', value: 'true', separator: '' },
      { name: 'label', value: 'type:spc_t', separator: '=' },
    ]);
  });

  it('reads short and long volume syntax', () => {
    const model = parseCompose(
      [
        'services:',
        '  a:',
        '    volumes:',
        '      - /var/run/docker.sock:/var/run/docker.sock:ro',
        '      - ./data:/data:rw,z',
        '      - cache:/cache',
        '      - /anonymous',
        '      - ~/.ssh:/root/.ssh:ro',
        '      - C:\\data:/data2',
        '      - type: bind',
        '        source: //var/run/../run/docker.sock/',
        '        target: /sock',
        '      - type: volume',
        '        source: bound',
        '        target: /srv',
        '        read_only: true',
        'volumes:',
        '  bound:',
        '    driver_opts: {type: none, o: bind, device: /etc}',
        '',
      ].join('\n'),
    );
    const mounts = values(spec(model, 'a').mounts.items);
    assert.deepEqual(
      mounts.map((m) => m && [m.type, m.source, m.hostPath, m.target, m.readOnly, m.syntax]),
      [
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', '/var/run/docker.sock', true, 'short'],
        ['bind', './data', undefined, '/data', false, 'short'],
        ['volume', 'cache', undefined, '/cache', false, 'short'],
        ['volume', undefined, undefined, '/anonymous', false, 'short'],
        ['bind', '~/.ssh', '~/.ssh', '/root/.ssh', true, 'short'],
        ['bind', 'C:\\data', undefined, '/data2', false, 'short'],
        ['bind', '//var/run/../run/docker.sock/', '/var/run/docker.sock', '/sock', false, 'long'],
        ['volume', 'bound', '/etc', '/srv', true, 'long'],
      ],
    );
    assert.equal(mounts[1]?.mode, 'rw,z');
    assert.equal(at(mounts[7]!.deviceOrigin!), '19:48-19:52');
  });

  it('reads $HOME in a host path as the home folder even without a .env', () => {
    const model = parseCompose(
      'services:\n  a:\n    volumes:\n      - ${HOME}/.docker:/cfg\n      - $HOME/.aws:/aws\n',
    );
    assert.deepEqual(
      values(spec(model, 'a').mounts.items).map((m) => m?.hostPath),
      ['~/.docker', '~/.aws'],
    );
  });

  it('reads short and long port syntax', () => {
    const model = parseCompose(
      'services:\n  a:\n    ports:\n      - 3000\n      - "8080:80"\n      - 127.0.0.1:5432:5432\n      - "[::1]:9000:9000/udp"\n      - "::1:9001:9001"\n      - 8000-8010:8000-8010\n      - 127.0.0.1::80\n      - target: 443\n        published: "8443"\n        host_ip: 0.0.0.0\n        protocol: TCP\n',
    );
    assert.deepEqual(values(spec(model, 'a').ports.items), [
      { target: '3000', protocol: 'tcp', syntax: 'short' },
      { target: '80', protocol: 'tcp', syntax: 'short', published: '8080' },
      { target: '5432', protocol: 'tcp', syntax: 'short', hostIp: '127.0.0.1', published: '5432' },
      { target: '9000', protocol: 'udp', syntax: 'short', hostIp: '::1', published: '9000' },
      { target: '9001', protocol: 'tcp', syntax: 'short', hostIp: '::1', published: '9001' },
      { target: '8000-8010', protocol: 'tcp', syntax: 'short', published: '8000-8010' },
      { target: '80', protocol: 'tcp', syntax: 'short', hostIp: '127.0.0.1' },
      { target: '443', protocol: 'tcp', syntax: 'long', published: '8443', hostIp: '0.0.0.0' },
    ]);
  });

  it('reads environment as a mapping or a list, keeping passthrough and variables apart', () => {
    const asMap = parseCompose(
      'services:\n  a:\n    environment:\n      A: 1\n      B:\n      C: ${UNSET}\n      D: "${UNSET:-x}"\n',
    );
    assert.deepEqual(values(spec(asMap, 'a').environment.items), [
      { name: 'A', literal: '1', passthrough: false, usesVariables: false },
      { name: 'B', passthrough: true, usesVariables: false },
      { name: 'C', passthrough: false, usesVariables: true },
      { name: 'D', literal: 'x', passthrough: false, usesVariables: true },
    ]);
    const asList = parseCompose(
      'services:\n  a:\n    environment:\n      - A=1\n      - B\n      - C=${UNSET}\n      - D=a=b\n',
    );
    assert.deepEqual(values(spec(asList, 'a').environment.items), [
      { name: 'A', literal: '1', passthrough: false, usesVariables: false },
      { name: 'B', passthrough: true, usesVariables: false },
      { name: 'C', passthrough: false, usesVariables: true },
      { name: 'D', literal: 'a=b', passthrough: false, usesVariables: false },
    ]);
  });

  it('reads every limit key, each with its own origin', () => {
    const model = parseCompose(
      'services:\n  a:\n    mem_limit: 512m\n    memswap_limit: 1g\n    cpus: 0.5\n    cpu_quota: 50000\n    cpu_shares: 512\n    pids_limit: -1\n    deploy:\n      resources:\n        limits: {memory: 1G, cpus: "2", pids: 100}\n',
    );
    const { limits } = spec(model, 'a');
    const read = (list: Setting<{ key: string; amount: number }>[]) =>
      list.map((s) => s.value && `${s.value.key}=${s.value.amount}`);
    assert.deepEqual(read(limits.memory), ['mem_limit=536870912', 'deploy.resources.limits.memory=1073741824']);
    assert.deepEqual(read(limits.memorySwap), ['memswap_limit=1073741824']);
    assert.deepEqual(read(limits.cpus), ['cpus=0.5', 'deploy.resources.limits.cpus=2']);
    assert.deepEqual(read(limits.cpuQuota), ['cpu_quota=50000']);
    assert.deepEqual(read(limits.cpuShares), ['cpu_shares=512']);
    assert.deepEqual(read(limits.pids), ['pids_limit=-1', 'deploy.resources.limits.pids=100']);
    assert.equal(at(limits.pids[1].origin), '11:47-11:50');
  });

  it('reads namespaces, devices, user, image, build, tmpfs, env_file, command and profiles', () => {
    const model = parseCompose(
      [
        'services:',
        '  a:',
        '    image: registry.example.com/team/app:1.2@sha256:abc',
        '    build: {context: ./app, dockerfile: Dockerfile.prod, target: runtime}',
        '    user: "0:0"',
        '    network_mode: host',
        '    pid: "service:b"',
        '    ipc: host',
        '    uts: host',
        '    userns_mode: host',
        '    cgroup: host',
        '    devices: [/dev/fuse, "/dev/sda:/dev/xvda:rwm", nvidia.com/gpu=all]',
        '    tmpfs: /run',
        '    env_file: [.env, {path: extra.env, required: false}]',
        '    command: ["dockerd", "-H", "tcp://0.0.0.0:2375"]',
        '    entrypoint: /bin/sh -c "exec app"',
        '    profiles: [debug]',
        '',
      ].join('\n'),
    );
    const a = spec(model, 'a');
    assert.deepEqual(a.image?.value, {
      text: 'registry.example.com/team/app:1.2@sha256:abc',
      registry: 'registry.example.com',
      path: 'team/app',
      name: 'app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    assert.deepEqual(
      [a.build?.context?.value, a.build?.dockerfile?.value, a.build?.target?.value],
      ['./app', 'Dockerfile.prod', 'runtime'],
    );
    assert.equal(a.user?.value, '0:0');
    assert.deepEqual(Object.fromEntries(Object.entries(a.namespaces).map(([k, v]) => [k, v?.value])), {
      network: 'host',
      pid: 'service:b',
      ipc: 'host',
      uts: 'host',
      userns: 'host',
      cgroup: 'host',
    });
    assert.deepEqual(values(a.devices.items), [
      { source: '/dev/fuse' },
      { source: '/dev/sda', target: '/dev/xvda', permissions: 'rwm' },
      { source: 'nvidia.com/gpu=all' },
    ]);
    assert.deepEqual(values(a.tmpfs.items), ['/run']);
    assert.deepEqual(values(a.envFiles.items), ['.env', 'extra.env']);
    assert.deepEqual(a.command?.value, ['dockerd', '-H', 'tcp://0.0.0.0:2375']);
    assert.equal(a.entrypoint?.value, '/bin/sh -c "exec app"');
    assert.deepEqual(a.profiles, ['debug']);
  });

  it('keeps written-but-unknown apart from not written', () => {
    const model = parseCompose(
      'services:\n  a:\n    user: ${APP_USER}\n    read_only: ${RO:?set RO}\n    cap_drop: ${DROPS}\n',
    );
    const a = spec(model, 'a');
    assert.equal(a.user?.value, undefined);
    assert.equal(a.user?.text, '${APP_USER}');
    assert.equal(a.readOnly?.value, undefined);
    assert.equal(a.capDrop.unknown, true);
    assert.equal(a.privileged, undefined);
    assert.equal(a.capAdd.unknown, false);
  });
});

describe('compose model: anchors, merge keys and extends', () => {
  const text = [
    'x-base: &base',
    '  privileged: true',
    '  image: base:1',
    '  cap_add: &caps [SYS_ADMIN]',
    'x-more: &more',
    '  image: more:1',
    '  user: app',
    'services:',
    '  a:',
    '    <<: [*base, *more]',
    '    image: own:1',
    '  b:',
    '    cap_add: *caps',
    '',
  ].join('\n');
  const model = parseCompose(text);

  it('applies merge keys: explicit keys win, then the first merged mapping', () => {
    const a = spec(model, 'a');
    assert.equal(a.image?.value?.text, 'own:1');
    assert.equal(a.user?.value, 'app');
    assert.equal(a.privileged?.value, true);
  });

  it('records where a merged value entered the service and where it is written', () => {
    const a = spec(model, 'a');
    assert.equal(at(a.privileged!.origin), '2:15-2:19');
    assert.deepEqual(
      a.privileged!.origin.via.map((v) => `${v.kind} ${v.name} ${formatRange(v.range)}`),
      ['merge base 10:10-10:15'],
    );
    assert.deepEqual(
      a.user!.origin.via.map((v) => `${v.kind} ${v.name} ${formatRange(v.range)}`),
      ['merge more 10:17-10:22'],
    );
    assert.deepEqual(a.image!.origin.via, []);
  });

  it('follows aliases used as values, recording each one', () => {
    const b = spec(model, 'b');
    assert.deepEqual(values(b.capAdd.items), ['SYS_ADMIN']);
    assert.deepEqual(
      b.capAdd.items[0].origin.via.map((v) => `${v.kind} ${v.name} ${formatRange(v.range)}`),
      ['alias caps 13:14-13:19'],
    );
  });

  it('counts the services that use each anchor', () => {
    assert.deepEqual(Object.fromEntries([...model.anchorUsers].map(([k, v]) => [k, [...v].sort()])), {
      base: ['a'],
      caps: ['a', 'b'],
      more: ['a'],
    });
  });

  it('applies same-file extends with Compose merge rules', () => {
    const m = parseCompose(
      [
        'services:',
        '  base:',
        '    image: base:1',
        '    cap_add: [NET_ADMIN]',
        '    environment: {A: base, B: base}',
        '    volumes: ["./a:/data", "./b:/b"]',
        '    read_only: true',
        '  app:',
        '    extends: base',
        '    image: app:1',
        '    cap_add: [SYS_TIME]',
        '    environment: {B: app}',
        '    volumes: ["./c:/data"]',
        '  deeper:',
        '    extends: {service: app}',
        '',
      ].join('\n'),
    );
    for (const name of ['app', 'deeper']) {
      const s = spec(m, name);
      assert.equal(s.image?.value?.text, 'app:1', name);
      assert.deepEqual(values(s.capAdd.items), ['NET_ADMIN', 'SYS_TIME'], name);
      assert.deepEqual(
        values(s.environment.items).map((e) => `${e?.name}=${e?.literal}`),
        ['A=base', 'B=app'],
        name,
      );
      assert.deepEqual(
        values(s.mounts.items).map((v) => `${v?.source}:${v?.target}`),
        ['./b:/b', './c:/data'],
        name,
      );
      assert.equal(s.readOnly?.value, true, name);
    }
    assert.deepEqual(
      spec(m, 'app').readOnly!.origin.via.map((v) => `${v.kind} ${v.name} ${formatRange(v.range)}`),
      ['extends base 9:14-9:18'],
    );
    assert.deepEqual(
      spec(m, 'deeper').readOnly!.origin.via.map((v) => `${v.kind} ${v.name}`),
      ['extends app', 'extends base'],
    );
    assert.deepEqual(problems(m), []);
  });

  it('reports extends cycles and unknown bases, and leaves other-file extends to the cross-file layer', () => {
    const m = parseCompose(
      'services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: nope\n  d:\n    extends:\n      file: common.yaml\n      service: base\n',
      'deploy/compose.yaml',
    );
    assert.deepEqual(problems(m), [
      '5:14-5:15 `extends` forms a cycle through service `a`.',
      '7:14-7:18 `extends` names service `nope`, which this file does not define.',
    ]);
    assert.equal(spec(m, 'd').partial, 'extends a service in common.yaml');
    assert.deepEqual(
      m.references.map((r) => `${r.kind} ${r.resolved} ${r.service}`),
      ['extends deploy/common.yaml d'],
    );
  });
});

describe('compose model: files beside this one', () => {
  it('interpolates from the .env beside the file, read through the context', () => {
    const reads: string[] = [];
    const model = parseCompose(
      'services:\n  a:\n    image: nginx:${TAG}\n    privileged: ${PRIV:-false}\n',
      'app/compose.yaml',
      {
        readFile: (path) => {
          reads.push(path);
          return path === 'app/.env' ? 'TAG=1.27\nPRIV=true\n' : undefined;
        },
      },
    );
    assert.deepEqual(reads, ['app/.env']);
    assert.equal(spec(model, 'a').image?.value?.tag, '1.27');
    assert.equal(spec(model, 'a').privileged?.value, true);
  });

  it('passes the engine context to the parser', () => {
    const report = analyzeText(
      'compose.yaml',
      'services:\n  a:\n    image: alpine\n    privileged: ${PRIV}\n',
      'compose',
      {
        context: { readFile: (path) => (path === '.env' ? 'PRIV=true' : undefined) },
      },
    );
    assert.ok(report.diagnostics.some((d) => d.ruleId === 'container/privileged'));
  });

  it('lists the Dockerfiles services build and their env files for the cross-file layer', () => {
    const model = parseCompose(
      'services:\n  a:\n    build: ./api\n  b:\n    build: {context: web/, dockerfile: Dockerfile.prod}\n    env_file: [common.env]\n  c:\n    build: https://github.com/x/y.git#main\n  d:\n    image: alpine\n',
      'deploy/compose.yaml',
    );
    assert.deepEqual(
      model.references.map((r) => `${r.kind} ${r.service} ${r.resolved}`),
      ['build a deploy/api/Dockerfile', 'build b deploy/web/Dockerfile.prod', 'env_file b deploy/common.env'],
    );
  });

  it('lists include files for the cross-file layer', () => {
    const model = parseCompose(
      'include:\n  - ../shared/db.yaml\n  - path: [./monitoring.yaml]\nservices: {}\n',
      'app/compose.yaml',
    );
    assert.deepEqual(
      model.references.map((r) => `${r.kind} ${r.resolved}`),
      ['include app/../shared/db.yaml', 'include app/monitoring.yaml'],
    );
  });
});

describe('compose model: broken and hostile input', () => {
  it('reports a duplicate key at the spot and still checks the rest', () => {
    const report = analyzeText(
      'compose.yaml',
      'services:\n  a:\n    image: a\n    image: b\n  b:\n    image: c\n    privileged: true\n',
      'compose',
    );
    const syntax = report.diagnostics.filter((d) => d.ruleId === 'syntax');
    assert.deepEqual(
      syntax.map((d) => `${formatRange(d.range)} ${d.message}`),
      ['4:5-4:6 Duplicate key `image`: Compose refuses a mapping with the same key twice.'],
    );
    assert.ok(report.diagnostics.some((d) => d.ruleId === 'container/privileged' && d.range.start.line === 6));
  });

  it('reports broken YAML and a non-mapping service, and checks the services it can read', () => {
    const model = parseCompose('services:\n  web: nginx\n  db:\n    privileged: true\n  bad: [1, 2\n');
    assert.ok(model.syntaxProblems.length >= 2, problems(model).join('\n'));
    assert.ok(problems(model).some((p) => p.startsWith('2:8-2:13 Service `web` must be a mapping')));
    assert.equal(spec(model, 'db').privileged?.value, true);
  });

  it('reports a compose file that is not a mapping', () => {
    assert.deepEqual(problems(parseCompose('- a\n- b\n')), [
      '1:1-2:4 A compose file must be a mapping (`services:` at the top).',
    ]);
    assert.deepEqual(problems(parseCompose('services: [a]\n')), [
      '1:11-1:14 `services` must be a mapping of service names to services.',
    ]);
    assert.deepEqual(problems(parseCompose('')), []);
  });

  it('reports an unknown anchor', () => {
    assert.deepEqual(problems(parseCompose('services:\n  a:\n    <<: *nope\n    image: x\n')), [
      '3:9-3:14 Unknown anchor `*nope`: no `&nope` is defined before it.',
    ]);
  });

  it('refuses an alias bomb quickly', () => {
    let text = 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (let i = 0; i < 12; i++) {
      text += `x-b${i}: &b${i} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = `b${i}`;
    }
    text += `services:\n  web:\n    image: alpine\n    environment: *${previous}\n    command: *${previous}\n`;
    const started = performance.now();
    const report = analyzeText('compose.yaml', text, 'compose');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.ruleId} ${formatRange(d.range)} ${d.message}`),
      ['syntax 7:12-7:15 Alias `*b4` expands to more than 200,000 nodes (an alias bomb): the file is not analysed.'],
    );
  });

  it('refuses a recursive alias', () => {
    assert.deepEqual(problems(parseCompose('x: &a [1, *a]\nservices: {}\n')), [
      '1:11-1:13 Alias `*a` refers to a node that contains it: Compose refuses recursive aliases.',
    ]);
  });

  it('refuses deep nesting quickly, flow or block', () => {
    const flow = `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\nservices: {}\n`;
    let block = '';
    for (let i = 0; i < 1000; i++) block += `${' '.repeat(i)}k${i}:\n`;
    const dashes = `x:\n${'- '.repeat(5000)}1\n`;
    for (const text of [flow, block, dashes]) {
      const started = performance.now();
      const model = parseCompose(text);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
      assert.equal(model.doc, undefined);
      assert.match(problems(model)[0], /Nesting deeper than 100 levels/);
    }
  });

  it('reports nesting that slips past the quick scan and overflows the YAML parser, without throwing', () => {
    // Found by the fuzzer (test/fixtures/fuzz/7ca4fcc79393.compose): the `{` of a plain scalar hid the dashes after it.
    const text = `services:\r\n    image: prom/p"\${rometheus\r\n${'- '.repeat(10_000)}\r\n    restart: unless-stopped\r\n`;
    const model = parseCompose(text);
    assert.equal(model.doc, undefined);
    assert.match(problems(model)[0], /Nesting too deep for the YAML parser/);
  });

  it('lets the aliases of a real file through (many merges of small anchors)', () => {
    let text =
      'x-restart: &restart\n  restart: unless-stopped\nx-log: &log\n  logging: {driver: json-file}\nservices:\n';
    for (let i = 0; i < 300; i++) text += `  s${i}:\n    <<: [*restart, *log]\n    image: app${i}\n`;
    const model = parseCompose(text);
    assert.deepEqual(problems(model), []);
    assert.equal(model.services.length, 300);
  });
});

describe('compose suppressions', () => {
  it('a comment on the line before or at the end of the line suppresses a finding there', () => {
    const before = analyzeText(
      'compose.yaml',
      'services:\n  a:\n    image: alpine\n    # bulkhead-ignore container/privileged -- docker in docker\n    privileged: true\n',
      'compose',
    );
    const end = analyzeText(
      'compose.yaml',
      'services:\n  a:\n    image: alpine\n    privileged: true # bulkhead-ignore container/privileged\n',
      'compose',
    );
    for (const report of [before, end])
      assert.deepEqual(
        report.diagnostics.filter((d) => d.ruleId === 'container/privileged'),
        [],
      );
  });

  it('a comment above a service key covers findings at that key', () => {
    const report = analyzeText(
      'compose.yaml',
      'services:\n  # bulkhead-ignore container/writable-root-fs\n  a:\n    image: alpine\n  b:\n    image: alpine\n',
      'compose',
    );
    assert.deepEqual(
      expandAspects(report.diagnostics)
        .filter((d) => d.ruleId === 'container/writable-root-fs')
        .map((d) => formatRange(d.range)),
      ['5:3-5:4'],
    );
  });
});
