#!/usr/bin/env bash
# CPU work per request of the two reads issue 21 times (one case; an agency's first page of 50), on
# a database of `zhifa gen | zhifa import`: numbers a loaded, shared host does not move, where
# wrk's requests/s swing ±30% between runs.
#   task-clock: `perf stat -e task-clock -p <serve>` over N requests on one keep-alive connection,
#               divided by N (milliseconds of CPU per request, every thread of the server).
#   CALLGRIND=1: the server runs under valgrind --tool=callgrind instead; the counters are zeroed
#               after a warm-up and dumped after the N requests: instructions per request (Ir / N).
#               CALLGRIND_KEEP=DIR keeps each path's profile there for callgrind_annotate.
# Usage: bench/cpu_per_request.sh ZHIFA DB [N]   (DB gains the bench_sup user, as in bench_http.sh)
set -euo pipefail
zhifa=$1 db=$2 n=${3:-500}
data=$(cd "$(dirname "$0")/.." && pwd)/data
work=$(mktemp -d)
zpid=''
cleanup() {
  [ -n "$zpid" ] && kill "$zpid" 2>/dev/null && wait "$zpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

pass='Bench-Supervisor-2026'
"$zhifa" --data "$data" --db "$db" user add --username bench_sup --role supervisor --region 370200 --password-stdin \
  <<<"$pass" >/dev/null 2>&1 || true # already there from an earlier run
count=$(sqlite3 "$db" "SELECT count(*) FROM cases")
case_no=$(sqlite3 "$db" "SELECT case_no FROM cases ORDER BY case_no LIMIT 1 OFFSET $((count / 2))")
agency=$(sqlite3 "$db" "SELECT agency FROM cases GROUP BY agency ORDER BY count(*) DESC LIMIT 1")

port=$(free_port)
wrap=()
[ -n "${CALLGRIND:-}" ] && wrap=(valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --collect-atstart=yes)
"${wrap[@]}" "$zhifa" --data "$data" --db "$db" serve --listen "127.0.0.1:$port" --sweep-every 0 2>"$work/serve.log" &
zpid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 600); do curl -sf "$base/api/v1/healthz" >/dev/null && break; sleep 0.2; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_sup\",\"password\":\"$pass\"}" "$base/api/v1/session" >/dev/null
cookie="zhifa_session=$(awk '$6 == "zhifa_session" { print $7 }' "$work/jar")"

# N requests of one path on one connection (curl reuses it for every url of its config)
requests() {
  for _ in $(seq "$2"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$base$1"; done >"$work/urls"
  curl -sf -H "Cookie: $cookie" -K "$work/urls"
}

echo "cpu_per_request: $count cases; case $case_no; agency $agency; $n requests each${CALLGRIND:+ (callgrind)}"
for path in "/api/v1/cases/$(urlencode "$case_no")" "/api/v1/cases?agency=$agency&size=50"; do
  requests "$path" 20 # warm: statements compiled, session cached
  if [ -n "${CALLGRIND:-}" ]; then
    callgrind_control -z "$zpid" >/dev/null 2>&1
    requests "$path" "$n"
    rm -f "$work"/cg.out.*
    callgrind_control -d "$zpid" >/dev/null 2>&1
    sleep 1
    [ -n "${CALLGRIND_KEEP:-}" ] && cat "$work"/cg.out.* >"$CALLGRIND_KEEP/$(echo "$path" | cut -c9-16 | tr -c 'a-z\n' _).cg"
    ir=$(cat "$work"/cg.out.* | awk '/^summary:/ { s += $2 } END { print s }')
    printf '%-50s %12.0f instructions/request\n' "$path" "$(awk -v a="$ir" -v b="$n" 'BEGIN { print a / b }')"
  else
    perf stat -e task-clock -x, -o "$work/stat" -p "$zpid" -- bash -c "$(declare -f requests); base=$base cookie='$cookie' work=$work requests '$path' $n"
    ms=$(awk -F, '/task-clock/ { print $1 }' "$work/stat")
    printf '%-50s %8.3f ms CPU/request\n' "$path" "$(awk -v a="$ms" -v b="$n" 'BEGIN { print a / b }')"
  fi
done
