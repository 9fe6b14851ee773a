#!/usr/bin/env bash
# The admin console in a real browser (CTest label "browser"):
#   tests/browser/run.sh BIN_DIR SCREENSHOT_DIR console|emulator
# console: the console against the real services; emulator: its sign-in
# through the real Firebase Auth Emulator (firebase-tools, also in node_modules/).
# Debian's chromium, driven by playwright-core (node_modules/, pinned in
# package.json; it never downloads a browser of its own), against the real
# services in BIN_DIR; a screenshot of each step goes to SCREENSHOT_DIR.
# Without Node.js 18+, chromium, playwright-core or sqlite3 it prints
# "SKIPPED: ..." and exits 0; CTest reports the test as skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${GOFAST_CHROMIUM:-/usr/bin/chromium}"

# shellcheck source=../support/require_node.sh
source "$root/tests/support/require_node.sh"
require_node "the browser tests" 18
if [ ! -x "$chromium" ]; then
  echo "SKIPPED: the browser tests need Debian's chromium at $chromium (scripts/setup installs it)"
  exit 0
fi
if [ ! -d "$root/node_modules/playwright-core" ]; then
  echo "SKIPPED: playwright-core is not installed (scripts/setup installs it)"
  exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "SKIPPED: the browser tests read the databases with sqlite3, which is not installed"
  exit 0
fi

case "${3:-console}" in
  console) suite=console.test.mjs ;;
  emulator)
    suite=emulator_signin.test.mjs
    if [ ! -x "$root/node_modules/.bin/firebase" ]; then
      echo "SKIPPED: firebase-tools is not installed (scripts/setup installs it)"
      exit 0
    fi
    ;;
  *)
    echo "usage: tests/browser/run.sh BIN_DIR SCREENSHOT_DIR console|emulator" >&2
    exit 2
    ;;
esac

GOFAST_BIN_DIR="$(cd "$1" && pwd)" GOFAST_SCREENSHOT_DIR="$2" GOFAST_CHROMIUM="$chromium" \
  exec node --test --test-concurrency=1 "$here/$suite"
