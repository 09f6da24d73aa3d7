#!/usr/bin/env bash
# Chaos trials: the tests' seeded chaos scenario, run again and again with new seeds. Each run
# starts a 3×1 Redis cluster with 30,000 keys and a live load (4 writers, SET + INCR), then
# SIGKILLs the tool at a random moment (within about the command's own time) during `scale --masters 4`, a `rebalance`
# weighting one master double, a `reshard` of 2,000 slots and `scale --masters 3` — four
# trials per run — and each time runs the same command again, which must converge: no slot left
# open, no journal left, every acknowledged write and every key there, `check` healthy.
#
# A kill that comes after the command finished proves nothing: the test then undoes the command
# and tries an earlier moment, so every trial ends with a kill mid-command; the summary says how
# many attempts were needed.
#
# Usage: bench/chaos.sh [--runs N (default 5, i.e. 20 trials)] [--seed S]
# A failed run prints its seed; replay it with CHAOS_SEED=S cargo test the_tool_killed_at_random.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
seed=$(date +%s)
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
cargo test --quiet --test cli --no-run 2>/dev/null
echo "chaos: $runs runs of 4 trials, seeds from $seed"
trials=0; attempts=0
for run in $(seq 1 "$runs"); do
  s=$((seed + run))
  log=$(mktemp)
  if ! CHAOS_SEED=$s cargo test --quiet --test cli -- the_tool_killed_at_random --nocapture >"$log" 2>&1; then
    echo "run $run (seed $s): FAILED"; grep -E "killed|panicked|error" "$log" | head -20; rm -f "$log"; exit 1
  fi
  attempts=$((attempts + $(grep -c ' killed after ' "$log")))
  trials=$((trials + $(grep -c 'mid-command: true' "$log")))
  echo "run $run (seed $s): $(grep -E ' killed after ' "$log" | tr '\n' ';') $(grep '^load:' "$log")"
  rm -f "$log"
done
echo "trials: $trials, each killed mid-command (attempts: $attempts), converged on re-run: $trials, acknowledged writes lost: 0"
