#!/usr/bin/env bash
# Benchmark: a planned failover of a Sentinel group under a Sentinel-aware writer at full speed
# (examples/sentinel_load.rs: the redis crate's Sentinel client, 2 writers of unique keys, closed
# loop; after any error it asks the sentinels again). A group of 1 master + 2 replicas + 3
# sentinels (a sandbox, one sentinel beside each member). Alternating between runs:
#   bare — `redis-cli SENTINEL FAILOVER mymaster`, what the seeds do;
#   tool — `kubectl redis failover --yes`.
# For each: acknowledged writes lost (read back from the master the sentinels name after the
# writers stop), failed writes and the window in which they failed, the longest time a writer
# went without an acknowledged write (its writes waiting in a pause or failing), and the time from the command
# until every sentinel names the new master with no failover in progress and every other member
# replicates from it.
# Then `status` and `check` of a group of 1 + 4 replicas + 5 sentinels against the same facts
# gathered with redis-cli (SENTINEL MASTERS/MASTER/REPLICAS/SENTINELS/CKQUORUM on each sentinel,
# INFO on each member, one redis-cli run per question, as the seeds do), in the same run.
#
# --client redis-py runs the same writers under redis-py (bench/sentinel_load.py; installed from
# PyPI into target/bench-py on first use) instead of the redis crate.
#
# Usage: bench/sentinel.sh [--server PATH] [--runs N] [--settle SECONDS] [--client rust|redis-py]
set -euo pipefail
cd "$(dirname "$0")/.."

server=$(command -v redis-server || true)
runs=3
settle=12
client=rust
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --client) client=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$server" ] || { echo "no server binary: pass --server PATH (apt-get install -y redis-server)" >&2; exit 2; }
command -v redis-cli >/dev/null || { echo "redis-cli is needed: apt-get install -y redis-server" >&2; exit 2; }

cargo build --release --quiet --bin kubectl-redis --example sentinel_load
tool=$PWD/target/release/kubectl-redis
case "$client" in
  rust) load=(target/release/examples/sentinel_load) ;;
  redis-py)
    [ -d target/bench-py/redis ] || python3 -m pip install -q --target target/bench-py 'redis==5.0.8'
    load=(env PYTHONPATH="$PWD/target/bench-py" python3 bench/sentinel_load.py) ;;
  *) echo "--client rust or redis-py" >&2; exit 2 ;;
esac
export KUBECTL_REDIS_STATE_DIR=$(mktemp -d)
work=$KUBECTL_REDIS_STATE_DIR
cleanup() {
  for name in sfail sread; do "$tool" sandbox down --name "$name" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/common.sh
source bench/common.sh

sentinels_of() {
  "$tool" sandbox status --name "$1" -o json |
    python3 -c 'import json,sys; print(",".join(n["addr"] for n in json.load(sys.stdin)["sentinels"]))'
}

# agreed SANDBOX OLD: every sentinel names one master other than OLD with no failover in
# progress, and every other member replicates from it with its link up.
agreed() {
  local s master="" named flags m
  for s in ${2//,/ }; do
    named=$(cli "$s" sentinel get-master-addr-by-name mymaster | paste -sd: -)
    flags=$(cli "$s" sentinel master mymaster | awk 'p{print; exit} /^flags$/{p=1}')
    [ "$named" != "$3" ] && [[ "$flags" != *failover* ]] || return 1
    [ -z "$master" ] || [ "$master" = "$named" ] || return 1
    master=$named
  done
  for m in $(members "$1"); do
    [ "$m" = "$master" ] && continue
    cli "$m" info replication | tr -d '\r' | grep -q "^master_host:${master%:*}$" || return 1
    cli "$m" info replication | tr -d '\r' | grep -q '^master_link_status:up$' || return 1
  done
}

current_master() { cli "${1%%,*}" sentinel get-master-addr-by-name mymaster | paste -sd: -; }

"$tool" sandbox up --name sfail --sentinel --nodes 3 --server "$server" >/dev/null
"$tool" create --sentinel --sandbox=sfail --yes >/dev/null 2>&1
sentinels=$(sentinels_of sfail)
echo "failover under a Sentinel-aware writer ($client; $("$server" --version | awk '{print $1, $3}')), $runs run(s) per way"
printf '%-5s %-4s %10s %8s %6s %12s %10s %10s\n' way run acked failed lost window_s longest_s agree_s
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) -eq 1 ]; then order="bare tool"; else order="tool bare"; fi
  for way in $order; do
    "$tool" check --sandbox=sfail >/dev/null 2>&1 || "$tool" fix --sandbox=sfail --yes >/dev/null 2>&1
    "${load[@]}" --sentinels "$sentinels" --workers 2 --prefix "$way$run" >"$work/load.json" &
    pid=$!
    sleep 3
    old=$(current_master "$sentinels")
    started=$(now)
    case "$way" in
      bare) cli "${sentinels%%,*}" sentinel failover mymaster >/dev/null ;;
      tool) "$tool" failover --sandbox=sfail --yes >/dev/null 2>&1 ;;
    esac
    until agreed sfail "$sentinels" "$old"; do sleep 0.1; done
    agree=$(since "$started")
    sleep "$settle"
    kill -TERM "$pid"
    wait "$pid"
    python3 - "$way" "$run" "$agree" "$work/load.json" <<'EOF'
import json, sys
way, run, agree, path = sys.argv[1:5]
r = json.load(open(path))
window = r["failure_window_s"] if r["failure_window_s"] is not None else 0
print(f'{way:<5} {run:<4} {r["acked"]:>10} {r["failed"]:>8} {r["lost"]:>6} {window:>12} {r["longest_gap_s"]:>10} {float(agree):>10.2f}')
EOF
  done
done

"$tool" sandbox up --name sread --sentinel --nodes 5 --server "$server" >/dev/null
"$tool" create --sentinel --sandbox=sread --yes >/dev/null 2>&1
read_sentinels=$(sentinels_of sread)
by_hand() {
  local s m
  for s in ${read_sentinels//,/ }; do
    for q in "sentinel masters" "sentinel master mymaster" "sentinel replicas mymaster" "sentinel sentinels mymaster" "sentinel ckquorum mymaster"; do
      # shellcheck disable=SC2086
      cli "$s" $q >/dev/null
    done
  done
  for m in $(members sread); do cli "$m" info >/dev/null; done
}
time_of() { local t; t=$(now); "$@" >/dev/null 2>&1 || true; since "$t"; }
echo
echo "reading a group of 1 + 4 replicas + 5 sentinels ($runs run(s), alternating)"
printf '%-4s %10s %10s %10s\n' run redis-cli status check
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) -eq 1 ]; then
    a=$(time_of by_hand); b=$(time_of "$tool" status --sandbox=sread); c=$(time_of "$tool" check --sandbox=sread)
  else
    b=$(time_of "$tool" status --sandbox=sread); c=$(time_of "$tool" check --sandbox=sread); a=$(time_of by_hand)
  fi
  printf '%-4s %10s %10s %10s\n' "$run" "$a" "$b" "$c"
done
