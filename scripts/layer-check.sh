#!/usr/bin/env bash
# Layers point down (docs/architecture.md): fails when an object file of one layer references a
# symbol defined in a layer it may not call. Reads the object files of the sources that exist
# (stale objects of moved files are ignored), with nm.
# Usage: scripts/layer-check.sh OBJ_DIR SRC_DIR    (OBJ_DIR = <build>/CMakeFiles/zhifa_core.dir/src)
set -euo pipefail
obj=$1 src=$2

# What each layer may call besides itself. cmd is the composition root: it starts the jobs and
# hands api's route table to the server (api_route_table is the one api symbol it names).
declare -A may=(
  [util]=""
  [domain]="util"
  [store]="domain util"
  [ledger]="store domain util"
  [render]="domain util"
  [seal]="util"
  [app]="ledger store render seal domain util"
  [http]="store domain util"
  [net]="util"
  [jobs]="app net ledger store render seal domain util"
  [api]="app http ledger store render seal domain util"
  [cmd]="app jobs http net ledger store render seal domain util"
)
cmd_api_symbols=" api_route_table "

objects=()
while IFS= read -r c; do
  o="$obj/${c#"$src"/}.o"
  [ -f "$o" ] || { echo "layer-check: no object for $c (build first)" >&2; exit 2; }
  objects+=("$o")
done < <(find "$src" -name '*.c' ! -path "$src/main.c" | sort)

layer_of() { local rel=${1#"$obj"/}; echo "${rel%%/*}"; }

declare -A owner
for o in "${objects[@]}"; do
  l=$(layer_of "$o")
  while read -r _ _ s; do owner[$s]=$l; done < <(nm --defined-only -g "$o")
done

bad=0
for o in "${objects[@]}"; do
  l=$(layer_of "$o")
  [ -n "${may[$l]+x}" ] || { echo "layer-check: unknown layer $l ($o)" >&2; bad=1; continue; }
  while read -r _ s; do
    t=${owner[$s]:-}
    [ -z "$t" ] || [ "$t" = "$l" ] && continue
    case " ${may[$l]} " in *" $t "*) continue ;; esac
    [ "$l" = cmd ] && [ "$t" = api ] && [[ "$cmd_api_symbols" == *" $s "* ]] && continue
    echo "layer-check: ${o#"$obj"/} ($l) calls $s, defined in $t"
    bad=1
  done < <(nm -u "$o")
done
exit $bad
