#!/usr/bin/env bash
# Benchmark: kubectl-redis on a StatefulSet of 60 pods (30 masters × 1 replica, 100,000 keys)
# behind the fake Kubernetes API server of the tests: `check` and `status` through port-forward
# (every connection a WebSocket through the API server) versus direct to pod IPs, alternating,
# and a rebalance that moves slots through port-forward (then back, direct).
#
# Usage: bench/kubernetes.sh [--pods N] [--runs N] [--keys N]
# Prints each timing, then medians and the port-forward/direct ratio. Not a test: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

pods=60
runs=5
keys=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --pods) pods=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet
tool="$PWD/target/release/kubectl-redis"
work=$(mktemp -d)
BENCH_DIR="$work" BENCH_PODS="$pods" cargo test --quiet --test cli -- --ignored --exact serve_a_fake_statefulset_for_benchmarks >"$work/server.log" 2>&1 &
server=$!
cleanup() { touch "$work/stop"; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 600); do [ -f "$work/env" ] && break; sleep 0.5; done
[ -f "$work/env" ] || { echo "the fake API server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/env"
export KUBECTL_REDIS_STATE_DIR="$STATE_DIR"
k() { "$tool" "$@" redis-cluster --kubeconfig "$KUBECONFIG_FILE"; }

k create --replicas 1 --wait synced --yes --connect direct >/dev/null
entry=$(k status -o json --connect direct | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodes"][0]["addr"])')
"$tool" sample-keys write --nodes "$entry" --count "$keys" --size 100 >/dev/null

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A times
for run in $(seq "$runs"); do
  order="direct port-forward"; [ $((run % 2)) -eq 0 ] && order="port-forward direct"
  for how in $order; do
    for verb in check status; do
      t=$(seconds k "$verb" --connect "$how")
      times[$verb-$how]+="$t "
      echo "run $run: $verb --connect $how ${t}s"
    done
  done
done
echo
for verb in check status; do
  d=$(echo "${times[$verb-direct]}" | tr ' ' '\n' | grep . | median)
  p=$(echo "${times[$verb-port-forward]}" | tr ' ' '\n' | grep . | median)
  echo "$verb on $pods pods: direct ${d}s, port-forward ${p}s (×$(echo "scale=1; $p / $d" | bc))"
done

master=$(k status -o json --connect direct | python3 -c 'import json,sys; print([n["name"] for n in json.load(sys.stdin)["nodes"] if n["role"]=="master"][0])')
t=$(seconds k rebalance --weight "$master=2" --yes --connect port-forward)
moved=$(k status -o json --connect direct | python3 -c "import json,sys; print([n['slot_count'] for n in json.load(sys.stdin)['nodes'] if n['name']=='$master'][0])")
echo "rebalance through port-forward ($master to weight 2, it now owns $moved slots): ${t}s"
t=$(seconds k rebalance --yes --connect direct)
echo "rebalance back, direct: ${t}s"
"$tool" sample-keys verify --nodes "$entry" --count "$keys" --size 100 >/dev/null && echo "all $keys keys verified"
k check --connect direct >/dev/null && echo "check: healthy"
