#!/usr/bin/env bash
# `npm run test:e2e`: the editor tests, end to end, on a machine that cannot download VS Code.
#   1. scripts/e2e/setup.sh: chromium, Node 24, code-server, vsce into the tools cache (skipped when cached)
#   2. npm run package: production build and the .vsix
#   3. the extension-host suite (test/extension) inside code-server's extension host
#   4. the UI end-to-end run (test/e2e/ui.e2e.ts): code-server with the .vsix, driven by chromium
# Steps 3 and 4 report through node's test runner, one after the other; the exit code is non-zero when a test failed.
# Builds into out/e2e (BULKHEAD_E2E_OUT, inside the repo); screenshots and logs go to its artifacts/ folder
# (BULKHEAD_E2E_ARTIFACTS). The tools cache is ~/.cache/bulkhead-e2e (BULKHEAD_E2E_CACHE).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
out="${BULKHEAD_E2E_OUT:-out/e2e}"
export BULKHEAD_E2E_ARTIFACTS="${BULKHEAD_E2E_ARTIFACTS:-$PWD/$out/artifacts}"

bash scripts/e2e/setup.sh >/dev/null
node scripts/package.mjs
node scripts/e2e/build.mjs --outdir "$out"

status=0
node --test --test-concurrency=1 "$out/e2e/extension-host.e2e.js" "$out/e2e/ui.e2e.js" || status=$?
echo "e2e: finished in $(( $(date +%s) - started )) s (exit $status)"
exit "$status"
