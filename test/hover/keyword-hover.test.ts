// Keyword hovers, pure: what they say for each case, and the span they explain. Positions are written 0-based as
// LSP sends them; each case names the word under the cursor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keywordHover, findingHover, findingsHover, parseComposeForHover } from '../../shared/src/hover/index';
import { analyzeText } from '../../shared/src/engine';
import { SourceText } from '../../shared/src/text';
import { loadCorpus } from '../../scripts/bench/corpus';
import {
  CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  capabilityInfo,
  normalizeCapability,
} from '../../shared/src/hover/capabilities';
import { ruleDocUrl } from '../../shared/src/docs';
import { THREATS } from '../../shared/src/threats';
import { RULES } from '../../shared/src/rules/index';
import type { FileKind } from '../../shared/src/types';

/** The hover at the first occurrence of `marker` in `text` (cursor on its first character plus `offset`). */
function hoverAt(kind: FileKind, text: string, marker: string, offset = 1) {
  const index = text.indexOf(marker);
  assert.ok(index >= 0, `marker ${marker} is in the text`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  const character = before.length - before.lastIndexOf('\n') - 1;
  return keywordHover(kind, text, { line, character });
}

function markdown(kind: FileKind, text: string, marker: string, offset = 1): string {
  const hover = hoverAt(kind, text, marker, offset);
  assert.ok(hover, `a hover over ${marker}`);
  return hover.markdown;
}

describe('capability table', () => {
  it('knows the 41 Linux capabilities and exactly Docker’s 14 defaults', () => {
    assert.equal(CAPABILITIES.size, 41);
    assert.deepEqual([...DOCKER_DEFAULT_CAPABILITIES].sort(), [
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'MKNOD',
      'NET_BIND_SERVICE',
      'NET_RAW',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ]);
  });

  it('reads names as Docker does: any case, with or without CAP_', () => {
    assert.equal(normalizeCapability(' cap_sys_admin '), 'SYS_ADMIN');
    assert.equal(capabilityInfo('Net_Admin')?.name, 'NET_ADMIN');
    assert.equal(capabilityInfo('NOT_A_CAP'), undefined);
  });

  it('rates the known escape routes critical', () => {
    for (const name of ['SYS_ADMIN', 'SYS_MODULE', 'DAC_READ_SEARCH', 'SYS_RAWIO'])
      assert.equal(CAPABILITIES.get(name)?.risk, 'critical', name);
    for (const c of CAPABILITIES.values()) if (c.dockerDefault) assert.notEqual(c.risk, 'critical', c.name);
  });
});

describe('Dockerfile keyword hovers', () => {
  const file = [
    'FROM golang:1.22 AS build',
    'RUN go build -o /app',
    'FROM gcr.io/distroless/static-debian12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'COPY --from=build /app /app',
    'EXPOSE 22 8080/tcp',
    'HEALTHCHECK CMD wget -q -O- http://localhost:8080/health',
    'ADD https://example.com/tool.tgz /opt/',
    'USER 65532:65532',
    '',
  ].join('\n');

  it('USER: non-root, numeric, and decisive in the final stage', () => {
    const hover = hoverAt('dockerfile', file, 'USER');
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 7, character: 0 }, end: { line: 7, character: 4 } });
    assert.match(hover.markdown, /`65532:65532` is not root/);
    assert.match(hover.markdown, /last `USER` of the final stage/);
    assert.doesNotMatch(hover.markdown, /numeric `UID:GID`/, 'no advice to go numeric when it is');
    assert.ok(hover.markdown.includes(ruleDocUrl('image/root-user')), 'links the rule that guards it');
  });

  it('USER root in a build stage: root, but it does not ship', () => {
    const text = 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM scratch\nCOPY --from=build /out /\n';
    const md = markdown('dockerfile', text, 'USER');
    assert.match(md, /`root` means \*\*root\*\*/);
    assert.match(md, /build stage: the user only affects its build steps/);
  });

  it('USER with a name suggests a numeric id', () => {
    assert.match(markdown('dockerfile', 'FROM debian:12\nUSER app\n', 'USER'), /numeric `UID:GID`/);
  });

  it('FROM: base class, pinning, and the stage’s role', () => {
    const build = markdown('dockerfile', file, 'FROM golang');
    assert.match(build, /\*\*full OS\*\*/);
    assert.match(build, /Pinned by \*\*tag\*\* `1\.22` only/);
    assert.match(build, /\*\*build stage\*\*/);
    const final = markdown('dockerfile', file, 'FROM gcr.io');
    assert.match(final, /\*\*distroless\*\*/);
    assert.match(final, /Pinned by \*\*digest\*\*/);
    assert.match(final, /\*\*final stage\*\*/);
    assert.match(markdown('dockerfile', 'FROM python:3.12-slim\n', 'FROM'), /\*\*slim\*\*/);
    assert.match(markdown('dockerfile', 'FROM ubuntu\n', 'FROM'), /\*\*Not pinned\*\* \(`latest`\)/);
    assert.match(markdown('dockerfile', 'FROM scratch\nCOPY app /\n', 'FROM'), /\*\*scratch\*\*: an empty image/);
    assert.match(markdown('dockerfile', 'ARG BASE\nFROM ${BASE}\n', 'FROM'), /build argument with no default/);
    assert.match(
      markdown('dockerfile', 'FROM node:22 AS base\nFROM base\n', 'FROM base'),
      /Builds on stage `base` \(ultimately `node:22`\)/,
    );
  });

  it('EXPOSE: publishes nothing; names the SSH port', () => {
    const md = markdown('dockerfile', file, 'EXPOSE');
    assert.match(md, /It publishes nothing/);
    assert.match(md, /Port \*\*22\*\* is an SSH server/);
    assert.doesNotMatch(markdown('dockerfile', 'FROM scratch\nEXPOSE 8080\n', 'EXPOSE'), /Port \*\*/);
  });

  it('HEALTHCHECK: shell form cannot run on a shell-less base; NONE disables the base’s check', () => {
    assert.match(
      markdown('dockerfile', file, 'HEALTHCHECK'),
      /Shell form needs `\/bin\/sh`, which this base does not have/,
    );
    assert.match(markdown('dockerfile', 'FROM debian:12\nHEALTHCHECK NONE\n', 'HEALTHCHECK'), /`NONE` switches off/);
    assert.doesNotMatch(
      markdown('dockerfile', 'FROM scratch\nHEALTHCHECK CMD ["/app", "health"]\n', 'HEALTHCHECK'),
      /Shell form/,
    );
  });

  it('ADD: a download is unverified without --checksum; a local archive is unpacked', () => {
    assert.match(markdown('dockerfile', file, 'ADD'), /\*\*not verified\*\*/);
    assert.match(
      markdown('dockerfile', 'FROM scratch\nADD --checksum=sha256:abc https://x.io/a /a\n', 'ADD'),
      /verified with `--checksum`/,
    );
    assert.match(markdown('dockerfile', 'FROM scratch\nADD rootfs.tar.gz /\n', 'ADD'), /local tar archive is unpacked/);
  });

  it('no hover for other instructions', () => {
    assert.equal(hoverAt('dockerfile', file, 'COPY'), undefined);
    assert.equal(hoverAt('dockerfile', file, 'RUN'), undefined);
  });
});

