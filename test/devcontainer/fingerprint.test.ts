// A dev container's findings keep their baseline fingerprints when lines move, comments are added or runArgs are
// reordered: the property path (without array indices) and the finding's own text are hashed, never the line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintDiagnostics } from '../../shared/src/baseline/fingerprint';
import { analyzeText } from '../../shared/src/engine';

const PATH = '.devcontainer/devcontainer.json';

function prints(text: string, rule: string): string[] {
  const { diagnostics } = analyzeText(PATH, text, 'devcontainer');
  const fingerprints = fingerprintDiagnostics('devcontainer', text, diagnostics);
  return diagnostics.flatMap((d, i) => (d.ruleId === rule ? [fingerprints[i]] : [])).sort();
}

const BASE = '{\n  "image": "alpine:3.20",\n  "runArgs": ["--privileged", "--network=host"]\n}\n';

describe('fingerprints of dev container findings', () => {
  it('survive moved lines, comments and a reordered runArgs', () => {
    const moved =
      '// the dev container\n{\n  "name": "x",\n  "image": "alpine:3.20",\n  "runArgs": [\n    "--network=host",\n    "--privileged"\n  ]\n}\n';
    for (const rule of ['container/privileged', 'container/host-namespace']) {
      assert.equal(prints(BASE, rule).length, 1, rule);
      assert.deepEqual(prints(moved, rule), prints(BASE, rule), rule);
    }
  });

  it('tell the same flag in another property apart', () => {
    const property = '{\n  "image": "alpine:3.20",\n  "privileged": true\n}\n';
    assert.equal(prints(property, 'container/privileged').length, 1);
    assert.notDeepEqual(prints(property, 'container/privileged'), prints(BASE, 'container/privileged'));
  });
});
