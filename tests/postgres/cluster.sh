#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests labelled "postgres" (a CTest
# fixture: FIXTURES_SETUP starts it, FIXTURES_CLEANUP removes it):
#   tests/postgres/cluster.sh start DIR   initdb in a new temporary folder (named in
#                                         DIR/cluster: the server's user may not reach
#                                         DIR), serve on a free port of 127.0.0.1,
#                                         write the superuser's URL to DIR/url
#   tests/postgres/cluster.sh halt DIR    stop the server at once, as a crash would
#                                         (immediate mode: no checkpoint), keeping its data
#   tests/postgres/cluster.sh resume DIR  start it again on the same port and settings
#   tests/postgres/cluster.sh stop DIR    stop it and remove both folders
# GOFAST_POSTGRES_SETTINGS replaces the server settings for tests (no fsync,
# no synchronous commit), e.g. with "" for PostgreSQL's durable defaults.
# As root the server runs as the postgres user (it refuses to run as root).
# Without Debian's PostgreSQL it prints "SKIPPED: ..." and writes no URL;
# each test then skips.
set -euo pipefail
command="$1"
dir="$2"

bin_dir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin_dir="$candidate"
done
as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)

serve() {  # cluster folder: start its server with the options it was made with
  "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 -o "$(cat "$1/options")" \
    start >/dev/null
}

case "$command" in
  start)
    "$0" stop "$dir"
    mkdir -p "$dir"
    if [ -z "$bin_dir" ]; then
      echo "SKIPPED: PostgreSQL is not installed (scripts/setup installs Debian's postgresql)"
      exit 0
    fi
    cluster="$(mktemp -d "${TMPDIR:-/tmp}/gofast-postgres-XXXXXX")"
    printf '%s\n' "$cluster" > "$dir/cluster"
    [ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
    password="gofast-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" > "$cluster/password"
    "${as_owner[@]}" "$bin_dir/initdb" -D "$cluster/data" -U postgres -A scram-sha-256 \
      --pwfile="$cluster/password" -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # Settings for tests, not for data anyone keeps: no fsync, a socket in the cluster's folder.
    settings="${GOFAST_POSTGRES_SETTINGS--c fsync=off -c synchronous_commit=off -c full_page_writes=off}"
    printf '%s\n' "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$cluster -c max_connections=200 $settings" \
      > "$cluster/options"
    serve "$cluster"
    printf 'postgresql://postgres:%s@127.0.0.1:%s/postgres\n' "$password" "$port" > "$dir/url"
    echo "PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, in $cluster"
    ;;
  halt)
    "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$(cat "$dir/cluster")/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    serve "$(cat "$dir/cluster")"
    ;;
  stop)
    cluster="$(cat "$dir/cluster" 2>/dev/null || true)"
    if [ -n "$cluster" ] && [ -n "$bin_dir" ] && [ -f "$cluster/data/postmaster.pid" ]; then
      "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null || true
    fi
    [ -n "$cluster" ] && rm -rf "$cluster"
    rm -rf "$dir"
    ;;
  *)
    echo "usage: tests/postgres/cluster.sh start|halt|resume|stop DIR" >&2
    exit 2
    ;;
esac
