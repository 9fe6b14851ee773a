#!/usr/bin/env bash
# Runs every ```sh session block of README.md exactly as printed, each in a
# fresh bash with errexit, nounset and pipefail, from a folder where build/
# is the build under test and every other top-level entry of the repository
# is a link to the source (sessions read files such as company_service/).
#
#   tests/readme/run.sh BUILD_DIR [README] [SECONDS_PER_SESSION]
#
# A session that fails or outlives its time fails the test, which prints the
# command that broke, the session's text, its output and the end of its
# trace. A session must also remove what it put in its temporary folder.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
build_dir="$(cd "${1:?usage: run.sh BUILD_DIR [README] [SECONDS]}" && pwd)"
readme="${2:-$source_dir/README.md}"
limit="${3:-30}"

for tool in curl jq python3 setsid; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: the README sessions need $tool, which is not installed"
    exit 0
  fi
done

work="$(mktemp -d)"
sessions_pgid=""
cleanup() {
  # A failed or timed-out session may leave its services running.
  [ -n "$sessions_pgid" ] && kill -KILL -- "-$sessions_pgid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

root="$work/root"
mkdir -p "$root" "$work/sessions"
for entry in "$source_dir"/*; do
  name="$(basename "$entry")"
  case "$name" in build | build-*) continue ;; esac
  ln -s "$entry" "$root/$name"
done
ln -s "$build_dir" "$root/build"

# Each session to sessions/N.sh, its README line in sessions/N.line. The
# fence's info string must be exactly "sh session".
awk -v out="$work/sessions" '
  !inside && $0 == "```sh session" { inside = 1; n++; file = out "/" n ".sh"
                                     printf "%d\n", NR + 1 > (out "/" n ".line"); next }
  inside && /^```[[:space:]]*$/ { inside = 0; close(file); next }
  inside { print > file }
  END { if (inside) { print "README: an sh session block is not closed" > "/dev/stderr"; exit 1 } }
' "$readme" || exit 1
count="$(find "$work/sessions" -name '*.sh' | wc -l)"
if [ "$count" -eq 0 ]; then
  echo "README: no \`\`\`sh session block in $readme" >&2
  exit 1
fi

failed=0
for ((n = 1; n <= count; n++)); do
  session="$work/sessions/$n.sh"
  first_line="$(cat "$work/sessions/$n.line")"
  tmp="$work/tmp/$n"
  mkdir -p "$tmp"
  # The trap goes on the session's first line, so line numbers match the text.
  {
    printf '%s' "trap 'echo \"README session failed at its line \$LINENO: \$BASH_COMMAND\" >&2' ERR; "
    cat "$session"
  } >"$work/script.sh"
  started_ms=$(( $(date +%s%N) / 1000000 ))
  # Its own process group, so whatever it leaves running can be stopped.
  (cd "$root" && exec env TMPDIR="$tmp" BASH_XTRACEFD=9 setsid bash --noprofile --norc \
     -euo pipefail -x "$work/script.sh" </dev/null >"$work/output" 2>&1 9>"$work/trace") &
  pid=$!
  sessions_pgid=$pid
  timed_out=0
  deadline=$(( $(date +%s) + limit ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(date +%s) >= deadline )); then
      timed_out=1
      kill -KILL -- "-$pid" 2>/dev/null
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null
  status=$?
  kill -KILL -- "-$pid" 2>/dev/null
  sessions_pgid=""
  elapsed_ms=$(( $(date +%s%N) / 1000000 - started_ms ))
  leftovers="$(find "$tmp" -mindepth 1 -maxdepth 1 | head -5)"

  if ((status == 0 && timed_out == 0)) && [ -z "$leftovers" ]; then
    echo "session $n (README.md line $first_line): ok in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s"
    continue
  fi
  failed=1
  echo "======== session $n (README.md line $first_line) FAILED"
  if ((timed_out)); then
    echo "it ran longer than $limit s (a service that never printed its listening line?)"
  elif ((status != 0)); then
    echo "exit status $status"
  else
    echo "it left in its temporary folder: $leftovers"
  fi
  echo "-------- its text (line numbers of the session):"
  cat -n "$session"
  echo "-------- its output:"
  cat "$work/output"
  echo "-------- the end of its trace:"
  tail -n 15 "$work/trace"
  # A service's own words (a refused option, say) are in the files it was given.
  while IFS= read -r -d '' file; do
    echo "-------- ${file#"$tmp"/}:"
    tail -n 20 "$file"
  done < <(find "$tmp" -type f \( -name '*out' -o -name '*log' \) -size -1024k -print0)
  echo "========"
done

if ((failed)); then
  exit 1
fi
echo "$count README sessions ran"
