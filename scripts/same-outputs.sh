#!/usr/bin/env bash
# For a refactor that must not change behaviour: runs two builds of zhifa on the same `zhifa gen`
# data and compares what import, export, check (json and table) and verify print, byte for byte.
# Usage: scripts/same-outputs.sh OLD_ZHIFA NEW_ZHIFA [CASES]     exit 0 when every output is identical
set -uo pipefail
old=$1 new=$2 cases=${3:-20000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$new" gen --seed 7 --cases "$cases" --agencies 50 > "$dir/gen.jsonl"
for side in old new; do
  bin=${!side}
  "$bin" --db "$dir/$side.db" import "$dir/gen.jsonl" > "$dir/import-$side" 2>&1
  "$bin" --db "$dir/$side.db" export > "$dir/export-$side"
  "$bin" --db "$dir/$side.db" check --as-of 2026-05-20 > "$dir/check-$side" 2>&1
  "$bin" --db "$dir/$side.db" check --as-of 2026-05-20 --format table > "$dir/table-$side" 2>&1
  "$bin" --db "$dir/$side.db" verify > "$dir/verify-$side" 2>&1
done
rc=0
for out in import export check table verify; do
  if cmp -s "$dir/$out-old" "$dir/$out-new"; then echo "same: $out ($(wc -c < "$dir/$out-new") bytes)"
  else echo "DIFFERENT: $out"; rc=1; fi
done
exit $rc
