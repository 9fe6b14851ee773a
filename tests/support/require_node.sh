# Sourced by the test scripts that run Node.js suites:
#   require_node "the Pact tests" 20       (or: require_node NAME 18 8)
# Exits the script with 0 after printing "SKIPPED: ..." (CTest then reports
# the test as skipped) unless Node.js MAJOR.MINOR or newer is installed; sets
# node_version otherwise.
require_node() {
  local suite=$1 major=$2 minor=${3:-0}
  local wanted="$major"
  ((minor > 0)) && wanted="$major.$minor"
  if ! command -v node >/dev/null 2>&1; then
    echo "SKIPPED: $suite need Node.js $wanted or newer; node is not installed"
    exit 0
  fi
  node_version="$(node -p process.versions.node 2>/dev/null || echo 0.0.0)"
  local have_major="${node_version%%.*}" have_minor
  have_minor="$(echo "$node_version" | cut -d. -f2)"
  if ((have_major < major || (have_major == major && have_minor < minor))); then
    echo "SKIPPED: $suite need Node.js $wanted or newer; node is $node_version"
    exit 0
  fi
}
