#!/usr/bin/env bash
# Benchmark: resize a 3×1 cluster (1,000,000 keys of 100 bytes) to 4×1 and back, comparing
#   kubectl-redis scale --masters 4    and    kubectl-redis scale --masters 3
# with the seed workflow done by hand with redis-cli:
#   up:   grow the sandbox by 2 (`sandbox scale`, like `kubectl scale sts`), --cluster add-node the
#         new master, --cluster add-node --cluster-slave its replica, --cluster rebalance
#         --cluster-use-empty-masters;
#   down: --cluster del-node the highest member (the replica), --cluster reshard the victim's slots
#         to another master, --cluster del-node the victim, --cluster rebalance, shrink the sandbox.
# Both shrink with storage deletion, so every grow starts from empty members. Each step is timed
# until check passes (redis-cli returns before gossip and replica syncs settle). Each tool's cycle
# runs in turn, alternating which goes first; every key is verified after each step.
#
# Usage: bench/scale.sh [--server PATH] [--keys N] [--size BYTES] [--runs N]
#   --server  redis-server (default) or valkey-server (on Valkey 9 scale moves slots atomically).
# Prints one line per step and the median time and ratio per direction. Not a test: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
keys=1000000
size=100
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$server" ] || { echo "no server binary: pass --server PATH (apt-get install -y redis-server)" >&2; exit 2; }
command -v redis-cli >/dev/null || { echo "redis-cli is needed: apt-get install -y redis-server" >&2; exit 2; }

cargo build --release --quiet
tool=$PWD/target/release/kubectl-redis
export KUBECTL_REDIS_STATE_DIR=$(mktemp -d)
name=bench
cleanup() { "$tool" sandbox down --name "$name" >/dev/null 2>&1 || true; rm -rf "$KUBECTL_REDIS_STATE_DIR"; }
trap cleanup EXIT
# shellcheck source=bench/common.sh
source bench/common.sh

node_id() { cli "$1" cluster myid; }

"$tool" sandbox up --name "$name" --nodes 6 --server "$server" >/dev/null
mapfile -t addrs < <(members "$name")
entry=${addrs[0]}
version=$("$server" --version | head -1)
"$tool" create --sandbox="$name" --replicas 1 --wait synced --yes >/dev/null 2>&1


verify() {
  local expected_masters=$1 code=0
  "$tool" sample-keys verify --nodes "$entry" --count "$keys" --size "$size" >/dev/null
  "$tool" check --sandbox="$name" >/dev/null || code=$?
  [ "$code" -eq 0 ] || [ "$code" -eq 10 ] || { echo "check found problems after a step:" >&2; "$tool" check --sandbox="$name" >&2; exit 1; }
  local masters
  masters=$("$tool" status --sandbox="$name" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["masters"])')
  [ "$masters" -eq "$expected_masters" ] || { echo "expected $expected_masters masters, found $masters" >&2; exit 1; }
}

ours_up() { "$tool" scale --sandbox="$name" --masters 4 --yes >/dev/null 2>&1; }
ours_down() { "$tool" scale --sandbox="$name" --masters 3 --delete-storage --yes >/dev/null 2>&1; }

theirs_up() {
  "$tool" sandbox scale "$name" 8 >/dev/null
  local new=(); mapfile -t new < <(members "$name")
  redis-cli --cluster add-node "${new[6]}" "$entry" >/dev/null
  settle "$name"
  redis-cli --cluster add-node "${new[7]}" "$entry" --cluster-slave --cluster-master-id "$(node_id "${new[6]}")" >/dev/null
  settle "$name"
  redis-cli --cluster rebalance "$entry" --cluster-use-empty-masters >/dev/null
}
theirs_down() {
  local all=(); mapfile -t all < <(members "$name")
  local replica=${all[7]} victim=${all[6]}
  redis-cli --cluster del-node "$entry" "$(node_id "$replica")" >/dev/null
  local victim_id slots to
  victim_id=$(node_id "$victim")
  slots=$(cli "$entry" cluster nodes | awk -v id="$victim_id" '$1 == id {
    n = 0; for (i = 9; i <= NF; i++) { split($i, r, "-"); n += (r[2] == "" ? 1 : r[2] - r[1] + 1) } print n }')
  to=$(node_id "$entry")
  redis-cli --cluster reshard "$entry" --cluster-from "$victim_id" --cluster-to "$to" \
    --cluster-slots "$slots" --cluster-yes >/dev/null
  redis-cli --cluster del-node "$entry" "$victim_id" >/dev/null
  settle "$name"
  redis-cli --cluster rebalance "$entry" >/dev/null
  "$tool" sandbox scale "$name" 6 --delete-storage >/dev/null
}

# Until check passes (exit 0 or 10): redis-cli returns while gossip and the new replica's first
# sync are still under way. Both tools are timed to a converged cluster.
converge() {
  local deadline=$((SECONDS + 120)) code
  while true; do
    code=0; "$tool" check --sandbox="$name" >/dev/null 2>&1 || code=$?
    { [ "$code" -eq 0 ] || [ "$code" -eq 10 ]; } && return
    [ "$SECONDS" -lt "$deadline" ] || return
    sleep 0.2
  done
}
timed() { local t; t=$(now); "$1"; converge; since "$t"; }

echo "server: $version; loading $keys keys of $size bytes into 3×1"
"$tool" sample-keys write --nodes "$entry" --count "$keys" --size "$size" >/dev/null
settle "$name"

declare -A times
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) -eq 1 ]; then order="ours theirs"; else order="theirs ours"; fi
  for who in $order; do
    for direction in up down; do
      secs=$(timed "${who}_${direction}")
      if [ "$direction" = up ]; then verify 4; else verify 3; fi
      settle "$name"
      times[$who-$direction]+="$secs "
      echo "run $run: $who $direction ${secs}s (every key verified)"
    done
  done
done
python3 - "${times[ours-up]}" "${times[theirs-up]}" "${times[ours-down]}" "${times[theirs-down]}" <<'PY'
import statistics, sys
med = [statistics.median(float(x) for x in arg.split()) for arg in sys.argv[1:]]
for direction, ours, theirs in (("3×1 → 4×1", med[0], med[1]), ("4×1 → 3×1", med[2], med[3])):
    print(f"{direction}: median kubectl-redis scale {ours:.2f}s, redis-cli by hand {theirs:.2f}s, ratio {theirs/ours:.1f}x")
PY
