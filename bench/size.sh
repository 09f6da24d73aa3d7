#!/usr/bin/env bash
# Benchmark: check, status and create at size, against redis-cli, alternating which goes first.
#   Loopback (one IP per node): for each --sizes N, a cluster of N nodes (N/2 masters × 1):
#     check   kubectl-redis check --nodes SEED     vs  redis-cli --cluster check SEED
#     status  kubectl-redis status --nodes SEED    vs  redis-cli --cluster info SEED
#     create  kubectl-redis create --replicas 1    vs  redis-cli --cluster create … --cluster-replicas 1,
#             each timed until every node reports cluster_state:ok (sizes up to --create-max; fresh
#             nodes for every run).
#   Through a delay proxy (examples/delay_proxy.rs; --rtt-ms per round trip, the cost of a
#   port-forward or a cross-zone hop): every node announces the proxy's address
#   (cluster-announce-ip) and the proxy forwards its client and bus ports.
#     check and status on --proxy-size nodes (ours also with --views digest), and
#     rebalance of --keys keys × 100 B from 3 to 4 masters (ours vs redis-cli, every key verified).
# Reports medians, ratios (redis-cli time / ours), CPU (user+sys) and peak RSS per contender.
#
# Usage: bench/size.sh [--server PATH] [--sizes "60 250"] [--runs N] [--create-runs N]
#                      [--create-max N] [--rtt-ms MS] [--proxy-size N] [--keys N]
#                      [--node-timeout MS] [--skip-loopback] [--skip-proxy] [--skip-rebalance]
#   --node-timeout  cluster-node-timeout of the loopback nodes. Default: the sandbox's 5000 up to
#                   100 nodes, 30000 above: 250 nodes on two cores spend most of a core on their
#                   cluster bus alone, and with 5000 they time each other out while they meet.
# Not a test: the machine is noisy; both tools run on the same 2 cores as every server.
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
sizes="60 250"
runs=11
create_runs=3
create_max=250
rtt_ms=3
proxy_size=60
keys=1000000
node_timeout=
skip_loopback=0
skip_proxy=0
skip_rebalance=0
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --create-runs) create_runs=$2; shift 2 ;;
    --create-max) create_max=$2; shift 2 ;;
    --rtt-ms) rtt_ms=$2; shift 2 ;;
    --proxy-size) proxy_size=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --node-timeout) node_timeout=$2; shift 2 ;;
    --skip-loopback) skip_loopback=1; shift ;;
    --skip-proxy) skip_proxy=1; shift ;;
    --skip-rebalance) skip_rebalance=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$server" ] || { echo "no server binary: pass --server PATH (apt-get install -y redis-server)" >&2; exit 2; }
command -v redis-cli >/dev/null || { echo "redis-cli is needed: apt-get install -y redis-server" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed for CPU and RSS: apt-get install -y time" >&2; exit 2; }

cargo build --release --quiet --bin kubectl-redis --example delay_proxy
tool=$PWD/target/release/kubectl-redis
proxy_bin=$PWD/target/release/examples/delay_proxy
export KUBECTL_REDIS_STATE_DIR=$(mktemp -d)
results=$KUBECTL_REDIS_STATE_DIR/results
proxy_pid=
cleanup() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null
  for name in $(ls "$KUBECTL_REDIS_STATE_DIR/sandboxes" 2>/dev/null); do
    "$tool" sandbox down --name "$name" >/dev/null 2>&1 || true
  done
  rm -rf "$KUBECTL_REDIS_STATE_DIR"
}
trap cleanup EXIT
# shellcheck source=bench/common.sh
source bench/common.sh

# timed LABEL CMD…: runs CMD (output discarded), appends "LABEL wall user sys rss_kb" to $results.
# With $after_run set, runs that (a function: waiting for the cluster) before the clock stops.
after_run=
timed() {
  local label=$1; shift
  local usage=$KUBECTL_REDIS_STATE_DIR/usage start end
  start=$EPOCHREALTIME
  /usr/bin/time -f "%U %S %M" -o "$usage" "$@" >/dev/null 2>&1 || true
  [ -z "$after_run" ] || $after_run
  end=$EPOCHREALTIME
  echo "$label $(python3 -c "print(f'{$end-$start:.4f}')") $(cat "$usage")" >> "$results"
}