describe('Compose keyword hovers', () => {
  const compose = [
    'x-defaults: &defaults',
    '  cap_drop: [ALL]',
    'services:',
    '  web:',
    '    <<: *defaults',
    '    privileged: true',
    '    read_only: true',
    '    cap_add:',
    '      - cap_sys_admin',
    '      - NET_BIND_SERVICE',
    '    security_opt:',
    '      - seccomp=unconfined',
    '      - no-new-privileges:true',
    '      - apparmor:unconfined',
    '    network_mode: "service:db"',
    '    pid: host',
    '    user: "1000"',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock:ro',
    '      - /etc/:/host-etc',
    '      - ./conf:/conf:ro',
    '      - data:/data',
    '      - type: bind',
    '        source: /',
    '        target: /host',
    '    pids_limit: -1',
    '    ports:',
    '      - "8080:80"',
    '      - "127.0.0.1:9090:90"',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          cpus: "0.5"',
    '  db:',
    '    image: postgres:16',
    '    mem_limit: 512m',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');

  it('privileged: true says it is set here; read_only: true explains the protection', () => {
    const hover = hoverAt('compose', compose, 'privileged');
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 14 } });
    assert.match(hover.markdown, /Root in a privileged container is root on the host/);
    assert.match(hover.markdown, /Set here/);
    assert.doesNotMatch(markdown('compose', compose, 'read_only'), /Not set to `true`/);
    assert.match(markdown('compose', 'services:\n  a:\n    read_only: false\n', 'read_only'), /Not set to `true` here/);
  });

  it('each capability name: what it grants, its risk, whether Docker grants it anyway', () => {
    const admin = markdown('compose', compose, 'cap_sys_admin');
    assert.match(admin, /\*\*CAP_SYS_ADMIN\*\* \(critical risk\)/);
    assert.match(admin, /Added here/);
    const bind = markdown('compose', compose, 'NET_BIND_SERVICE');
    assert.match(bind, /low risk, in Docker’s default set/);
    assert.match(
      markdown('compose', 'services:\n  a:\n    cap_drop: [ALL]\n', 'ALL'),
      /Dropping all and adding back only what is needed/,
    );
    assert.match(
      markdown('compose', 'services:\n  a:\n    cap_add: [all]\n', 'all'),
      /nearly the power of `privileged`/,
    );
    assert.match(markdown('compose', compose, 'cap_add'), /`SYS_ADMIN` \(critical risk\)/);
    assert.match(markdown('compose', 'services:\n  a:\n    cap_add: [BOGUS]\n', 'BOGUS'), /not a Linux capability/);
  });

  it('security_opt values, in both spellings', () => {
    assert.match(markdown('compose', compose, 'seccomp='), /\*\*seccomp: unconfined\*\*: no system call filter/);
    assert.match(markdown('compose', compose, 'no-new-privileges'), /cannot gain privileges through set-user-ID/);
    assert.match(markdown('compose', compose, 'apparmor'), /no AppArmor profile/);
    assert.match(
      markdown('compose', 'services:\n  a:\n    security_opt: ["label=disable"]\n', 'label'),
      /SELinux does not confine/,
    );
  });

  it('namespace modes: host, and sharing another service’s', () => {
    assert.match(markdown('compose', compose, 'pid'), /`host` shares the \*\*host’s processes\*\*/);
    assert.match(markdown('compose', compose, 'host', 0), /host’s processes/);
    assert.match(markdown('compose', compose, 'network_mode'), /joins the network namespace of service `db`/);
  });

  it('volumes: the runtime socket, sensitive host paths, project folders, named volumes, long syntax', () => {
    assert.match(
      markdown('compose', compose, '/var/run/docker.sock'),
      /\*\*Container runtime socket\*\*.*read-only does not help/,
    );
    assert.match(markdown('compose', compose, '/etc/'), /host’s \*\*configuration\*\*.*Mounted \*\*read-write\*\*/);
    assert.match(
      markdown('compose', compose, './conf'),
      /\*\*Bind mount\*\* `\.\/conf`: a folder of the project\. Mounted read-only/,
    );
    assert.match(markdown('compose', compose, 'data:/data'), /\*\*Named volume\*\* `data`/);
    assert.match(markdown('compose', compose, 'source: /', 'source: /'.length), /host’s \*\*whole file system\*\*/);
    const more =
      'services:\n  a:\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ~/.ssh:/root/.ssh\n      - /run:/run\n';
    assert.match(
      markdown('compose', more, '/etc/localtime'),
      /commonly read; it gives nothing away\. Mounted read-only/,
    );
    assert.match(
      markdown('compose', more, '~/.ssh'),
      /inside `~\/\.ssh`, a sensitive host folder\. Mounted \*\*read-write\*\*/,
    );
    assert.match(markdown('compose', more, '/run:'), /a folder that holds the Docker API socket/);
  });

  it('limits: pids_limit -1 is unlimited; cpus and mem_limit, in service and deploy syntax', () => {
    assert.match(markdown('compose', compose, 'pids_limit'), /`-1` means \*\*unlimited\*\*/);
    assert.match(markdown('compose', compose, 'cpus'), /\*\*CPU limit\*\*/);
    assert.match(markdown('compose', compose, 'mem_limit'), /\*\*Memory limit\*\*/);
  });

  it('kernel settings: sysctls, device cgroup rules, the OOM killer, systempaths, each naming its rule', () => {
    const kernel =
      'services:\n  a:\n    sysctls:\n      - vm.max_map_count=262144\n    device_cgroup_rules: ["b *:* rw"]\n    oom_kill_disable: true\n    security_opt: [systempaths=unconfined]\n';
    const expected: [string, RegExp, string][] = [
      ['sysctls', /Docker refuses host-wide ones/, 'container/unsafe-sysctl'],
      ['device_cgroup_rules', /`\*` as the major number/, 'container/all-devices-allowed'],
      ['oom_kill_disable', /Without a memory limit/, 'container/oom-kill-disabled'],
      ['systempaths', /unmasks the `\/proc` and `\/sys` paths/, 'container/systempaths-unconfined'],
    ];
    for (const [key, text, rule] of expected) {
      const shown = markdown('compose', kernel, key);
      assert.match(shown, text, key);
      assert.ok(shown.includes(`Rule: [\`${rule}\`]`), `${key} links ${rule}`);
    }
  });

  it('ports: all interfaces unless a host address is given', () => {
    assert.match(markdown('compose', compose, '8080:80'), /\*\*all interfaces\*\*/);
    assert.match(markdown('compose', compose, '127.0.0.1'), /one host address only/);
  });

  it('user: root or not', () => {
    assert.match(markdown('compose', compose, '"1000"'), /`1000` is not root/);
    assert.match(markdown('compose', 'services:\n  a:\n    user: root\n', 'root'), /`root` means \*\*root\*\*/);
  });

  it('nothing outside services, nor over keys with nothing to say', () => {
    assert.equal(hoverAt('compose', compose, 'x-defaults'), undefined);
    assert.equal(hoverAt('compose', compose, 'image'), undefined);
    assert.equal(hoverAt('compose', compose, 'data: {}'), undefined);
  });

  it('survives text that is not YAML', () => {
    assert.equal(
      keywordHover('compose', 'services:\n  web: [unclosed\n    privileged: {', { line: 2, character: 6 }),
      undefined,
    );
  });
});

