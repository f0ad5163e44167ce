// Reading the `bulkhead` settings section as a user may have typed it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, readFilesExclude, readSettings } from '../../server/src/settings';
import { compileGlob, matchesGlob } from '../../shared/src/glob';

describe('settings', () => {
  it('defaults when nothing is set', () => {
    assert.deepEqual(readSettings(undefined), defaultSettings());
    assert.deepEqual(readSettings(null), defaultSettings());
  });

  it('takes each valid field and reports each wrong one', () => {
    const problems: string[] = [];
    const settings = readSettings(
      {
        enable: false,
        rules: { 'image/sudo': 'error', 'image/root-user': 'loud' },
        exclude: ['vendor/', 7, ''],
        maxFileSize: -1,
        debounceMs: 99999,
        trace: { server: 'verbose' },
      },
      problems,
    );
    assert.equal(settings.enable, false);
    assert.deepEqual(settings.rules, { 'image/sudo': 'error' });
    assert.deepEqual(settings.exclude, ['vendor/']);
    assert.equal(settings.maxFileSize, undefined);
    assert.equal(settings.debounceMs, 5000, 'clamped');
    assert.equal(settings.trace.server, 'verbose');
    assert.deepEqual(problems, [
      'bulkhead.rules.image/root-user: expected off, info, warning or error',
      'bulkhead.maxFileSize: expected a positive size in bytes, or with a unit (512KB, 2MiB)',
    ]);
  });

  it('maxFileSize: bytes, or a size with a unit as in .bulkhead.yaml', () => {
    const size = (maxFileSize: unknown) => {
      const problems: string[] = [];
      return { bytes: readSettings({ maxFileSize }, problems).maxFileSize, problems: problems.length };
    };
    assert.deepEqual(size(4096), { bytes: 4096, problems: 0 });
    assert.deepEqual(size('2MiB'), { bytes: 2 * 1024 * 1024, problems: 0 });
    assert.deepEqual(size('512 KB'), { bytes: 512_000, problems: 0 });
    assert.deepEqual(size('1.5gib'), { bytes: 1.5 * 1024 ** 3, problems: 0 });
    for (const wrong of ['2 parsecs', '-1MB', '0', 'MiB', true])
      assert.deepEqual(size(wrong), { bytes: undefined, problems: 1 });
  });

  it('files.exclude: only entries set to true', () => {
    assert.deepEqual(readFilesExclude({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }), [
      '**/.git',
    ]);
    assert.deepEqual(readFilesExclude(['x']), []);
  });

  it('globs with wildcards inside braces, as files.exclude writes them', () => {
    const glob = compileGlob('**/{*.yml,build?}').glob!;
    assert.ok(matchesGlob(glob, 'a/b/c.yml'));
    assert.ok(matchesGlob(glob, 'build1'));
    assert.ok(!matchesGlob(glob, 'a/c.yaml'));
    assert.ok(!matchesGlob(glob, 'build12'));
  });
});
