// The extension-host test entry: VS Code (through @vscode/test-electron) or code-server (through the workbench's
// extensionTestsPath payload) loads this module in the extension host and awaits `run()`. It runs every
// `suite/*.test.js` built beside it with mocha's tdd interface, and rejects when a test failed, which the host turns
// into a non-zero exit. Each test's outcome is also logged as one `BULKHEAD_SUITE_RESULT` JSON line (and written to
// $BULKHEAD_SUITE_RESULT_FILE when set) so a launcher can report the tests one by one.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { LOG_MARKER, RESULT_MARKER, type SuiteResult } from './result';

export function run(): Promise<void> {
  // The spec reporter logs printf-style; hosts that forward console.log elsewhere (code-server's page console) would
  // show the raw format strings. Format here and mark the lines as the suite's.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(LOG_MARKER + format(...args));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // A launcher passes this through the host's environment to run a subset (code-server: its own environment).
  if (process.env.BULKHEAD_SUITE_GREP) mocha.grep(new RegExp(process.env.BULKHEAD_SUITE_GREP));
  const suiteDir = join(__dirname, 'suite');
  const files = readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(join(suiteDir, name));

  const result: SuiteResult = { tests: [], passed: 0, failed: 0 };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      result.passed = result.tests.filter((t) => t.state === 'passed').length;
      result.failed = result.tests.filter((t) => t.state === 'failed').length;
      const line = JSON.stringify(result);
      console.log(RESULT_MARKER + line);
      if (process.env.BULKHEAD_SUITE_RESULT_FILE) writeFileSync(process.env.BULKHEAD_SUITE_RESULT_FILE, line);
      if (failures > 0 || result.tests.length === 0)
        reject(new Error(`${failures} of ${result.tests.length} extension tests failed`));
      else resolve();
    });
    runner.on('pass', (test) =>
      result.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }),
    );
    runner.on('pending', (test) => result.tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 }));
    runner.on('fail', (test, error: Error) => {
      result.tests.push({
        title: test.fullTitle(),
        state: 'failed',
        durationMs: test.duration ?? 0,
        error: error.stack ?? String(error),
      });
    });
  });
}
