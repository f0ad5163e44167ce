// The extension-host suite (test/extension) run inside code-server's extension host: code-server started with
// `--vscode-option enable-smoke-test-driver`, which makes the workbench honour the extensionDevelopmentPath and
// extensionTestsPath payloads; the workbench reports the suite's outcome through window.codeAutomationExit. Each
// mocha test is reported here as a node:test subtest.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, REPO_ROOT, copyExamples, launchChromium, startCodeServer } from './harness';
import { LOG_MARKER, RESULT_MARKER, type SuiteResult } from '../extension/result';

const SUITE_TIMEOUT_MS = 5 * 60_000;
const testsPath = join(__dirname, '..', 'extension', 'index.js');
/** The extension under test: the repository (its package.json and dist/); another folder only to try the harness. */
const extensionPath = process.env.BULKHEAD_EXTENSION_PATH ?? REPO_ROOT;

test('extension-host suite in code-server', { timeout: SUITE_TIMEOUT_MS + 60_000 }, async (t) => {
  assert.ok(existsSync(testsPath), `${testsPath} is missing: build it with node scripts/e2e/build.mjs`);
  assert.ok(
    existsSync(join(extensionPath, 'dist', 'extension.js')),
    `${extensionPath}/dist/extension.js is missing: npm run build`,
  );
  const workspace = copyExamples();
  const resultFile = join(ARTIFACTS, 'extension-host-result.json');
  rmSync(resultFile, { force: true });
  const server = await startCodeServer({
    label: 'extension-host',
    smokeTestDriver: true,
    env: {
      BULKHEAD_SUITE_RESULT_FILE: resultFile,
      ...(process.env.BULKHEAD_SUITE_GREP ? { BULKHEAD_SUITE_GREP: process.env.BULKHEAD_SUITE_GREP } : {}),
    },
  });
  const browser = await launchChromium();
  let result: SuiteResult | undefined;
  try {
    const page = await browser.newPage();
    const exited = new Promise<number>(
      (resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)),
    );
    const consoleLog = createWriteStream(join(ARTIFACTS, 'extension-host-page-console.log'));
    page.on('console', (message) => {
      const text = message.text();
      consoleLog.write(`[${message.type()}] ${text}\n`);
      // The host forwards the suite's console.log to the page console, prefixed with its own log formatting.
      if (text.includes(RESULT_MARKER))
        result = JSON.parse(text.slice(text.indexOf(RESULT_MARKER) + RESULT_MARKER.length)) as SuiteResult;
      else if (text.includes(LOG_MARKER)) {
        for (const line of text.slice(text.indexOf(LOG_MARKER) + LOG_MARKER.length).split('\n'))
          if (line.trim()) t.diagnostic(line);
      }
    });
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ];
    const started = Date.now();
    await page.goto(
      `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS).unref()),
    ]);
    t.diagnostic(`extension host finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
    if (code === 'timeout') {
      await page.screenshot({ path: join(ARTIFACTS, 'extension-host-timeout.png') });
      assert.fail(
        `the extension-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (screenshot and logs in ${ARTIFACTS})`,
      );
    }
    if (!result && existsSync(resultFile)) result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
    assert.ok(
      result,
      `the suite reported no results (exit code ${code}); did test/extension/index.js load? logs in ${ARTIFACTS}`,
    );
    for (const one of result.tests) {
      await t.test(one.title, { skip: one.state === 'pending' }, () => {
        if (one.state === 'failed') throw new Error(one.error);
      });
    }
    assert.equal(code, 0, `the extension host exited with ${code}`);
    assert.ok(result.tests.length > 0, 'the suite ran no test');
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
});