# alternate LABEL_A "CMD_A" LABEL_B "CMD_B" RUNS: alternating pairs, A first on odd runs.
alternate() {
  local a=$1 cmd_a=$2 b=$3 cmd_b=$4 n=$5 run
  for run in $(seq 1 "$n"); do
    if [ $((run % 2)) -eq 1 ]; then timed "$a" $cmd_a; timed "$b" $cmd_b
    else timed "$b" $cmd_b; timed "$a" $cmd_a; fi
  done
}

# summary OURS THEIRS...: medians per label and the ratio redis-cli / ours.
summary() {
  python3 - "$results" "$@" <<'PY'
import statistics, sys
path, labels = sys.argv[1], sys.argv[2:]
rows = {}
for line in open(path):
    label, wall, user, sys_, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(sys_), int(rss)))
def med(label, i): return statistics.median(r[i] for r in rows[label])
base = labels[-1]
for label in labels:
    if label not in rows: continue
    ratio = med(base, 0) / med(label, 0)
    print(f"  {label:<34} median {med(label,0)*1000:9.1f} ms  cpu {med(label,1)*1000:7.0f} ms  rss {med(label,2)/1024:6.1f} MB"
          + ("" if label == base else f"  ({ratio:.2f}x redis-cli's speed)") + f"  n={len(rows[label])}")
PY
}

# all_ok ADDR…: until every node reports cluster_state:ok.
all_ok() {
  local addr deadline=$((SECONDS + 120))
  for addr in "$@"; do
    until cli "$addr" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; do
      [ "$SECONDS" -lt "$deadline" ] || { echo "$addr never reached cluster_state:ok" >&2; exit 1; }
    done
  done
}

every_node_ok() { all_ok "${addrs[@]}"; }

version=$("$server" --version | head -1)
echo "server: $version; $(nproc) cores; runs: $runs (create: $create_runs)"

if [ "$skip_loopback" -eq 0 ]; then
  for size in $sizes; do
    name=size$size
    timeout_ms=${node_timeout:-$([ "$size" -gt 100 ] && echo 30000 || echo 5000)}
    loopback_args=(--server-arg=--cluster-node-timeout "--server-arg=$timeout_ms")
    "$tool" sandbox up --name "$name" --nodes "$size" --server "$server" "${loopback_args[@]}" >/dev/null
    mapfile -t addrs < <(members "$name")
    seed=${addrs[0]}
    : > "$results"
    if [ "$size" -le "$create_max" ]; then
      after_run=every_node_ok
      for run in $(seq 1 "$create_runs"); do
        if [ $((run % 2)) -eq 1 ]; then order="ours redis-cli"; else order="redis-cli ours"; fi
        for who in $order; do
          # Fresh nodes each time: nodes reset out of a cluster wait out a rejoin delay (the node
          # timeout) before they serve again, and a master serves 2 s after its start at the earliest.
          "$tool" sandbox down --name "$name" >/dev/null
          "$tool" sandbox up --name "$name" --nodes "$size" --server "$server" "${loopback_args[@]}" >/dev/null
          mapfile -t addrs < <(members "$name")
          sleep 2.5
          case $who in
            ours) timed create:ours "$tool" create --nodes "$(IFS=,; echo "${addrs[*]}")" --replicas 1 --yes ;;
            redis-cli) timed create:redis-cli redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes ;;
          esac
        done
      done
      after_run=
      echo "loopback, $size nodes, create until every node reports cluster_state:ok:"
      summary create:ours create:redis-cli
      : > "$results"
      "$tool" sandbox down --name "$name" >/dev/null
      "$tool" sandbox up --name "$name" --nodes "$size" --server "$server" "${loopback_args[@]}" >/dev/null
      mapfile -t addrs < <(members "$name")
      seed=${addrs[0]}
    fi
    "$tool" create --sandbox="$name" --replicas 1 --wait synced --wait-timeout 10m --yes >/dev/null 2>&1
    settle "$name"
    alternate check:ours "$tool check --nodes $seed" check:redis-cli "redis-cli --cluster check $seed" "$runs"
    alternate status:ours "$tool status --nodes $seed" status:redis-cli "redis-cli --cluster info $seed" "$runs"
    echo "loopback, $size nodes ($((size / 2)) masters × 1):"
    summary check:ours check:redis-cli
    summary status:ours status:redis-cli
    "$tool" sandbox down --name "$name" >/dev/null
  done
