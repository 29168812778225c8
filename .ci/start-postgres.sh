#!/usr/bin/env bash
# Starts a throw-away Postgres (Debian's, run as the `postgres` user, which it requires) on a free loopback port
# and prints its URL, for the tests that need a real Postgres (REELAY_TEST_DATABASE_URL).
#   url=$(bash .ci/start-postgres.sh)      start (installing the postgresql package when missing)
#   bash .ci/start-postgres.sh stop         stop it and remove its data
# The data lives in $REELAY_PG_DIR (default: a folder under /tmp named after this checkout).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${REELAY_PG_DIR:-/tmp/reelay-postgres-$(printf %s "$root" | md5sum | cut -c1-10)}"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if [ "${1:-}" = stop ]; then
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true; fi
  rm -rf "$dir"
  exit 0
fi

if [ -z "$bin" ]; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y --no-install-recommends postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

if [ -f "$dir/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  cat "$dir/url"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
chown postgres "$dir"
as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# fsync off: a test server loses nothing that matters in a crash, and the shared machine's disk stays quiet.
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres" | tee "$dir/url"
