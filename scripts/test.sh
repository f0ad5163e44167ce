#!/usr/bin/env bash
# `npm test`: type check, build, then every test in ONE `node --test` run, so the output ends with one summary:
# the core, rule, CLI, protocol, corpus and peer tests (out/test), and the editor tests in a real VS Code
# (code-server's extension host and the UI end to end; scripts/e2e/ installs their tools on first use, outside the repo).
# BULKHEAD_SKIP_EDITOR_TESTS=1 leaves the editor tests out, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck --silent
node scripts/build.mjs
node scripts/build-tests.mjs
editor_tests=()
if [ "${BULKHEAD_SKIP_EDITOR_TESTS:-}" = 1 ]; then
  echo "NOTE: editor tests NOT run (BULKHEAD_SKIP_EDITOR_TESTS=1); 'npm run test:e2e' runs them."
else
  bash scripts/e2e/setup.sh >/dev/null
  node scripts/package.mjs
  node scripts/e2e/build.mjs --outdir out/e2e
  export BULKHEAD_E2E_ARTIFACTS="$PWD/out/e2e/artifacts"
  editor_tests=(out/e2e/e2e/extension-host.e2e.js out/e2e/e2e/ui.e2e.js)
fi
node --test out/test "${editor_tests[@]}"