fi

[ "$skip_proxy" -eq 1 ] && exit 0

# The proxy's address for a node: 127.99.<block>.<n> for 127.77.<block>.<n>.
proxied() { local addr=$1; local ip=${addr%:*}; echo "127.99.${ip#127.*.}:${addr##*:}"; }
maps=()
start_sandbox_behind_proxy() {
  local name=$1 count=$2 addr
  shift 2
  "$tool" sandbox up --name "$name" --nodes "$count" --server "$server" "$@" >/dev/null
  for addr in $(members "$name"); do
    cli "$addr" config set cluster-announce-ip "$(proxied "$addr" | cut -d: -f1)" >/dev/null
    maps+=("$(proxied "$addr")=$addr" "$(proxied "${addr%:*}:$((${addr##*:} + 10000))")=${addr%:*}:$((${addr##*:} + 10000))")
  done
}
start_sandbox_behind_proxy proxied "$proxy_size"
[ "$skip_rebalance" -eq 0 ] &&
  start_sandbox_behind_proxy rebal 4 --server-arg=--cluster-allow-replica-migration --server-arg=no
"$proxy_bin" --rtt-ms "$rtt_ms" "${maps[@]}" > "$KUBECTL_REDIS_STATE_DIR/proxy.out" &
proxy_pid=$!
until grep -q ready "$KUBECTL_REDIS_STATE_DIR/proxy.out" 2>/dev/null; do sleep 0.1; done

mapfile -t via < <(members proxied | while read -r a; do proxied "$a"; done)
seed=${via[0]}
"$tool" create --nodes "$(IFS=,; echo "${via[*]}")" --replicas 1 --wait synced --yes --timeout 10s >/dev/null 2>&1
all_ok "${via[@]}"
: > "$results"
alternate check:ours "$tool check --nodes $seed" check:redis-cli "redis-cli --cluster check $seed" "$runs"
alternate check:ours-digest "$tool check --views digest --nodes $seed" check:redis-cli "redis-cli --cluster check $seed" "$runs"
alternate status:ours "$tool status --nodes $seed" status:redis-cli "redis-cli --cluster info $seed" "$runs"
echo "through the delay proxy (${rtt_ms} ms per round trip), $proxy_size nodes:"
summary check:ours check:ours-digest check:redis-cli
summary status:ours status:redis-cli
"$tool" sandbox down --name proxied >/dev/null

[ "$skip_rebalance" -eq 1 ] && exit 0
mapfile -t four < <(members rebal | while read -r a; do proxied "$a"; done)
entry=${four[0]}
"$tool" create --nodes "${four[0]},${four[1]},${four[2]}" --yes >/dev/null 2>&1
"$tool" add-node "${four[3]}" --nodes "$entry" --yes >/dev/null 2>&1
"$tool" sample-keys write --nodes "$entry" --count "$keys" --size 100 >/dev/null
all_ok "${four[@]}"
verify() {
  "$tool" sample-keys verify --nodes "$entry" --count "$keys" --size 100 >/dev/null
  local code=0
  "$tool" check --nodes "$entry" >/dev/null || code=$?
  [ "$code" -eq 0 ] || [ "$code" -eq 10 ] || { echo "check found problems after a rebalance" >&2; exit 1; }
}
drain() { "$tool" rebalance --nodes "$entry" --weight "${four[3]}=0" --yes >/dev/null 2>&1; verify; all_ok "${four[@]}"; }
: > "$results"
for who in ours theirs; do
  case $who in
    ours) timed rebalance:ours "$tool" rebalance --nodes "$entry" --use-empty-masters --yes ;;
    theirs) timed rebalance:redis-cli redis-cli --cluster rebalance "$entry" --cluster-use-empty-masters ;;
  esac
  verify
  drain
done
echo "through the delay proxy (${rtt_ms} ms per round trip), rebalance of $keys keys × 100 B from 3 to 4 masters (every key verified):"
summary rebalance:ours rebalance:redis-cli
