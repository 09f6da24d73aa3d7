#!/usr/bin/env bash
# Benchmark: what a client feels while slots move. An independent cluster client
# (examples/load.rs: the tests' traffic engine, 4 writers of SET + INCR, closed loop) writes
# through the cluster before, during and after
#   1. a rebalance of KEYS keys from 3 masters onto an empty 4th, once per --pace, and once with
#      `redis-cli --cluster rebalance --cluster-use-empty-masters` (the same load, the same servers);
#   2. `scale --masters 4` and `scale --masters 3` of a 3×1 cluster, once per --pace.
# For every phase it reports the client's throughput, p50/p99/max latency and longest stall (no
# operation ended), the move's time, and the acknowledged writes lost (must be 0; the load checks
# every one). The order of the rebalances alternates between runs; the machine is noisy.
#
# Usage: bench/liveload.sh [--server PATH] [--keys N] [--size BYTES] [--runs N] [--paces "fast gentle auto"]
#                          [--workers N] [--phase SECONDS] [--skip-scale]
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
keys=1000000
size=100
runs=1
paces="fast gentle auto"
workers=4
phase=5
do_scale=1
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --paces) paces=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --phase) phase=$2; shift 2 ;;
    --skip-scale) do_scale=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$server" ] || { echo "no server binary: pass --server PATH (apt-get install -y redis-server)" >&2; exit 2; }
command -v redis-cli >/dev/null || { echo "redis-cli is needed: apt-get install -y redis-server" >&2; exit 2; }

cargo build --release --quiet --bin kubectl-redis --example load
tool=$PWD/target/release/kubectl-redis
load=$PWD/target/release/examples/load
export KUBECTL_REDIS_STATE_DIR=$(mktemp -d)
work=$KUBECTL_REDIS_STATE_DIR
cleanup() {
  for name in live-rebalance live-scale; do "$tool" sandbox down --name "$name" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/common.sh
source bench/common.sh

healthy() {
  local code=0
  "$tool" check --sandbox="$1" >/dev/null 2>&1 || code=$?
  [ "$code" -eq 0 ] || [ "$code" -eq 10 ] || { echo "check found problems:" >&2; "$tool" check --sandbox="$1" >&2; exit 1; }
}

# under_load LABEL ENTRY COMMAND…: PHASE seconds of load, the command, PHASE seconds more.
under_load() {
  local label=$1 entry=$2; shift 2
  local report=$work/$label.json started secs
  "$load" --entry "$entry" --workers "$workers" --prefix "$label" --clean > "$report" &
  local pid=$!
  sleep "$phase"; kill -USR1 "$pid"
  started=$(now)
  "$@" >/dev/null 2>&1 || { echo "$label: the command failed" >&2; kill "$pid"; exit 1; }
  secs=$(since "$started")
  kill -USR1 "$pid"; sleep "$phase"; kill -TERM "$pid"
  wait "$pid" || { echo "$label: acknowledged writes were lost:" >&2; cat "$report" >&2; exit 1; }
  python3 - "$label" "$secs" "$report" <<'PY' | tee -a "$work/rows"
import json, sys
label, secs, report = sys.argv[1], float(sys.argv[2]), json.load(open(sys.argv[3]))
before, during, after = report["phases"][:3]
def cell(p): return f'{p["ops_per_sec"]:>6.0f}/s p50 {p["p50_ms"]:>6.2f} p99 {p["p99_ms"]:>7.2f} max {p["max_ms"]:>7.1f} stall {p["longest_stall_ms"]:>7.1f}'
print(f'{label:<24} move {secs:>6.2f}s | before {cell(before)} | during {cell(during)} | after {after["ops_per_sec"]:>6.0f}/s p99 {after["p99_ms"]:>6.2f} | '
      f'acked {report["acknowledged"]} unacked {report["unacknowledged"]} lost {report["lost"]}')
PY
}

version=$("$server" --version | head -1)
echo "server: $version; $keys keys of $size bytes; load: $workers writers (SET + INCR, closed loop); phases of ${phase}s"

# 1. Rebalance onto an empty master. A drained master stays an empty master between runs.
"$tool" sandbox up --name live-rebalance --nodes 4 --server "$server" \
  --server-arg=--cluster-allow-replica-migration --server-arg=no >/dev/null
mapfile -t addrs < <(members live-rebalance)
entry=${addrs[0]}
"$tool" create --nodes "${addrs[0]},${addrs[1]},${addrs[2]}" --yes >/dev/null 2>&1
"$tool" add-node "${addrs[3]}" --nodes "$entry" --yes >/dev/null 2>&1
"$tool" sample-keys write --nodes "$entry" --count "$keys" --size "$size" >/dev/null
settle live-rebalance

ours() { "$tool" rebalance --nodes "$entry" --use-empty-masters --pace "$1" --yes; }
theirs() { redis-cli --cluster rebalance "$entry" --cluster-use-empty-masters; }
drain() {
  "$tool" rebalance --nodes "$entry" --weight "${addrs[3]}=0" --pace fast --yes >/dev/null 2>&1
  "$tool" sample-keys verify --nodes "$entry" --count "$keys" --size "$size" >/dev/null
  healthy live-rebalance; settle live-rebalance
}
for run in $(seq 1 "$runs"); do
  contenders="redis-cli $paces"
  [ $((run % 2)) -eq 1 ] || contenders="$paces redis-cli"
  for who in $contenders; do
    if [ "$who" = redis-cli ]; then
      under_load "rebalance-redis-cli-$run" "$entry" theirs
    else
      under_load "rebalance-$who-$run" "$entry" ours "$who"
    fi
    drain
  done
done

# 2. Scale a 3×1 cluster to 4×1 and back.
if [ "$do_scale" = 1 ]; then
  "$tool" sandbox down --name live-rebalance >/dev/null
  "$tool" sandbox up --name live-scale --nodes 6 --server "$server" >/dev/null
  entry=$(members live-scale | head -1)
  "$tool" create --sandbox=live-scale --replicas 1 --wait synced --yes >/dev/null 2>&1
  "$tool" sample-keys write --nodes "$entry" --count "$keys" --size "$size" >/dev/null
  settle live-scale
  for pace in $paces; do
    under_load "scale-up-$pace" "$entry" "$tool" scale --sandbox=live-scale --masters 4 --pace "$pace" --yes
    healthy live-scale; settle live-scale
    under_load "scale-down-$pace" "$entry" "$tool" scale --sandbox=live-scale --masters 3 --delete-storage --pace "$pace" --yes
    "$tool" sample-keys verify --nodes "$entry" --count "$keys" --size "$size" >/dev/null
    healthy live-scale; settle live-scale
  done
fi
echo "every key verified after every change; acknowledged writes lost: $(awk '{ s += $NF } END { print s + 0 }' "$work/rows")"
