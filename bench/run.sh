#!/usr/bin/env bash
# Benchmarks of whole commands on synthetic data (zhifa gen), each printed with a ratio against a
# baseline measured in the same run on the same machine:
#   import  — zhifa import of N case records vs the sqlite3 CLI's .import of the same rows as CSV
#             into a table of the same columns;
#   cases   — 案件查询 over loopback (two filters, p99) vs the same store query in-process, and the
#             streamed .xlsx export of every case: rows/s and the server's RSS growth;
#   sweep   — zhifa sweep (load every record, run every rule, store findings) over N cases vs a
#             raw sqlite3 scan reading every case body.
#   seal    — sealing and verifying a 3-page cairo PDF (bench/bench_seal.c) vs one SM3 of its bytes.
#             raw sqlite3 scan reading every case body;
#   render  — a 3-page 行政处罚决定书 drawn (bench_render) vs the same text set as one pango layout.
# Usage: bench/run.sh [BUILD_DIR]   (BENCH_CASES=1000000 by default)
set -euo pipefail
build=${1:-build}
zhifa=$(cd "$build" && pwd)/zhifa
cases=${BENCH_CASES:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: generating $cases cases (zhifa gen --seed 1)"
"$zhifa" gen --seed 1 --cases "$cases" --agencies 500 > "$out/data.jsonl"
rows=$(wc -l < "$out/data.jsonl")

t0=$(now); "$zhifa" --db "$out/z.db" import "$out/data.jsonl" > /dev/null; t1=$(now)
import_s=$(secs "$t0" "$t1")
sqlite3 -csv "$out/z.db" "SELECT case_no, agency, kind, body FROM cases" > "$out/cases.csv"
sqlite3 "$out/b.db" "CREATE TABLE cases (case_no TEXT PRIMARY KEY, agency TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID; CREATE INDEX cases_by_agency ON cases(agency, kind);"
n_csv=$(wc -l < "$out/cases.csv")
t0=$(now); sqlite3 "$out/b.db" ".import --csv $out/cases.csv cases"; t1=$(now)
base_s=$(secs "$t0" "$t1")
echo "import: zhifa $(rate "$rows" "$import_s") records/s ($rows records, ${import_s}s); sqlite3 .import $(rate "$n_csv" "$base_s") rows/s ($n_csv rows, ${base_s}s); ratio $(ratio "$(rate "$rows" "$import_s")" "$(rate "$n_csv" "$base_s")")"

t0=$(now); "$zhifa" --db "$out/z.db" sweep --as-of 2026-05-20 > "$out/sweep.json"; t1=$(now)
sweep_s=$(secs "$t0" "$t1")
t0=$(now); sqlite3 "$out/z.db" "SELECT sum(length(body)) FROM cases" > /dev/null; t1=$(now)
scan_s=$(secs "$t0" "$t1")
echo "sweep: zhifa ${sweep_s}s over $cases cases ($(cat "$out/sweep.json")); raw scan of every body ${scan_s}s; ratio $(ratio "$sweep_s" "$scan_s")x the scan"
t0=$(now); "$zhifa" --db "$out/z.db" sweep --as-of 2026-05-20 > /dev/null; t1=$(now)
echo "sweep (unchanged data, second run): $(secs "$t0" "$t1")s"

# Ledger: append rate, verify over 1,000,000 events, proof time (each against its own baseline).
"$(dirname "$zhifa")/bench/bench_ledger" "${BENCH_LEDGER_EVENTS:-1000000}"
ZHIFA_DATA="$(cd "$(dirname "$0")/.." && pwd)/data" "$(dirname "$zhifa")/bench/bench_sweep" "$out/z.db" 2026-05-20
"$(dirname "$zhifa")/bench/bench_laws"
"$(dirname "$zhifa")/bench/bench_seal"
"$(dirname "$zhifa")/bench/bench_cases" "$zhifa" "$out/z.db"
# 督办问诊: 100,000 orders written into the same database, GET /orders with two filters over loopback
"$(dirname "$zhifa")/bench/bench_orders" "$zhifa" "$out/z.db" "${BENCH_ORDERS:-100000}"
# 月度通报: a 100-agency region (zhifa gen --agencies 100 puts every agency under 3702), its PDF,
# workbook and figures vs the naive GROUP BY over the case bodies for one figure (target < 3 s)
"$zhifa" gen --seed 2 --agencies 100 --cases "${BENCH_BULLETIN_CASES:-200000}" | "$zhifa" --db "$out/bulletin.db" import - > /dev/null
"$(dirname "$zhifa")/bench/bench_bulletin" "$out/bulletin.db" 2026-03 370200
# 执法文书: drawing a 3-page 行政处罚决定书 from the demo's showcase case vs the same text as one layout
"$zhifa" --db "$out/demo.db" init --demo > /dev/null
ZHIFA_DATA="$(cd "$(dirname "$0")/.." && pwd)/data" "$(dirname "$zhifa")/bench/bench_render" "$out/demo.db"
# 统计分析: every /api/v1/stats answer over loopback vs the naive GROUP BY over cases and findings it replaces
"$(dirname "$zhifa")/bench/bench_stats" "$zhifa" "$out/z.db"
# HTTP at scale (issue 21): wrk against zhifa serve and nginx serving the same bodies, same run
"$(dirname "$0")/bench_http.sh" "$zhifa" "$out/z.db"
