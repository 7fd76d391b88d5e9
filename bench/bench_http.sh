#!/usr/bin/env bash
# The HTTP side at scale (issue 21): wrk against `zhifa serve` on a database of `zhifa gen`, and nginx
# serving the same JSON bodies as static files in the same run, each printed with its ratio; the
# server's RSS under that load. Reads as a supervisor of the whole generated city (every read of
# one case writes its read_personal audit row, as in production).
#   GET /api/v1/cases/{case_no}             single case (target ≥ 0.3× nginx, p99 < 5 ms)
#   GET /api/v1/cases?agency=…&size=50      one agency's first page (target ≥ 0.3× nginx)
#   GET /api/v1/session, GET /api/v1/healthz
# Usage: bench/bench_http.sh ZHIFA DB    (DB from zhifa gen | zhifa import; it gains a user and sessions)
#        ZHIFA_PG=postgresql://… bench/bench_http.sh ZHIFA DB   the same on PostgreSQL (DB then only
#        places the file store and the ledger key, as with `zhifa --pg URL --db DB`)
# Env: WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_SECONDS (10), ZHIFA_THREADS (serve --threads, default
#      its own), ZHIFA_SERVE_ARGS (more flags for serve).
set -euo pipefail
zhifa=$1 db=$2
data=$(cd "$(dirname "$0")/.." && pwd)/data
threads=${WRK_THREADS:-2} conns=${WRK_CONNECTIONS:-32} secs=${WRK_SECONDS:-10}
pg=${ZHIFA_PG:-}
for tool in wrk nginx curl $([ -n "$pg" ] && echo psql || echo sqlite3); do
  command -v "$tool" >/dev/null || { echo "bench_http: $tool is missing (scripts/deps.sh installs it)" >&2; exit 2; }
done
work=$(mktemp -d)
zpid='' npid=''
cleanup() {
  [ -n "$zpid" ] && kill "$zpid" 2>/dev/null && wait "$zpid" 2>/dev/null || true
  [ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# One query on the benchmark's database, either backend.
q() { if [ -n "$pg" ]; then psql -X -A -t -q -d "$pg" -c "$1"; else sqlite3 "$db" "$1"; fi; }
backend=(${pg:+--pg "$pg"})

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# A supervisor whose scope is the generated city (zhifa gen puts every agency under 3702).
pass='Bench-Supervisor-2026'
"$zhifa" "${backend[@]}" --data "$data" --db "$db" user add --username bench_sup --role supervisor --region 370200 --password-stdin \
  <<<"$pass" >/dev/null 2>&1 || true # already there from an earlier run
n=$(q "SELECT count(*) FROM cases")
case_no=$(q "SELECT case_no FROM cases ORDER BY case_no LIMIT 1 OFFSET $((n / 2))")
agency=$(q "SELECT agency FROM cases GROUP BY agency ORDER BY count(*) DESC LIMIT 1")

zport=$(free_port)
# shellcheck disable=SC2086
"$zhifa" "${backend[@]}" --data "$data" --db "$db" serve --listen "127.0.0.1:$zport" ${ZHIFA_THREADS:+--threads $ZHIFA_THREADS} \
  --max-connections-per-ip 1024 --sweep-every 0 ${ZHIFA_SERVE_ARGS:-} 2>"$work/serve.log" &
zpid=$!
base="http://127.0.0.1:$zport"
for _ in $(seq 100); do curl -sf "$base/api/v1/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_sup\",\"password\":\"$pass\"}" "$base/api/v1/session" >/dev/null
cookie="zhifa_session=$(awk '$6 == "zhifa_session" { print $7 }' "$work/jar")"

case_path="/api/v1/cases/$(urlencode "$case_no")"
list_path="/api/v1/cases?agency=$agency&size=50"

# nginx: the same bodies as static files, its stock worker count (one per core), access log off
mkdir -p "$work/www" "$work/nginx"
curl -sf -H "Cookie: $cookie" "$base$case_path" >"$work/www/case.json"
curl -sf -H "Cookie: $cookie" "$base$list_path" >"$work/www/list.json"
curl -sf -H "Cookie: $cookie" "$base/api/v1/session" >"$work/www/session.json"
curl -sf "$base/api/v1/healthz" >"$work/www/healthz.json"
# nginx's workers drop to its unprivileged user when started as root: the bodies must be readable
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/"*.json
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
npid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/healthz.json" >/dev/null && break; sleep 0.1; done
cmp -s <(curl -sf "http://127.0.0.1:$nport/case.json") "$work/www/case.json" || { echo "bench_http: nginx does not serve the bodies" >&2; exit 1; }

# wrk's summary as "req/s p50_ms p99_ms"
measure() {
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" >"$work/wrk.out"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%d %.2f %.2f %s\n", rps, p50, p99, bad ? bad : 0 }' "$work/wrk.out"
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$zpid/status"; }

echo "bench_http: $n cases on $([ -n "$pg" ] && echo PostgreSQL || echo SQLite); $(nproc) cores; wrk -t$threads -c$conns -d${secs}s on loopback; case $case_no; agency $agency"
printf '%-34s %10s %8s %8s   %10s %8s   %s\n' "request" "zhifa r/s" "p50 ms" "p99 ms" "nginx r/s" "p99 ms" "ratio"
for spec in "GET /api/v1/cases/{case_no}|$case_path|case.json" \
            "GET /api/v1/cases?agency=…&size=50|$list_path|list.json" \
            "GET /api/v1/session|/api/v1/session|session.json" \
            "GET /api/v1/healthz|/api/v1/healthz|healthz.json"; do
  IFS='|' read -r name zpath file <<<"$spec"
  (sleep 0.5; while kill -0 $$ 2>/dev/null && [ ! -f "$work/done" ]; do r=$(rss_kib); echo "$r" >>"$work/rss"; sleep 0.2; done) &
  sampler=$!
  read -r zr zp50 zp99 zbad < <(measure -H "Cookie: $cookie" "$base$zpath")
  touch "$work/done"; wait "$sampler" 2>/dev/null || true; rm -f "$work/done"
  read -r nr _ np99 nbad < <(measure "http://127.0.0.1:$nport/$file")
  [ "$nbad" = 0 ] || echo "bench_http: $nbad non-2xx replies from nginx on $name" >&2
  ratio=$(awk -v a="$zr" -v b="$nr" 'BEGIN { printf "%.3f", a / b }')
  [ "$zbad" = 0 ] || echo "bench_http: $zbad non-2xx replies from zhifa on $name" >&2
  printf '%-34s %10d %8s %8s   %10d %8s   %s×\n' "$name" "$zr" "$zp50" "$zp99" "$nr" "$np99" "$ratio"
done
peak=$(sort -n "$work/rss" | tail -1)
echo "zhifa serve RSS under load: peak $((peak / 1024)) MiB (VmHWM $(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$zpid/status") MiB); body sizes: case $(wc -c <"$work/www/case.json") B, list $(wc -c <"$work/www/list.json") B"
echo "audit rows written during the run: $(q "SELECT count(*) FROM audit_log WHERE action = 'read_personal' AND username = 'bench_sup'")"
