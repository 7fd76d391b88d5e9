#!/usr/bin/env bash
# The full sweep on PostgreSQL against the same sweep on SQLite (issue 21: within 2×): the same
# generated cases (zhifa gen) imported into both, then `zhifa sweep --as-of 2026-05-20` timed on
# each (load every record, run every rule, store the findings — as bench/run.sh's sweep), in the
# same run. The ratio is PostgreSQL's seconds over SQLite's.
# Usage: bench/pg_sweep.sh [BUILD_DIR]   (BENCH_CASES=200000 by default; PG_URL = a cluster to use,
#        else a throwaway one from scripts/pg-cluster.sh in $ZHIFA_PG_DIR, removed afterwards)
source "$(dirname "$0")/pg_bench_lib.sh"

"$zhifa" gen --seed 1 --cases "$cases" --agencies 500 > "$out/data.jsonl"
db=$(newdb)
"$zhifa" --db "$out/z.db" import "$out/data.jsonl" > /dev/null
"$zhifa" --pg "$db" --db "$out/p.db" import "$out/data.jsonl" > /dev/null
# the import re-checked what it stored (its recheck): both start from the same findings
t0=$(now); "$zhifa" --db "$out/z.db" sweep --as-of 2026-05-20 > "$out/sqlite.json"; t1=$(now)
sqlite_s=$(secs "$t0" "$t1")
t0=$(now); "$zhifa" --pg "$db" --db "$out/p.db" sweep --as-of 2026-05-20 > "$out/pg.json"; t1=$(now)
pg_s=$(secs "$t0" "$t1")
printf '{"bench": "pg_sweep", "cases": %s, "sqlite_s": %s, "pg_s": %s, "ratio": %s, "target": 2, "sqlite": %s, "pg": %s}\n' \
  "$cases" "$sqlite_s" "$pg_s" "$(ratio "$pg_s" "$sqlite_s")" "$(tr -d '\n' < "$out/sqlite.json")" "$(tr -d '\n' < "$out/pg.json")"
