#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server from Debian's packages on 127.0.0.1 for tests.
# Usage: scripts/pg-local.sh start|stop   (prints the DATABASE_URL on start)
# Env: PG_PORT (default 54329), PG_DIR (default /tmp/tro-ly-xa-pg).
set -euo pipefail
PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-/tmp/tro-ly-xa-pg}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ]; then
    echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "$dir"
}

# initdb and postgres refuse to run as root: use the postgres account Debian creates.
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    bin=$(pg_bin)
    if [ ! -f "$PG_DIR/PG_VERSION" ]; then
      mkdir -p "$PG_DIR"
      [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR"
      as_pg "$bin/initdb" -D "$PG_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w \
        -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
    ;;
  stop)
    bin=$(pg_bin)
    as_pg "$bin/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
