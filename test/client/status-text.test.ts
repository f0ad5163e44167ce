// What the language status item says for each status the server sends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStatus } from '../../client/src/status-text';
import type { ServerStatus } from '../../server/src/status';

const base: ServerStatus = {
  files: 12,
  skipped: 0,
  scanning: false,
  configFiles: [],
  switchedOff: 0,
  untrusted: false,
};

describe('language status item text', () => {
  it('busy while the server starts and while it scans', () => {
    assert.equal(describeStatus(undefined).busy, true);
    const scanning = describeStatus({ ...base, scanning: true });
    assert.deepEqual([scanning.text, scanning.busy], ['Bulkhead: scanning', true]);
  });

  it('files, skipped files and the config in use', () => {
    assert.equal(describeStatus(base).detail, '12 files · no .bulkhead.yaml');
    assert.equal(
      describeStatus({ ...base, files: 1, skipped: 1, configFiles: ['/w/.bulkhead.yaml'], switchedOff: 2 }).detail,
      '1 file, 1 skipped · .bulkhead.yaml in use, switching off 2',
    );
  });

  it('warns when an untrusted workspace switches checks off, and only then', () => {
    const untrusted = describeStatus({ ...base, configFiles: ['/w/.bulkhead.yaml'], switchedOff: 3, untrusted: true });
    assert.equal(untrusted.warning, true);
    assert.equal(untrusted.text, 'Bulkhead: changed by the workspace');
    assert.match(untrusted.detail, /untrusted workspace/);
    assert.equal(describeStatus({ ...base, configFiles: ['/w/.bulkhead.yaml'], switchedOff: 3 }).warning, false);
    assert.equal(describeStatus({ ...base, untrusted: true }).warning, false);
  });
});
