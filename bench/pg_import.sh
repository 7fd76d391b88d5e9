#!/usr/bin/env bash
# Import into PostgreSQL (issue 21: ≥ 0.5× psql \copy): `zhifa --pg URL import` of a generated export
# (zhifa gen) into an empty database, against psql's \copy of the same case rows — the columns
# zhifa's import fills, read back from that database — into a table of the same columns with the
# same key, in the same run. The ratio is records/s over rows/s, as bench/run.sh's SQLite import.
# Usage: bench/pg_import.sh [BUILD_DIR]   (BENCH_CASES=200000 by default; PG_URL = a cluster to use,
#        else a throwaway one from scripts/pg-cluster.sh in $ZHIFA_PG_DIR, removed afterwards)
source "$(dirname "$0")/pg_bench_lib.sh"
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }

"$zhifa" gen --seed 1 --cases "$cases" --agencies 500 > "$out/data.jsonl"
rows=$(wc -l < "$out/data.jsonl")
db=$(newdb)
"$zhifa" --pg "$db" --db "$out/z.db" init > /dev/null   # the schema, so the clock times the import only
t0=$(now); "$zhifa" --pg "$db" --db "$out/z.db" import "$out/data.jsonl" > "$out/import.json"; t1=$(now)
import_s=$(secs "$t0" "$t1")

cols="case_no, filed_year, agency, kind, body, updated_at, region, procedure, filed_on, decided_on, closed_on, fine_fen, party_name, doc_no, filing_no"
psql -qX "$db" -c "\\copy (SELECT $cols FROM cases) TO '$out/cases.tsv'"
base=$(newdb)
psql -qX "$base" -c "CREATE TABLE cases (case_no TEXT PRIMARY KEY, filed_year INT NOT NULL, agency TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, updated_at TEXT, region TEXT, procedure TEXT, filed_on TEXT, decided_on TEXT, closed_on TEXT, fine_fen BIGINT, party_name TEXT, doc_no TEXT, filing_no TEXT)"
n_copy=$(wc -l < "$out/cases.tsv")
t0=$(now); psql -qX "$base" -c "\\copy cases FROM '$out/cases.tsv'"; t1=$(now)
copy_s=$(secs "$t0" "$t1")
events=$(psql -qXtA "$db" -c "SELECT count(*) FROM ledger_events")
printf '{"bench": "pg_import", "cases": %s, "records": %s, "import_s": %s, "import_per_s": %s, "ledger_events": %s, "copy_rows": %s, "copy_s": %s, "copy_per_s": %s, "ratio": %s, "target": 0.5}\n' \
  "$cases" "$rows" "$import_s" "$(rate "$rows" "$import_s")" "$events" "$n_copy" "$copy_s" "$(rate "$n_copy" "$copy_s")" \
  "$(ratio "$(rate "$rows" "$import_s")" "$(rate "$n_copy" "$copy_s")")"
