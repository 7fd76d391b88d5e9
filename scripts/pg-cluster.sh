#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: initdb/pg_ctl as the current unprivileged user,
# in a temp dir, on a free loopback port, trust auth on the socket and loopback only.
#   scripts/pg-cluster.sh start   → prints the URL (postgresql://…); the cluster's dir is kept in
#                                   $ZHIFA_PG_DIR (default /tmp/zhifa-pg.$USER)
#   scripts/pg-cluster.sh stop    → stops it and removes the dir
#   scripts/pg-cluster.sh url     → prints the URL of the running cluster
#   scripts/pg-cluster.sh newdb   → creates a fresh database, prints its URL (one per test run)
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DIR=${ZHIFA_PG_DIR:-/tmp/zhifa-pg.$(id -un)}
# PostgreSQL refuses to run as root: root (a CI container) runs the cluster as the postgres user
# the Debian package creates.
OWNER=$(id -un); AS=()
if [ "$(id -u)" -eq 0 ]; then OWNER=postgres; AS=(runuser -u postgres --); fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() { echo "postgresql://$OWNER@127.0.0.1:$(cat "$DIR/port")/${1:-zhifa}"; }

case "${1:-}" in
  start)
    if [ -f "$DIR/port" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then url; exit 0; fi
    rm -rf "$DIR"; mkdir -p "$DIR"; chmod 700 "$DIR"; chown "$OWNER" "$DIR"
    "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U "$OWNER" -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
    port=$(free_port); echo "$port" >"$DIR/port"
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
    "$BIN/createdb" -U "$OWNER" -h 127.0.0.1 -p "$port" zhifa
    url ;;
  stop)
    [ -d "$DIR/data" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR" ;;
  url) url ;;
  newdb)
    name=zt_$(date +%s%N)_$$
    "$BIN/createdb" -U "$OWNER" -h 127.0.0.1 -p "$(cat "$DIR/port")" "$name"
    url "$name" ;;
  *) echo "usage: $0 start|stop|url|newdb" >&2; exit 2 ;;
esac
