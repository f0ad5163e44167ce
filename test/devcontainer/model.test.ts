/**
 * How a devcontainer.json becomes a container spec: runArgs read as docker run flags in both spellings, mounts in
 * both forms, the features that widen access, the Dockerfile it builds, and bad input as diagnostics.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDevcontainer } from '../../shared/src/devcontainer/model';
import { featureId } from '../../shared/src/devcontainer/features';
import { analyzeText } from '../../shared/src/engine';
import { formatRange } from '../rule-tester';
import type { ContainerSpec } from '../../shared/src/container/spec';

function specOf(text: string, path = '.devcontainer/devcontainer.json'): ContainerSpec {
  const model = parseDevcontainer(text, path);
  assert.deepEqual(model.syntaxProblems, [], 'parses');
  assert.equal(model.services.length, 1);
  return model.services[0].spec;
}

const runArgs = (...words: string[]) => specOf(JSON.stringify({ image: 'alpine:3.20', runArgs: words }));

describe('runArgs as docker run flags', () => {
  const cases: { name?: string; words: string[]; read: (spec: ContainerSpec) => unknown; expected: unknown }[] = [
    { words: ['--privileged'], read: (s) => s.privileged?.value, expected: true },
    { words: ['--privileged=false'], read: (s) => s.privileged?.value, expected: false },
    { words: ['--cap-add', 'sys_admin'], read: (s) => s.capAdd.items.map((i) => i.value), expected: ['SYS_ADMIN'] },
    { words: ['--cap-add=CAP_NET_ADMIN'], read: (s) => s.capAdd.items.map((i) => i.value), expected: ['NET_ADMIN'] },
    { words: ['--cap-drop', 'ALL'], read: (s) => s.capDrop.items.map((i) => i.value), expected: ['ALL'] },
    {
      words: ['--security-opt', 'seccomp=unconfined'],
      read: (s) => s.securityOpt.items.map((i) => i.value),
      expected: [{ name: 'seccomp', value: 'unconfined', separator: '=' }],
    },
    { words: ['--network=host'], read: (s) => s.namespaces.network?.value, expected: 'host' },
    { words: ['--net', 'host'], read: (s) => s.namespaces.network?.value, expected: 'host' },
    { words: ['--pid', 'host'], read: (s) => s.namespaces.pid?.value, expected: 'host' },
    { words: ['--ipc=host'], read: (s) => s.namespaces.ipc?.value, expected: 'host' },
    {
      words: ['-v', '/etc:/host-etc:ro'],
      read: (s) => s.mounts.items.map((i) => [i.value?.hostPath, i.value?.target, i.value?.readOnly]),
      expected: [['/etc', '/host-etc', true]],
    },
    {
      words: ['--volume=/var/run/docker.sock:/var/run/docker.sock'],
      read: (s) => s.mounts.items.map((i) => i.value?.hostPath),
      expected: ['/var/run/docker.sock'],
    },
    {
      words: ['-v/srv:/srv'],
      read: (s) => s.mounts.items.map((i) => i.value?.hostPath),
      expected: ['/srv'],
    },
    {
      words: ['--mount', 'type=bind,src=/,dst=/host,bind-propagation=rshared'],
      read: (s) => s.mounts.items.map((i) => [i.value?.hostPath, i.value?.propagation]),
      expected: [['/', 'rshared']],
    },
    { words: ['-u', '0'], read: (s) => s.user?.value, expected: '0' },
    { words: ['--user=1000:1000'], read: (s) => s.user?.value, expected: '1000:1000' },
    { words: ['--read-only'], read: (s) => s.readOnly?.value, expected: true },
    { words: ['--pids-limit', '200'], read: (s) => s.limits.pids.map((l) => l.value?.amount), expected: [200] },
    { words: ['-m', '2g'], read: (s) => s.limits.memory.map((l) => l.value?.amount), expected: [2 * 1024 ** 3] },
    { words: ['--memory=512m'], read: (s) => s.limits.memory.map((l) => l.value?.amount), expected: [512 * 1024 ** 2] },
    { words: ['--cpus', '1.5'], read: (s) => s.limits.cpus.map((l) => l.value?.amount), expected: [1.5] },
    {
      words: ['-p', '8080:80'],
      read: (s) => s.ports.items.map((i) => [i.value?.hostIp, i.value?.published, i.value?.target]),
      expected: [[undefined, '8080', '80']],
    },
    {
      words: ['--publish=127.0.0.1:3000:3000'],
      read: (s) => s.ports.items.map((i) => i.value?.hostIp),
      expected: ['127.0.0.1'],
    },
    {
      words: ['--device', '/dev/kvm'],
      read: (s) => s.devices.items.map((i) => i.value?.source),
      expected: ['/dev/kvm'],
    },
    {
      name: 'a word with a space is one unknown flag to docker',
      words: ['--cap-add SYS_ADMIN'],
      read: (s) => s.capAdd.items.length,
      expected: 0,
    },
    {
      name: "an unknown flag's value is not read as a flag",
      words: ['--label', '--privileged'],
      read: (s) => s.privileged?.value,
      expected: true,
    },
    { words: ['--cap-add'], read: (s) => s.capAdd.items.length, expected: 0 },
    { words: ['--init'], read: (s) => s.init?.value, expected: true },
    { words: ['--oom-kill-disable'], read: (s) => s.oomKillDisable?.value, expected: true },
    {
      words: ['--sysctl', 'kernel.shm_rmid_forced=1', '--sysctl=net.ipv4.ip_forward=1'],
      read: (s) => s.sysctls.items.map((i) => i.value),
      expected: [
        { name: 'kernel.shm_rmid_forced', value: '1' },
        { name: 'net.ipv4.ip_forward', value: '1' },
      ],
    },
    {
      words: ['--device-cgroup-rule', 'a *:* rwm'],
      read: (s) => s.deviceCgroupRules.items.map((i) => i.value),
      expected: ['a *:* rwm'],
    },
  ];
  for (const c of cases)
    it(c.name ?? JSON.stringify(c.words), () => assert.deepEqual(c.read(runArgs(...c.words)), c.expected));

  it('a setting read from two words points at both', () => {
    const spec = specOf('{\n  "runArgs": ["--init", "--cap-add", "SYS_ADMIN"]\n}\n');
    const origin = spec.capAdd.items[0].origin;
    assert.equal(formatRange(origin.range), '2:38-2:49');
    assert.equal(formatRange(origin.entryRange), '2:25-2:49');
    assert.equal(formatRange(spec.capAdd.holders[0].keyRange!), '2:3-2:12');
  });
});

describe('devcontainer.json properties', () => {
  it('mounts as strings and objects', () => {
    const spec = specOf(
      JSON.stringify({
        mounts: [
          'source=${localEnv:HOME}/.ssh,target=/home/vscode/.ssh,type=bind,readonly',
          { source: 'node_modules', target: '/work/node_modules', type: 'volume' },
          { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
        ],
      }),
    );
    assert.deepEqual(
      spec.mounts.items.map((i) => [i.value?.type, i.value?.source, i.value?.readOnly, i.value?.hostPath]),
      [
        ['bind', '${localEnv:HOME}/.ssh', true, '~/.ssh'],
        ['volume', 'node_modules', false, undefined],
        ['bind', '/var/run/docker.sock', false, '/var/run/docker.sock'],
      ],
    );
  });

  it("the CLI's home and workspace variables: home is ~, the workspace folder stays in the project", () => {
    const spec = specOf(
      JSON.stringify({
        mounts: ['source=${localWorkspaceFolder}/.cache,target=/cache,type=bind'],
        runArgs: ['-v', '${localEnv:USERPROFILE}/.aws:/home/vscode/.aws'],
      }),
    );
    assert.deepEqual(
      spec.mounts.items.map((i) => [i.value?.type, i.value?.hostPath]),
      [
        ['bind', undefined],
        ['bind', '~/.aws'],
      ],
    );
  });

  it('a mount without a target cannot be read: the list is unknown, not empty', () => {
    const spec = specOf('{ "mounts": ["source=/x,type=bind", 3] }');
    assert.equal(spec.mounts.items.length, 0);
    assert.equal(spec.mounts.unknown, true);
  });

  it('init', () => assert.equal(specOf('{ "init": true }').init?.value, true));

  it('`"privileged": false` does not undo `--privileged` in runArgs', () => {
    assert.equal(specOf('{ "privileged": false, "runArgs": ["--privileged"] }').privileged?.value, true);
    assert.equal(specOf('{ "runArgs": ["--privileged"] }').privileged?.value, true);
    assert.equal(specOf('{ "privileged": true, "runArgs": ["--privileged=false"] }').privileged?.value, true);
  });

  it('remoteUser wins over containerUser, whatever the order written', () => {
    assert.equal(specOf('{ "remoteUser": "vscode", "containerUser": "root" }').user?.value, 'vscode');
    assert.equal(specOf('{ "containerUser": "root" }').user?.value, 'root');
  });

  it('the Dockerfile is read relative to the devcontainer.json, the build context too', () => {
    const build = (text: string) => specOf(text, 'app/.devcontainer/devcontainer.json').build;
    const a = build('{ "build": { "dockerfile": "Dockerfile", "context": ".." } }');
    assert.deepEqual([a?.context?.value, a?.dockerfile?.value], ['..', '.devcontainer/Dockerfile']);
    const b = build('{ "build": { "dockerfile": "../docker/dev.Dockerfile" } }');
    assert.deepEqual([b?.context?.value, b?.dockerfile?.value], ['.', '../docker/dev.Dockerfile']);
    // The older top-level spelling.
    const c = build('{ "dockerFile": "Dockerfile", "context": "." }');
    assert.equal(c?.dockerfile?.value, 'Dockerfile');
  });

  it('its name, else the folder of a named configuration', () => {
    assert.equal(specOf('{ "name": "API" }').name, 'API');
    assert.equal(specOf('{}', 'x/.devcontainer/python/devcontainer.json').name, 'python');
    assert.equal(specOf('{}', '.devcontainer.json').name, 'devcontainer');
  });

  it('a compose-based one is the compose service: partial, with only what the file adds', () => {
    const model = parseDevcontainer(
      '{ "dockerComposeFile": ["../compose.yaml"], "service": "app", "runArgs": ["--privileged"], "capAdd": ["SYS_ADMIN"] }',
    );
    assert.deepEqual(model.composeService, { service: 'app', files: ['../compose.yaml'] });
    const spec = model.services[0].spec;
    assert.match(spec.partial ?? '', /compose service `app`/);
    // runArgs does not apply to a compose service; capAdd does.
    assert.equal(spec.privileged, undefined);
    assert.deepEqual(
      spec.capAdd.items.map((i) => i.value),
      ['SYS_ADMIN'],
    );
  });
});

describe('features', () => {
  it('ids without version tag or digest', () => {
    assert.equal(
      featureId('ghcr.io/devcontainers/features/docker-in-docker:2'),
      'ghcr.io/devcontainers/features/docker-in-docker',
    );
    assert.equal(
      featureId('ghcr.io/devcontainers/features/docker-in-docker@sha256:ab'),
      'ghcr.io/devcontainers/features/docker-in-docker',
    );
    assert.equal(featureId('ghcr.io/devcontainers/features/node'), 'ghcr.io/devcontainers/features/node');
    assert.equal(featureId('localhost:5000/features/x:1'), 'localhost:5000/features/x');
  });

  it('docker-in-docker is privileged, docker-outside-of-docker binds the host socket with label=disable', () => {
    const spec = specOf(
      JSON.stringify({
        features: {
          'ghcr.io/devcontainers/features/docker-in-docker:2': {},
          'ghcr.io/devcontainers/features/docker-outside-of-docker:1': { moby: false },
        },
      }),
    );
    assert.equal(spec.privileged?.value, true);
    assert.deepEqual(
      spec.mounts.items.map((i) => [i.value?.hostPath, i.value?.target]),
      [['/var/run/docker.sock', '/var/run/docker-host.sock']],
    );
    assert.deepEqual(
      spec.securityOpt.items.map((i) => i.value),
      [{ name: 'label', value: 'disable', separator: '=' }],
    );
  });

  it('a feature cannot be undone by the file: privileged stays on', () => {
    const spec = specOf(
      JSON.stringify({ privileged: false, features: { 'ghcr.io/devcontainers/features/docker-in-docker:2': {} } }),
    );
    assert.equal(spec.privileged?.value, true);
  });
});

describe('bad input', () => {
  const analyse = (text: string) =>
    analyzeText('.devcontainer/devcontainer.json', text, 'devcontainer').diagnostics.map(
      (d) => `${d.ruleId} ${formatRange(d.range)}`,
    );

  it('a JSON error is a syntax diagnostic where it is', () => {
    assert.deepEqual(
      analyse('{\n  "image": "alpine:3.20"\n  "privileged": true\n}\n').filter((d) => d.startsWith('syntax')),
      ['syntax 3:3-3:15'],
    );
  });

  it('a root that is not an object', () => {
    assert.deepEqual(analyse('["--privileged"]\n'), ['syntax 1:1-1:17']);
  });

  it('comments and trailing commas are JSONC, not errors', () => {
    assert.deepEqual(
      analyse('// dev\n{\n  /* x */ "image": "alpine:3.20", "remoteUser": "vscode",\n}\n').filter((d) =>
        d.startsWith('syntax'),
      ),
      [],
    );
  });

  for (const text of [
    '',
    '{',
    '{"runArgs": 5, "capAdd": "SYS_ADMIN", "mounts": {}, "features": [], "build": 3, "privileged": "yes"}',
    '{"runArgs": [1, null, {"a": 1}, "--cap-add"], "mounts": [1, null, [], {"target": 3}]}',
    '{"features": {"": 1}, "remoteUser": 0, "name": null, "dockerComposeFile": 5}',
    '{"build": {"dockerfile": 1, "context": []}}',
  ])
    it(`no crash on ${JSON.stringify(text)}`, () => {
      assert.deepEqual(
        analyse(text).filter((d) => d.startsWith('internal-error')),
        [],
      );
    });

  it('a `// bulkhead-ignore` comment silences the rule it names on the next line', () => {
    const digest = 'a'.repeat(64);
    const text = `{
  "image": "alpine:3.20@sha256:${digest}",
  "remoteUser": "vscode",
  "runArgs": ["--cap-drop=ALL", "--security-opt=no-new-privileges"],
  // bulkhead-ignore container/privileged -- dind
  "privileged": true
}
`;
    assert.deepEqual(analyse(text), []);
    assert.deepEqual(analyse(text.replace('container/privileged --', 'container/root-user --')), [
      'container/privileged 6:3-6:21',
    ]);
  });
});
