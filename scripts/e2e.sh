#!/usr/bin/env bash
# The browser tests (tests/e2e). The demo database every test server starts from is made once
# here (tests/e2e/lib/server.mjs copies it per server): `init --demo` is the same for every file,
# and running it 87 times (~3 s each on an idle machine) was about a quarter of the suite's time.
# One file at a time by default; E2E_CONCURRENCY=2 runs two, faster on an idle machine, but then a
# page wait of the default 10 s comes within reach of a busy one.
# Usage: ZHIFA_BIN=build/zhifa scripts/e2e.sh [test files…]   (default: every file in tests/e2e)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${ZHIFA_BIN:-build/zhifa}")
template=$(mktemp -d)
trap 'rm -rf "$template"' EXIT
mkdir "$template/db"
"$bin" --db "$template/db/zhifa.db" init --demo > "$template/init.txt"
if [ $# -eq 0 ]; then set -- tests/e2e/; fi
ZHIFA_BIN=$bin ZHIFA_E2E_DEMO=$template node --test --test-concurrency="${E2E_CONCURRENCY:-1}" "$@"
