// What a workspace Dockerfile (and the entrypoint script it copies) says about the container it runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../shared/src/dockerfile/model';
import { builtImageFacts, readEntrypoint } from '../../shared/src/images/built-image';

function facts(dockerfile: string, files: Record<string, string> = {}, context = 'app') {
  const model = parseDockerfile(dockerfile, `${context}/Dockerfile`);
  const read: string[] = [];
  const result = builtImageFacts({
    model,
    stage: model.finalStage!,
    context,
    fileText: (p) => (read.push(p), files[p]),
  });
  return { result, read };
}

const GOSU_ENTRYPOINT = `#!/bin/sh
set -e
# fix the data folder, then drop root
if [ "$(id -u)" = '0' ]; then
  chown -R app:app /data
  exec gosu app "$0" "$@"
fi
exec "$@"
`;

describe('facts from a built Dockerfile', () => {
  it('reads the copied entrypoint script: gosu steps down, chown needs CHOWN, and the folders it hands over', () => {
    const { result, read } = facts(
      'FROM debian:12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["app"]\n',
      { 'app/docker-entrypoint.sh': GOSU_ENTRYPOINT },
    );
    assert.deepEqual(read, ['app/docker-entrypoint.sh']);
    assert.equal(result.entrypoint?.stepsDown?.tool, 'gosu');
    assert.equal(result.entrypoint?.stepsDown?.to, 'app');
    assert.deepEqual(result.entrypoint?.capabilities.map((c) => c.capability).sort(), [
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'SETGID',
      'SETUID',
    ]);
    assert.equal(
      result.entrypoint?.capabilities.find((c) => c.capability === 'CHOWN')?.reason.range?.start.line,
      4,
      'the line that chowns',
    );
  });

  it('finds the script by its absolute path, through tini and sh, and not from another stage', () => {
    const script = { 'app/scripts/start.sh': 'su-exec nobody /app\n' };
    assert.equal(
      facts('FROM alpine:3.20\nCOPY scripts/start.sh /start.sh\nENTRYPOINT ["/sbin/tini", "--", "/start.sh"]\n', script)
        .result.entrypoint?.stepsDown?.tool,
      'su-exec',
    );
    assert.equal(
      facts('FROM alpine:3.20\nCOPY scripts/start.sh /start.sh\nENTRYPOINT ["sh", "/start.sh"]\n', script).result
        .entrypoint?.stepsDown?.to,
      'nobody',
    );
    assert.equal(
      facts(
        'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b /scripts/start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n',
        script,
      ).result.entrypoint,
      undefined,
    );
    assert.equal(
      facts('FROM alpine:3.20\nCOPY ../start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n', { 'start.sh': 'gosu x y\n' })
        .read.length,
      0,
      'never above the context',
    );
  });

  it('an entrypoint that steps down through a variable user, or only mentions gosu in a comment', () => {
    const { result } = facts('FROM debian:12\nCOPY e.sh /usr/local/bin/\nENTRYPOINT ["e.sh"]\n', {
      'app/e.sh': '# we used to call gosu here\nexec su-exec "$APP_USER" "$@"\n',
    });
    assert.equal(result.entrypoint?.stepsDown?.tool, 'su-exec');
    assert.equal(result.entrypoint?.stepsDown?.to, undefined, 'the user is not known');
    assert.deepEqual(result.entrypoint?.capabilities.map((c) => c.capability).sort(), ['SETGID', 'SETUID']);
    assert.equal(readEntrypoint('e.sh', '# gosu app\necho gosu\n').stepsDown, undefined);
  });

  it('file capabilities, low ports, volumes and write targets', () => {
    const { result } = facts(
      'FROM debian:12\nRUN useradd app && setcap cap_net_bind_service=+ep /usr/bin/server\nRUN mkdir -p /srv/uploads && chown -R app:app /srv/uploads /srv/cache && chmod 777 /tmp/x\nEXPOSE 80/tcp 8080\nVOLUME ["/data", "/logs/"]\nUSER app\nCMD ["server"]\n',
    );
    assert.deepEqual(
      result.fileCapabilities.map((c) => c.capability),
      ['NET_BIND_SERVICE'],
    );
    assert.deepEqual(
      result.lowPorts.map((p) => p.port),
      [80],
    );
    assert.deepEqual(
      result.volumes.map((v) => v.path),
      ['/data', '/logs'],
    );
    assert.deepEqual(
      result.writeTargets.map((t) => t.path),
      ['/srv/uploads', '/srv/cache', '/tmp/x'],
    );
    assert.deepEqual(result.user && { text: result.user.text, isRoot: result.user.isRoot }, {
      text: 'app',
      isRoot: false,
    });
  });

  it('chown to someone other than the image user is no write target of it', () => {
    assert.deepEqual(facts('FROM debian:12\nRUN chown www-data /var/www\nUSER app\n').result.writeTargets, []);
  });

  it('programs that must start as root: supervisord, s6-overlay, cron', () => {
    assert.match(
      facts('FROM debian:12\nRUN apt-get install -y supervisor\nCMD ["/usr/bin/supervisord", "-n"]\n').result.rootDaemon
        ?.what ?? '',
      /supervisord/,
    );
    assert.match(
      facts(
        'FROM alpine:3.20\nADD https://github.com/just-containers/s6-overlay/releases/download/v3.2.0.0/s6-overlay-noarch.tar.xz /tmp\nENTRYPOINT ["/init"]\n',
      ).result.rootDaemon?.what ?? '',
      /s6-overlay/,
    );
    assert.match(facts('FROM debian:12\nCMD cron -f\n').result.rootDaemon?.what ?? '', /cron/);
    assert.equal(
      facts('FROM debian:12\nCMD ["/init"]\n').result.rootDaemon,
      undefined,
      'an /init that is not s6-overlay',
    );
  });

  it('the base image profile holds only while the Dockerfile keeps its entrypoint', () => {
    const kept = facts('FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n').result;
    assert.equal(kept.baseProfile?.id, 'postgres');
    const replaced = facts('FROM postgres:16\nENTRYPOINT ["postgres"]\n').result;
    assert.equal(replaced.baseProfile, undefined);
    assert.equal(replaced.baseImageProfile?.id, 'postgres', 'its accounts and user still count');
  });
});
