#!/usr/bin/env bash
# Benchmark: scale a 3-master cluster out to 4 masters and compare
#   kubectl-redis rebalance --use-empty-masters
# with
#   redis-cli --cluster rebalance --cluster-use-empty-masters
# on the same servers, alternating which goes first, verifying every key after each run.
#
# Usage: bench/rebalance.sh [--server PATH] [--keys N] [--size BYTES] [--runs N] [--migration auto|legacy|atomic]
#   --server     redis-server (default) or valkey-server; on Valkey 9, auto means the atomic backend.
#   --migration  passed to kubectl-redis rebalance (default auto).
# Prints one line per run and the medians with their ratio. Not a test: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
keys=1000000
size=100
runs=3
migration=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --migration) migration=$2; shift 2 ;;
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

# A drained master must stay an empty master between runs, not turn into a replica.
"$tool" sandbox up --name "$name" --nodes 4 --server "$server" \
  --server-arg=--cluster-allow-replica-migration --server-arg=no -o json > "$KUBECTL_REDIS_STATE_DIR/sandbox.json"
mapfile -t addrs < <(python3 -c 'import json,sys; [print(n["addr"]) for n in json.load(open(sys.argv[1]))["nodes"]]' "$KUBECTL_REDIS_STATE_DIR/sandbox.json")
entry=${addrs[0]}
version=$("$server" --version | head -1)
"$tool" create --nodes "${addrs[0]},${addrs[1]},${addrs[2]}" --yes >/dev/null 2>&1
"$tool" add-node "${addrs[3]}" --nodes "$entry" --yes >/dev/null 2>&1

# Timing starts only once every node serves the cluster: right after a heavy load a busy node can
# report cluster_state:fail for a few seconds, and whichever tool ran first would pay for it.
settle() {
  local addr deadline=$((SECONDS + 60))
  for addr in "${addrs[@]}"; do
    until redis-cli -h "${addr%:*}" -p "${addr##*:}" cluster info | grep -q '^cluster_state:ok'; do
      [ "$SECONDS" -lt "$deadline" ] || { echo "$addr never reached cluster_state:ok" >&2; exit 1; }
      sleep 0.2
    done
  done
}

verify() {
  "$tool" sample-keys verify --nodes "$entry" --count "$keys" --size "$size" >/dev/null
  # No open slot, every slot covered: check may warn (no replicas) but must find no problem.
  local code=0
  "$tool" check --nodes "$entry" >/dev/null || code=$?
  [ "$code" -eq 0 ] || [ "$code" -eq 10 ] || { echo "check found problems after a run" >&2; exit 1; }
}
drain() { "$tool" rebalance --nodes "$entry" --weight "${addrs[3]}=0" --yes >/dev/null 2>&1; verify; settle; }
seconds() { local start=$1; python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.3f}')" "$start"; }
now() { python3 -c 'import time; print(time.time())'; }

ours() {
  local t; t=$(now)
  "$tool" rebalance --nodes "$entry" --use-empty-masters --migration "$migration" --yes >/dev/null 2>&1
  seconds "$t"
}
theirs() {
  local t host=${entry%:*} port=${entry##*:}; t=$(now)
  redis-cli --cluster rebalance "$host:$port" --cluster-use-empty-masters >/dev/null
  seconds "$t"
}

echo "server: $version; migration: $migration; loading $keys keys of $size bytes"
"$tool" sample-keys write --nodes "$entry" --count "$keys" --size "$size" >/dev/null
settle

ours_times=(); theirs_times=()
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) -eq 1 ]; then order="ours theirs"; else order="theirs ours"; fi
  for who in $order; do
    secs=$($who); verify; drain
    if [ "$who" = ours ]; then ours_times+=("$secs"); else theirs_times+=("$secs"); fi
    echo "run $run: $who ${secs}s (every key verified)"
  done
done
python3 - "${ours_times[*]}" "${theirs_times[*]}" <<'PY'
import statistics, sys
ours = [float(x) for x in sys.argv[1].split()]
theirs = [float(x) for x in sys.argv[2].split()]
mo, mt = statistics.median(ours), statistics.median(theirs)
print(f"median kubectl-redis rebalance: {mo:.3f}s  redis-cli --cluster rebalance: {mt:.3f}s  ratio: {mt/mo:.1f}x faster")
PY
