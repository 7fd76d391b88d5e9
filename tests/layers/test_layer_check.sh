#!/usr/bin/env bash
# The layer check passes on the build, and fails, naming the call, when a lower layer's object
# references a higher layer's symbol (a domain file calling into api, a store file into the ledger).
# Usage: tests/layers/test_layer_check.sh BUILD_DIR SRC_DIR
set -uo pipefail
build=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
check="$here/../../scripts/layer-check.sh"
obj="$build/CMakeFiles/zhifa_core.dir/src"
fail() { echo "FAIL: $*"; exit 1; }

out=$("$check" "$obj" "$src") || fail "the build itself breaks the layers:"$'\n'"$out"
echo "ok - the build's layers point down"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src" "$tmp/src"
cp -r "$obj" "$tmp/obj"
upward() { # layer file symbol
  printf 'extern int %s;\nint *layer_probe_%s(void) { return &%s; }\n' "$3" "$1" "$3" > "$tmp/src/$1/$2.c"
  cc -c -o "$tmp/obj/$1/$2.c.o" "$tmp/src/$1/$2.c" || fail "cannot compile the probe"
}
expect_refused() { # what
  out=$("$check" "$tmp/obj" "$tmp/src"); rc=$?
  [ $rc -eq 1 ] || fail "$1: exit $rc, want 1"
  grep -q "$2" <<<"$out" || fail "$1: the report does not name it: $out"
  echo "ok - $1 is refused"
}
upward domain layer_probe api_route_table
expect_refused "domain calling api" "domain/layer_probe.c.o (domain) calls api_route_table, defined in api"
rm "$tmp/src/domain/layer_probe.c" "$tmp/obj/domain/layer_probe.c.o"
upward store layer_probe ledger_append_seq
expect_refused "store calling the ledger" "calls ledger_append_seq, defined in ledger"
