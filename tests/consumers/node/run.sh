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

# shellcheck source=../../support/require_node.sh
source "$here/../../support/require_node.sh"
require_node "the Node.js consumer tests" 18 8

# Files, not the folder: `node --test DIR` searches DIR on Node 18 and 20 only
# (from Node 21 on, its arguments are glob patterns and a folder matches itself).
shopt -s nullglob
files=("$here"/*.test.mjs)
if ((${#files[@]} == 0)); then
  echo "no *.test.mjs in $here" >&2
  exit 1
fi
echo "node $node_version, $gofast exec"
exec "$gofast" exec -- node --test "${files[@]}"
