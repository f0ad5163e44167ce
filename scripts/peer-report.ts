// Reports how Bulkhead's rules do on the labelled samples of the peer rules they claim as equivalent: printed, and
// written to docs/peer-report.md. `npm run peers`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluatePeers, renderPeerReport } from './peers';
import { corpusRoot, repoRoot } from './repo-root';

const evaluation = evaluatePeers(join(corpusRoot(), 'peers'));
const report = renderPeerReport(evaluation);
process.stdout.write(report);
if (evaluation.missing) {
  console.error(`peer report not written: ${evaluation.missing}`);
  process.exitCode = 2;
} else {
  const target = join(repoRoot(), 'docs', 'peer-report.md');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, report);
  console.error(`written to docs/peer-report.md`);
}