describe('finding hover', () => {
  it('the message, then the rule’s threat, impact, mitigation and link', () => {
    const meta = RULES.find((r) => r.meta.id === 'image/sudo')!.meta;
    const md = findingHover({ ruleId: 'image/sudo', message: 'sudo here' });
    assert.ok(md.startsWith('sudo here\n'));
    for (const part of [
      meta.title,
      THREATS[meta.threat].vector,
      THREATS[meta.threat].impact,
      meta.mitigation,
      ruleDocUrl('image/sudo'),
    ]) {
      assert.ok(md.includes(part), part);
    }
  });

  it('an unknown rule id still shows the message', () => {
    assert.equal(findingHover({ ruleId: 'no/such-rule', message: 'x' }), 'x');
  });
});

describe('findings hover: the findings at one spot, as one hover', () => {
  const at = (line: number, character: number) => ({
    start: { line, character },
    end: { line, character: character + 5 },
  });
  const meta = (id: string) => RULES.find((r) => r.meta.id === id)!.meta;

  it('puts the most severe first, whatever the order of the findings', () => {
    const md = findingsHover([
      { ruleId: 'container/logging-disabled', severity: 'info', range: at(3, 4) },
      { ruleId: 'container/privileged', severity: 'error', range: at(3, 4) },
      { ruleId: 'container/no-new-privileges', severity: 'warning', range: at(3, 4) },
    ]);
    const order = ['container/privileged', 'container/no-new-privileges', 'container/logging-disabled'].map((id) =>
      md.indexOf(`(\`${id}\``),
    );
    assert.ok(
      order.every((i) => i >= 0),
      md,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'error, then warning, then info',
    );
    assert.match(md, /^\*\*Error: /);
  });

  it('explains a threat once, however many rules at the spot share it, and names it for the others', () => {
    const md = findingsHover([
      { ruleId: 'container/privileged', severity: 'error', range: at(3, 4) },
      { ruleId: 'container/no-new-privileges', severity: 'warning', range: at(3, 4) },
    ]);
    const threat = THREATS[meta('container/privileged').threat];
    assert.equal(meta('container/no-new-privileges').threat, meta('container/privileged').threat);
    assert.equal(md.split(threat.vector).length - 1, 1, 'the threat is explained once');
    assert.equal(md.split(threat.impact).length - 1, 1, 'its impact is said once');
    assert.match(md, new RegExp(`Threat \\(${threat.title}\\):\\*\\* as above`));
    for (const id of ['container/privileged', 'container/no-new-privileges'])
      assert.ok(md.includes(meta(id).mitigation), `the mitigation of ${id}`);
  });

  it('shows each rule once, with how often it fires at the spot, and no message', () => {
    const md = findingsHover([
      { ruleId: 'image/sudo', severity: 'warning', range: at(1, 4) },
      { ruleId: 'image/sudo', severity: 'warning', range: at(1, 9) },
    ]);
    assert.equal(md.split(meta('image/sudo').mitigation).length - 1, 1);
    assert.match(md, /`image\/sudo`, 2 findings here\)/);
    assert.doesNotMatch(md, /---/, 'one section');
  });
});

describe('compose keyword hovers on the analysis model', () => {
  it('read the document the analysis parsed (Compose rules: duplicate keys, `<<` merges) as they read a lenient parse', () => {
    let compared = 0;
    let explained = 0;
    for (const file of loadCorpus().filter((f) => f.kind === 'compose')) {
      const model = analyzeText(file.path, file.text, 'compose', { keepModel: true }).model;
      assert.ok(model?.kind === 'compose' && model.doc, `${file.path}: a document`);
      const lenient = parseComposeForHover(file.text);
      const source = new SourceText(file.text);
      // Every third offset: each key and value is met several times.
      for (let offset = 0; offset < file.text.length; offset += 3) {
        const position = source.positionAt(offset);
        const fromModel = keywordHover('compose', file.text, position, { kind: 'compose', document: model.doc });
        assert.deepEqual(
          fromModel,
          keywordHover('compose', file.text, position, { kind: 'compose', document: lenient }),
          `${file.path} at ${position.line + 1}:${position.character + 1}`,
        );
        compared++;
        if (fromModel) explained++;
      }
    }
    assert.ok(compared > 20_000 && explained > 2_000, `positions compared: ${compared}, explained: ${explained}`);
  });
});
