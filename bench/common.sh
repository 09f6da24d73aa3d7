# Helpers the benchmark scripts share (sourced, not run): redis-cli against HOST:PORT, a sandbox's
# members, waiting until they serve, and wall-clock timing.
# shellcheck shell=bash

cli() { local addr=$1; shift; redis-cli -h "${addr%:*}" -p "${addr##*:}" "$@"; }

# members SANDBOX: the sandbox's member addresses, one per line.
members() {
  "$tool" sandbox status --name "$1" -o json |
    python3 -c 'import json,sys; [print(n["addr"]) for n in json.load(sys.stdin)["nodes"]]'
}

# settle SANDBOX: every member in the cluster reports cluster_state:ok (a member that knows only
# itself is not in the cluster yet and is skipped). A node that just joined refuses slots until then.
settle() {
  local addr deadline=$((SECONDS + 120))
  for addr in $(members "$1"); do
    cli "$addr" cluster info | grep -q '^cluster_known_nodes:1\b' && continue
    until cli "$addr" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; do
      [ "$SECONDS" -lt "$deadline" ] || { echo "$addr never reached cluster_state:ok" >&2; exit 1; }
      sleep 0.2
    done
  done
}

now() { python3 -c 'import time; print(time.time())'; }
since() { python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.3f}')" "$1"; }
