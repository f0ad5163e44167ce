// Runs the extension-host suite in a real VS Code downloaded by @vscode/test-electron, the usual way on a machine
// that can reach VS Code's download servers. This machine cannot (only the npm registry and Debian are reachable), so
// here the same suite runs in code-server's extension host instead: `npm run test:e2e`. A failed download is reported
// as what it is and exits non-zero: it is never a pass.
//   node out/e2e/extension/run-electron.js [--workspace DIR]     BULKHEAD_VSCODE_EXECUTABLE=/path/to/code to skip the download
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../e2e/harness';

const EXIT_NOT_RUN = 3;

async function main(): Promise<number> {
  const repoRoot = REPO_ROOT;
  const workspaceIndex = process.argv.indexOf('--workspace');
  const source = workspaceIndex >= 0 ? resolve(process.argv[workspaceIndex + 1]) : join(repoRoot, 'examples');
  const workspace = mkdtempSync(join(tmpdir(), 'bulkhead-electron-ws-'));
  cpSync(source, workspace, { recursive: true });
  try {
    let vscodeExecutablePath = process.env.BULKHEAD_VSCODE_EXECUTABLE;
    if (!vscodeExecutablePath) {
      try {
        vscodeExecutablePath = await downloadAndUnzipVSCode({ version: 'stable', timeout: 30_000 });
      } catch (error) {
        console.error(
          `run-electron: could not download VS Code (${error instanceof Error ? error.message : String(error)}).\n` +
            'run-electron: the extension tests did NOT run. On a machine without VS Code downloads, run them in code-server\n' +
            'run-electron: with `npm run test:e2e`, or set BULKHEAD_VSCODE_EXECUTABLE to an installed VS Code.',
        );
        return EXIT_NOT_RUN;
      }
    }
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(__dirname, 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (error) {
    console.error(
      `run-electron: the extension tests failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
