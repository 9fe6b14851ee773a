#!/usr/bin/env bash
# Runs the Node.js consumer suite (every *.test.mjs beside this script) under
# `gofast exec`, which starts both services, sets GOFAST_* for node, stops both
# at the end and exits with node's status.
#
#   tests/consumers/node/run.sh [GOFAST]    (default: build/bin/gofast)
#
# Without Node.js 18.8 or newer (node:test's describe/beforeEach) it prints
# "SKIPPED: ..." and exits 0; CTest reports the test as skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gofast="${1:-$here/../../../build/bin/gofast}"

if ! command -v node >/dev/null 2>&1; then
  echo "SKIPPED: the Node.js consumer suite needs Node.js 18.8 or newer; node is not installed"
  exit 0
fi
version="$(node -p process.versions.node 2>/dev/null || echo 0.0.0)"
major="${version%%.*}"
minor="$(echo "$version" | cut -d. -f2)"
if ((major < 18 || (major == 18 && minor < 8))); then
  echo "SKIPPED: the Node.js consumer suite needs Node.js 18.8 or newer; node is $version"
  exit 0
fi

# Files, not the folder: `node --test DIR` searches DIR on Node 18 and 20 only
# (from Node 21 on, its arguments are glob patterns and a folder matches itself).
shopt -s nullglob
files=("$here"/*.test.mjs)
if ((${#files[@]} == 0)); then
  echo "no *.test.mjs in $here" >&2
  exit 1
fi
echo "node $version, $gofast exec"
exec "$gofast" exec -- node --test "${files[@]}"
