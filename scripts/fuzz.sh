#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang-14 into build-fuzz, replays
# every saved crash input of tests/fuzz/regressions/<target>/, then fuzzes each target for
# FUZZ_SECONDS from its committed seeds (tests/fuzz/corpus/<target>/, read only). New inputs go to
# a temporary directory, crash inputs to build-fuzz/fuzz/artifacts/<target>/ — never into the repo.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
BUILD=${FUZZ_BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-15}
JOBS=${JOBS:-$(nproc)}

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang-14 -DZHIFA_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j "$JOBS" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logs=$BUILD/fuzz/logs
mkdir -p "$logs"
passed=0 failed=0
for src in tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  target=${name#fuzz_}
  bin=$BUILD/fuzz/$name
  log=$logs/$target.log
  artifacts=$BUILD/fuzz/artifacts/$target/
  mkdir -p "$artifacts" "$work/$target"
  ok=true
  regressions=(tests/fuzz/regressions/"$target"/*)
  if [ ${#regressions[@]} -gt 0 ] && ! "$bin" "${regressions[@]}" >"$log" 2>&1; then
    echo "fuzz: $target: a saved regression input fails again (log: $log)"
    ok=false
  elif ! "$bin" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
         -artifact_prefix="$artifacts" "$work/$target" "tests/fuzz/corpus/$target" >>"$log" 2>&1; then
    echo "fuzz: $target: crash or broken invariant; input kept in $artifacts (log: $log)"
    echo "  fix it, add the input to tests/fuzz/regressions/$target/, replay: $bin FILE"
    ok=false
  fi
  if $ok; then
    passed=$((passed + 1))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz: $target ok — ${#regressions[@]} regression input(s) replayed, ${runs:-?} inputs in ${SECONDS_EACH} s"
  else
    failed=$((failed + 1))
    tail -n 40 "$log" | grep -av '^"' || true
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
