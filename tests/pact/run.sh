#!/usr/bin/env bash
# The Pact tests (CTest label "pact"):
#   tests/pact/run.sh consumers BIN_DIR --compare   the consumer tests write pacts that are
#                                                   byte for byte shared/contracts/pacts/
#   tests/pact/run.sh consumers BIN_DIR --update    they rewrite shared/contracts/pacts/
#   tests/pact/run.sh verify BIN_DIR                both services honour those pacts
# Without Node.js 20 or newer, or without the Pact packages (scripts/setup), it
# prints "SKIPPED: ..." and exits 0; CTest reports the test as skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode="$1"
bin_dir="$(cd "$2" && pwd)"
committed="$root/shared/contracts/pacts"
# Pact's libraries would otherwise report usage to the Pact Foundation.
export PACT_DO_NOT_TRACK=true

# shellcheck source=../support/require_node.sh
source "$root/tests/support/require_node.sh"
require_node "the Pact tests" 20
if [ ! -d "$root/node_modules/@pact-foundation/pact-core" ] ||
  [ ! -d "$root/node_modules/@pact-foundation/pact" ]; then
  echo "SKIPPED: the Pact packages are not installed (scripts/setup installs them)"
  exit 0
fi

case "$mode" in
  consumers)
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
    GOFAST_BIN_DIR="$bin_dir" GOFAST_PACT_DIR="$out" \
      node --test "$here/dialog.pact.mjs" "$here/audit.pact.mjs" "$here/feed.pact.mjs"
    if [ "${3:-}" = "--update" ]; then
      mkdir -p "$committed"
      rm -f "$committed"/*.json
      cp "$out"/*.json "$committed"/
      echo "wrote $(ls "$out" | wc -l) pacts into $committed"
    elif ! diff -ru "$committed" "$out"; then
      echo "the consumer tests write other pacts than shared/contracts/pacts/ holds;" \
        "if the change is meant, run: tests/pact/run.sh consumers $bin_dir --update" >&2
      exit 1
    fi
    ;;
  verify)
    # The company serves its staff change feed only with the key feed.pact.mjs sends.
    exec "$root/scripts/verify-pacts" --bin-dir "$bin_dir" --internal-api-key pact-internal-api-key \
      "$committed"/*.json
    ;;
  *)
    echo "usage: tests/pact/run.sh consumers|verify BIN_DIR [--compare|--update]" >&2
    exit 2
    ;;
esac
