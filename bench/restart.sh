#!/usr/bin/env bash
# Benchmark: restarting every member of a cluster under a writer at full speed (examples/load.rs:
# the tests' traffic engine, 4 writers of SET + INCR through a cluster-aware client, closed loop).
# For M×1 sandboxes (default 3×1 and 10×1), alternating between runs:
#   kubectl — what `kubectl rollout restart` does to a StatefulSet: highest ordinal first, the
#             next once the last answers PING (a readiness probe), whatever its role;
#   tool    — `kubectl redis restart --yes`: replicas first, each master after a graceful failover.
# For each: failed client writes, acknowledged writes lost (the load reads every one back), the
# longest stall (no operation ended), and the time the restart took; then the ratios per shape.
# The sandbox's members keep no data on disk (like pods without persistence): a master restarted
# before its replica took over comes back empty, and what it held is lost.
#
# Usage: bench/restart.sh [--server PATH] [--runs N] [--shapes "3 10"] [--phase SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
runs=1
shapes="3 10"
phase=3
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --shapes) shapes=$2; shift 2 ;;
    --phase) phase=$2; shift 2 ;;
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
  for m in $shapes; do "$tool" sandbox down --name "restart-$m" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/common.sh
source bench/common.sh

# kubectl_style SANDBOX COUNT: each member restarted, highest first, the next once it answers PING.
kubectl_style() {
  local name=$1 count=$2 i addr
  for ((i = count - 1; i >= 0; i--)); do
    "$tool" sandbox restart "$name" "$i" >/dev/null
    addr=$(members "$name" | sed -n "$((i + 1))p")
    until cli "$addr" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
  done
}

# healthy_again SANDBOX: wait for check to pass; after a kubectl-style restart fix may be needed.
healthy_again() {
  local deadline=$((SECONDS + 90)) code
  while :; do
    code=0; "$tool" check --sandbox="$1" >/dev/null 2>&1 || code=$?
    { [ "$code" -eq 0 ] || [ "$code" -eq 10 ]; } && return
    [ "$SECONDS" -lt "$deadline" ] || { "$tool" fix --sandbox="$1" --yes >/dev/null 2>&1 || true; return; }
    sleep 1
  done
}

# measure MODE SHAPE SANDBOX COUNT: one restart under load; appends a row.
measure() {
  local mode=$1 shape=$2 name=$3 count=$4 report=$work/$1-$2.json started secs
  local entry; entry=$(members "$name" | sed -n 1p)
  "$load" --entry "$entry" --workers 4 --prefix "$mode$shape" --clean > "$report" &
  local pid=$!
  sleep "$phase"; kill -USR1 "$pid"
  started=$(now)
  if [ "$mode" = tool ]; then "$tool" restart --sandbox="$name" --yes >/dev/null 2>&1; else kubectl_style "$name" "$count"; fi
  secs=$(since "$started")
  kill -USR1 "$pid"; sleep "$phase"; kill -TERM "$pid"
  wait "$pid" || true # the load exits 1 when acknowledged writes were lost: that is a result here
  python3 - "$mode" "$shape" "$secs" "$report" <<'PY' | tee -a "$work/rows"
import json, sys
mode, shape, secs, report = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.load(open(sys.argv[4]))
during = report["phases"][1]
print(json.dumps({"mode": mode, "shape": f"{shape}x1", "secs": secs, "failed": report["unacknowledged"],
                  "lost": report["lost"], "acked": report["acknowledged"], "stall_ms": during["longest_stall_ms"]}))
PY
  healthy_again "$name"
}

"$server" --version
for m in $shapes; do
  name=restart-$m
  "$tool" sandbox up --name "$name" --nodes $((2 * m)) --server "$server" >/dev/null
  "$tool" create --sandbox="$name" --replicas 1 --yes >/dev/null
  settle "$name"
done
for ((run = 1; run <= runs; run++)); do
  for m in $shapes; do
    if [ $((run % 2)) -eq 1 ]; then order="kubectl tool"; else order="tool kubectl"; fi
    for mode in $order; do measure "$mode" "$m" "restart-$m" $((2 * m)); done
  done
done

python3 - "$work/rows" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("\nshape  mode     restart   failed writes  lost (acked)  longest stall")
for r in rows:
    print(f'{r["shape"]:<6} {r["mode"]:<8} {r["secs"]:>6.1f}s  {r["failed"]:>13}  {r["lost"]:>12}  {r["stall_ms"]:>10.0f} ms')
for shape in sorted({r["shape"] for r in rows}):
    k = [r for r in rows if r["shape"] == shape and r["mode"] == "kubectl"]
    t = [r for r in rows if r["shape"] == shape and r["mode"] == "tool"]
    bad = lambda rs: sum(r["failed"] + r["lost"] for r in rs)
    stall = lambda rs: max(r["stall_ms"] for r in rs)
    print(f'{shape}: failed+lost tool {bad(t)} vs kubectl {bad(k)}; longest stall tool {stall(t):.0f} ms vs kubectl {stall(k):.0f} ms; '
          f'time tool {sum(r["secs"] for r in t)/len(t):.1f}s vs kubectl {sum(r["secs"] for r in k)/len(k):.1f}s')
PY
