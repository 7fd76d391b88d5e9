#!/usr/bin/env bash
# The answer must not change when the read path gets faster: two builds of zhifa serve the same
# database side by side, and the replies of a sample of reads are compared byte for byte — single
# cases, and agencies' list pages in every sort, both orders, later pages, with filters.
# Usage: bench/compare_replies.sh OLD_ZHIFA NEW_ZHIFA DB [AGENCIES]   exit 1 on the first difference
set -euo pipefail
old=$1 new=$2 db=$3 agencies=${4:-20}
data=$(cd "$(dirname "$0")/.." && pwd)/data
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

pass='Bench-Supervisor-2026'
"$new" --data "$data" --db "$db" user add --username bench_sup --role supervisor --region 370200 --password-stdin \
  <<<"$pass" >/dev/null 2>&1 || true
start() { # $1 binary, $2 name: base url and cookie in $work/$2.{base,cookie}
  local port; port=$(free_port)
  "$1" --data "$data" --db "$db" serve --listen "127.0.0.1:$port" --sweep-every 0 2>"$work/$2.log" &
  pids+=($!)
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf -c "$work/$2.jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench_sup\",\"password\":\"$pass\"}" "http://127.0.0.1:$port/api/v1/session" >/dev/null
  echo "http://127.0.0.1:$port" >"$work/$2.base"
  echo "zhifa_session=$(awk '$6 == "zhifa_session" { print $7 }' "$work/$2.jar")" >"$work/$2.cookie"
}
start "$old" old
start "$new" new
n=0
same() {
  curl -s -H "Cookie: $(cat "$work/old.cookie")" "$(cat "$work/old.base")$1" >"$work/a"
  curl -s -H "Cookie: $(cat "$work/new.cookie")" "$(cat "$work/new.base")$1" >"$work/b"
  cmp -s "$work/a" "$work/b" || { echo "compare_replies: differ on $1"; diff <(head -c 2000 "$work/a") <(head -c 2000 "$work/b") | head; exit 1; }
  n=$((n + 1))
}
for agency in $(sqlite3 "$db" "SELECT agency FROM cases GROUP BY agency ORDER BY random() LIMIT $agencies"); do
  for sort in filed_on decided_on case_no fine; do
    for order in asc desc; do same "/api/v1/cases?agency=$agency&size=50&sort=$sort&order=$order"; done
  done
  same "/api/v1/cases?agency=$agency&size=50&page=3"
  same "/api/v1/cases?agency=$agency&size=20&status=open"
  same "/api/v1/cases?agency=$agency&size=50&status=closed&fine_min=1000"
  same "/api/v1/cases?agency=$agency&size=50&page=999"
done
same "/api/v1/cases?size=50"
same "/api/v1/cases?size=50&has_findings=1"
same "/api/v1/cases?q=$(urlencode "$(sqlite3 "$db" "SELECT party_name FROM cases WHERE party_name IS NOT NULL LIMIT 1")")"
while IFS= read -r case_no; do same "/api/v1/cases/$(urlencode "$case_no")"; done \
  < <(sqlite3 "$db" "SELECT case_no FROM cases ORDER BY random() LIMIT $((agencies * 3))")
same "/api/v1/cases/$(urlencode "no-such-case")"
echo "compare_replies: $n replies byte-identical"
