#!/usr/bin/env bash
# make test-pg: a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), then the whole API suite
# (or the files given) with ZHIFA_BACKEND=pg — each zhifa the tests start gets --pg and a fresh
# database of its own. The cluster is removed afterwards. `make test` runs it after the same suite
# on SQLite: every API test file passes on both backends.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ZHIFA_BIN:-$PWD/build/zhifa}
export ZHIFA_PG_DIR=${ZHIFA_PG_DIR:-/tmp/zhifa-pg-test.$$}
trap 'scripts/pg-cluster.sh stop' EXIT
scripts/pg-cluster.sh start >/dev/null || { echo "test-pg: the cluster did not start (see $ZHIFA_PG_DIR/*.log)" >&2; exit 1; }
if [ $# -gt 0 ]; then files=("$@"); else files=(tests/api/); fi
ZHIFA_BACKEND=pg ZHIFA_BIN=$BIN node --test --test-concurrency=2 "${files[@]}"
