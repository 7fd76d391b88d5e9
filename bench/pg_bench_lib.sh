# Shared by bench/pg_import.sh and bench/pg_sweep.sh (sourced): the build's zhifa, the case count,
# a scratch dir, and a PostgreSQL to measure on — $PG_URL's cluster, or a throwaway one from
# scripts/pg-cluster.sh in $ZHIFA_PG_DIR, removed on exit — with newdb for a fresh database in it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
zhifa=$(cd "$build" && pwd)/zhifa
cases=${BENCH_CASES:-200000}
out=$(mktemp -d)
export ZHIFA_DATA=${ZHIFA_DATA:-$root/data}
cleanup() { rm -rf "$out"; [ -z "${own_cluster:-}" ] || "$root/scripts/pg-cluster.sh" stop; }
trap cleanup EXIT
if [ -z "${PG_URL:-}" ]; then own_cluster=1; "$root/scripts/pg-cluster.sh" start > /dev/null; fi
newdb() {
  if [ -n "${own_cluster:-}" ]; then "$root/scripts/pg-cluster.sh" newdb; return; fi
  local name="zb_$(date +%s%N)"; psql -q "$PG_URL" -c "CREATE DATABASE $name" >&2; echo "${PG_URL%/*}/$name"
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
