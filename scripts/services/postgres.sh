#!/usr/bin/env bash
# PostgreSQL 15 for the postgres store's tests: a throw-away cluster under .build/services/postgres,
# listening on 127.0.0.1:55432 (or the next free port; POLICYLANG_TEST_PG_URL says which) with fsync=off
# (fine for process-kill tests, not for power-loss tests).
# initdb and pg_ctl refuse to run as root, so they run as the postgres user, which must own every path they write.

_pg_root() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.build/services/postgres"; }
_pg_port=55432

_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  if command -v pg_ctl >/dev/null; then dirname "$(readlink -f "$(command -v pg_ctl)")"; fi
  # Always succeed: callers test for an empty answer, and test.sh runs with errexit.
  return 0
}

_pg_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local root bin data
  root=$(_pg_root); data="$root/data"
  if [ -z "$(_pg_bin)" ]; then
    echo "postgres: installing the Debian package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  bin=$(_pg_bin)
  [ -n "$bin" ] || { echo "postgres: pg_ctl not found after install" >&2; return 1; }

  # A previous run may have died with its server still up: stop it before wiping its data dir.
  if [ -f "$data/postmaster.pid" ]; then
    _pg_as_postgres "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    local stale
    stale=$(head -1 "$data/postmaster.pid" 2>/dev/null || true)
    [ -n "$stale" ] && kill -9 "$stale" 2>/dev/null || true
  fi
  rm -rf "$root"
  mkdir -p "$root/data" "$root/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$root"
  chmod 700 "$root/data"

  _pg_as_postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; return 1; }
  # A port held by anything else (another checkout's server on this shared machine) is never touched: the next free
  # port is used and exported instead, as scripts/services/s3.sh does.
  local port="$_pg_port"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    [ "$port" -gt $((_pg_port + 50)) ] && { echo "postgres: no free port in $_pg_port..$port" >&2; return 1; }
  done
  [ "$port" = "$_pg_port" ] || echo "postgres: port $_pg_port is taken by another process; using $port" >&2
  _pg_as_postgres "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
    -o "-p $port -k $root/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$root/server.log" >&2; return 1; }
  # pg_ctl -w waits for the postmaster; pg_isready confirms it accepts TCP connections on the address the tests use.
  local i
  for i in $(seq 1 60); do
    "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
    sleep 0.5
  done
  "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q || { echo "postgres: not ready" >&2; cat "$root/server.log" >&2; return 1; }
  export POLICYLANG_TEST_PG_URL="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "postgres: ready on 127.0.0.1:$port" >&2
}

stop_postgres() {
  local bin data
  bin=$(_pg_bin); data="$(_pg_root)/data"
  [ -f "$data/postmaster.pid" ] && _pg_as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
  return 0
}
