#!/usr/bin/env bash
# 多级汇聚 catch-up (issue 22, docs/sync.md): a new city node catching up with a county that holds N
# cases, against a local `zhifa import` of the same export into an empty database — both timed in
# this run, the ratio printed. Usage: bench/sync_catchup.sh [N=20000] [BATCH_LINES=1000]
# The issue's target is 1,000,000 cases in ≤ 2× the local import; run it with N=1000000 on a machine
# that has the time (the number printed here is for the N given).
set -euo pipefail
cd "$(dirname "$0")/.."
Z=${ZHIFA_BIN:-$PWD/build/zhifa}
N=${1:-20000}
BATCH=${2:-1000}
export ZHIFA_DATA=${ZHIFA_DATA:-$PWD/data}
T=$(mktemp -d)
trap 'kill $CITY 2>/dev/null || true; rm -rf "$T"' EXIT
now() { date +%s.%N; }

"$Z" --db "$T/county.db" init >/dev/null
"$Z" --db "$T/county.db" gen --cases "$N" --seed 22 | "$Z" --db "$T/county.db" import - >/dev/null || true
"$Z" --db "$T/county.db" export > "$T/export.jsonl"
LINES=$(wc -l < "$T/export.jsonl")

"$Z" --db "$T/local.db" init >/dev/null
t0=$(now); "$Z" --db "$T/local.db" import "$T/export.jsonl" >/dev/null || true; t1=$(now)
LOCAL=$(echo "$t1 - $t0" | bc)

"$Z" --db "$T/city.db" init >/dev/null
sqlite3 "$T/city.db" "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'"
PORT=$(( 20000 + RANDOM % 20000 ))
"$Z" --db "$T/city.db" serve --listen 127.0.0.1:$PORT --sweep-every 0 2>/dev/null & CITY=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:$PORT/api/v1/healthz >/dev/null && break; sleep 0.1; done
TOKEN=$("$Z" --db "$T/city.db" node add --name 基准县 --region 370200 | tail -1)
"$Z" --db "$T/county.db" sync enrol --upper http://127.0.0.1:$PORT --token "$TOKEN" >/dev/null
sqlite3 "$T/county.db" "UPDATE settings SET value = '$BATCH' WHERE name = 'sync_batch_lines'"
t0=$(now); "$Z" --db "$T/county.db" sync push >/dev/null; t1=$(now)
SYNC=$(echo "$t1 - $t0" | bc)
CITY_CASES=$(sqlite3 "$T/city.db" "SELECT count(*) FROM cases")
LOCAL_CASES=$(sqlite3 "$T/local.db" "SELECT count(*) FROM cases")
[ "$CITY_CASES" = "$LOCAL_CASES" ] || { echo "catch-up incomplete: city $CITY_CASES, local $LOCAL_CASES cases" >&2; exit 1; }
printf '{"cases": %s, "lines": %s, "batch_lines": %s, "local_import_s": %.2f, "catch_up_s": %.2f, "ratio": %.2f}\n' \
  "$CITY_CASES" "$LINES" "$BATCH" "$LOCAL" "$SYNC" "$(echo "$SYNC / $LOCAL" | bc -l)"
